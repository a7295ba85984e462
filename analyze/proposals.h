// SPDX-License-Identifier: Apache-2.0
// Proposal grouping: which tagged threads ([VOTE], [RESULT], [DISCUSS], mirrors) are one proposal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "analyze/subject.h"
#include "core/message.h"
#include "core/thread.h"

namespace quorum::analyze {

// A thread, or a vote call inside another thread, with its role in a proposal.
struct TaggedThread {
  int index = -1;  // into threads
  int first = -1;  // first real message (the root when present)
  bool root_real = false;
  SubjectInfo si;
  MailDate date;
  std::string role;  // vote, result, cancel, discuss, announce, mirror, stray-vote
  std::string mirror_prefix = "github:";  // proposal id prefix for mirror items
  std::string id;                         // thread id, or the call's id for an inner vote
  size_t node_begin = 0;                  // the nodes of `threads[index]` that belong here
  size_t node_end = 0;
  bool inner = false;  // a vote call inside another thread
};

// The tagged threads of `threads`, by the subject of their first real message; untagged threads
// are left out. A [VOTE] call posted as a reply inside another thread (a [DISCUSS] whose subject
// was changed) starts a vote of its own: its subtree, contiguous in depth-first node order.
std::vector<TaggedThread> TagThreads(const std::vector<Message>& messages,
                                     const std::vector<Thread>& threads);

// Groups tagged threads into proposals: equal numbered ids, equal mirror items, equal versioned
// titles, or (unversioned titles) SameProposalTokens. Each group holds indices into `tagged`,
// sorted by date then id; groups come in the order of their lowest index. No recursion.
std::vector<std::vector<size_t>> GroupProposals(const std::vector<TaggedThread>& tagged);

// The id of the proposal whose earliest thread is `head`: its numbered id ("RFC-42"), mirror
// item ("github:tvm-rfcs#42"), else the thread id.
std::string ProposalIdOf(const TaggedThread& head);

}  // namespace quorum::analyze
