// SPDX-License-Identifier: Apache-2.0
// Untagged discussions: busy threads that no [VOTE]/[DISCUSS]/mirror proposal covers.
#pragma once

#include <vector>

#include "core/message.h"
#include "core/proposal.h"
#include "core/thread.h"

namespace quorum::analyze {

struct DiscussionOptions {
  int min_messages = 3;      // a thread needs this many real messages...
  int min_participants = 2;  // ...from this many people to be a discussion worth a page
};

// Appends one Proposal (id "thread:<root id>", role "discuss") for every thread that is in no
// proposal of `proposals` yet and meets the options: on dev lists most arguing happens in
// threads nobody tagged ("Maven 4.0.0", "Git migration next steps"), and a digest that shows
// only tagged proposals would hide them. A thread whose root is a reply ("Re: X") to a message
// the archive lacks joins the latest earlier such thread titled X within 60 days, and the
// options count over the joined threads. Authors are told apart by `person_of_message` (index
// per message, -1 unknown: then the lower-cased address). Keeps `proposals` sorted by id.
// Deterministic.
void AddUntaggedDiscussions(const std::vector<Message>& messages,
                            const std::vector<Thread>& threads,
                            const std::vector<int>& person_of_message,
                            const DiscussionOptions& options, std::vector<Proposal>* proposals);

}  // namespace quorum::analyze
