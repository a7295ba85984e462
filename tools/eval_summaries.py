#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Scores quorum's discussion summaries against the reader labels in tests/labels/.

For every labelled discussion it runs `quorum positions --format json` on the label file's
sources, finds the discussion that holds the labelled thread, and counts:
  - precision: recurring positions (the arguments shown) that match a reader's point;
  - recall: reader points (all, and the `major` ones) matched by some recurring position;
  - sides: the people in summary.support / summary.oppose against the labelled ones.
A position matches a point when its label or one of its holders' quotes shares a run of
four words with one of the point's evidence snippets (or contains it, or is contained in it),
case and whitespace folded. This is deliberately strict: a position that only talks about
the same topic in other words is not a match.

Usage: tools/eval_summaries.py [--quorum build/cli/quorum] [--data ../shared/data]
                               [--verbose] [--min-precision P] [--min-recall R]
                               [--min-major-recall R] [--min-sides S] [labels.json ...]
With --min-*, exits 1 when a figure is below its floor (the summary_labels test in CTest),
and 77 when the shared data is absent and CI is not set (CTest counts it as skipped).
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def words(s):
    return re.findall(r"[\w'.+-]+", s.lower())


def shingles(ws, n=4):
    return {tuple(ws[i:i + n]) for i in range(max(0, len(ws) - n + 1))}


def text_match(a, b):
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    ja, jb = " ".join(wa), " ".join(wb)
    if len(wb) >= 3 and jb in ja:
        return True
    if len(wa) >= 3 and ja in jb:
        return True
    n = min(4, len(wa), len(wb))
    return n >= 3 and bool(shingles(wa, n) & shingles(wb, n))


def position_texts(p):
    out = [p.get("label", "")]
    for h in p.get("holders", []):
        if h.get("quote"):
            out.append(h["quote"])
    return [t for t in out if t]


def matches(position, point):
    for t in position_texts(position):
        for ev in point["evidence"]:
            if text_match(t, ev["snippet"]):
                return True
    return False


def person_key(e):
    return (e.get("address") or "").lower() or (e.get("name") or "").lower()


def same_person(a, b):
    aa, ba = (a.get("address") or "").lower(), (b.get("address") or "").lower()
    an, bn = (a.get("name") or "").lower(), (b.get("name") or "").lower()
    return (aa and aa == ba) or (an and an == bn)


def find_discussion(discussions, root):
    for d in discussions:
        if root in d.get("thread_ids", []):
            return d
    # A labelled sub-thread that quorum did not split off: the discussion holding the message.
    for d in discussions:
        for p in d.get("positions", []):
            for h in p.get("holders", []):
                if root in h.get("message_ids", []):
                    return d
    return None


def run_quorum(quorum, data, sources, cache):
    key = tuple(sources)
    if key not in cache:
        paths = [os.path.join(data, s) for s in sources]
        r = subprocess.run([quorum, "positions", "--quiet", "--format", "json"] + paths,
                           capture_output=True, text=True)
        if r.returncode not in (0, 3):
            sys.exit("eval: quorum positions failed: " + r.stderr)
        cache[key] = json.loads(r.stdout)["discussions"]
    return cache[key]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quorum", default=os.path.join(ROOT, "build", "cli", "quorum"))
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--min-precision", type=float, default=0)
    ap.add_argument("--min-recall", type=float, default=0)
    ap.add_argument("--min-major-recall", type=float, default=0)
    ap.add_argument("--min-sides", type=float, default=0)
    ap.add_argument("labels", nargs="*")
    args = ap.parse_args()
    if not os.path.isdir(args.data):
        if os.environ.get("CI"):
            sys.exit("FAIL: shared test data missing: " + args.data + " (CI is set)")
        print("SKIP: shared test data missing: " + args.data)
        sys.exit(77)
    files = args.labels or sorted(glob.glob(os.path.join(ROOT, "tests", "labels", "*.json")))
    cache = {}
    tot = dict(shown=0, shown_ok=0, points=0, points_ok=0, major=0, major_ok=0,
               side_lab=0, side_found=0, side_shown=0, side_right=0)
    print("%-44s %5s %5s %7s %7s %7s" % ("discussion", "shown", "real", "recall", "major", "sides"))
    for f in files:
        lab = json.load(open(f))
        ds = run_quorum(args.quorum, args.data, lab["sources"], cache)
        for ld in lab["discussions"]:
            d = find_discussion(ds, ld["thread_root"])
            shown = [p for p in (d or {}).get("positions", []) if p.get("recurring")]
            ok = [p for p in shown if any(matches(p, pt) for pt in ld["points"])]
            hit = [pt for pt in ld["points"] if any(matches(p, pt) for p in shown)]
            major = [pt for pt in ld["points"] if pt.get("major")]
            major_hit = [pt for pt in major if pt in hit]
            summ = (d or {}).get("summary") or {}
            lab_sides = [(e, "for") for e in ld.get("support", [])] + \
                        [(e, "against") for e in ld.get("oppose", [])]
            shown_sides = [(e, "for") for e in summ.get("support", [])] + \
                          [(e, "against") for e in summ.get("oppose", [])]
            right = sum(1 for e, s in shown_sides
                        if any(same_person(e, le) and s == ls for le, ls in lab_sides))
            found = sum(1 for le, ls in lab_sides
                        if any(same_person(e, le) and s == ls for e, s in shown_sides))
            tot["shown"] += len(shown)
            tot["shown_ok"] += len(ok)
            tot["points"] += len(ld["points"])
            tot["points_ok"] += len(hit)
            tot["major"] += len(major)
            tot["major_ok"] += len(major_hit)
            tot["side_lab"] += len(lab_sides)
            tot["side_found"] += found
            tot["side_shown"] += len(shown_sides)
            tot["side_right"] += right
            name = ld["subject"][:44] if d else ld["subject"][:36] + " MISSING"
            print("%-44s %5d %5d %3d/%-3d %3d/%-3d %3d/%d,%d" % (
                name, len(shown), len(ok), len(hit), len(ld["points"]), len(major_hit),
                len(major), right, len(shown_sides), len(lab_sides)))
            if args.verbose:
                for p in shown:
                    m = [pt["id"] for pt in ld["points"] if matches(p, pt)]
                    print("    %-6s %s" % (",".join(m) or "-", p.get("label", "")[:110]))
                for pt in ld["points"]:
                    if pt not in hit:
                        print("    MISSED %s%s: %s" % (pt["id"], "*" if pt.get("major") else "",
                                                      pt["point"][:100]))
    def ratio(a, b):
        return a / b if b else 0.0
    print()
    print("precision %d/%d = %.2f" % (tot["shown_ok"], tot["shown"], ratio(tot["shown_ok"], tot["shown"])))
    print("recall (all points) %d/%d = %.2f" % (tot["points_ok"], tot["points"],
                                               ratio(tot["points_ok"], tot["points"])))
    print("recall (major points) %d/%d = %.2f" % (tot["major_ok"], tot["major"],
                                                 ratio(tot["major_ok"], tot["major"])))
    print("sides: precision %d/%d = %.2f, recall %d/%d = %.2f" % (
        tot["side_right"], tot["side_shown"], ratio(tot["side_right"], tot["side_shown"]),
        tot["side_found"], tot["side_lab"], ratio(tot["side_found"], tot["side_lab"])))
    floors = [("precision", ratio(tot["shown_ok"], tot["shown"]), args.min_precision),
              ("recall", ratio(tot["points_ok"], tot["points"]), args.min_recall),
              ("major recall", ratio(tot["major_ok"], tot["major"]), args.min_major_recall),
              ("side precision", ratio(tot["side_right"], tot["side_shown"]), args.min_sides)]
    low = [(n, v, f) for n, v, f in floors if v + 1e-9 < f]
    for n, v, f in low:
        print("FAIL: %s %.2f is below its floor %.2f" % (n, v, f))
    sys.exit(1 if low else 0)


if __name__ == "__main__":
    main()
