// SPDX-License-Identifier: Apache-2.0
// Robot senders and name folding: the one rule that parse/ and analyze/ share.
#include "core/author.h"

#include <catch2/catch.hpp>

#include "core/text.h"

using namespace quorum;

// Three copies of this rule used to disagree (parse/identity.cc, analyze/votes.cc,
// analyze/positions.cc); these are the cases on which they did.
TEST_CASE("IsRobotAddress: shared mirror and bot senders only", "[author]") {
  CHECK(IsRobotAddress("notifications@github.com"));
  CHECK(IsRobotAddress(" Notifications@GitHub.com "));
  CHECK(IsRobotAddress("no...@github.com.INVALID"));
  CHECK(IsRobotAddress("reply+abc@reply.github.com"));
  CHECK(IsRobotAddress("git@apache.org"));
  // votes.cc did not know git@git.apache.org (the old GitHub mirror), so a login behind it
  // ("eolivelli <git@git.apache.org>") counted as one voter with everyone else behind it.
  CHECK(IsRobotAddress("git@git.apache.org"));
  CHECK(IsRobotAddress("gitbox@apache.org"));
  CHECK(IsRobotAddress("gitbox-bot@example.org"));
  CHECK(IsRobotAddress("x@gitbox.apache.org"));
  CHECK(IsRobotAddress("JIRA@apache.org"));
  // votes.cc took jira@ at any host; now at apache.org hosts (issues.apache.org sends too).
  CHECK(IsRobotAddress("jira@issues.apache.org"));
  CHECK_FALSE(IsRobotAddress("jira@example.org"));
  CHECK(IsRobotAddress("noreply@example.org"));
  CHECK(IsRobotAddress("no-reply@example.org"));
  // positions.cc and votes.cc missed these three.
  CHECK(IsRobotAddress("no_reply@example.org"));
  CHECK(IsRobotAddress("donotreply@example.org"));
  CHECK(IsRobotAddress("do-not-reply@example.org"));
  // votes.cc took any address containing "github.com" or "gitbox": a person's own address at
  // GitHub, or a mailbox whose name merely contains the word, is a person's.
  CHECK_FALSE(IsRobotAddress("octocat@github.com"));
  CHECK_FALSE(IsRobotAddress("123+octocat@users.noreply.github.com"));
  CHECK_FALSE(IsRobotAddress("alice@mygitboxes.example.org"));
  CHECK_FALSE(IsRobotAddress("alice@apache.org"));
  CHECK_FALSE(IsRobotAddress("gitlover@example.org"));
  // positions.cc called an empty address a robot's; it is no address at all (positions still
  // keys such an author by name, as it keys robots, at its own call site).
  CHECK_FALSE(IsRobotAddress(""));
  CHECK_FALSE(IsRobotAddress("  "));
}

TEST_CASE("HasRobotAuthor: robot address or any mirrored mail", "[author]") {
  Message m;
  m.from = {"Alice Zhang via Apache TVM Discuss", "tvm@discuss.example.org"};
  CHECK_FALSE(HasRobotAuthor(m));
  m.mirror.kind = MirrorKind::kDiscourse;
  CHECK(HasRobotAuthor(m));
  m.mirror.kind = MirrorKind::kNone;
  m.from.address = "git@git.apache.org";
  CHECK(HasRobotAuthor(m));
}

// The accent tables of analyze/rules.cc (Latin-1, part of Latin Extended-A) and
// analyze/positions.cc (28 lower-case letters) were subsets of parse/identity.cc's.
TEST_CASE("FoldAccents: Latin-1 and Latin Extended-A letters to ASCII", "[author]") {
  CHECK(FoldAccents("hervé") == "herve");
  CHECK(FoldAccents("HERVÉ") == "HERVe");  // ASCII case is kept, accented letters lower-cased
  CHECK(FoldAccents("straße") == "strasse");
  CHECK(FoldAccents("æsir þór") == "aesir thor");
  CHECK(FoldAccents("Čapek Łukasz Œuvre") == "capek lukasz oeuvre");
  CHECK(FoldAccents("2×3 ÷ 张三 @login") == "2×3 ÷ 张三 @login");
  CHECK(FoldAccents("") == "");
}

TEST_CASE("FoldName: the comparison form of names and titles", "[author]") {
  CHECK(FoldName("Tamás Cservenák") == "tamas cservenak");
  CHECK(FoldName("  Jean-Baptiste  Onofré ") == "jean baptiste onofre");
  CHECK(FoldName("herve.boutemy") == "herve boutemy");
  CHECK(FoldName("Æsa Þórsdóttir") == "aesa thorsdottir");        // rules.cc gave "asa torsdottir"
  CHECK(FoldName("Čapek") == "capek");                            // rules.cc kept U+010C
  CHECK(FoldName("Œuvre") == "oeuvre");                           // rules.cc gave " uvre"
  CHECK(FoldName("O\u2019Brien\u00a0Smith") == "o brien smith");  // rules.cc kept both
  CHECK(FoldName("+1 \u2013 great") == "1 great");                // an en dash is no word
  CHECK(FoldName("张 三") == "张 三");
  CHECK(FoldName("\xff") == "");
  CHECK(FoldName("") == "");
}

TEST_CASE("NextCodePoint: strict UTF-8, one byte per invalid sequence", "[author]") {
  std::string s = "a\xC3\xA9\xE2\x80\x93\xF0\x9F\x98\x80\xC0\xAF\xED\xA0\x80";
  size_t i = 0;
  CHECK(NextCodePoint(s, &i) == U'a');
  CHECK(NextCodePoint(s, &i) == 0xE9);
  CHECK(NextCodePoint(s, &i) == 0x2013);
  CHECK(NextCodePoint(s, &i) == 0x1F600);
  CHECK(i == 10);
  CHECK(NextCodePoint(s, &i) == 0xFFFD);  // overlong "/"
  CHECK(i == 11);
}
