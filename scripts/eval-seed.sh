#!/usr/bin/env bash
# The seed story scored against its hand-made gold analysis.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
tmp=$(mktemp -d)
go run ./cmd/dateline extract --published 2021-09-24 "$shared/examples/seed/article.txt" > "$tmp/seed.json"
python3 "$shared/tools/score/doc.py" -v "$shared/examples/seed/gold.json" "$tmp/seed.json"
