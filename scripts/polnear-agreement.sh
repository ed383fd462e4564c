#!/usr/bin/env bash
# How far two PolNeAR annotators agree with each other, scored exactly as
# dateline is: on the articles of a split that two annotators annotated, the
# second annotator's attributions (alphabetical by annotator id) are written
# as predictions (quotes.py --gold-to-pred) and scored against the first's
# with ../shared/tools/score/quotes.py. The result is the human ceiling for
# the content_overlap_F1 and speaker figures of scripts/eval-quotes.sh.
#
#   scripts/polnear-agreement.sh [SPLIT]   SPLIT = train or dev (default train)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
split=${1:-train}
src=$shared/data/polnear/$split
[ -d "$src/attributions" ] || { echo "polnear-agreement: $src/attributions not found" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"/{a,b}/{attributions,text}
n=0
# NAME_ANNOTATOR.ann: the names annotated twice or more
for name in $(ls "$src/attributions" | sed -n 's/_[^_]*\.ann$//p' | sort | uniq -d); do
	anns=$(ls "$src/attributions/${name}"_*.ann | sort)
	first=$(echo "$anns" | sed -n 1p)
	second=$(echo "$anns" | sed -n 2p)
	cp "$first" "$tmp/a/attributions/"
	cp "$second" "$tmp/b/attributions/"
	cp "$src/text/$name.txt" "$tmp/a/text/"
	cp "$src/text/$name.txt" "$tmp/b/text/"
	n=$((n + 1))
done
[ "$n" -gt 0 ] || { echo "polnear-agreement: no article of $split has two annotators" >&2; exit 1; }
echo "articles annotated twice in $split: $n"
python3 "$shared/tools/score/quotes.py" --gold-to-pred "$tmp/b" "$tmp/pred" > /dev/null
python3 "$shared/tools/score/quotes.py" "$tmp/a" "$tmp/pred"
