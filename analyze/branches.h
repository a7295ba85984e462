// SPDX-License-Identifier: Apache-2.0
// Branches: replies that change the subject to a new topic become discussions of their own.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/message.h"
#include "core/thread.h"

namespace quorum::analyze {

// Does a reply whose subject is `child` start a new topic under a message whose subject is
// `parent`? Yes for "Y (was: X)" with Y not X, for an added attention tag ("[IMPORTANT] Re: X",
// "[RFC] Re: X", "rfc: X"), and for a different topic (normalised subjects neither equal, nor a
// truncation, nor a typo apart, nor sharing half their words). No for Re:/Fwd:/AW: noise, list
// and vote tags ([VOTE] -> [RESULT]), white space, and patch subjects ([PATCH 2/3] under
// [PATCH 1/3] is the same series). Deterministic.
bool StartsNewTopic(std::string_view parent, std::string_view child);

struct BranchSplit {
  // `threads` as given, except that each thread with branches has them cut out (same id);
  // then the branches (Thread::branched_from set), by first date then id.
  std::vector<Thread> threads;
  size_t branches = 0;  // how many of `threads` (the last ones) are branches
};

// Cuts every branch out of its thread: a real, non-mirrored reply whose subject StartsNewTopic
// against its nearest real ancestor, whose subtree (minus branches nested in it) holds at least
// `min_messages` real messages. The branch is that subtree, rooted at the reply (its id is the
// reply's Message-ID); nested branches name it in branched_from. Threads whose id is in `skip`
// (vote threads: their grouping is done elsewhere) are left whole. Deterministic.
BranchSplit SplitBranches(const std::vector<Message>& messages, const std::vector<Thread>& threads,
                          const std::unordered_set<std::string>& skip, int min_messages = 2);

}  // namespace quorum::analyze
