// SPDX-License-Identifier: Apache-2.0
// Output of `quorum votes`: JSON (docs/votes.md) and a text digest that reads like a result mail.
#pragma once

#include <ostream>
#include <vector>

#include "core/proposal.h"
#include "core/vote.h"

namespace quorum::report {

// {"schema_version", "vote_threads": [...], "proposals": [...]}.
void WriteVotesJson(const std::vector<VoteThread>& threads, const std::vector<Proposal>& proposals,
                    std::ostream& out);

// One block per vote thread: status, each vote with its evidence line, tally, result check.
void WriteVotesText(const std::vector<VoteThread>& threads, std::ostream& out);

}  // namespace quorum::report
