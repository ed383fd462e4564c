#!/usr/bin/env python3
"""Convert MEANTIME CAT XML (token-level TIMEX3) into TempEval-style .tml files
that ../shared/tools/score/timex.py reads, for developing the timex stage.

Usage: meantime2tml.py MEANTIME_DIR OUT_DIR

Text: the tokens joined by single spaces (no space before , . ; : ! ? ) %
and 's/n't, none after ( $), one line per sentence; the creation-time line
(the TIMEX3 with functionInDocument=CREATION_TIME) is left out of the text and
becomes the DCT. Every other TIMEX3 with tokens becomes a TIMEX3 element.
MEANTIME annotates only the first sentences of each article (title, date line
and about four more): the text stops after the last sentence holding any
markable, so that unannotated sentences do not count as false positives.
"""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

NOSPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "%", "'s", "n't", "'"}
NOSPACE_AFTER = {"(", "$"}


def convert(path, out_dir):
    root = ET.parse(path).getroot()
    toks = [(int(t.get("t_id")), int(t.get("sentence")), t.text or "") for t in root.iter("token")]
    timexes = []
    dct = None
    dct_sent = None
    byid = {tid: (s, txt) for tid, s, txt in toks}
    for tx in root.iter("TIMEX3"):
        ids = [int(a.get("t_id")) for a in tx.iter("token_anchor")]
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = tx.get("value")
            if ids:
                dct_sent = byid[ids[0]][0]
            continue
        if ids:
            timexes.append((min(ids), max(ids), tx.get("type", ""), tx.get("value", "")))
    last = -1
    for m in root.find("Markables") or []:
        for a in m.iter("token_anchor"):
            last = max(last, byid[int(a.get("t_id"))][0])
    if not dct:
        print("warning: %s has no creation time; skipped" % path, file=sys.stderr)
        return False
    m = re.match(r"^(\d\d)-(\d\d)-(\d{4})$", dct)
    if m:  # one file gives its creation time as DD-MM-YYYY
        dct = "%s-%s-%s" % (m.group(3), m.group(2), m.group(1))
    starts = {}
    ends = {}
    for a, b, ty, v in timexes:
        starts.setdefault(a, []).append((b, ty, v))
        ends[b] = ends.get(b, 0) + 1
    out = []
    prev_sent = None
    prev_tok = None
    for tid, s, txt in toks:
        if s == dct_sent or s > last:
            continue
        if prev_sent is not None and s != prev_sent:
            out.append("\n")
        elif prev_tok is not None and txt not in NOSPACE_BEFORE and prev_tok not in NOSPACE_AFTER:
            out.append(" ")
        for b, ty, v in starts.get(tid, []):
            out.append('<TIMEX3 tid="t%d" type=%s value=%s>' % (tid, quoteattr(ty), quoteattr(v)))
        out.append(escape(txt))
        out.append("</TIMEX3>" * ends.get(tid, 0))
        prev_sent, prev_tok = s, txt
    name = os.path.splitext(os.path.basename(path))[0]
    with open(os.path.join(out_dir, name + ".tml"), "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" ?>\n<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" value="%s" '
                 'functionInDocument="CREATION_TIME">%s</TIMEX3></DCT>\n<TEXT>' % (dct, dct))
        fh.write("".join(out))
        fh.write("\n</TEXT>\n</TimeML>\n")
    return True


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    files = sorted(glob.glob(os.path.join(src, "corpus_*", "*.xml")))
    if not files:
        print("error: no corpus_*/*.xml under %s" % src, file=sys.stderr)
        return 2
    n = sum(1 for f in files if convert(f, out_dir))
    print("wrote %d .tml files to %s" % (n, out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
