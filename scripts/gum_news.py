#!/usr/bin/env python3
"""Write the GUM_news_ documents of a GUM CoNLL-U file (or .conllu.gz) to standard output.

    python3 scripts/gum_news.py ../shared/data/gum/en_gum-ccby-dev.conllu > gum-news-dev.conllu
    python3 scripts/gum_news.py ../shared/data/gum/en_gum-ccby-train.conllu.gz > gum-news-train.conllu
    dateline analyze --from conllu --raw < gum-news-dev.conllu > out.conllu
    python3 ../shared/tools/score/conllu.py --raw gum-news-dev.conllu out.conllu
"""
import gzip
import re
import sys

path = sys.argv[1]
opener = gzip.open if path.endswith(".gz") else open
with opener(path, "rt", encoding="utf-8") as f:
    data = f.read()
out, keep = [], False
for block in data.split("\n\n"):
    m = re.search(r"^# newdoc id = (\S+)", block, re.M)
    if m:
        keep = m.group(1).startswith("GUM_news_")
    if keep and block.strip():
        out.append(block.strip("\n"))
sys.stdout.write("\n\n".join(out) + "\n\n")
