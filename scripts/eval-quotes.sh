#!/usr/bin/env bash
# Quote / attribution extraction on PolNeAR (../shared/data/polnear; develop on
# train/dev, the test split only for the final figure): the texts written by
# quotes.py --prepare, one `dateline extract --verbatim --jsonl` over all of
# them (split into PRED_DIR/NAME.json by source.path), scored with
# ../shared/tools/score/quotes.py.
#
#   scripts/eval-quotes.sh [SPLIT]   SPLIT = train, dev or test (default dev)
#   OUT=dir   keeps texts, predictions and stderr (with --timing) in dir
#   SRC=head  builds the committed HEAD (git archive) instead of the work tree
#   J=n       articles analysed in parallel (default 1)
#   extra arguments after SPLIT are passed to the scorer (--annotator ID)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
split=${1:-dev}
[ $# -gt 0 ] && shift
gold=$shared/data/polnear/$split
[ -d "$gold/attributions" ] || { echo "eval-quotes: $gold/attributions not found" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=${OUT:-$tmp/out}
mkdir -p "$out/in" "$out/pred"
rm -f "$out"/pred/*.json
if [ "${SRC:-}" = head ]; then
	mkdir "$tmp/src"
	git archive HEAD | tar -x -C "$tmp/src"
	(cd "$tmp/src" && go build -o "$tmp/dateline" ./cmd/dateline)
else
	go build -o "$tmp/dateline" ./cmd/dateline
fi
python3 "$shared/tools/score/quotes.py" --prepare "$gold" "$out/in" > /dev/null
start=$(date +%s.%N)
"$tmp/dateline" extract -j "${J:-1}" --timing --verbatim --jsonl "$out"/in/*.txt > "$out/extract.jsonl" 2> "$out/extract.err" || true
end=$(date +%s.%N)
python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
for line in open(os.path.join(out, "extract.jsonl"), encoding="utf-8"):
    a = json.loads(line)
    name = os.path.basename(a["source"]["path"])[:-4]
    with open(os.path.join(out, "pred", name + ".json"), "w", encoding="utf-8") as f:
        f.write(line)
PY
echo "extracted $(ls "$out/pred" | wc -l) articles in $(printf '%.1f' "$(echo "$end - $start" | bc)") s; stage times:" >&2
cat "$out/extract.err" >&2
python3 "$shared/tools/score/quotes.py" "$@" "$gold" "$out/pred"
