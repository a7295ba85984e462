// SPDX-License-Identifier: Apache-2.0
// TVM-style votes written by us: a GitHub issue "[VOTE] ..." mirrored to dev@ with one mail per
// comment, a header-less [RESULT] mail, a roster, superseded and conditional votes.
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "analyze/votes.h"
#include "message_builder.h"
#include "parse/threader.h"
#include "report/roster_json.h"

using namespace quorum;
using namespace quorum::analyze;

namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kT0 = 1691020800;  // 2023-08-03T00:00:00Z

const char* kRoot = "apache/tvm/issues/99001@github.com";
const char* kSubject = "[apache/tvm] [VOTE] Adopt the Example Codebase (Issue #99001)";

Message Mail(const std::string& id, const std::string& name, const std::string& address,
             int64_t when, const std::string& subject, const std::string& text,
             bool comment = true) {
  test::MessageBuilder m = test::Mail(id)
                               .From(name, address)
                               .FromHeader(name, address)
                               .At(when)
                               .Subject(subject)
                               .List("dev.tvm.apache.org")
                               .TextAndBody(text);
  if (comment) m.ReplyTo(kRoot);
  if (address.find("github.com") != std::string::npos) m.GitHub("apache/tvm", "issues", 99001);
  return m;
}

Message Comment(int n, const std::string& name, int64_t when, const std::string& text) {
  return Mail("apache/tvm/issues/99001/c" + std::to_string(1000 + n) + "@github.com", name,
              "notifications@github.com.INVALID", when, std::string("Re: ") + kSubject, text);
}

std::vector<Message> Fixture() {
  std::vector<Message> ms;
  Message root = Mail(kRoot, "Ada Chair", "notifications@github.com.INVALID", kT0, kSubject,
                      "Dear community,\n\nFollowing the RFC discussion, this is a vote to adopt "
                      "the Example codebase.\n\n[ ] +1 adopt\n[ ] 0 no opinion\n[ ] -1 do not "
                      "adopt because ...\n\nThe vote is open for at least 72 hours.\n",
                      false);
  root.mirror.kind = MirrorKind::kGitHub;
  ms.push_back(root);
  ms.push_back(Comment(1, "Ada Chair", kT0 + 600, "+1 (binding)"));
  ms.push_back(Comment(2, "Bob Builder", kT0 + kDay, "+1\n\nLooking forward to this."));
  ms.push_back(Comment(3, "Cy Critic", kT0 + kDay + 60,
                       "-1 because the module has no maintainers yet; see the RFC thread."));
  ms.push_back(Comment(4, "Dee Dev", kT0 + 2 * kDay, "[x] +1 adopt"));
  ms.push_back(Comment(5, "Eve Eager", kT0 + 2 * kDay + 1, "++1 this is great"));
  ms.push_back(Comment(6, "Fay Friend", kT0 + 2 * kDay + 2,
                       "I assume Eve's message counts as a +1.\n\nAlso: n-1 of the tests pass "
                       "with x+1 threads."));
  ms.push_back(Comment(7, "Cy Critic", kT0 + 3 * kDay,
                       "After the maintainers signed up, I change my vote.\n\n+1 if the CI job "
                       "is added before the merge"));
  ms.push_back(Comment(8, "Gus Guest", kT0 + 3 * kDay + 5, "+0.5 (non-binding)"));
  ms.push_back(Comment(9, "Bob Builder", kT0 + 3 * kDay + 10,
                       "> -1 because the module has no maintainers yet\n\nThat is fixed now."));
  // The result mail: a plain mail to dev@, no reply headers, a different subject wording.
  ms.push_back(
      Mail("result-1@example.org", "Ada Chair", "ada@apache.org", kT0 + 4 * kDay,
           "[VOTE][RESULT] Adopt the Example Codebase",
           "Hi all,\n\nThe vote has passed.\n\n+1 (binding): Ada Chair, Bob Builder, Cy "
           "Critic, Dee Dev\n+1 (non-binding): Eve Eager\n+0.5 (non-binding): Gus Guest\n\n"
           "Thanks!\n",
           false));
  return ms;
}

const char* kRosterJson = R"({
  "committees": {
    "tvm": {"roster": {
      "ada": {"name": "Ada Chair", "date": "2019-01-01"},
      "bob": {"name": "Bob Builder", "date": "2020-05-01"},
      "cy": {"name": "Cy Critic", "date": "2021-01-01"},
      "dee": {"name": "Dee Dev", "date": "2023-08-01"},
      "late": {"name": "Eve Eager", "date": "2024-01-01"}
    }}
  }
})";

std::string AsciiLowerName(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') out += c;
  }
  return out;
}

const Vote* Active(const VoteThread& t, const std::string& name) {
  for (const auto& v : t.votes) {
    if (!v.superseded && v.voter.name == name) return &v;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("tvm: a mirrored GitHub [VOTE] issue is tallied", "[analyze][tvm]") {
  VotePatterns patterns;
  REQUIRE(patterns.ok());
  std::vector<Message> ms = Fixture();
  std::vector<Thread> threads = parse::BuildThreads(ms);
  auto roster = report::ParseRosterJson(kRosterJson, "test");
  REQUIRE(roster.ok());
  VoteAnalysis va = AnalyzeVotes(ms, threads, {}, {}, &roster.value(), patterns);
  REQUIRE(va.vote_threads.size() == 1);
  const VoteThread& t = va.vote_threads[0];
  CHECK(t.thread_id == kRoot);
  CHECK(t.kind == VoteKind::kStrategy);
  CHECK(t.committee == "tvm");
  CHECK(t.proposal_id == "github:tvm#99001");

  // Expected from our own fixture: voter -> value of the active vote.
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"Ada Chair", "+1"}, {"Bob Builder", "+1"}, {"Cy Critic", "+1"},
      {"Dee Dev", "+1"},   {"Eve Eager", "+1"},   {"Gus Guest", "+0.5"}};
  int active = 0;
  for (const auto& v : t.votes) active += v.superseded ? 0 : 1;
  CHECK(active == static_cast<int>(expected.size()));
  for (const auto& [name, value] : expected) {
    INFO(name);
    const Vote* v = Active(t, name);
    REQUIRE(v != nullptr);
    CHECK(v->value == value);
  }
  CHECK(Active(t, "Fay Friend") == nullptr);  // talks about Eve's vote; math is not a vote
  // Cy's -1 is kept as history, replaced by a conditional +1.
  int cy = 0;
  for (const auto& v : t.votes) {
    if (v.voter.name == "Cy Critic") {
      ++cy;
      if (v.value == "-1") CHECK(v.superseded);
    }
  }
  CHECK(cy == 2);
  CHECK(Active(t, "Cy Critic")->conditional);
  // Binding: the roster at the vote date; Eve joined the PMC later; Gus is not on it.
  CHECK(Active(t, "Ada Chair")->binding == true);
  CHECK(Active(t, "Ada Chair")->binding_evidence == BindingEvidence::kRoster);
  CHECK(Active(t, "Dee Dev")->binding == true);
  CHECK(Active(t, "Eve Eager")->binding == false);
  CHECK(Active(t, "Eve Eager")->binding_evidence == BindingEvidence::kRoster);
  CHECK(Active(t, "Gus Guest")->binding == false);
  CHECK(Active(t, "Gus Guest")->binding_evidence == BindingEvidence::kRoster);  // not listed
  CHECK(Active(t, "Gus Guest")->declared_binding == false);
  CHECK(t.tally.binding.plus == 4);
  CHECK(t.tally.binding.minus == 0);
  CHECK(t.tally.non_binding.plus == 2);
  // Outcome: lazy 2/3 computed, and the header-less result mail found and agreeing.
  CHECK(t.computed_outcome == "passed");
  CHECK(t.status == VoteStatus::kPassed);
  CHECK(t.status_basis == "result-mail");
  CHECK(t.result.message_id == "result-1@example.org");
  CHECK(t.result.agrees);
  CHECK(t.result.differences.empty());
  CHECK(std::find(t.flags.begin(), t.flags.end(), "conditional-vote") != t.flags.end());
  CHECK(std::find(t.flags.begin(), t.flags.end(), "closed-before-72h") == t.flags.end());
}

TEST_CASE("tvm: the vote call's own +1 only counts when explicit", "[analyze][tvm]") {
  VotePatterns patterns;
  REQUIRE(patterns.ok());
  std::vector<Message> ms = Fixture();
  ms.resize(1);
  ms[0].text += "\n+1\n";  // a bare +1 in the call is part of the ballot, not a vote
  auto va = AnalyzeVotes(ms, parse::BuildThreads(ms), {}, {}, nullptr, patterns);
  REQUIRE(va.vote_threads.size() == 1);
  CHECK(va.vote_threads[0].votes.empty());
  CHECK(va.vote_threads[0].status == VoteStatus::kOpen);
  ms[0].text += "\nhere is my +1\n";
  va = AnalyzeVotes(ms, parse::BuildThreads(ms), {}, {}, nullptr, patterns);
  REQUIRE(va.vote_threads[0].votes.size() == 1);
  CHECK(va.vote_threads[0].votes[0].voter.name == "Ada Chair");
  auto& f = va.vote_threads[0].flags;
  CHECK(std::find(f.begin(), f.end(), "caller-voted-in-call") != f.end());
}

TEST_CASE("tvm: a result mail that disagrees is reported, not trusted blindly", "[analyze][tvm]") {
  VotePatterns patterns;
  REQUIRE(patterns.ok());
  std::vector<Message> ms = Fixture();
  ms.back().text =
      "The vote has passed.\n+1 (binding): Ada Chair, Bob Builder, Zed Zero\n-1: Dee Dev\n";
  auto va = AnalyzeVotes(ms, parse::BuildThreads(ms), {}, {}, nullptr, patterns);
  REQUIRE(va.vote_threads.size() == 1);
  const auto& r = va.vote_threads[0].result;
  CHECK_FALSE(r.agrees);
  std::set<std::string> types;
  for (const auto& d : r.differences) types.insert(d.type + ":" + d.name);
  CHECK(types.count("counted-not-found:Zed Zero"));
  CHECK(types.count("value-differs:Dee Dev"));
  CHECK(types.count("not-counted:Eve Eager"));
}

TEST_CASE("roster: malformed JSON is an error, not an exception", "[analyze][roster]") {
  CHECK_FALSE(report::ParseRosterJson("{not json", "x").ok());
  CHECK_FALSE(report::ParseRosterJson("[]", "x").ok());
  CHECK(report::ParseRosterJson(R"({"committees": {"a": {"roster": 5}}})", "x").ok());
  CHECK(report::LoadRosterFile("/nonexistent/roster.json").error().code == ErrorCode::kIo);
}

TEST_CASE("proposals: a numbered KIP discussion, its vote and a header-less result",
          "[analyze][proposal]") {
  VotePatterns patterns;
  REQUIRE(patterns.ok());
  auto plain = [](const std::string& id, const std::string& from, int64_t when,
                  const std::string& subject, const std::string& text,
                  const std::string& parent) -> Message {
    return test::Mail(id)
        .From(from, AsciiLowerName(from) + "@apache.org")
        .At(when)
        .Subject(subject)
        .List("dev.kafka.apache.org")
        .Text(text)
        .ReplyTo(parent);
  };
  std::vector<Message> ms = {
      plain("d1@x", "Ann Author", kT0, "[DISCUSS] KIP-123: Bigger batches", "Thoughts?", ""),
      plain("d2@x", "Bob Builder", kT0 + 100, "Re: [DISCUSS] KIP-123: Bigger batches",
            "Looks good, +1 to the idea", "d1@x"),
      plain("v1@x", "Ann Author", kT0 + 5 * kDay, "[VOTE] KIP-123: Bigger batches",
            "Please vote.\n[ ] +1\n[ ] -1\n", ""),
      plain("v2@x", "Bob Builder", kT0 + 5 * kDay + 10, "Re: [VOTE] KIP-123: Bigger batches",
            "+1 (binding)", "v1@x"),
      plain("v3@x", "Cy Critic", kT0 + 6 * kDay, "Re: [VOTE] KIP-123: Bigger batches",
            "+1 (binding)", "v1@x"),
      plain("v4@x", "Dee Dev", kT0 + 6 * kDay + 10, "Re: [VOTE] KIP-123: Bigger batches", "+1",
            "v1@x"),
      plain("r1@x", "Ann Author", kT0 + 9 * kDay, "[RESULT][VOTE] KIP-123",
            "The vote passed.\n+1 (binding): Bob Builder, Cy Critic, Dee Dev\n", ""),
  };
  auto va = AnalyzeVotes(ms, parse::BuildThreads(ms), {}, {}, nullptr, patterns);
  REQUIRE(va.vote_threads.size() == 1);
  const VoteThread& t = va.vote_threads[0];
  CHECK(t.proposal_id == "KIP-123");
  CHECK(t.kind == VoteKind::kCode);
  CHECK(t.result.message_id == "r1@x");
  CHECK(t.result.agrees);
  CHECK(t.votes.size() == 3);  // the discussion's "+1 to the idea" is not in the vote thread
  CHECK(t.tally.binding.plus == 3);
  CHECK(t.status == VoteStatus::kPassed);
  REQUIRE(va.proposals.size() == 1);
  CHECK(va.proposals[0].threads.size() == 3);
  CHECK(va.proposals[0].threads[0].role == "discuss");
  CHECK(va.proposals[0].threads[1].role == "vote");
  CHECK(va.proposals[0].threads[2].role == "result");
}

TEST_CASE("podlings: only IPMC votes bind on a release", "[analyze][roster]") {
  VotePatterns patterns;
  REQUIRE(patterns.ok());
  auto mail = [](const std::string& id, const std::string& name, const std::string& addr,
                 int64_t when, const std::string& subject, const std::string& text,
                 const std::string& parent, const std::string& list) -> Message {
    return test::Mail(id)
        .From(name, addr)
        .At(when)
        .Subject(subject)
        .List(list)
        .Text(text)
        .ReplyTo(parent);
  };
  auto roster = report::ParseRosterJson(R"({"committees": {
      "incubator": {"roster": {"mentor": {"name": "Max Mentor", "date": "2015-01-01"}}},
      "maven": {"roster": {}}}})",
                                        "test");
  REQUIRE(roster.ok());
  for (const char* list : {"dev.foo.incubator.apache.org", "dev.foo.apache.org"}) {
    INFO(list);
    const std::string s = "[VOTE] Release Apache Foo 0.1.0 (incubating)";
    std::vector<Message> ms = {
        mail("c@x", "Pat Podling", "pat@foo.org", kT0, s, "Please vote.", "", list),
        mail("r1@x", "Pat Podling", "pat@foo.org", kT0 + 10, "Re: " + s, "+1 (binding)", "c@x",
             list),
        mail("r2@x", "Max Mentor", "max@example.org", kT0 + 20, "Re: " + s, "+1", "c@x", list)};
    auto va = AnalyzeVotes(ms, parse::BuildThreads(ms), {}, {}, &roster.value(), patterns);
    REQUIRE(va.vote_threads.size() == 1);
    const VoteThread& t = va.vote_threads[0];
    CHECK(t.committee == "incubator");
    CHECK(std::find(t.flags.begin(), t.flags.end(), "podling") != t.flags.end());
    REQUIRE(t.votes.size() == 2);
    CHECK(t.votes[0].binding == false);  // a PPMC member's "(binding)" does not bind a release
    CHECK(t.votes[0].binding_evidence == BindingEvidence::kRoster);
    CHECK(t.votes[1].binding == true);  // the IPMC mentor
  }
}

TEST_CASE("identities: one person with two addresses is one voter", "[analyze][identity]") {
  VotePatterns patterns;
  REQUIRE(patterns.ok());
  std::vector<Message> ms = Fixture();
  ms.resize(3);  // the call, Ada's +1 (binding), Bob's +1
  Message later = Comment(20, "Bob Builder", kT0 + 3 * kDay, "-1 after all: the CI is red");
  later.from = {"Bob Builder", "bob@apache.org"};
  later.mirror = Mirror{};
  ms.push_back(later);
  std::vector<Person> people = {
      Person{"bob@apache.org", "Bob Builder", {"bob@apache.org"}, {"Bob Builder"}, {}}};
  auto va = AnalyzeVotes(ms, parse::BuildThreads(ms), people, {}, nullptr, patterns);
  REQUIRE(va.vote_threads.size() == 1);
  const VoteThread& t = va.vote_threads[0];
  REQUIRE(t.votes.size() == 3);
  int bob_active = 0;
  for (const auto& v : t.votes) {
    if (v.voter.name == "Bob Builder" && !v.superseded) {
      ++bob_active;
      CHECK(v.value == "-1");
      CHECK(v.voter.apache_id == "bob");
    }
  }
  CHECK(bob_active == 1);
}

TEST_CASE("a [VOTE] call posted inside a [DISCUSS] thread is a vote of its own",
          "[analyze][proposal]") {
  VotePatterns patterns;
  REQUIRE(patterns.ok());
  auto mail = [](const std::string& id, const std::string& name, int64_t when,
                 const std::string& subject, const std::string& text,
                 const std::string& parent) -> Message {
    return test::Mail(id)
        .From(name, AsciiLowerName(name) + "@example.org")
        .At(when)
        .Subject(subject)
        .List("dev.foo.apache.org")
        .Text(text)
        .ReplyTo(parent);
  };
  std::vector<Message> ms = {
      mail("d@x", "Ann Author", kT0, "[DISCUSS] Move the site to git", "Shall we?", ""),
      mail("d1@x", "Bob Builder", kT0 + 60, "Re: [DISCUSS] Move the site to git", "+1 to the idea",
           "d@x"),
      mail("v@x", "Ann Author", kT0 + kDay, "[VOTE] Move the site to git",
           "Let's vote.\n[ ] +1\n[ ] -1\n", "d@x"),
      mail("v1@x", "Bob Builder", kT0 + kDay + 60, "Re: [VOTE] Move the site to git", "+1", "v@x"),
      mail("v2@x", "Cy Critic", kT0 + kDay + 120, "Re: [VOTE] Move the site to git", "-0", "v@x"),
  };
  auto va = AnalyzeVotes(ms, parse::BuildThreads(ms), {}, {}, nullptr, patterns);
  REQUIRE(va.vote_threads.size() == 1);
  const VoteThread& t = va.vote_threads[0];
  CHECK(t.thread_id == "v@x");
  REQUIRE(t.votes.size() == 2);  // Bob's "+1 to the idea" was in the discussion, not the vote
  CHECK(t.votes[0].message_id == "v1@x");
  CHECK(t.votes[1].value == "-0");
  CHECK(std::find(t.flags.begin(), t.flags.end(), "vote-inside-thread") != t.flags.end());
  REQUIRE(va.proposals.size() == 1);  // the discussion and its vote
  CHECK(va.proposals[0].threads.size() == 2);
}

TEST_CASE("proposals: a result mail goes to the take it names, else to the latest take",
          "[analyze][proposal]") {
  VotePatterns patterns;
  REQUIRE(patterns.ok());
  auto mail = [](const std::string& id, int64_t when, const std::string& subject,
                 const std::string& text, const std::string& parent) -> Message {
    return test::Mail(id)
        .From("Rita Manager", "rita@apache.org")
        .At(when)
        .Subject(subject)
        .List("dev.foo.apache.org")
        .Text(text)
        .ReplyTo(parent);
  };
  const std::string call = "[VOTE] Release Apache Foo 2.0.0";
  for (bool named : {true, false}) {
    INFO(named);
    std::vector<Message> ms = {
        mail("t1@x", kT0, call, "Please vote.", ""),
        mail("t2@x", kT0 + 4 * kDay, call + " (take 2)", "Please vote.", ""),
        mail("r@x", kT0 + 8 * kDay,
             named ? "[RESULT] [VOTE] Release Apache Foo version 2.0.0 (take 2)"
                   : "[RESULT] [VOTE] Release Apache Foo version 2.0.0",
             "The vote has passed.\n+1: Rita Manager\n", "")};
    auto va = AnalyzeVotes(ms, parse::BuildThreads(ms), {}, {}, nullptr, patterns);
    REQUIRE(va.vote_threads.size() == 2);
    CHECK(va.vote_threads[0].result.message_id.empty());
    CHECK(va.vote_threads[1].result.message_id == "r@x");
    CHECK(va.vote_threads[0].proposal_id == va.vote_threads[1].proposal_id);
  }
}

TEST_CASE("votes from mails without an author are not merged", "[analyze][identity]") {
  VotePatterns patterns;
  REQUIRE(patterns.ok());
  std::vector<Message> ms = Fixture();
  ms.resize(3);
  ms[1].from = {};
  ms[2].from = {};
  ms[1].mirror = Mirror{};
  ms[2].mirror = Mirror{};
  auto va = AnalyzeVotes(ms, parse::BuildThreads(ms), {}, {}, nullptr, patterns);
  REQUIRE(va.vote_threads.size() == 1);
  REQUIRE(va.vote_threads[0].votes.size() == 2);
  CHECK_FALSE(va.vote_threads[0].votes[0].superseded);
  CHECK_FALSE(va.vote_threads[0].votes[1].superseded);
}
