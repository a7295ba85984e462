#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Baseline for the benchmark: CPython's email package doing the work of `quorum messages`.

Splits the mbox, decodes Subject, From (addresses), Date, Message-ID, In-Reply-To and
References, decodes the first text/plain part that is not an attachment to str and counts its
lines starting with "+1". Prints the totals.
"""
import email
import email.policy
import mailbox
import sys


def first_plain(msg):
    for part in msg.walk():
        if part.get_content_type() == "text/plain" and not part.is_attachment():
            return part
    return None


n = with_text = plus_ones = 0
for msg in mailbox.mbox(sys.argv[1], factory=lambda f: email.message_from_binary_file(f, policy=email.policy.default)):
    try:
        msg.get("Message-ID"), msg.get("In-Reply-To"), msg.get("References"), msg.get("Subject")
        sender = msg.get("From")
        if sender is not None:
            sender.addresses
        date = msg.get("Date")
        if date is not None:
            date.datetime
    except Exception:  # a header the policy cannot parse: the message still counts
        pass
    part = first_plain(msg)
    if part is not None:
        try:
            text = part.get_content()
        except Exception:  # unknown charset
            text = part.get_payload(decode=True).decode("utf-8", "replace")
        with_text += 1
        plus_ones += sum(1 for line in text.splitlines() if line.startswith("+1"))
    n += 1
print(f"{n} messages, {with_text} with a text/plain part, {plus_ones} lines starting +1")
