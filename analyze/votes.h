// SPDX-License-Identifier: Apache-2.0
// Vote analysis: vote threads, their votes, binding status, outcome, result check, proposals.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyze/apache_ids.h"
#include "analyze/names.h"
#include "analyze/outcome.h"
#include "analyze/subject.h"
#include "analyze/vote_patterns.h"
#include "core/message.h"
#include "core/person.h"
#include "core/proposal.h"
#include "core/roster.h"
#include "core/text_store.h"
#include "core/thread.h"
#include "core/vote.h"

namespace quorum::analyze {

struct VoteAnalysis {
  std::vector<VoteThread> vote_threads;  // sorted by opened date, then thread id
  std::vector<Proposal> proposals;       // sorted by id
};

// Finds every vote thread in `threads` (built from `messages`), extracts the votes from each
// reply's own text, decides binding status (roster > apache-address > result mail > declared),
// computes the outcome, checks the result mail, and groups threads into proposals.
// `person_of_message[i]` is the index in `people` of message i's author (-1: none); when it is
// empty, authors are looked up in `people` by address (robots: by display name), and with no
// people each address is its own voter. `roster` may be null. `texts` is where spilled own
// texts are (null: every Message holds its own); only vote threads' messages are read.
VoteAnalysis AnalyzeVotes(const std::vector<Message>& messages, const std::vector<Thread>& threads,
                          const std::vector<Person>& people,
                          const std::vector<int>& person_of_message, const Roster* roster,
                          const VotePatterns& patterns, const TextStore* texts = nullptr);

}  // namespace quorum::analyze
