// SPDX-License-Identifier: Apache-2.0
// The digest: what changed since the last run (a state file in --out) or since a date.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/report_model.h"
#include "core/result.h"

namespace quorum::report {

// What a run has seen; written to "<out>/.quorum-report-state.json" after a successful run.
struct ReportState {
  std::set<std::string> proposals;  // proposal ids
  std::set<std::string> votes;      // "<thread id> <message id>" of every active vote
  std::set<std::string> decided;    // vote thread ids whose status is not "open"
};

struct DigestEntry {
  std::string type;         // "new-proposal", "new-vote", "decided"
  std::string proposal_id;  // the proposal concerned
  std::string thread_id;    // the vote thread, for new-vote and decided
  std::string message_id;   // the vote's message (new-vote) or the result mail (decided)
  int64_t date = 0;         // when it happened (first message, vote, close)
  std::string title;        // proposal title or vote thread subject (mail text: escape it)
  std::string detail;       // "Olivier Lamy voted +1 (binding)", "passed", ...
};

struct Digest {
  std::string basis;                 // "first run", "since the last run", "since 2017-12-01"
  std::vector<DigestEntry> entries;  // newest first, then type, thread, message
};

// The state a run leaves behind.
ReportState StateOf(const ReportModel& model);

// Changes relative to `previous` (null: first run, everything is new), or, when `since` > 0
// (epoch seconds), everything dated on or after `since` regardless of the state. Pure.
Digest ComputeDigest(const ReportModel& model, const ReportState* previous, int64_t since);

// The state as JSON, and back. Reading never throws; bad JSON is an Error (kInvalidData).
std::string StateToJson(const ReportState& state);
Result<ReportState> StateFromJson(const std::string& json);

}  // namespace quorum::report
