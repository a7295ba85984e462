// SPDX-License-Identifier: Apache-2.0
// Proposal: the threads that make one decision (discussion, vote takes, result, cancellations).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"

namespace quorum {

struct ProposalThread {
  std::string thread_id;
  std::string role;  // discuss, vote, result, cancel, announce, mirror
  std::string subject;
  MailDate first_date;
};

struct Proposal {
  std::string id;     // "KIP-123", "github:tvm-rfcs#95", "series:<id>", or the earliest thread id
  std::string title;  // normalised title of the earliest thread
  std::vector<ProposalThread> threads;  // by first date
  // The thread id this discussion branched from when a reply changed the subject to a new
  // topic ("Y (was: X)", "[IMPORTANT] Re: X"); empty otherwise.
  std::string branched_from;
};

}  // namespace quorum
