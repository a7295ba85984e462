// SPDX-License-Identifier: Apache-2.0
// Tests of mirrored-mail detection: GitHub, GitBox (and the legacy bridge), Discourse.
#include "parse/mirror.h"

#include <catch2/catch.hpp>
#include <set>

#include "../test_util.h"
#include "mini_mbox.h"

using namespace quorum;
using quorum::parse::DetectMirror;
using quorum::parse::HeaderBlock;

namespace {

struct Detected {
  Address author;
  Mirror mirror;
};

Detected Detect(const Address& from, std::string_view subject, std::string_view mid,
                std::string_view body = "", const HeaderBlock& headers = {}) {
  Detected d;
  d.author = DetectMirror(headers, from, subject, mid, body, &d.mirror);
  return d;
}

}  // namespace

TEST_CASE("mirror: GitHub PR comment from Message-ID", "[parse][mirror]") {
  Detected d = Detect({"Tianqi Chen", "notifications@github.com"},
                      "Re: [apache/tvm-rfcs] [RFC] Relax Upstreaming (PR #89)",
                      "apache/tvm-rfcs/pull/89/c1336475126@github.com");
  CHECK(d.mirror.kind == MirrorKind::kGitHub);
  CHECK(d.mirror.repo == "apache/tvm-rfcs");
  CHECK(d.mirror.item == "pull");
  CHECK(d.mirror.number == 89);
  CHECK(d.mirror.comment_id == "c1336475126");
  CHECK(d.author.name == "Tianqi Chen");
  CHECK(d.author.address == "notifications@github.com");
}

TEST_CASE("mirror: GitHub root, review and issue-event ids", "[parse][mirror]") {
  Detected root = Detect({"Alice Zhang", "notifications@github.com"}, "", "a/b/pull/7@github.com");
  CHECK(root.mirror.number == 7);
  CHECK(root.mirror.comment_id.empty());
  Detected review =
      Detect({"Bob", "notifications@github.com"}, "", "<a/b/pull/7/review/991@github.com>");
  CHECK(review.mirror.comment_id == "review/991");
  Detected issue =
      Detect({"Bob", "notifications@github.com"}, "", "a/b/issues/3/445566@github.com");
  CHECK(issue.mirror.item == "issues");
  CHECK(issue.mirror.comment_id == "445566");
  Detected event =
      Detect({"Bob", "notifications@github.com"}, "", "a/b/issues/3/issue_event/12@github.com");
  CHECK(event.mirror.comment_id == "issue_event/12");
}

TEST_CASE("mirror: GitHub id alone is enough (sender rewritten by the archive)",
          "[parse][mirror]") {
  Detected d =
      Detect({"Carol Diaz", "carol@example.org"}, "x", "apache/tvm/issues/15521@github.com");
  CHECK(d.mirror.kind == MirrorKind::kGitHub);
  CHECK(d.mirror.number == 15521);
}

TEST_CASE("mirror: GitHub .INVALID sender falls back to the subject", "[parse][mirror]") {
  Detected d = Detect({"Tianqi Chen", "no...@github.com.INVALID"},
                      "Re: [apache/tvm-rfcs] [Process RFC] Scoped Module (PR #95)",
                      "opaque-id@lists.example");
  CHECK(d.mirror.kind == MirrorKind::kGitHub);
  CHECK(d.mirror.repo == "apache/tvm-rfcs");
  CHECK(d.mirror.item == "pull");
  CHECK(d.mirror.number == 95);
  CHECK(d.author.name == "Tianqi Chen");

  Detected old = Detect({"Bob", "noreply@github.com.INVALID"}, "[a/b] Fix it (#12)", "x@y");
  CHECK(old.mirror.number == 12);
  CHECK(old.mirror.item.empty());
  Detected issue = Detect({"Bob", "noreply@github.com.INVALID"}, "[a/b] Crash (Issue #5)", "x@y");
  CHECK(issue.mirror.item == "issues");
}

TEST_CASE("mirror: GitHub login from X-GitHub-Sender or the 2024+ first line", "[parse][mirror]") {
  HeaderBlock h;
  h.fields.push_back({"X-GitHub-Sender", "alicez"});
  Detected d =
      Detect({"Alice Zhang", "notifications@github.com"}, "", "a/b/pull/1/c2@github.com", "", h);
  CHECK(d.mirror.login == "alicez");
  Detected e = Detect({"Alice Zhang", "notifications@github.com"}, "", "a/b/pull/1/c2@github.com",
                      "alicez left a comment (a/b#1)\n\nI agree.\n");
  CHECK(e.mirror.login == "alicez");
}

TEST_CASE("mirror: GitHub sender without display name uses the login", "[parse][mirror]") {
  Detected d = Detect({"", "notifications@github.com"}, "", "a/b/pull/1/c2@github.com",
                      "bobl left a comment (a/b#1)\n\nNo.\n");
  CHECK(d.author.name == "bobl");
}

TEST_CASE("mirror: GitBox 'login (via GitHub)' with new subject and URL", "[parse][mirror]") {
  Detected d = Detect({"tqchen (via GitHub)", "git@apache.org"},
                      "Re: [PR] [RFC] Relax Upstreaming [tvm-rfcs]", "abc-123@gitbox.apache.org",
                      "tqchen commented on PR #89:\nURL: https://github.com/apache/tvm-rfcs/pull/"
                      "89#issuecomment-1336475126\n\n   text\n");
  CHECK(d.mirror.kind == MirrorKind::kGitBox);
  CHECK(d.mirror.repo == "tvm-rfcs");
  CHECK(d.mirror.item == "pull");
  CHECK(d.mirror.number == 89);
  CHECK(d.mirror.comment_id == "c1336475126");
  CHECK(d.mirror.login == "tqchen");
  CHECK(d.author.name == "tqchen");
  CHECK(d.author.address == "git@apache.org");
}

TEST_CASE("mirror: GitBox issue subject without URL", "[parse][mirror]") {
  Detected d = Detect({"bobl (via GitHub)", "git@apache.org"}, "[I] Crash on load [tvm]",
                      "n1@gitbox.apache.org", "bobl opened a new issue, #77:\n");
  CHECK(d.mirror.repo == "tvm");
  CHECK(d.mirror.item == "issues");
  CHECK(d.mirror.number == 77);
}

TEST_CASE("mirror: older GitBox sender takes the login from the subject", "[parse][mirror]") {
  Detected d = Detect({"GitBox", "git@apache.org"},
                      "[GitHub] [tvm] masahi commented on pull request #9: Add pass",
                      "1.2.3.gitbox@gitbox.apache.org", "");
  CHECK(d.mirror.kind == MirrorKind::kGitBox);
  CHECK(d.mirror.repo == "tvm");
  CHECK(d.mirror.login == "masahi");
  CHECK(d.mirror.number == 9);
  CHECK(d.mirror.item == "pull");
  CHECK(d.author.name == "masahi");
}

TEST_CASE("mirror: older GitBox sender, login only in the body", "[parse][mirror]") {
  Detected d = Detect({"GitBox", "git@apache.org"}, "Re: something else", "x@gitbox.apache.org",
                      "carol commented on issue #4: title\nURL: https://github.com/apache/"
                      "maven-x/issues/4#issuecomment-9\n");
  CHECK(d.mirror.login == "carol");
  CHECK(d.mirror.repo == "maven-x");
  CHECK(d.mirror.item == "issues");
  CHECK(d.mirror.comment_id == "c9");
}

TEST_CASE("mirror: Discourse post and topic ids", "[parse][mirror]") {
  Detected d =
      Detect({"Alice Zhang via Apache TVM Discuss", "notifications@discuss.example.org"},
             "[Apache TVM Discuss] [RFC] X", "topic/123/456.a1b2c3@discuss.tvm.apache.org");
  CHECK(d.mirror.kind == MirrorKind::kDiscourse);
  CHECK(d.mirror.repo == "discuss.tvm.apache.org");
  CHECK(d.mirror.item == "topic");
  CHECK(d.mirror.number == 123);
  CHECK(d.mirror.comment_id == "456");
  CHECK(d.author.name == "Alice Zhang");
  Detected root = Detect({"Bob via Forum", "x@forum.example"}, "", "<topic/9@forum.example>");
  CHECK(root.mirror.number == 9);
  CHECK(root.mirror.comment_id.empty());
}

TEST_CASE("mirror: ordinary mail is not a mirror", "[parse][mirror]") {
  Detected d = Detect({"Dana Roe", "dana@github.com"}, "[VOTE] Release 1.0 (#3)",
                      "CAF123@mail.gmail.com", "+1\n");
  CHECK(d.mirror.kind == MirrorKind::kNone);
  CHECK(d.mirror.repo.empty());
  CHECK(d.author.name == "Dana Roe");
  CHECK(d.author.address == "dana@github.com");
  Detected topic = Detect({"Eve", "e@x"}, "", "topical/1@x");
  CHECK(topic.mirror.kind == MirrorKind::kNone);
}

TEST_CASE("mirror: a stale mirror value is reset", "[parse][mirror]") {
  Mirror m;
  m.kind = MirrorKind::kGitHub;
  m.number = 5;
  DetectMirror({}, {"A B", "a@b"}, "", "x@y", "", &m);
  CHECK(m.kind == MirrorKind::kNone);
  CHECK(m.number == 0);
}

// ---- Real GitBox and legacy bridge mail from the Maven dev list ----

namespace {

const std::vector<test::MiniMessage>& Maven(int month) {
  static const std::vector<test::MiniMessage> nov = test::SplitMbox(
      test::ReadFile(test::SharedPath("data/ponymail-unit-tests/maven-dev-2017-11-listsao.mbox")));
  static const std::vector<test::MiniMessage> dec = test::SplitMbox(
      test::ReadFile(test::SharedPath("data/ponymail-unit-tests/maven-dev-2017-12-listsao.mbox")));
  return month == 11 ? nov : dec;
}

Detected DetectReal(const test::MiniMessage& m) {
  std::string mid = m.Header("Message-ID");  // FindHeader ignores case
  return Detect(test::ParseFrom(m.Header("From")), m.Header("Subject"), mid, test::TextBody(m),
                m.headers);
}

}  // namespace

TEST_CASE("mirror (maven): a GitBox comment names login, repo, PR and comment",
          "[parse][mirror][real]") {
  const test::MiniMessage* m =
      test::FindById(Maven(11), "150954578504.30870.18066828686509946210.gitbox");
  REQUIRE(m != nullptr);
  Detected d = DetectReal(*m);
  CHECK(d.mirror.kind == MirrorKind::kGitBox);
  CHECK(d.mirror.login == "jgangemi");
  CHECK(d.author.name == "jgangemi");
  CHECK(d.author.address == "git@apache.org");
  CHECK(d.mirror.repo == "maven-release");
  CHECK(d.mirror.item == "pull");
  CHECK(d.mirror.number == 4);
  CHECK(d.mirror.comment_id == "c341118397");
}

TEST_CASE("mirror (maven): the legacy git.apache.org bridge", "[parse][mirror][real]") {
  const test::MiniMessage* m = test::FindById(Maven(11), "20171119100625.1DEEDDFF17");
  REQUIRE(m != nullptr);
  Detected d = DetectReal(*m);
  CHECK(d.mirror.kind == MirrorKind::kGitBox);
  CHECK(d.mirror.login == "eolivelli");
  CHECK(d.mirror.repo == "maven-surefire");
  CHECK(d.mirror.number == 168);
  CHECK(d.mirror.comment_id == "r151860088");
}

TEST_CASE("mirror (maven): every [GitHub] mail of Nov and Dec 2017 is resolved",
          "[parse][mirror][real]") {
  for (int month : {11, 12}) {
    int github_subjects = 0, resolved = 0, ordinary_flagged = 0;
    std::set<std::string> unique_ids;  // the archive holds a few mails twice
    for (const test::MiniMessage& m : Maven(month)) {
      Detected d = DetectReal(m);
      bool tagged = m.Header("Subject").rfind("[GitHub]", 0) == 0;
      if (!tagged) {
        if (d.mirror.kind != MirrorKind::kNone) ++ordinary_flagged;
        continue;
      }
      ++github_subjects;
      unique_ids.insert(m.Header("Message-ID"));
      INFO(m.Header("Message-ID") << " " << m.Header("Subject"));
      CHECK(d.mirror.kind == MirrorKind::kGitBox);
      CHECK(!d.mirror.login.empty());
      CHECK(d.mirror.number > 0);
      CHECK(!d.mirror.repo.empty());
      if (!d.mirror.login.empty() && d.mirror.number > 0) ++resolved;
    }
    INFO("month " << month);
    CHECK(unique_ids.size() == (month == 11 ? 121u : 51u));
    CHECK(resolved == github_subjects);
    CHECK(ordinary_flagged == 0);
  }
}
