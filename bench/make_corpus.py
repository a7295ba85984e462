#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Builds the benchmark mbox: real ASF archives from ../shared/data repeated to a target size.

Each copy rewrites the ids in Message-ID, In-Reply-To and References ("<x@y>" -> "<cN.x@y>")
so that every copy's messages stay unique and thread among themselves.
Usage: make_corpus.py OUT.mbox [MEGABYTES]
       make_corpus.py --split OUTDIR [MEGABYTES]   one file per archive and copy (OUTDIR/cNNNN-<archive>),
                                                   as a directory of month files would be
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "shared", "data", "ponymail-unit-tests")
SOURCES = [
    "maven-dev-2017-11-listsao.mbox", "maven-dev-2017-12-listsao.mbox",
    "maven-dev-2017-11-mailarchivesao.mbox", "maven-dev-2017-12-mailarchivesao.mbox",
    "maven-dev-2017-11-mboxvm.mbox", "maven-dev-2017-12-mboxvm.mbox",
    "httpd-users-2020-07.mbox", "httpd-users-2020-07.asf.mbox",
    "asterix-dev-201709-mailarchivesao.mbox",
]
ID_HEADER = re.compile(rb"^(message-id|in-reply-to|references):", re.I)


def rewrite(data, copy):
    out = []
    in_headers = False
    in_id_field = False
    tag = b"<c%d." % copy
    for line in data.splitlines(keepends=True):
        if line.startswith(b"From ") and (not out or out[-1] in (b"\n", b"\r\n")):
            in_headers = True
            in_id_field = False
        elif in_headers:
            if line in (b"\n", b"\r\n"):
                in_headers = False
                in_id_field = False
            elif line[:1] in (b" ", b"\t"):
                pass  # continuation: keeps in_id_field
            else:
                in_id_field = bool(ID_HEADER.match(line))
            if in_id_field:
                line = line.replace(b"<", tag)
        out.append(line)
    return b"".join(out)


def main():
    args = sys.argv[1:]
    split = bool(args) and args[0] == "--split"
    if split:
        args = args[1:]
    out_path = args[0]
    target = int(args[1]) if len(args) > 1 else 200
    sources = [open(os.path.join(DATA, s), "rb").read() for s in SOURCES]
    for s in sources:
        if not s.endswith(b"\n"):
            raise SystemExit("source without final newline")
    written = 0
    copy = 0
    if split:
        os.makedirs(out_path, exist_ok=True)
        while written < target * 1000 * 1000:
            for name, s in zip(SOURCES, sources):
                chunk = rewrite(s, copy)
                with open(os.path.join(out_path, "c%04d-%s" % (copy, name)), "wb") as f:
                    f.write(chunk)
                written += len(chunk)
            copy += 1
        print(f"{out_path}: {written / 1e6:.0f} MB in {copy * len(SOURCES)} files")
        return
    with open(out_path + ".tmp", "wb") as f:
        while written < target * 1000 * 1000:
            for s in sources:
                chunk = rewrite(s, copy)
                f.write(chunk)
                f.write(b"\n")
                written += len(chunk) + 1
            copy += 1
    os.replace(out_path + ".tmp", out_path)
    print(f"{out_path}: {written / 1e6:.0f} MB, {copy} copies of {len(SOURCES)} archives")


if __name__ == "__main__":
    main()
