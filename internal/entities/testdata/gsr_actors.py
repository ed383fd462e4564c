#!/usr/bin/env python3
"""Actor-coding measure over the PLOVER gold-standard records, on `dateline
extract` output (the whole pipeline): the share of gold source/target actors
with a 3-letter country code whose actorText matches (events.py's text_match)
a mention of a predicted entity carrying that country.

Usage (from the repository root):
  python3 ../shared/tools/score/events.py --prepare ../shared/data/plover-gsr/PLOVER_GSR_CAMEO.txt /tmp/gsr
  for f in /tmp/gsr/*.txt; do ./dateline extract "$f" > "${f%.txt}.json"; done
  python3 internal/entities/testdata/gsr_actors.py ../shared/data/plover-gsr/PLOVER_GSR_CAMEO.txt /tmp/gsr

The record selection, country-code normalisation and text matching are
events.py's own (imported from ../shared/tools/score, or $SCORE_DIR).
"""
import importlib.util
import json
import os
import sys


def load_events_module():
    here = os.path.dirname(os.path.abspath(__file__))
    cands = [os.environ.get("SCORE_DIR") or "", os.path.join(here, "..", "..", "..", "..", "shared", "tools", "score"),
             os.path.join(os.getcwd(), "..", "shared", "tools", "score")]
    for d in cands:
        p = os.path.join(d, "events.py")
        if d and os.path.exists(p):
            spec = importlib.util.spec_from_file_location("events_score", p)
            m = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(m)
            return m
    sys.exit("error: events.py not found; set SCORE_DIR")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    ev = load_events_module()
    recs = ev.read_gsr(sys.argv[1])
    scored, _, _ = ev.gold_records(recs, set())
    total = found = missing = 0
    for r in scored:
        p = os.path.join(sys.argv[2], r["file"] + ".json")
        try:
            with open(p, encoding="utf-8") as fh:
                obj = json.load(fh)
        except (OSError, ValueError):
            missing += 1
            obj = {}
        text = obj.get("text") or ""
        ents = obj.get("entities") or []
        for a in r["source"] + r["target"]:
            code = ev.country_code(a.get("code"))
            if not code:
                continue
            total += 1
            ok = False
            for e in ents:
                if str(e.get("country") or "").upper() != code:
                    continue
                for m in e.get("mentions") or []:
                    t = m.get("text") or text[m.get("start", 0):m.get("end", 0)]
                    if ev.text_match(a.get("actorText"), t):
                        ok = True
                        break
                if ok:
                    break
            found += ok
    share = found / total if total else 0.0
    print("records %d, predictions missing %d, country-coded gold actors %d, found with that country %d: %.4f"
          % (len(scored), missing, total, found, share))
    print(json.dumps({"records": len(scored), "actors": total, "found": found, "share": round(share, 6)}))


if __name__ == "__main__":
    main()
