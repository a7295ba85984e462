// SPDX-License-Identifier: Apache-2.0
// Outcome rules: the kind of decision a vote is, and the ASF rule that decides it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyze/subject.h"
#include "core/vote.h"

namespace quorum::analyze {

// Kind of decision from the call's subject and the committee ("tvm" strategy votes).
VoteKind ClassifyKind(const SubjectInfo& subject, std::string_view committee);

struct Outcome {
  std::string result;  // passed, failed, vetoed, undecided
  std::string note;    // how it was counted
};

// Applies the rule of `kind` to the active (not superseded) votes in `votes`.
Outcome ComputeOutcome(VoteKind kind, const std::vector<Vote>& votes);

}  // namespace quorum::analyze
