// SPDX-License-Identifier: Apache-2.0
// Summaries (issue 11): the lead, who is for and against the proposal as a whole, votes that stay
// votes, and arguments labelled by a sentence of their own.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "analyze/analysis.h"
#include "message_builder.h"
#include "parse/identity.h"
#include "parse/threader.h"

using namespace quorum;
using quorum::test::Mail;

namespace {

constexpr int64_t kT0 = 1700000000;

Corpus MakeCorpus(std::vector<Message> messages) {
  Corpus c;
  c.messages = std::move(messages);
  c.threads = parse::BuildThreads(c.messages);
  c.people = parse::MergeIdentities(c.messages);
  c.person_of_message = parse::PersonOfMessages(c.messages, c.people);
  return c;
}

const Discussion* FindDiscussion(const Analysis& a, const std::string& title_part) {
  for (size_t i = 0; i < a.proposals.size(); ++i) {
    if (a.proposals[i].title.find(title_part) != std::string::npos) return &a.discussions[i];
  }
  return nullptr;
}

std::vector<std::string> Names(const std::vector<SideTaker>& side) {
  std::vector<std::string> out;
  for (const SideTaker& t : side) out.push_back(t.name);
  std::sort(out.begin(), out.end());
  return out;
}

// A proposal to move the build to Gradle: one for, one against, one agreeing with each, a
// question and an amendment.
std::vector<Message> GradleThread() {
  const std::string s = "[DISCUSS] Move the build to Gradle";
  return {
      Mail("p0@x")
          .From("Ann Lee", "ann@apache.org")
          .At(kT0)
          .Subject(s)
          .TextAndBody(
              "Hi all,\n\nI propose that we move the build from Ant to Gradle. Gradle caches task "
              "outputs, so a full build would take half the time it takes today.\n\nAnn"),
      Mail("p1@x")
          .From("Bob Stone", "bob@apache.org")
          .At(kT0 + 60)
          .Subject("Re: " + s)
          .ReplyTo("p0@x")
          .TextAndBody("+1, sounds good to me.\n"),
      Mail("p2@x")
          .From("Carl Wu", "carl@apache.org")
          .At(kT0 + 120)
          .Subject("Re: " + s)
          .ReplyTo("p0@x")
          .TextAndBody(
              "I object to this. Moving to Gradle would break every downstream script that "
              "calls our Ant targets, and the release scripts call them too.\n"),
      Mail("p3@x")
          .From("Dina Roy", "dina@apache.org")
          .At(kT0 + 180)
          .Subject("Re: " + s)
          .ReplyTo("p2@x")
          .TextAndBody("+1 to what Carl said.\n"),
      Mail("p4@x")
          .From("Eve Park", "eve@apache.org")
          .At(kT0 + 240)
          .Subject("Re: " + s)
          .ReplyTo("p0@x")
          .TextAndBody("Would the Ant targets still work after the move?\n"),
      Mail("p5@x")
          .From("Finn Berg", "finn@apache.org")
          .At(kT0 + 300)
          .Subject("Re: " + s)
          .ReplyTo("p0@x")
          .TextAndBody(
              "I would suggest keeping thin Ant wrappers for one release instead of dropping the "
              "Ant targets at once, so that downstream scripts keep working.\n"),
      Mail("p6@x")
          .From("Gus Hall", "gus@apache.org")
          .At(kT0 + 360)
          .Subject("Re: " + s)
          .ReplyTo("p1@x")
          .TextAndBody("I agree.\n"),
  };
}

}  // namespace

TEST_CASE("summary: lead, and who is for and against the proposal as a whole", "[summary]") {
  Result<Analysis> a = analyze::Analyze(MakeCorpus(GradleThread()));
  REQUIRE(a.ok());
  const Discussion* d = FindDiscussion(a.value(), "Move the build to Gradle");
  REQUIRE(d != nullptr);
  const Summary& s = d->summary;
  // The lead is the opening message's own sentence that proposes, not its greeting.
  CHECK(s.lead.find("I propose that we move the build from Ant to Gradle.") == 0);
  CHECK(s.lead_message_id == "p0@x");
  CHECK_FALSE(s.has_decision);
  // For: the proposer, a "+1" and an "I agree" under that +1. Against: an objection and a "+1 to
  // what Carl said". A question and an amendment take no side.
  CHECK(Names(s.support) == std::vector<std::string>{"Ann Lee", "Bob Stone", "Gus Hall"});
  CHECK(Names(s.oppose) == std::vector<std::string>{"Carl Wu", "Dina Roy"});
  for (const SideTaker& t : s.support) {
    if (t.name == "Ann Lee") CHECK(t.basis == "proposer");
    if (t.name == "Gus Hall") CHECK(t.basis == "agrees");
  }
  for (const SideTaker& t : s.oppose) {
    if (t.name == "Dina Roy") CHECK(t.basis == "agrees");
    if (t.name == "Carl Wu") CHECK(t.quote.find("I object to this.") == 0);
  }
}

TEST_CASE("summary: arguments are at most 8, labelled by a holder's own sentence", "[summary]") {
  std::vector<Message> ms = GradleThread();
  Result<Analysis> a = analyze::Analyze(MakeCorpus(ms));
  REQUIRE(a.ok());
  const Discussion* d = FindDiscussion(a.value(), "Move the build to Gradle");
  REQUIRE(d != nullptr);
  REQUIRE_FALSE(d->summary.arguments.empty());
  CHECK(d->summary.arguments.size() <= 8);
  CHECK(d->summary.also_raised ==
        static_cast<int>(d->positions.size() - d->summary.arguments.size()));
  for (size_t i = 0; i < d->positions.size(); ++i) {
    const Position& p = d->positions[i];
    bool shown = std::find(d->summary.arguments.begin(), d->summary.arguments.end(),
                           static_cast<int>(i)) != d->summary.arguments.end();
    CHECK(p.recurring == shown);
    // The label is a sentence of the message it names, word for word.
    auto it = std::find_if(ms.begin(), ms.end(),
                           [&p](const Message& m) { return m.message_id == p.label_message_id; });
    REQUIRE(it != ms.end());
    std::string text = it->text;
    std::replace(text.begin(), text.end(), '\n', ' ');
    CHECK(text.find(p.label) != std::string::npos);
  }
}

TEST_CASE("summary: in a vote thread bare votes are the tally, a -1 with reasons argues",
          "[summary]") {
  const std::string s = "[VOTE] Release Apache Foo 1.0";
  std::vector<Message> ms = {
      Mail("v0@x")
          .From("Ann Lee", "ann@apache.org")
          .At(kT0)
          .Subject(s)
          .TextAndBody(
              "Hi,\n\nPlease vote on releasing Apache Foo 1.0 from the staged artifacts.\n\n"
              "[ ] +1 release\n[ ] -1 do not release because...\n"),
      Mail("v1@x")
          .From("Bob Stone", "bob@apache.org")
          .At(kT0 + 60)
          .Subject("Re: " + s)
          .ReplyTo("v0@x")
          .TextAndBody("+1 (binding)\n"),
      Mail("v2@x")
          .From("Gus Hall", "gus@apache.org")
          .At(kT0 + 90)
          .Subject("Re: " + s)
          .ReplyTo("v0@x")
          .TextAndBody("+1\n"),
      Mail("v3@x")
          .From("Carl Wu", "carl@apache.org")
          .At(kT0 + 120)
          .Subject("Re: " + s)
          .ReplyTo("v0@x")
          .TextAndBody(
              "-1 (binding) because the LICENSE file does not list the bundled fonts, so the "
              "source release cannot ship as it is.\n"),
      Mail("v4@x")
          .From("Dina Roy", "dina@apache.org")
          .At(kT0 + 180)
          .Subject("Re: " + s)
          .ReplyTo("v3@x")
          .TextAndBody(
              "The missing LICENSE entry for the bundled fonts is a release blocker, I agree.\n"),
  };
  Result<Analysis> a = analyze::Analyze(MakeCorpus(ms));
  REQUIRE(a.ok());
  const Discussion* d = FindDiscussion(a.value(), "Release Apache Foo 1.0");
  REQUIRE(d != nullptr);
  CHECK(d->summary.has_decision);
  CHECK(d->summary.decision.thread_id == "v0@x");
  CHECK(Names(d->summary.oppose) == std::vector<std::string>{"Carl Wu", "Dina Roy"});
  bool reasons = false;
  for (const Position& p : d->positions) {
    CHECK(p.label.rfind("+1", 0) != 0);  // no position is a bare vote
    for (const PositionHolder& h : p.holders) {
      CHECK(h.quote != "+1");
      CHECK(h.quote != "+1 (binding)");
    }
    if (p.label.find("LICENSE") != std::string::npos) reasons = true;
  }
  CHECK(reasons);
}
