// SPDX-License-Identifier: Apache-2.0
// data/sample (our own invented archive): the two votes tallied as data/sample/README.md says.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>

#include "analyze/analysis.h"
#include "analyze/votes.h"
#include "parse/corpus.h"
#include "report/roster_json.h"
#include "test_util.h"

using namespace quorum;
using namespace quorum::analyze;

namespace {

VoteAnalysis AnalyzeSample(bool with_roster) {
  auto inputs = parse::ListInputs({test::SourcePath("data/sample")});
  REQUIRE(inputs.ok());
  parse::Corpus corpus = parse::LoadCorpus(inputs.value().files, {});
  auto roster = report::LoadRosterFile(test::SourcePath("data/sample/roster.json"));
  REQUIRE(roster.ok());
  AnalysisOptions options;
  options.roster = with_roster ? &roster.value() : nullptr;
  options.positions = false;
  Result<Analysis> a = analyze::Analyze(corpus, options);
  REQUIRE(a.ok());
  return VoteAnalysis{std::move(a.value().vote_threads), std::move(a.value().proposals)};
}

// voter name -> (value, binding) of the active votes.
std::map<std::string, std::pair<std::string, std::optional<bool>>> Active(const VoteThread& t) {
  std::map<std::string, std::pair<std::string, std::optional<bool>>> out;
  for (const auto& v : t.votes) {
    if (!v.superseded) out[v.voter.name] = {v.value, v.binding};
  }
  return out;
}

}  // namespace

TEST_CASE("sample: the RFC #42 strategy vote and the GitHub release vote", "[analyze][sample]") {
  VoteAnalysis va = AnalyzeSample(true);
  REQUIRE(va.vote_threads.size() == 2);
  const VoteThread& adopt = va.vote_threads[0];
  const VoteThread& release = va.vote_threads[1];
  CHECK(adopt.subject == "[VOTE] Adopt the Module Incubation Stage (RFC #42)");
  CHECK(adopt.kind == VoteKind::kStrategy);  // the call states the lazy 2/3 rule
  CHECK(adopt.status == VoteStatus::kPassed);
  CHECK(adopt.computed_outcome == "passed");
  using P = std::pair<std::string, std::optional<bool>>;
  std::map<std::string, P> want = {
      {"Alice Zhang", P{"+1", true}},   {"Carlos Ramírez", P{"+1", true}},
      {"Fatima Haddad", P{"+1", true}}, {"Dana Okafor", P{"+1", true}},
      {"Hiro Tanaka", P{"+0", true}},   {"Bob Lee", P{"+1", false}},
      {"Grace Kim", P{"+1", false}},    {"Erik Söderberg", P{"+1", false}}};
  CHECK(Active(adopt) == want);
  CHECK(adopt.tally.binding.by_value.at("+1") == 4);
  CHECK(adopt.tally.binding.by_value.at("+0") == 1);
  CHECK(adopt.tally.binding.minus == 0);
  CHECK(adopt.tally.non_binding.plus == 3);
  int dana = 0;
  for (const auto& v : adopt.votes) {
    if (v.voter.name == "Dana Okafor" && v.value == "-1") {
      CHECK(v.superseded);
      ++dana;
    }
  }
  CHECK(dana == 1);
  CHECK_FALSE(adopt.result.message_id.empty());  // no reply headers: found by its subject
  CHECK(adopt.result.agrees);
  // One proposal: the RFC pull request (apache/example-rfcs #42), [DISCUSS], [VOTE], [RESULT].
  CHECK(adopt.proposal_id == "RFC-42");
  bool found = false;
  for (const auto& p : va.proposals) {
    if (p.id != "RFC-42") continue;
    found = true;
    std::vector<std::string> roles;
    for (const auto& t : p.threads) roles.push_back(t.role);
    CHECK(roles == std::vector<std::string>{"mirror", "discuss", "vote", "result"});
  }
  CHECK(found);

  CHECK(release.kind == VoteKind::kRelease);
  CHECK(release.status == VoteStatus::kPassed);
  std::map<std::string, P> want_release = {{"Alice Zhang", P{"+1", true}},
                                           {"Carlos Ramírez", P{"+1", true}},
                                           {"Fatima Haddad", P{"+1", true}},
                                           {"Hiro Tanaka", P{"+1", true}},
                                           {"Bob Lee", P{"+1", false}}};
  CHECK(Active(release) == want_release);
  CHECK(release.result.agrees);
  for (const auto& v : release.votes) CHECK(v.binding_evidence == BindingEvidence::kRoster);
}

TEST_CASE("sample: without a roster, self-declarations and the result mail decide",
          "[analyze][sample]") {
  VoteAnalysis va = AnalyzeSample(false);
  REQUIRE(va.vote_threads.size() == 2);
  const VoteThread& release = va.vote_threads[1];
  for (const auto& v : release.votes) {
    INFO(v.voter.name);
    if (v.voter.name == "Carlos Ramírez") {
      // Undeclared, but the result mail names him under "Binding +1".
      CHECK(v.binding_evidence == BindingEvidence::kResultMail);
      CHECK(v.binding == true);
    }
    if (v.voter.name == "Bob Lee") {
      CHECK(v.binding_evidence == BindingEvidence::kDeclared);
    }
  }
}
