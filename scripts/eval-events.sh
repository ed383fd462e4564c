#!/usr/bin/env bash
# PLOVER gold-standard records: prepare one sentence per record, extract, score.
# usage: scripts/eval-events.sh [OUTDIR]   (prints the scorer's table; last line JSON)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
out=${1:-$(mktemp -d)}
mkdir -p "$out/in" "$out/pred"
go build -o "$out/dateline" ./cmd/dateline
python3 "$shared/tools/score/events.py" --prepare "$shared/data/plover-gsr/PLOVER_GSR_CAMEO.txt" "$out/in" >/dev/null
# one process over all records (JSONL), split back into ID.json
"$out/dateline" extract --jsonl "$out/in"/*.txt > "$out/all.jsonl"
python3 - "$out/all.jsonl" "$out/pred" <<'PY'
import json, os, sys
for line in open(sys.argv[1]):
    a = json.loads(line)
    name = os.path.basename(a["source"]["path"])[:-4]
    json.dump(a, open(os.path.join(sys.argv[2], name + ".json"), "w"))
PY
python3 "$shared/tools/score/events.py" "$shared/data/plover-gsr/PLOVER_GSR_CAMEO.txt" "$out/pred"
