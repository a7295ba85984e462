#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Baseline for the benchmark: parse every message of an mbox with CPython's email package."""
import email
import email.policy
import mailbox
import sys

n = 0
for msg in mailbox.mbox(sys.argv[1], factory=lambda f: email.message_from_binary_file(f, policy=email.policy.default)):
    msg.get("Message-ID"), msg.get("References"), msg.get("Subject"), msg.get("From")
    n += 1
print(n)
