#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Checks tests/labels/*.json against the mail they were read from: ids exist, snippets are verbatim.
"""Usage: tools/check_labels.py [--data DIR] [LABEL.json ...]

For every label file (default: tests/labels/*.json) this loads each source named in
"sources" (paths relative to the data directory, default /work/shared/data): an mbox
file, or a directory whose files are single messages (.eml, Maildir, notmuch corpora).
It then checks, independently of quorum, with Python's mailbox and email packages:

  * every message_id named (thread_root, support, oppose, evidence) exists in a source;
  * every evidence snippet is a substring of that message's decoded text/plain body
    after collapsing runs of whitespace to one space, and occurs in the author's own
    text: the body without lines that start with '>' (quoted text);
  * the evidence name shares a word with the message's From header;
  * snippets are 10-200 characters, point ids are unique, sides are valid, every
    point says whether it is major, and a discussion has at most 7 major points.

Exits 1 and prints every problem if any check fails; prints a per-discussion count
of points and evidence otherwise.
"""

import argparse
import email
import email.policy
import glob
import json
import mailbox
import os
import re
import sys

SIDES = {"for", "against", "neutral", "amend"}


def collapse(text):
    return re.sub(r"\s+", " ", text).strip()


def plain_body(msg):
    """The first text/plain part that is not an attachment, decoded to str."""
    for part in msg.walk():
        if part.get_content_type() != "text/plain" or part.get_filename():
            continue
        try:
            return part.get_content()
        except (LookupError, ValueError, AssertionError):
            payload = part.get_payload(decode=True) or b""
            return payload.decode("utf-8", "replace")
    return ""


def read_message(path):
    with open(path, "rb") as handle:
        return email.message_from_binary_file(handle, policy=email.policy.default)


def load_source(path):
    """Yields (message-id, message) for an mbox file or a directory of messages."""
    if os.path.isdir(path):
        for root, _, files in sorted(os.walk(path)):
            for name in sorted(files):
                msg = read_message(os.path.join(root, name))
                yield str(msg["message-id"] or ""), msg
    else:
        box = mailbox.mbox(
            path,
            factory=lambda fp: email.message_from_binary_file(fp, policy=email.policy.default),
            create=False)
        for msg in box:
            yield str(msg["message-id"] or ""), msg


def normalise_id(raw):
    return raw.strip().strip("<>").strip()


def is_own(line):
    """False for quoted lines; '>From ' is mbox From-escaping of the author's own line."""
    stripped = line.lstrip()
    return not stripped.startswith(">") or stripped.startswith(">From ")


def words(text):
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 1}


def check_file(label_path, data_dir):
    problems = []
    with open(label_path, encoding="utf-8") as handle:
        labels = json.load(handle)
    messages = {}
    for source in labels["sources"]:
        for mid, msg in load_source(os.path.join(data_dir, source)):
            messages.setdefault(normalise_id(mid), msg)

    def need(mid, where):
        if normalise_id(mid) not in messages:
            problems.append(f"{where}: message {mid} not in sources")
            return None
        return messages[normalise_id(mid)]

    summary = []
    for disc in labels["discussions"]:
        tag = f"{os.path.basename(label_path)} [{disc['subject'][:40]}]"
        need(disc["thread_root"], tag + " thread_root")
        for side in ("support", "oppose"):
            for who in disc.get(side, []):
                need(who["message_id"], f"{tag} {side} {who['name']}")
        seen_ids = set()
        evidence_count = 0
        for point in disc["points"]:
            ptag = f"{tag} {point['id']}"
            if point["id"] in seen_ids:
                problems.append(f"{ptag}: duplicate point id")
            seen_ids.add(point["id"])
            if not isinstance(point.get("major"), bool):
                problems.append(f"{ptag}: 'major' must be true or false")
            if point["side"] not in SIDES:
                problems.append(f"{ptag}: bad side {point['side']!r}")
            if not point["evidence"]:
                problems.append(f"{ptag}: no evidence")
            for ev in point["evidence"]:
                evidence_count += 1
                msg = need(ev["message_id"], ptag)
                if msg is None:
                    continue
                snippet = collapse(ev["snippet"])
                if not 10 <= len(snippet) <= 200:
                    problems.append(f"{ptag}: snippet length {len(snippet)}: {snippet[:50]!r}")
                body = plain_body(msg)
                own = "\n".join(l for l in body.splitlines() if is_own(l))
                if snippet not in collapse(body):
                    problems.append(f"{ptag}: snippet not in body of {ev['message_id']}: "
                                    f"{snippet[:80]!r}")
                elif snippet not in collapse(own):
                    problems.append(f"{ptag}: snippet only in quoted text of "
                                    f"{ev['message_id']}: {snippet[:80]!r}")
                if not words(ev["name"]) & words(str(msg["from"] or "")):
                    problems.append(f"{ptag}: name {ev['name']!r} not in From "
                                    f"{msg['from']!r}")
        majors = sum(1 for point in disc["points"] if point.get("major"))
        if majors > 7:
            problems.append(f"{tag}: {majors} major points, at most 7")
        summary.append(f"{tag}: {len(disc['points'])} points ({majors} major), "
                       f"{evidence_count} evidence, "
                       f"{len(disc.get('support', []))} support, "
                       f"{len(disc.get('oppose', []))} oppose")
    return problems, summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="/work/shared/data")
    parser.add_argument("labels", nargs="*")
    args = parser.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    files = args.labels or sorted(glob.glob(os.path.join(here, "..", "tests", "labels", "*.json")))
    all_problems = []
    for path in files:
        problems, summary = check_file(path, args.data)
        all_problems += problems
        print("\n".join(summary))
    if all_problems:
        print("\n".join(["", f"{len(all_problems)} problem(s):"] + all_problems))
        return 1
    print("all labels check out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
