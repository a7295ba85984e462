// SPDX-License-Identifier: Apache-2.0
// Patch series: a cover letter and its numbered parts are one proposal, threaded or not.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyze/discussions.h"
#include "core/message.h"
#include "core/proposal.h"
#include "core/thread.h"

namespace quorum::analyze {

// What a patch subject says: "[RFC][PATCH v2 03/10] cifs: x" -> part 3 of 10, version 2,
// tags "rfc", title "cifs: x".
struct PatchSubject {
  bool patch = false;  // a bracket group names PATCH ("[PATCH]", "[PATCHv2 1/3]", "[RFC PATCH]")
  bool reply = false;  // it starts with Re:/Fwd:/AW:...
  int part = -1;       // k of "k/N"; 0 for a cover letter; -1 when not numbered
  int total = 0;       // N of "k/N"; 0 when not numbered
  int version = 1;     // "v2" -> 2
  std::string tags;    // the other words of the PATCH bracket group, lower-cased ("net-next")
  std::string title;   // the subject after its prefixes and bracket groups, spaces folded
};

// Reads the leading Re:-style prefixes and bracket groups of `subject`. Deterministic.
PatchSubject ParsePatchSubject(std::string_view subject);

// Appends one Proposal (id "series:<Message-ID of the cover letter, else of the lowest part>",
// role "discuss" per thread, title the cover letter's title, else the lowest part's) per patch
// series spread over threads none of `proposals` covers yet. A thread belongs to a series when
// its first real message is a numbered patch mail (k/N, N >= 2, not a reply); threads of one
// series have the same sender (display name, else address), N, version and PATCH tags, were
// started within 3 days of the series' first one, and repeat no part number. One-thread series
// (the parts reply to the cover letter) become series proposals too. A series must meet
// `options` (messages and people over all its threads) like any discussion. Keeps `proposals`
// sorted by id. Deterministic.
void AddPatchSeries(const std::vector<Message>& messages, const std::vector<Thread>& threads,
                    const std::vector<int>& person_of_message, const DiscussionOptions& options,
                    std::vector<Proposal>* proposals);

}  // namespace quorum::analyze
