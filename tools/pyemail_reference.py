#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Reference decoding of Subject/From by CPython's email package, for the differential test.
"""Prints one JSON line per single-message mail file under DATA_DIR:

    {"file": <path relative to DATA_DIR>, "subject": str|null, "from_address": str|null,
     "from_name": str|null, "error": str|null}

using email.message_from_bytes(data, policy=email.policy.default). null means the header is
absent (or CPython raised; then "error" says what). Only the corpora named in DIRS are read;
files that are expected outputs of other tools (.xml, .out, ...) or hold several messages
(mbox) are skipped. Standard library only.
"""
import email
import email.policy
import json
import os
import re
import sys

DIRS = [
    "cpython-email", "stalwart-mail-parser", "spamassassin-nice", "spamscope-mail-parser",
    "public-inbox", "notmuch-corpora", "mime4j", "ksummit-crosspost-tvm-2021-09",
]
SKIP_EXT = {".xml", ".out", ".bin", ".json", ".py", ".md", ".mbox", ".gz", ".html", ".pdf",
            ".png", ".jpg", ".sh", ".c", ".h", ".java"}
FROM_LINE = re.compile(rb"^From \S+.*\d\d:\d\d", re.M)
HEADER_START = re.compile(rb"^(From |[!-9;-~]+:)")


def is_single_message(rel, data):
    ext = os.path.splitext(rel)[1].lower()
    if ext in SKIP_EXT:
        return False
    if rel.startswith("mime4j/") and ext != ".msg":
        return False  # mime4j's tree also holds decoded parts and expected outputs
    if not HEADER_START.match(data):
        return False
    return len(FROM_LINE.findall(data)) <= 1


def decode(data):
    out = {"subject": None, "from_address": None, "from_name": None, "error": None}
    msg = email.message_from_bytes(data, policy=email.policy.default)
    try:
        s = msg["subject"]
        if s is not None:
            out["subject"] = str(s)
    except Exception as e:  # noqa: BLE001 - CPython raises many kinds on junk
        out["error"] = "subject: %s" % type(e).__name__
    try:
        f = msg["from"]
        if f is not None:
            addrs = f.addresses
            if addrs:
                out["from_address"] = addrs[0].addr_spec
                out["from_name"] = addrs[0].display_name
            else:
                out["from_address"] = ""
                out["from_name"] = ""
    except Exception as e:  # noqa: BLE001
        out["error"] = "from: %s" % type(e).__name__
    return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "data"
    for d in DIRS:
        base = os.path.join(root, d)
        paths = []
        for dirpath, _, files in os.walk(base):
            for name in files:
                paths.append(os.path.join(dirpath, name))
        for path in sorted(paths):
            rel = os.path.relpath(path, root)
            with open(path, "rb") as fh:
                data = fh.read()
            if not is_single_message(rel, data):
                continue
            rec = {"file": rel}
            try:
                rec.update(decode(data))
            except Exception as e:  # noqa: BLE001
                rec.update({"subject": None, "from_address": None, "from_name": None,
                            "error": "parse: %s" % type(e).__name__})
            print(json.dumps(rec, sort_keys=True))


if __name__ == "__main__":
    main()
