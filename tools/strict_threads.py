#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Reference threader for tests: a strict References/In-Reply-To threader, independent of quorum.

Reads mbox files with Python's mailbox and email packages, links every message to every id in
its References and In-Reply-To headers (union-find), and prints one JSON object:
{"<message-id>": "<smallest message-id of its thread>"} for every message that has a
Message-ID. Two messages are in one thread exactly when a chain of references joins them,
which is what a JWZ threader without subject grouping must produce.
"""
import email
import email.policy
import json
import mailbox
import re
import sys

ID = re.compile(r"<([^<>\s]+@[^<>\s]+)>")


def main(paths):
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    messages = set()
    for path in paths:
        for msg in mailbox.mbox(path, factory=lambda f: email.message_from_binary_file(f, policy=email.policy.compat32)):
            mid = ID.findall(str(msg.get("Message-ID", "")).replace(" ", ""))
            if not mid:
                continue
            mid = mid[0]
            messages.add(mid)
            find(mid)
            for header in ("References", "In-Reply-To"):
                for ref in ID.findall(str(msg.get(header, ""))):
                    union(mid, ref)
    json.dump({m: find(m) for m in sorted(messages)}, sys.stdout, indent=0, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
