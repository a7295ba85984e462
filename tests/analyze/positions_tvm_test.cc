// SPDX-License-Identifier: Apache-2.0
// A TVM-style RFC discussion mirrored from GitHub (our own fixture, fictional people): the two
// camps on "two IRs coexisting" come out on opposite sides of one position, with their holders.
#include <catch2/catch.hpp>

#include "message_builder.h"
#include "positions_test_util.h"
#include "test_util.h"

using namespace quorum;
using quorum::test::FindHolder;

namespace {

std::string Collapse(const std::string& s) {
  std::string out;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("positions: TVM-style RFC, opposing camps on opposite sides", "[analyze][positions]") {
  test::Analysed a =
      test::AnalyseFiles({test::SourcePath("tests/analyze/fixtures/tvm-rfc-novair.mbox")});
  REQUIRE(a.corpus.messages.size() == 8);
  REQUIRE(a.discussions.size() == 1);
  const Discussion& d = a.discussions[0];
  CHECK(d.participants == 5);
  REQUIRE_FALSE(d.positions.empty());

  // The first (most held) position is the coexistence question.
  const Position& p = d.positions[0];
  INFO("label: " << p.label);
  CHECK(p.recurring);
  CHECK(test::Lower(p.label).find("coexist") != std::string::npos);
  CHECK(p.participants >= 4);
  const PositionHolder* bjorn = FindHolder(p, "Lindqvist");
  const PositionHolder* ana = FindHolder(p, "Ferreira");
  const PositionHolder* chen = FindHolder(p, "Chen Hao");
  const PositionHolder* dara = FindHolder(p, "Dara Kim");
  const PositionHolder* emil = FindHolder(p, "Novak");
  REQUIRE(bjorn != nullptr);
  REQUIRE(ana != nullptr);
  REQUIRE(chen != nullptr);
  REQUIRE(dara != nullptr);
  CHECK(bjorn->stance == Stance::kAgainst);
  CHECK(ana->stance == Stance::kFor);
  CHECK(chen->stance == Stance::kFor);
  CHECK(dara->stance == Stance::kFor);
  // Emil sides with Bjorn, then accepts coexistence with a fixed date: never simply "for".
  if (emil != nullptr) CHECK(emil->stance != Stance::kFor);
  CHECK(bjorn->message_ids.size() == 2);  // he returns to it

  // Quotes are verbatim sentences of the holder's own message (line wrapping undone), and no
  // quote or key phrase comes from the code block or the stack trace.
  for (const Position& q : d.positions) {
    for (const PositionHolder& h : q.holders) {
      bool found = false;
      for (const Message& m : a.corpus.messages) {
        if (Collapse(m.body).find(h.quote) != std::string::npos) found = true;
      }
      CHECK(found);
      CHECK(h.quote.find("nova.lower") == std::string::npos);
      CHECK(h.quote.find("Traceback") == std::string::npos);
    }
    for (const std::string& k : q.keyphrases) {
      CHECK(k.find("winograd") == std::string::npos);
      CHECK(k.find("nova.lower") == std::string::npos);
      CHECK(k.find("traceback") == std::string::npos);
    }
  }

  // Emil's "+1 if the RFC commits to a deprecation date" is a conditional side.
  bool conditional = false;
  for (const Position& q : d.positions) {
    const PositionHolder* e = FindHolder(q, "Novak");
    if (e != nullptr && e->conditional && e->stance == Stance::kFor) conditional = true;
  }
  CHECK(conditional);

  // Who sides with whom.
  auto has_edge = [&d](const std::string& from, const std::string& to, AgreementKind kind) {
    for (const Agreement& e : d.agreements) {
      if (e.from_name.find(from) != std::string::npos && e.to_name.find(to) != std::string::npos &&
          e.kind == kind) {
        return true;
      }
    }
    return false;
  };
  CHECK(has_edge("Chen", "Ferreira", AgreementKind::kAgree));
  CHECK(has_edge("Emil", "Lindqvist", AgreementKind::kAgree));
  CHECK(has_edge("Dara", "Lindqvist", AgreementKind::kDisagree));
  for (const Agreement& e : d.agreements) CHECK(e.from_name != e.to_name);
}

TEST_CASE("positions: output is deterministic", "[analyze][positions]") {
  std::string path = test::SourcePath("tests/analyze/fixtures/tvm-rfc-novair.mbox");
  test::Analysed a = test::AnalyseFiles({path});
  test::Analysed b = test::AnalyseFiles({path});
  REQUIRE(a.discussions.size() == b.discussions.size());
  for (size_t i = 0; i < a.discussions.size(); ++i) {
    const Discussion& x = a.discussions[i];
    const Discussion& y = b.discussions[i];
    REQUIRE(x.positions.size() == y.positions.size());
    for (size_t j = 0; j < x.positions.size(); ++j) {
      CHECK(x.positions[j].label == y.positions[j].label);
      CHECK(x.positions[j].keyphrases == y.positions[j].keyphrases);
      REQUIRE(x.positions[j].holders.size() == y.positions[j].holders.size());
      for (size_t k = 0; k < x.positions[j].holders.size(); ++k) {
        CHECK(x.positions[j].holders[k].quote == y.positions[j].holders[k].quote);
        CHECK(x.positions[j].holders[k].stance == y.positions[j].holders[k].stance);
      }
    }
    CHECK(x.agreements.size() == y.agreements.size());
  }
}

TEST_CASE("positions: small discussions are skipped, groups are honoured", "[analyze][positions]") {
  std::vector<Message> msgs = {
      test::Mail("a@x")
          .From("A", "a@x")
          .Text("We should move the build to Gradle because it is faster."),
      test::Mail("b@x")
          .From("A", "a@x")
          .InReplyTo("a@x")
          .Text("Also the Gradle build cache is faster.")};
  std::vector<Thread> threads = {test::ChainThread(msgs)};
  // Two messages by one person: below both thresholds (3 messages, 2 people).
  CHECK(analyze::AnalyzePositions(msgs, threads, analyze::OneGroupPerThread(threads)).empty());
  analyze::PositionOptions lax;
  lax.min_messages = 2;
  std::vector<Discussion> d = analyze::AnalyzePositions(msgs, threads, {{0}}, lax);
  REQUIRE(d.size() == 1);
  CHECK(d[0].thread_ids == std::vector<std::string>{"a@x"});
  // An empty group or an out-of-range index is not an error.
  CHECK(analyze::AnalyzePositions(msgs, threads, {{}, {7}}).empty());
}

TEST_CASE("positions: merged identities hold one side", "[analyze][positions]") {
  std::vector<Message> msgs = {
      test::Mail("a@x")
          .From("Alice Zhang", "notifications@github.com")
          .Text("We should adopt the incubation stage for new modules."),
      test::Mail("b@x")
          .From("Bob Lee", "bob@example.org")
          .InReplyTo("a@x")
          .Text("The incubation stage adds review load for new modules."),
      test::Mail("c@x")
          .From("Alice Zhang", "alicez@apache.org")
          .InReplyTo("b@x")
          .Text("The incubation stage keeps new modules out of the release.")};
  std::vector<Thread> threads = {test::ChainThread(msgs)};
  std::vector<Discussion> apart = analyze::AnalyzePositions(msgs, threads, {{0}});
  REQUIRE(apart.size() == 1);
  CHECK(apart[0].participants == 3);  // two addresses, two people
  std::vector<Discussion> merged =
      analyze::AnalyzePositions(msgs, threads, {{0}}, analyze::PositionOptions{}, {0, 1, 0});
  REQUIRE(merged.size() == 1);
  CHECK(merged[0].participants == 2);
  for (const Position& p : merged[0].positions) {
    const PositionHolder* alice = FindHolder(p, "Alice");
    // The holder shows the real address, not the mirror robot's.
    if (alice != nullptr) CHECK(alice->address == "alicez@apache.org");
  }
}

TEST_CASE("positions: logins behind a mirror robot stay apart", "[analyze][positions]") {
  const char* robot = "git@git.apache.org";
  std::vector<Message> msgs = {
      test::Mail("a@x")
          .From("Tibor17", robot)
          .Text("If you could squash these two commits in one, it would be great."),
      test::Mail("b@x")
          .From("eolivelli", robot)
          .InReplyTo("a@x")
          .Text("I have squashed the commits and reworded the commit message."),
      test::Mail("c@x")
          .From("Tibor17", robot)
          .InReplyTo("b@x")
          .Text("Thanks, the squashed commit is merged.")};
  std::vector<Thread> threads = {test::ChainThread(msgs)};
  // Even when identity merging lumped them together, the two logins are two people.
  std::vector<Discussion> d =
      analyze::AnalyzePositions(msgs, threads, {{0}}, analyze::PositionOptions{}, {0, 0, 0});
  REQUIRE(d.size() == 1);
  CHECK(d[0].participants == 2);
}
