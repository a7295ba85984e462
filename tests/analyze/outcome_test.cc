// SPDX-License-Identifier: Apache-2.0
// Outcome rules at their edges: release quorum, ties, vetoes, lazy 2/3, unknown binding.
#include <catch2/catch.hpp>

#include "analyze/votes.h"

using namespace quorum;
using namespace quorum::analyze;

namespace {

Vote V(const char* value, std::optional<bool> binding, bool justified = true) {
  Vote v;
  v.value = value;
  v.numeric = std::stod(value);
  v.binding = binding;
  v.justified = justified;
  return v;
}

std::vector<Vote> Many(int plus, int minus, std::optional<bool> binding = true) {
  std::vector<Vote> out;
  for (int i = 0; i < plus; ++i) out.push_back(V("+1", binding));
  for (int i = 0; i < minus; ++i) out.push_back(V("-1", binding));
  return out;
}

}  // namespace

TEST_CASE("release: at least three binding +1 and more +1 than -1", "[analyze][outcome]") {
  CHECK(ComputeOutcome(VoteKind::kRelease, Many(3, 0)).result == "passed");  // exactly three
  CHECK(ComputeOutcome(VoteKind::kRelease, Many(2, 0)).result == "failed");
  CHECK(ComputeOutcome(VoteKind::kRelease, Many(3, 3)).result == "failed");  // a tie
  // A -1 in a release vote is a vote against, not a veto.
  CHECK(ComputeOutcome(VoteKind::kRelease, Many(4, 1)).result == "passed");
  // Non-binding +1s do not make the quorum once some binding status is known.
  auto votes = Many(2, 0);
  for (int i = 0; i < 5; ++i) votes.push_back(V("+1", false));
  CHECK(ComputeOutcome(VoteKind::kRelease, votes).result == "failed");
  // 0 votes count for neither side.
  votes = Many(3, 0);
  votes.push_back(V("0", true));
  CHECK(ComputeOutcome(VoteKind::kRelease, votes).result == "passed");
}

TEST_CASE("code change: a justified binding -1 is a veto", "[analyze][outcome]") {
  CHECK(ComputeOutcome(VoteKind::kCode, Many(5, 1)).result == "vetoed");
  auto votes = Many(5, 0);
  votes.push_back(V("-1", true, /*justified=*/false));
  auto o = ComputeOutcome(VoteKind::kCode, votes);
  CHECK(o.result == "passed");
  CHECK(o.note.find("without justification") != std::string::npos);
  votes = Many(5, 0);
  votes.push_back(V("-1", false));  // a non-binding -1 is no veto
  CHECK(ComputeOutcome(VoteKind::kCode, votes).result == "passed");
  CHECK(ComputeOutcome(VoteKind::kCode, Many(2, 0)).result == "failed");
}

TEST_CASE("procedural: simple majority and ties fail", "[analyze][outcome]") {
  CHECK(ComputeOutcome(VoteKind::kProcedural, Many(2, 2)).result == "failed");
  CHECK(ComputeOutcome(VoteKind::kProcedural, Many(3, 2)).result == "passed");
  CHECK(ComputeOutcome(VoteKind::kProcedural, Many(1, 0)).result == "passed");
}

TEST_CASE("strategy (TVM): lazy 2/3 majority with at least three binding +1",
          "[analyze][outcome]") {
  CHECK(ComputeOutcome(VoteKind::kStrategy, Many(3, 2)).result == "failed");  // 3 < 2*2
  CHECK(ComputeOutcome(VoteKind::kStrategy, Many(4, 2)).result == "passed");  // exactly 2/3
  CHECK(ComputeOutcome(VoteKind::kStrategy, Many(2, 0)).result == "failed");
  CHECK(ComputeOutcome(VoteKind::kStrategy, Many(3, 0)).result == "passed");
}

TEST_CASE("unknown binding status is counted and said so", "[analyze][outcome]") {
  auto o = ComputeOutcome(VoteKind::kRelease, Many(3, 0, std::nullopt));
  CHECK(o.result == "passed");
  CHECK(o.note.find("no vote has known binding status") != std::string::npos);
  // Declared non-binding votes are still left out.
  auto votes = Many(2, 0, std::nullopt);
  votes.push_back(V("+1", false));
  CHECK(ComputeOutcome(VoteKind::kRelease, votes).result == "failed");
  CHECK(ComputeOutcome(VoteKind::kRelease, {}).result == "undecided");
}

TEST_CASE("superseded votes do not count", "[analyze][outcome]") {
  auto votes = Many(3, 0);
  votes[0].superseded = true;
  CHECK(ComputeOutcome(VoteKind::kRelease, votes).result == "failed");
}
