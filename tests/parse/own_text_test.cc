// SPDX-License-Identifier: Apache-2.0
// Tests of own-text extraction: quotes, attributions, signatures, footers, mirrors, real mail.
#include "parse/own_text.h"

#include <catch2/catch.hpp>

#include "../test_util.h"
#include "mini_mbox.h"

using namespace quorum;
using quorum::parse::ExtractOwnText;

namespace {

std::string Own(std::string_view body, MirrorKind kind = MirrorKind::kNone) {
  return ExtractOwnText(body, kind);
}

bool Has(const std::string& text, std::string_view needle) {
  return text.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("own text: plain body comes back trimmed", "[parse][own_text]") {
  CHECK(Own("\n\n  +1 from me\n\n") == "  +1 from me");
  CHECK(Own("") == "");
}

TEST_CASE("own text: quoted lines are removed", "[parse][own_text]") {
  CHECK(Own("+1\n\n> [ ] +1 approve\n> [ ] -1 disapprove\n") == "+1");
}

TEST_CASE("own text: nested and indented quotes are removed", "[parse][own_text]") {
  CHECK(Own("ok\n>> deep\n > > spaced\n") == "ok");
}

TEST_CASE("own text: interleaved replies keep the lines between quotes", "[parse][own_text]") {
  std::string body =
      "On Tue, 7 May 2024 at 10:00, Bob <bob@example.org> wrote:\n"
      "> first point\n\nI agree with this.\n\n> second point\n\nHere I disagree.\n";
  CHECK(Own(body) == "I agree with this.\n\nHere I disagree.");
}

TEST_CASE("own text: On ... wrote: attribution before a quote is removed", "[parse][own_text]") {
  std::string body =
      "+1 (binding)\n\nOn Mon, May 6, 2024 at 10:00 AM Alice <a@x.org> wrote:\n"
      "> Please vote\n";
  CHECK(Own(body) == "+1 (binding)");
}

TEST_CASE("own text: attribution wrapped over two lines", "[parse][own_text]") {
  std::string body =
      "+1\n\nOn Mon, May 6, 2024 at 10:00 AM Alice Zhang <\nalice@example.org> "
      "wrote:\n\n> Please vote\n";
  CHECK(Own(body) == "+1");
}

TEST_CASE("own text: attribution wrapped over three lines", "[parse][own_text]") {
  std::string body =
      "Thanks\nOn Monday, 6 May 2024 10:00:00 CEST,\nAlice Zhang\n<alice@example.org> "
      "wrote:\n> text\n";
  CHECK(Own(body) == "Thanks");
}

TEST_CASE("own text: German, French, Spanish, Dutch attributions", "[parse][own_text]") {
  CHECK(Own("Ja\n\nAm 06.05.2024 um 10:00 schrieb Alice Zhang:\n> Text\n") == "Ja");
  CHECK(Own("Oui\n\nLe lun. 6 mai 2024 à 10:00, Alice <a@x.org> a écrit :\n> Texte\n") == "Oui");
  CHECK(Own("Sí\n\nEl lun, 6 may 2024 a las 10:00, Alice (<a@x.org>) escribió:\n> Texto\n") ==
        "Sí");
  CHECK(Own("Ja\n\nOp ma 6 mei 2024 om 10:00 schreef Alice <a@x.org>:\n> Tekst\n") == "Ja");
}

TEST_CASE("own text: Chinese attribution", "[parse][own_text]") {
  std::string body =
      "同意\n\nAlice Zhang <alice@example.org> 于2024年5月6日周一 10:00写道：\n> 原文\n";
  CHECK(Own(body) == "同意");
}

TEST_CASE("own text: top-posted copy without quote markers is cut", "[parse][own_text]") {
  std::string body =
      "+1\n\nOn Mon, May 6, 2024 at 10:00 AM Alice <a@x.org> wrote:\n\n"
      "Hi all, please vote on the proposal.\n[ ] +1\n[ ] -1\n";
  CHECK(Own(body) == "+1");
}

TEST_CASE("own text: attribution on top with unquoted text below keeps the text",
          "[parse][own_text]") {
  // Quote markers lost by an HTML-only client: better the mixed text than nothing.
  std::string body =
      "Le 27 nov. 2017 23:02, \"Bob\" <bob@x.org> a écrit :\n\nTheir text.\n\n"
      "My answer.\n";
  CHECK(Own(body) == "Their text.\n\nMy answer.");
}

TEST_CASE("own text: Name wrote: without a date counts only before a quote", "[parse][own_text]") {
  CHECK(Own("Thanks\n\nBob Lee wrote:\n> text\nreply\n") == "Thanks\n\nreply");
  CHECK(Own("As Bob Lee wrote:\nwe should wait.\n") == "As Bob Lee wrote:\nwe should wait.");
}

TEST_CASE("own text: old Gmail date-name attribution", "[parse][own_text]") {
  std::string body = "+1\n\n2017-11-06 10:00 GMT+01:00 Robert Roe <rr@example.org>:\n\n> Hi\n";
  CHECK(Own(body) == "+1");
}

TEST_CASE("own text: Outlook Original Message block and everything after", "[parse][own_text]") {
  std::string body =
      "+1\n\n-----Original Message-----\nFrom: Alice\nSent: Monday\n"
      "Subject: [VOTE] X\n\nPlease vote\n";
  CHECK(Own(body) == "+1");
  CHECK(Own("Non\n\n-----Message d'origine-----\nDe : Alice\nObjet : X\n\ntexte\n") == "Non");
}

TEST_CASE("own text: Outlook From/Sent/To/Subject block without separator", "[parse][own_text]") {
  std::string body =
      "Looks good.\n\nFrom: Alice Zhang <alice@example.org>\nSent: Monday, May 6, "
      "2024 10:00 AM\nTo: dev@example.apache.org\nSubject: [VOTE] X\n\nvote text\n";
  CHECK(Own(body) == "Looks good.");
}

TEST_CASE("own text: bold Outlook headers and underscore separator", "[parse][own_text]") {
  std::string body =
      "Fine by me.\n\n________________________________\n*From:* Alice\n*Sent:* "
      "Monday\n*To:* dev\n\nold text\n";
  CHECK(Own(body) == "Fine by me.");
}

TEST_CASE("own text: lines starting with From are kept when no header block follows",
          "[parse][own_text]") {
  std::string body =
      "From my perspective this is fine.\nFrom: the build logs, it passes.\n\n"
      "More text.\n";
  CHECK(Own(body) ==
        "From my perspective this is fine.\nFrom: the build logs, it passes.\n\n"
        "More text.");
}

TEST_CASE("own text: an isolated mboxo-escaped >From line is kept", "[parse][own_text]") {
  CHECK(Own("+1\n>From my perspective it is ready.\nThanks\n") ==
        "+1\nFrom my perspective it is ready.\nThanks");
  CHECK(Own("+1\n\n> quoted\n>From quoted too\n") == "+1");
}

TEST_CASE("own text: signature after dash-dash-space is removed", "[parse][own_text]") {
  CHECK(Own("+1\n\n-- \nAlice Zhang\nExample Corp\n") == "+1");
}

TEST_CASE("own text: bare dash-dash with a short tail is a signature", "[parse][own_text]") {
  CHECK(Own("+1\n--\nAlice\nhttps://example.org\n") == "+1");
}

TEST_CASE("own text: bare dash-dash followed by long prose is kept", "[parse][own_text]") {
  std::string body = "Point one\n--\n";
  for (int i = 0; i < 8; ++i)
    body += "This is a long line of real discussion text number " + std::to_string(i) +
            " that goes on.\n";
  CHECK(Has(Own(body), "number 7"));
}

TEST_CASE("own text: Sent from my phone lines are removed, sign-offs kept", "[parse][own_text]") {
  CHECK(Own("+1\n\nRegards,\nAlice\n\nSent from my iPhone\n") == "+1\n\nRegards,\nAlice");
  CHECK(Own("+1\nVon meinem iPhone gesendet\n") == "+1");
}

TEST_CASE("own text: ezmlm footer is removed", "[parse][own_text]") {
  std::string body =
      "+1\n\n-------------------------------------------------------------------"
      "--\nTo unsubscribe, e-mail: dev-unsubscribe@example.apache.org\nFor "
      "additional commands, e-mail: dev-help@example.apache.org\n";
  CHECK(Own(body) == "+1");
}

TEST_CASE("own text: GitHub footer (older form)", "[parse][own_text]") {
  std::string body =
      "I like it.\n\n-- \nYou are receiving this because you are subscribed to "
      "this thread.\nReply to this email directly or view it on GitHub:\n"
      "https://github.com/apache/tvm-rfcs/pull/7#issuecomment-1\n";
  CHECK(Own(body, MirrorKind::kGitHub) == "I like it.");
}

TEST_CASE("own text: GitHub footer without the dash line", "[parse][own_text]") {
  std::string body =
      "I like it.\n\nReply to this email directly or view it on GitHub:\nhttps://x\n"
      "You are receiving this because you commented.\n\nMessage ID: "
      "<apache/tvm-rfcs/pull/7/c1@github.com>\n";
  CHECK(Own(body, MirrorKind::kGitHub) == "I like it.");
}

TEST_CASE("own text: 2024+ GitHub header line is not the author's words", "[parse][own_text]") {
  std::string body = "alicez left a comment (apache/tvm-rfcs#12)\n\nI support this RFC.\n";
  CHECK(Own(body, MirrorKind::kGitHub) == "I support this RFC.");
  // The same line in an ordinary mail is kept.
  CHECK(Has(Own(body), "left a comment"));
}

TEST_CASE("own text: GitHub review quotes the hunk after In <path>:", "[parse][own_text]") {
  std::string body =
      "@bob commented on this pull request.\n\nIn rfcs/0012-x.md:\n\n> +Adds a "
      "pass.\n\nWhy not reuse the old one?\n";
  CHECK(Own(body, MirrorKind::kGitHub) == "Why not reuse the old one?");
}

TEST_CASE("own text: GitHub PR root stops at the merge instructions", "[parse][own_text]") {
  std::string body =
      "This RFC proposes X.\n\nYou can view, comment on, or merge this pull request "
      "online at:\n\n  https://github.com/a/b/pull/1\n\n-- Commit Summary --\n";
  CHECK(Own(body, MirrorKind::kGitHub) == "This RFC proposes X.");
}

TEST_CASE("own text: GitBox comment header, indentation and footer", "[parse][own_text]") {
  std::string body =
      "bob commented on PR #12:\nURL: https://github.com/apache/tvm-rfcs/pull/12#"
      "issuecomment-5\n\n\n   I would rather wait.\n   \n     code stays indented\n"
      "\n\n-- \nThis is an automated message from the Apache Git Service.\nTo "
      "respond to the message, please log on to GitHub.\n";
  CHECK(Own(body, MirrorKind::kGitBox) == "I would rather wait.\n\n  code stays indented");
}

TEST_CASE("own text: GitBox diff comment keeps only the review comment", "[parse][own_text]") {
  std::string body =
      "bob commented on code in PR #12:\nURL: https://github.com/apache/tvm/pull/"
      "12#discussion_r9\n\n##########\nsrc/pass.cc:\n##########\n@@ -1,3 +1,4 @@\n"
      "+int x = 1;\n##########\n\nReview Comment:\n   Please add a test.\n\n-- \n"
      "This is an automated message from the Apache Git Service.\n";
  CHECK(Own(body, MirrorKind::kGitBox) == "Please add a test.");
}

TEST_CASE("own text: legacy git.apache.org bridge diff block", "[parse][own_text]") {
  std::string body =
      "Github user bob commented on a diff in the pull request:\n\n    "
      "https://github.com/apache/x/pull/1#discussion_r2\n  \n    --- Diff: a.md "
      "---\n    @@ -1 +1 @@\n    -old\n    --- End diff --\n    \n    will do\n\n\n"
      "---\n";
  CHECK(Own(body, MirrorKind::kGitBox) == "will do");
}

TEST_CASE("own text: Discourse footer and quote blocks", "[parse][own_text]") {
  std::string body =
      "[quote=\"bob, post:2, topic:9\"]\nold words\n[/quote]\n\nMy answer.\n\n"
      "---\n[Visit Topic](https://discuss.example.org/t/x/9/3) to respond.\n\nYou "
      "are receiving this because you enabled mailing list mode.\n";
  CHECK(Own(body, MirrorKind::kDiscourse) == "My answer.");
}

TEST_CASE("own text: fenced code blocks are kept as they are", "[parse][own_text]") {
  std::string body = "Example:\n\n```\n> not a quote\n-- \nOn x wrote:\n```\n\nDone.\n";
  CHECK(Own(body) == "Example:\n\n```\n> not a quote\n--\nOn x wrote:\n```\n\nDone.");
}

TEST_CASE("own text: CRLF becomes LF and blank runs collapse", "[parse][own_text]") {
  CHECK(Own("a\r\n\r\n\r\n\r\nb\r\n") == "a\n\nb");
}

TEST_CASE("own text: German Outlook header block", "[parse][own_text]") {
  std::string body =
      "Einverstanden.\n\nVon: Alice Zhang <alice@example.org>\nGesendet: Montag, 6. "
      "Mai 2024 10:00\nAn: dev@example.apache.org\nBetreff: X\n\nalt\n";
  CHECK(Own(body) == "Einverstanden.");
}

TEST_CASE("own text: an underscore line without a header block is kept", "[parse][own_text]") {
  CHECK(Own("Before\n__________\nAfter\n") == "Before\n__________\nAfter");
}

TEST_CASE("own text: bare dash-dash always ends a mirrored mail", "[parse][own_text]") {
  std::string body = "Sounds good.\n--\nReply to nothing\n";
  for (int i = 0; i < 8; ++i)
    body += "a long footer line that would otherwise look like prose text\n";
  CHECK(Own(body, MirrorKind::kGitHub) == "Sounds good.");
}

TEST_CASE("own text: forwarded message separator", "[parse][own_text]") {
  CHECK(Own("FYI\n\n---------- Forwarded message ---------\nFrom: X\nDate: Y\n\nold\n") == "FYI");
}

TEST_CASE("own text: a 10 MB body is processed in linear time", "[parse][own_text]") {
  std::string body;
  body.reserve(11 << 20);
  while (body.size() < (10u << 20)) {
    body +=
        "On Mon, May 6, 2024 Alice wrote a long line without a colon at the end\n"
        "> quoted text line that goes on for a while\nFrom: nobody in particular\n"
        "-- not a signature\nplain text, Bob wrote:\n";
  }
  std::string out = Own(body);
  CHECK(out.size() > (4u << 20));  // nothing in it is a cut: the whole body was walked
}

TEST_CASE("own text: one very long line without newlines", "[parse][own_text]") {
  std::string body(5u << 20, 'x');
  CHECK(Own(body).size() == body.size());
}

// ---- Real mail from the Maven dev list (read in place from ../shared) ----

namespace {

const std::vector<test::MiniMessage>& MavenNov() {
  static const std::vector<test::MiniMessage> msgs = test::SplitMbox(
      test::ReadFile(test::SharedPath("data/ponymail-unit-tests/maven-dev-2017-11-listsao.mbox")));
  return msgs;
}

}  // namespace

TEST_CASE("own text (maven): vote reply keeps its words, drops the quoted call",
          "[parse][own_text][real]") {
  const test::MiniMessage* m =
      test::FindById(MavenNov(), "CAP7YuASVq8bnPYW+Ya5ju5dqfH7UxqTXVa=ir5eYZh+nvJsqoA");
  REQUIRE(m != nullptr);
  std::string own = Own(test::TextBody(*m));
  CHECK(Has(own, "Non binding but it works well for me"));
  CHECK(Has(own, "Martijn"));
  CHECK(!Has(own, "[ ] +1"));
  CHECK(!Has(own, "Robert Scholte"));
  CHECK(!Has(own, "unsubscribe"));
}

TEST_CASE("own text (maven): French Outlook reply stops at Message d'origine",
          "[parse][own_text][real]") {
  const test::MiniMessage* m = test::FindById(MavenNov(), "005201d3685e$1ffb1700$5ff14500$");
  REQUIRE(m != nullptr);
  std::string own = Own(test::TextBody(*m));
  CHECK(own.rfind("+1 (non-binding)", 0) == 0);
  CHECK(Has(own, "Best Regards\nEric"));
  CHECK(!Has(own, "Andreas"));
  CHECK(!Has(own, "origine"));
}

TEST_CASE("own text (maven): GitBox [GitHub] mails lose header and footer",
          "[parse][own_text][real]") {
  const test::MiniMessage* m =
      test::FindById(MavenNov(), "150954578504.30870.18066828686509946210.gitbox");
  REQUIRE(m != nullptr);
  std::string own = Own(test::TextBody(*m), MirrorKind::kGitBox);
  CHECK(own ==
        "so this issue is being closed outright and not even considered?!!\n\n"
        "an explanation as to why would be real nice.");
}

TEST_CASE("own text (maven): every GitBox mail loses the automated footer",
          "[parse][own_text][real]") {
  int gitbox = 0;
  for (const test::MiniMessage& m : MavenNov()) {
    if (m.Header("Subject").rfind("[GitHub]", 0) != 0) continue;
    if (m.Header("From").find("git@apache.org") == std::string::npos) continue;
    ++gitbox;
    std::string own = Own(test::TextBody(m), MirrorKind::kGitBox);
    INFO(m.Header("Message-ID"));
    CHECK(!Has(own, "automated message"));
    CHECK(!Has(own, "unsubscribe"));
    CHECK(!Has(own, "URL: https://github.com"));
  }
  CHECK(gitbox >= 30);
}

// analyze/rules.cc VoteLines used to strip these again; it now trusts the own text.
TEST_CASE("own text: vote replies lose quotes, quote headers, signatures and footers",
          "[parse][own_text]") {
  std::string own =
      Own("On 2017-12-03T22:50:42 +0100\n\"Robert Scholte\" <rfscholte@apache.org> wrote:\n"
          "> [ ] +1\n> -1\n\n+1 (non-binding)\n\nTested.\n-- \nsig +1\n");
  CHECK(Has(own, "+1 (non-binding)"));
  CHECK_FALSE(Has(own, ">"));
  CHECK_FALSE(Has(own, "sig +1"));
  CHECK(Own("+1\n\nFrom: Bob <b@example.org>\nSent: Monday\nTo: dev@\n+1\n") == "+1");
  CHECK(Own("+1\n-----Original Message-----\n+1 from someone else\n") == "+1");
  CHECK(Own("+1\n---------------------------------------------------------------------\n") == "+1");
  CHECK(Own("+1\n\nAm Mo., 4. Dez. 2017 um 10:00 Uhr schrieb Bob <b@example.org>:\n> +1\n") ==
        "+1");
  CHECK(Own("+1\n\nLe lun. 4 d\u00e9c. 2017 \u00e0 10:00, Bob <b@example.org> a \u00e9crit :\n"
            "> +1\n") == "+1");
}
