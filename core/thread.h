// SPDX-License-Identifier: Apache-2.0
// Thread: a tree of messages linked by references, stored flat (parent indices, no pointers).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"

namespace quorum {

// One node of a thread. A ghost is a message that is referenced but absent from the inputs.
struct ThreadNode {
  std::string message_id;
  int parent = -1;   // index into Thread::nodes; -1 for the root
  int message = -1;  // index into the message vector the thread was built from; -1 for a ghost
  int depth = 0;     // 0 for the root
};

// A thread. nodes[0] is the root; nodes are in depth-first order, children sorted by date then
// Message-ID, so a parent always comes before its children.
struct Thread {
  std::string id;       // the root's Message-ID
  std::string subject;  // the subject of the first real message in the thread
  MailDate first_date;  // the earliest dated message's date; no date when none is dated
  MailDate last_date;
  int message_count = 0;  // real (non-ghost) nodes
  std::vector<ThreadNode> nodes;
  // For a discussion analyze/ cut out of a parse thread because a reply changed the subject to
  // a new topic: the id of the thread it branched from. Empty for parse's threads.
  std::string branched_from;
};

}  // namespace quorum
