#!/usr/bin/env bash
# HTML article-body extraction on the article-extraction benchmark
# (../shared/data/article-extraction, evaluation only): `dateline extract` on
# every page, the article objects written as PRED_DIR/ID.json, scored with
# ../shared/tools/score/extraction.py (word 4-shingle precision, recall, F1).
#
#   scripts/eval-extraction.sh            one `dateline extract --jsonl` over all pages
#   PER_PAGE=1 scripts/eval-extraction.sh one `dateline extract PAGE.html.gz` per page
#   OUT=dir  keeps the predictions and stderr in dir (default: a temporary dir)
#   SRC=head builds the committed HEAD (git archive) instead of the work tree
#   --per-doc (any extra arguments) is passed to the scorer
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
data=$shared/data/article-extraction
[ -d "$data/html" ] || { echo "eval-extraction: $data/html not found" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=${OUT:-$tmp/out}
mkdir -p "$out/pred"
rm -f "$out"/pred/*.json
if [ "${SRC:-}" = head ]; then
	mkdir "$tmp/src"
	git archive HEAD | tar -x -C "$tmp/src"
	(cd "$tmp/src" && go build -o "$tmp/dateline" ./cmd/dateline)
else
	go build -o "$tmp/dateline" ./cmd/dateline
fi

start=$(date +%s.%N)
if [ "${PER_PAGE:-0}" = 1 ]; then
	for page in "$data"/html/*.html.gz; do
		id=$(basename "$page" .html.gz)
		"$tmp/dateline" extract --jsonl "$page" > "$out/pred/$id.json" 2>> "$out/extract.err" || rm -f "$out/pred/$id.json"
	done
else
	"$tmp/dateline" extract --jsonl "$data"/html/*.html.gz > "$out/extract.jsonl" 2> "$out/extract.err" || true
	python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
for line in open(os.path.join(out, "extract.jsonl"), encoding="utf-8"):
    a = json.loads(line)
    path = a["source"]["path"]
    ident = os.path.basename(path).split(".")[0]
    with open(os.path.join(out, "pred", ident + ".json"), "w", encoding="utf-8") as f:
        f.write(line)
PY
fi
end=$(date +%s.%N)
n=$(ls "$out/pred" | wc -l)
echo "extracted $n of $(ls "$data"/html/*.html.gz | wc -l) pages in $(printf '%.1f' "$(echo "$end - $start" | bc)") s (pipeline included); problems: $(wc -l < "$out/extract.err")" >&2
python3 "$shared/tools/score/extraction.py" "$@" "$data/ground-truth.json" "$out/pred"
