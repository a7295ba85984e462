#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Builds the benchmark mbox: real ASF archives from ../shared/data repeated to a target size.

One variant of each archive month (not the lists.apache.org, mod_mbox and mbox-vm copies of the
same month, whose messages quorum drops as duplicates), so every message is parsed: Maven dev
2017-11 and 2017-12, httpd users 2020-07 and AsterixDB dev 2017-09, 4.85 MB a copy (42 copies
for 200 MB). Each copy rewrites the ids in Message-ID, In-Reply-To and References
("<x@y>" -> "<cN.x@y>") so that every copy's messages stay unique and thread among themselves.
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
    "httpd-users-2020-07.mbox", "asterix-dev-201709-mailarchivesao.mbox",
]
ID_HEADER = re.compile(rb"^(message-id|in-reply-to|references):", re.I)
MESSAGE_ID = re.compile(rb"^message-id:", re.I)


def split_messages(data):
    """The messages of an mbox: lists of lines, each starting at a "From " line after a blank one."""
    messages = []
    previous = None
    for line in data.splitlines(keepends=True):
        if line.startswith(b"From ") and (previous is None or previous in (b"\n", b"\r\n")):
            messages.append([])
        if messages:
            messages[-1].append(line)
        previous = line
    return messages


def unique_messages(data, name):
    """The archive without its repeated deliveries, and with a Message-ID in every message.

    Real archives hold a few messages twice (same Message-ID, author and date; quorum keeps one)
    and a few without Message-ID (quorum derives one from their content, so it would be the
    same in every copy). Both would be work the benchmark counts but quorum skips.
    """
    seen = set()
    out = []
    for index, lines in enumerate(split_messages(data)):
        message_id = None
        for i, line in enumerate(lines[1:], 1):
            if line in (b"\n", b"\r\n"):
                break
            if MESSAGE_ID.match(line):
                value = line.split(b":", 1)[1]
                for more in lines[i + 1:]:
                    if more[:1] not in (b" ", b"\t"):
                        break
                    value += more
                message_id = value.strip()
                break
        if message_id is None:
            eol = b"\r\n" if lines[0].endswith(b"\r\n") else b"\n"
            lines.insert(1, b"Message-ID: <bench-%d.%s@corpus.invalid>%s" % (index, name.encode(), eol))
        elif message_id in seen:
            continue
        else:
            seen.add(message_id)
        out.extend(lines)
    return b"".join(out)


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
    sources = [unique_messages(s, name) for name, s in zip(SOURCES, sources)]
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
