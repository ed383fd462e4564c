#!/bin/sh
# eval-timex.sh SET [OUTDIR] — score the timex stage with ../shared/tools/score/timex.py.
#   SET: tbaq (TimeBank + AQUAINT, development), timebank, aquaint,
#        meantime (MEANTIME English, converted by scripts/meantime2tml.py; development),
#        platinum (TempEval-3 platinum test: the final figure only).
# Prints the scorer's table; its last line is the JSON of figures.
# FAST=1 predicts with the timex package's TestDevPredict (tokenize + pos +
# timex, the stages timex reads; same output as the full program, much
# faster) instead of building and running dateline extract per file.
# To score a clean HEAD while the shared tree is mid-edit, run the script
# from an export: git archive HEAD | tar -x -C DIR; SHARED=$PWD/../shared DIR/scripts/eval-timex.sh SET
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
set_=${1:?usage: eval-timex.sh tbaq|timebank|aquaint|meantime|platinum [OUTDIR]}
out=${2:-$(mktemp -d /tmp/eval-timex.XXXXXX)}
score=$shared/tools/score/timex.py
te3=$shared/data/tempeval3
mkdir -p "$out"
bin=$out/dateline
if [ "${FAST:-}" != 1 ]; then
	(cd "$here" && go build -o "$bin" ./cmd/dateline)
fi
case $set_ in
tbaq)
	mkdir -p "$out/gold"
	cp "$te3"/TBAQ-cleaned/TimeBank/*.tml "$te3"/TBAQ-cleaned/AQUAINT/*.tml "$out/gold/"
	gold=$out/gold ;;
timebank) gold=$te3/TBAQ-cleaned/TimeBank ;;
aquaint) gold=$te3/TBAQ-cleaned/AQUAINT ;;
meantime)
	python3 "$here/scripts/meantime2tml.py" "$shared/data/meantime/intra-doc_annotation" "$out/gold" >/dev/null
	gold=$out/gold ;;
platinum) gold=$te3/te3-platinum ;;
*) echo "eval-timex.sh: unknown set $set_" >&2; exit 2 ;;
esac
python3 "$score" --prepare "$gold" "$out/in" >/dev/null
mkdir -p "$out/pred"
if [ "${FAST:-}" = 1 ]; then
	(cd "$here" && GOMAXPROCS=1 TIMEX_DEV_IN="$out/in" TIMEX_DEV_OUT="$out/pred" nice -n 10 \
		go test -count=1 -run '^TestDevPredict$' ./internal/timex/ >/dev/null)
else
	for f in "$out"/in/*.txt; do
		n=$(basename "$f" .txt)
		GOMAXPROCS=1 nice -n 10 "$bin" extract -j 1 --verbatim --published "$(cat "$out/in/$n.dct")" "$f" >"$out/pred/$n.json" ||
			echo "eval-timex.sh: extract failed on $f" >&2
	done
fi
python3 "$score" ${PER_FILE:+--per-file} "$gold" "$out/pred"
