#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Writes data/sample/*.mbox: our own fictional dev@example.apache.org archive (see its README).
#
# Every person, address, id and word here is invented for quorum's tests and demo.
# Run from the repository root: python3 tools/make_sample_archive.py
# The output is deterministic; commit the .mbox files together with any change here.

import datetime
import os
import quopri
import re

LIST = "dev@example.apache.org"
LIST_ID = "<dev.example.apache.org>"
OUT = os.path.join("data", "sample")

EZMLM_FOOTER = (
    "\n---------------------------------------------------------------------\n"
    "To unsubscribe, e-mail: dev-unsubscribe@example.apache.org\n"
    "For additional commands, e-mail: dev-help@example.apache.org\n"
)

RFC_URL = "https://github.com/apache/example-rfcs/pull/42"
ISSUE_URL = "https://github.com/apache/example/issues/1234"


def when(day, hhmm, month=5):
    h, m = hhmm.split(":")
    return datetime.datetime(2024, month, day, int(h), int(m), 0, tzinfo=datetime.timezone.utc)


def rfc5322(dt):
    return dt.strftime("%a, %d %b %Y %H:%M:%S +0000")


def asctime(dt):
    return dt.strftime("%a %b ") + ("%2d" % dt.day) + dt.strftime(" %H:%M:%S %Y")


def github_footer(url, mid):
    return (
        "\n-- \nReply to this email directly or view it on GitHub:\n" + url + "\n"
        "You are receiving this because you are subscribed to this thread.\n\n"
        "Message ID: <" + mid + ">\n"
    )


class Mail:
    def __init__(self, dt, sender, subject, mid, body, in_reply_to=None, references=None,
                 extra=None, charset="UTF-8", qp=False, footer=True, multipart_html=None):
        self.dt = dt
        self.sender = sender
        self.subject = subject
        self.mid = mid
        self.body = body
        self.in_reply_to = in_reply_to
        self.references = references
        self.extra = extra or []
        self.charset = charset
        self.qp = qp
        self.footer = footer
        self.multipart_html = multipart_html

    def render(self, seq):
        headers = [
            "Return-Path: <dev-return-%d-archive=example.org@example.apache.org>" % seq,
            "Mailing-List: contact dev-help@example.apache.org; run by ezmlm",
            "List-Id: " + LIST_ID,
            "List-Post: <mailto:" + LIST + ">",
            "From: " + self.sender,
            "To: " + LIST,
            "Subject: " + self.subject,
            "Date: " + rfc5322(self.dt),
            "Message-ID: <" + self.mid + ">",
        ]
        if self.in_reply_to:
            headers.append("In-Reply-To: <" + self.in_reply_to + ">")
        if self.references:
            headers.append("References: " + " ".join("<" + r + ">" for r in self.references))
        headers.extend(self.extra)
        headers.append("MIME-Version: 1.0")
        body = self.body.strip("\n") + "\n"
        if self.footer:
            body += EZMLM_FOOTER
        if self.multipart_html is not None:
            boundary = "--==_mimepart_example_%d" % seq
            headers.append('Content-Type: multipart/alternative; boundary="%s"' % boundary)
            headers.append("Content-Transfer-Encoding: 7bit")
            body = (
                "--%s\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 7bit\n\n"
                "%s\n--%s\nContent-Type: text/html; charset=UTF-8\n"
                "Content-Transfer-Encoding: 7bit\n\n%s\n--%s--\n"
                % (boundary, body, boundary, self.multipart_html, boundary)
            )
        elif self.qp:
            headers.append("Content-Type: text/plain; charset=" + self.charset)
            headers.append("Content-Transfer-Encoding: quoted-printable")
            body = quopri.encodestring(body.encode(self.charset)).decode("ascii")
        else:
            headers.append("Content-Type: text/plain; charset=" + self.charset)
            headers.append("Content-Transfer-Encoding: 8bit")
        from_line = "From dev-return-%d-archive=example.org@example.apache.org %s" % (
            seq, asctime(self.dt))
        # mboxrd: every body line matching ^>*From  gets one more '>'.
        lines = []
        for line in body.split("\n"):
            if re.match(r"^>*From ", line):
                line = ">" + line
            lines.append(line)
        return from_line + "\n" + "\n".join(headers) + "\n\n" + "\n".join(lines).rstrip("\n") + "\n\n"


# ---------------------------------------------------------------------------------------------
# People (fictional). PMC: Alice, Carlos, Dana, Fatima, Hiro. Committer: Bob. Contributors:
# Erik, Grace.
ALICE = "Alice Zhang <alicez@apache.org>"
BOB = "Bob Lee <bob.lee@example.org>"
CARLOS = "=?UTF-8?Q?Carlos_Ram=C3=ADrez?= <cramirez@apache.org>"
DANA = "Dana Okafor <dokafor@apache.org>"
ERIK = "Erik =?ISO-8859-1?Q?S=F6derberg?= <erik@example.org>"
FATIMA = "Fatima Haddad <fhaddad@apache.org>"
GRACE = "Grace Kim <grace.kim@example.com>"
HIRO = "Hiro Tanaka <htanaka@apache.org>"


def encode_name(name):
    """RFC 2047 Q-encodes a non-ASCII display name, as GitHub does."""
    if all(ord(c) < 128 for c in name):
        return name
    q = "".join(c if c.isascii() and c.isalnum() else ("_" if c == " " else "".join(
        "=%02X" % b for b in c.encode("utf-8"))) for c in name)
    return "=?UTF-8?Q?" + q + "?="


def gh(name, invalid=False):
    return "%s <notifications@github.com%s>" % (encode_name(name), ".INVALID" if invalid else "")


MAY = []
JUNE = []

# ---------------------------------------------------------------------------------------------
# (a) The RFC as a GitHub pull request, mirrored to dev@ by GitHub.
RFC_SUBJECT = "[apache/example-rfcs] [RFC] Module Incubation Stage (PR #42)"
ROOT = "apache/example-rfcs/pull/42@github.com"


def rfc_comment(dt, name, login, cid, text, invalid=False, header_line=False, review=False):
    mid = "apache/example-rfcs/pull/42/%s@github.com" % cid
    anchor = ("#pullrequestreview-" + cid.split("/")[1]) if review else ("#issuecomment-" + cid[1:])
    body = ""
    if header_line:
        body += "%s left a comment (apache/example-rfcs#42)\n\n" % login
    body += text.strip("\n") + "\n" + github_footer(RFC_URL + anchor, mid)
    MAY.append(Mail(dt, gh(name, invalid), "Re: " + RFC_SUBJECT, mid, body, in_reply_to=ROOT,
                    references=[ROOT], extra=["X-GitHub-Sender: " + login, "Precedence: list"]))


ROOT_TEXT = """This RFC proposes a *Module Incubation Stage*: a place in the main repository
(`example/incubating/`) where a new module can land before it meets every bar we
hold stable modules to.

## Motivation

New contributors often arrive with a working prototype (a new backend, a new
scheduler) and are told to keep it out of tree until it is "ready". Most of them
never come back. An incubation stage lets the code land early, behind a build
flag, so that people can review it in the open and the community can grow around it.

## Guide-level explanation

- An incubating module lives under `example/incubating/<name>/` and is off by default
  (`EXAMPLE_ENABLE_INCUBATING=OFF`).
- It needs one PMC sponsor and at least one maintainer who is not the sponsor.
- It is not part of the release artifacts until it graduates.

## Drawbacks

More code in the tree means more CI time and more review requests.

You can view, comment on, or merge this pull request online at:

  https://github.com/apache/example-rfcs/pull/42

-- Commit Summary --

  * [RFC] Module Incubation Stage

-- File Changes --

    A rfcs/0042-module-incubation-stage.md (118)

-- Patch Links --

https://github.com/apache/example-rfcs/pull/42.patch
https://github.com/apache/example-rfcs/pull/42.diff
"""

MAY.append(Mail(when(6, "10:00"), gh("Alice Zhang"), RFC_SUBJECT, ROOT,
                ROOT_TEXT + github_footer(RFC_URL, ROOT),
                extra=["X-GitHub-Sender: alicez", "Precedence: list"],
                multipart_html="<p>This RFC proposes a <em>Module Incubation Stage</em>.</p>",
                footer=False))

rfc_comment(when(7, "08:15"), "Bob Lee", "boblee", "c2130000101", """
Big +1 on the idea. I maintain an out-of-tree scheduler and the hardest part is
not the code, it is that nobody outside our team ever looks at it. Landing it
behind a flag would let the people who know the core review it early.
""")

rfc_comment(when(7, "14:40"), "Dana Okafor", "dokafor", "c2130000217", """
I am not convinced. Every module we take in is a module we maintain, and "off by
default" does not mean "free": it still has to build in CI on every PR, and when
it breaks, the person who broke it is usually not its author.

I would rather see a clear list of exit criteria first. Without them, "incubating"
becomes a permanent state and the tree fills with half-finished code.
""")

rfc_comment(when(8, "09:05"), "Carlos Ramírez", "cramirez", "c2130000342", """
+1 to what @boblee said. The community argument matters more to me than the CI
argument: two of our current committers started with exactly this kind of
prototype, and we nearly lost both of them.

@dokafor the CI cost is real, but we can run incubating modules in a nightly job
instead of on every PR.
""")

rfc_comment(when(8, "16:30"), "Hiro Tanaka", "htanaka", "review/1987000011", """
@htanaka commented on this pull request.

In rfcs/0042-module-incubation-stage.md:

> +It is not part of the release artifacts until it graduates.

What does "graduates" mean here? I would like the RFC to say who decides, and what
happens to a module that never does. I am fine either way on the idea itself.
""", review=True)

rfc_comment(when(9, "11:20"), "Dana Okafor", "dokafor", "c2130000488", """
@cramirez a nightly job moves the cost, it does not remove it. Someone still has to
look at the red builds, and today that is the same four or five reviewers who
already carry most of the review load. I still think this should stay out of tree
until it has owners who will answer for it.
""")

rfc_comment(when(10, "10:00"), "Alice Zhang", "alicez", "c2130000590", """
Thanks all. I pushed an update that adds exit criteria:

1. A module graduates after at least six months, two independent maintainers and a
   passing nightly job for the last 30 days; graduation is a PMC vote.
2. A module with no commit and no maintainer response for six months is removed.
3. Incubating modules run in the nightly job only, never in PR CI.

@dokafor I hope (2) and (3) address the maintenance concern. @htanaka (1) answers
who decides.
""", header_line=True)

rfc_comment(when(13, "07:45"), "Fatima Haddad", "fhaddad", "c2130000733", """
+1 to the updated text. I share @dokafor's worry about review load, but the removal
rule in (2) puts the burden where it belongs: on the module's maintainers, not on
the core reviewers.
""", invalid=True)

rfc_comment(when(14, "15:10"), "Dana Okafor", "dokafor", "c2130000871", """
The exit criteria help, thank you. I still think we are underestimating the review
cost, but I will not block this. Let's take it to the list.
""", invalid=True, header_line=True)

# ---------------------------------------------------------------------------------------------
# Forum copies (Discourse mailing-list mode).
DISCOURSE_HOST = "discuss.example.apache.org"
DISCOURSE_SUBJECT = "[Apache Example Discuss] [Development/RFC] Module Incubation Stage"


def discourse_footer(post):
    return (
        "\n---\n[Visit Topic](https://%s/t/module-incubation-stage/301/%d) to respond.\n\n"
        "You are receiving this because you enabled mailing list mode.\n\n"
        "To unsubscribe from these emails, [click here](https://%s/email/unsubscribe/0a1b2c).\n"
        % (DISCOURSE_HOST, post, DISCOURSE_HOST)
    )


MAY.append(Mail(when(15, "12:00"), "Grace Kim via Apache Example Discuss <discuss@%s>" % DISCOURSE_HOST,
                DISCOURSE_SUBJECT, "topic/301/1201@" + DISCOURSE_HOST, """
Is there a timeline for the incubation stage RFC
(https://github.com/apache/example-rfcs/pull/42)? Our team would like to move our
quantization toolkit in, and we would happily maintain it.
""" + discourse_footer(1), references=["topic/301@" + DISCOURSE_HOST]))

MAY.append(Mail(when(16, "08:20"), "erik via Apache Example Discuss <discuss@%s>" % DISCOURSE_HOST,
                "Re: " + DISCOURSE_SUBJECT, "topic/301/1205.5e0f3a9c@" + DISCOURSE_HOST, """
[quote="gracek, post:1, topic:301"]
Our team would like to move our quantization toolkit in
[/quote]

Same for us. Alice said on the PR that a [DISCUSS] thread on dev@ is next.
""" + discourse_footer(2), in_reply_to="topic/301/1201@" + DISCOURSE_HOST,
                references=["topic/301@" + DISCOURSE_HOST, "topic/301/1201@" + DISCOURSE_HOST]))

# ---------------------------------------------------------------------------------------------
# (b) The [DISCUSS] thread on dev@, with quotes, attributions and signatures.
DISCUSS = "[DISCUSS] Adopt the Module Incubation Stage (RFC #42)"
D0 = "CAKx7Lm2Qw9-discuss0-alicez@mail.example.org"
D1 = "CAN3pO8x-discuss1-dokafor@mail.example.org"
D2 = "AM0PR07MB5521.discuss2.erik@outlook.example.org"
D3 = "A1B2C3D4-discuss3-grace@example.com"
D4 = "CAJ4rT0z-discuss4-cramirez@mail.example.org"
D5 = "CAKx7Lm2Qw9-discuss5-alicez@mail.example.org"

D0_TEXT = """Hi all,

The Module Incubation Stage RFC (https://github.com/apache/example-rfcs/pull/42)
has had two weeks of review on GitHub. Summary of where we are:

- For: it lowers the bar for new contributors and lets prototypes be reviewed in
  the open (Bob, Carlos, Fatima).
- Against: it adds maintenance and CI load that falls on a few core reviewers
  (Dana).
- The updated RFC adds exit criteria: graduation by PMC vote after six months,
  removal after six months without activity, nightly CI only (Hiro asked for this).

Unless new concerns come up, I plan to call a vote next week.

Thanks,
Alice

-- 
Alice Zhang
Apache Example PMC
"""

MAY.append(Mail(when(20, "09:00"), ALICE, DISCUSS, D0, D0_TEXT))

D1_TEXT = """Hi Alice,

Thanks for the summary. Two comments inline.

On Mon, May 20, 2024 at 9:00 AM Alice Zhang <alicez@apache.org> wrote:

> - Against: it adds maintenance and CI load that falls on a few core reviewers
>   (Dana).

To be precise: my concern is not CI minutes, it is people. A red nightly build
still needs a human to triage it.

> - The updated RFC adds exit criteria: graduation by PMC vote after six months,
>   removal after six months without activity, nightly CI only (Hiro asked for this).

This is a real improvement. I would add that the sponsor, not the core reviewers,
triages nightly failures of the module.

From my side that would be enough to not oppose it.

Dana
"""
MAY.append(Mail(when(20, "13:12"), DANA, "Re: " + DISCUSS, D1, D1_TEXT,
                in_reply_to=D0, references=[D0]))

D2_TEXT = """I agree with Dana's addition, and I would like to see this adopted. We have a
code generator for a small RISC-V board that would be a good first candidate.

Best regards,
Erik

________________________________
From: Dana Okafor <dokafor@apache.org>
Sent: Monday, May 20, 2024 15:12
To: dev@example.apache.org
Subject: Re: [DISCUSS] Adopt the Module Incubation Stage (RFC #42)

Hi Alice,

Thanks for the summary. Two comments inline.
"""
MAY.append(Mail(when(21, "08:30"), ERIK, "Re: " + DISCUSS, D2, D2_TEXT,
                in_reply_to=D1, references=[D0, D1], charset="ISO-8859-1", qp=True))

D3_TEXT = """+1 to moving forward, and to Dana's triage rule.

Sent from my iPhone

> On May 21, 2024, at 08:30, Erik Söderberg <erik@example.org> wrote:
>
> I agree with Dana's addition, and I would like to see this adopted.
"""
MAY.append(Mail(when(21, "17:05"), GRACE, "Re: " + DISCUSS, D3, D3_TEXT,
                in_reply_to=D2, references=[D0, D1, D2]))

D4_TEXT = """Agreed on the triage rule; the sponsor should own it. Alice, can you add it to the
RFC before the vote?

Carlos

El mar, 21 may 2024 a las 19:05, Grace Kim (<grace.kim@example.com>)
escribió:

> +1 to moving forward, and to Dana's triage rule.
>
> Sent from my iPhone
"""
MAY.append(Mail(when(22, "10:20"), CARLOS, "Re: " + DISCUSS, D4, D4_TEXT,
                in_reply_to=D3, references=[D0, D1, D2, D3]))

D5_TEXT = """Done: the RFC now says the sponsor triages nightly failures of the module
(https://github.com/apache/example-rfcs/pull/42). I will start the vote on
Thursday.

Alice

On Wed, May 22, 2024 at 10:20 AM Carlos Ramírez <cramirez@apache.org> wrote:
> Agreed on the triage rule; the sponsor should own it. Alice, can you add it to the
> RFC before the vote?
"""
MAY.append(Mail(when(23, "09:40"), ALICE, "Re: " + DISCUSS, D5, D5_TEXT,
                in_reply_to=D4, references=[D0, D1, D2, D3, D4]))

# ---------------------------------------------------------------------------------------------
# (c) The [VOTE] thread: opens Thu 30 May 09:00 UTC, 72 hours, spans May and June.
VOTE = "[VOTE] Adopt the Module Incubation Stage (RFC #42)"
V0 = "CAKx7Lm2Qw9-vote0-alicez@mail.example.org"

V0_TEXT = """Hi all,

Following the discussion in [1] and the review of the RFC in [2], I would like to
call a vote on adopting the Module Incubation Stage as described in RFC #42.

This is a strategy decision under our decision process: it passes with a lazy 2/3
majority of binding votes (at least three binding votes, and twice as many +1 as
-1).

The vote is open for at least 72 hours, until Sunday, June 2, 09:00 UTC.

[ ] +1 Adopt the Module Incubation Stage
[ ] 0 No opinion
[ ] -1 Do not adopt it, because ...

[1] https://lists.apache.org/thread/example-discuss-module-incubation
[2] https://github.com/apache/example-rfcs/pull/42

Thanks,
Alice
"""
MAY.append(Mail(when(30, "09:00"), ALICE, VOTE, V0, V0_TEXT))


def vote_reply(box, dt, sender, mid, text, parent=V0, refs=None, **kw):
    box.append(Mail(dt, sender, "Re: " + VOTE, mid, text, in_reply_to=parent,
                    references=refs or [V0], **kw))


vote_reply(MAY, when(30, "09:05"), ALICE, "CAKx7Lm2Qw9-vote1-alicez@mail.example.org",
           "+1 (binding)\n\nAlice\n")
vote_reply(MAY, when(30, "10:22"), CARLOS, "CAJ4rT0z-vote2-cramirez@mail.example.org", """
+1 (binding)

Carlos

On Thu, May 30, 2024 at 11:00 AM Alice Zhang <alicez@apache.org> wrote:

> Hi all,
>
> [ ] +1 Adopt the Module Incubation Stage
> [ ] 0 No opinion
> [ ] -1 Do not adopt it, because ...
""")
vote_reply(MAY, when(30, "11:40"), BOB, "CAGb0bL33-vote3-boblee@mail.example.org", "+1\n")
vote_reply(MAY, when(30, "13:03"), GRACE, "B7E9F1A2-vote4-grace@example.com", """
+1 non-binding

Looking forward to moving our toolkit in.

Grace
""")
V5 = "CAN3pO8x-vote5-dokafor@mail.example.org"
vote_reply(MAY, when(30, "16:48"), DANA, V5, """
-1 (binding) because the RFC still has no answer for who reviews incubating code
when its sponsor is away; the triage rule covers build failures, not reviews.

I am happy to change my vote if that gap is closed.

Dana
""")
vote_reply(MAY, when(31, "08:15"), HIRO, "CAHt4n4k4-vote6-htanaka@mail.example.org", """
+0

I do not feel strongly either way. The exit criteria answer my question, thanks.

Hiro
""")
vote_reply(MAY, when(31, "12:30"), ERIK, "AM0PR07MB5521.vote7.erik@outlook.example.org", """
On Thu, May 30, 2024 at 11:00 AM Alice Zhang <alicez@apache.org> wrote:
> [ ] +1 Adopt the Module Incubation Stage
> [ ] 0 No opinion
> [ ] -1 Do not adopt it, because ...

+1 (non-binding)

Tried the proposed layout on our fork in Göteborg; it works as described.

Hälsningar,
Erik Söderberg
""", charset="ISO-8859-1", qp=True)

# June: the rest of the vote and the result.
vote_reply(JUNE, when(1, "09:10", 6), FATIMA, "CAF4t1m4-vote8-fhaddad@mail.example.org", """
+1 (binding)

From my perspective the review gap Dana raised is closed by the sponsor rule as
long as the sponsor names a backup reviewer, and I have asked Alice to add that
one sentence to the RFC before it is merged.

Fatima
""")
vote_reply(JUNE, when(1, "18:20", 6), DANA, "CAN3pO8x-vote9-dokafor@mail.example.org", """
Alice added the backup-reviewer sentence to the RFC, so I withdraw my -1.

+1 (binding)

Dana

On Thu, May 30, 2024 at 6:48 PM Dana Okafor <dokafor@apache.org> wrote:

> -1 (binding) because the RFC still has no answer for who reviews incubating code
> when its sponsor is away; the triage rule covers build failures, not reviews.
""", parent=V5, refs=[V0, V5])

# (d) The result: a new thread (no In-Reply-To), in the next month's file.
JUNE.append(Mail(when(3, "10:00", 6), ALICE,
                 "[RESULT][VOTE] Adopt the Module Incubation Stage (RFC #42)",
                 "CAKx7Lm2Qw9-result-alicez@mail.example.org", """
Hi all,

The vote to adopt the Module Incubation Stage (RFC #42) has passed with
4 binding +1, 3 non-binding +1, 1 binding +0 and no -1 votes.

+1 (binding): Alice Zhang, Carlos Ramírez, Fatima Haddad, Dana Okafor
+1 (non-binding): Bob Lee, Grace Kim, Erik Söderberg
+0 (binding): Hiro Tanaka
-1: none

Dana changed her -1 to +1 after the RFC was updated. I will merge the RFC and open
the tracking issue.

Thanks everyone,
Alice
"""))

# ---------------------------------------------------------------------------------------------
# (e) A release vote held in a GitHub issue and mirrored to dev@ by GitHub.
ISSUE_SUBJECT = "[apache/example] [VOTE] Release Apache Example v0.9.0.rc0 (Issue #1234)"
ISSUE_ROOT = "apache/example/issues/1234@github.com"

JUNE.append(Mail(when(10, "14:00", 6), gh("Hiro Tanaka"), ISSUE_SUBJECT, ISSUE_ROOT, """
Dear community,

This is a call for a vote to release Apache Example v0.9.0, release candidate 0.

- Release notes: https://github.com/apache/example/issues/1230
- Source tarball and signatures: https://dist.apache.org/repos/dist/dev/example/v0.9.0.rc0/
- Release manager's key: https://dist.apache.org/repos/dist/release/example/KEYS

The vote is open for at least 72 hours; release votes need at least three binding
+1 votes and more +1 than -1 votes.

[ ] +1 approve
[ ] +0 no opinion
[ ] -1 disapprove (and reason why)
""" + github_footer(ISSUE_URL, ISSUE_ROOT), extra=["Precedence: list"]))


def issue_comment(dt, name, login, cid, text):
    mid = "apache/example/issues/1234/%s@github.com" % cid
    body = "%s left a comment (apache/example#1234)\n\n" % login + text.strip("\n") + "\n"
    body += github_footer(ISSUE_URL + "#issuecomment-" + cid, mid)
    JUNE.append(Mail(dt, gh(name, invalid=True), "Re: " + ISSUE_SUBJECT, mid, body,
                     in_reply_to=ISSUE_ROOT, references=[ISSUE_ROOT],
                     extra=["Precedence: list"]))


issue_comment(when(10, "15:30", 6), "Alice Zhang", "alicez", "2156000101", """
+1 (binding)

Checked signatures and checksums, built from source on Linux, ran the unit tests.
""")
issue_comment(when(11, "09:12", 6), "Bob Lee", "boblee", "2156000188", "+1 (non-binding)\n")
issue_comment(when(11, "20:45", 6), "Carlos Ramírez", "cramirez", "2156000240", """
+1

Built on macOS; the incubating flag is off by default as expected.
""")
issue_comment(when(12, "07:30", 6), "Fatima Haddad", "fhaddad", "2156000315", "+1 (binding)\n")
issue_comment(when(13, "16:05", 6), "Hiro Tanaka", "htanaka", "2156000402", """
+1 (binding), my own vote as release manager.
""")

JUNE.append(Mail(when(14, "09:00", 6), HIRO,
                 "[VOTE][RESULT] Release Apache Example v0.9.0.rc0",
                 "CAHt4n4k4-release-result-htanaka@mail.example.org", """
Dear community,

The vote to release Apache Example v0.9.0.rc0 (https://github.com/apache/example/issues/1234)
has passed with 4 binding +1 votes and no 0 or -1 votes.

Binding +1: Alice Zhang, Carlos Ramírez, Fatima Haddad, Hiro Tanaka
Non-binding +1: Bob Lee

I will finish the release and announce it in the next days.

Hiro
"""))


def write(name, mails, first_seq):
    mails = sorted(mails, key=lambda m: m.dt)  # Pony Mail exports oldest first
    data = "".join(m.render(first_seq + i) for i, m in enumerate(mails))
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(data)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    write("dev-example-2024-05.mbox", MAY, 101)
    write("dev-example-2024-06.mbox", JUNE, 101 + len(MAY))
