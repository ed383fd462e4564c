#!/usr/bin/env python3
"""Write the GUM_news_ documents of a GUM CoNLL-U file to standard output.

    python3 scripts/gum_news.py ../shared/data/gum/en_gum-ccby-test.conllu > gum-news-test.conllu
    dateline analyze --from conllu --raw < gum-news-test.conllu > out.conllu
    python3 ../shared/tools/score/conllu.py --raw gum-news-test.conllu out.conllu
"""
import re
import sys

out, keep = [], False
for block in open(sys.argv[1], encoding="utf-8").read().split("\n\n"):
    m = re.search(r"^# newdoc id = (\S+)", block, re.M)
    if m:
        keep = m.group(1).startswith("GUM_news_")
    if keep and block.strip():
        out.append(block.strip("\n"))
sys.stdout.write("\n\n".join(out) + "\n\n")
