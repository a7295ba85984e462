// SPDX-License-Identifier: Apache-2.0
// Analysis: what analyze/ finds in a Corpus, the value every output is written from.
#pragma once

#include <vector>

#include "core/position.h"
#include "core/proposal.h"
#include "core/thread.h"
#include "core/vote.h"

namespace quorum {

// analyze::Analyze makes one of these; `quorum votes`, `quorum positions` and `quorum report`
// all print from it, so they cannot disagree on which threads make a proposal.
struct Analysis {
  std::vector<VoteThread> vote_threads;  // by opened date, then thread id
  // Every proposal: vote threads with their discussion and result, mirrored pull requests, and
  // busy untagged discussions ("thread:<root id>"). By id.
  std::vector<Proposal> proposals;
  // The positions of each proposal's discussion, parallel to `proposals`: an empty Discussion
  // (no thread ids) when it was too small to analyse or positions were not asked for.
  std::vector<Discussion> discussions;
  // The discussions cut out of the corpus threads where a reply changed the subject to a new
  // topic (Thread::branched_from set, id = the branch root's Message-ID), by first date then
  // id. The corpus threads themselves stay whole; proposals may name these ids.
  std::vector<Thread> branches;
};

}  // namespace quorum
