// SPDX-License-Identifier: Apache-2.0
// The digest: what changed since the last run (a state file in --out) or since a date, one entry
// per proposal that changed, news apart, code review folded per repository.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/report_model.h"
#include "core/result.h"
#include "report/proposal_view.h"

namespace quorum::report {

// What a run has seen; written to "<out>/.quorum-report-state.json" after a successful run.
struct ReportState {
  std::set<std::string> proposals;      // proposal ids
  std::set<std::string> votes;          // "<thread id> <message id>" of every active vote
  std::set<std::string> decided;        // vote thread ids whose status is not "open"
  std::set<std::string> objections;     // "<proposal id> <address>" of everyone against one
  std::map<std::string, int> messages;  // proposal id -> its messages
  // False for a state written before message counts were kept: then only new proposals count
  // their messages, so an upgrade does not report every message as new.
  bool has_message_counts = false;
};

// One thing that changed: a proposal, a piece of news, or one repository's code review.
struct DigestEntry {
  std::string type;         // "proposal", "news", "code-review" (report/classify.h)
  std::string proposal_id;  // the proposal; empty for code-review
  std::string repository;   // code-review: the repository ("maven-surefire"); else empty
  std::string thread_id;    // the vote thread the entry is about, else empty
  std::string message_id;   // the result mail of a decided vote, else empty
  MailDate date;            // the newest change
  std::string title;        // proposal title (mail text: escape it), or "maven-surefire"
  // What changed, each a short phrase, decision first: "passed: 4 binding +1, no -1", "3 new
  // votes, 4 binding +1 so far", "new objection from X", "2 new messages in the discussion",
  // "new discussion, 12 messages from 4 people".
  std::vector<std::string> changes;
  std::string detail;  // the changes joined by "; "
  bool vote = false;   // a proposal with a vote thread (shown with the decisions)
};

struct Digest {
  std::string basis;                 // "first run", "since the last run", "since 2017-12-01"
  std::vector<DigestEntry> entries;  // newest first, then type, proposal, repository
};

// The state a run leaves behind.
ReportState StateOf(const ReportModel& model, const std::vector<ProposalView>& views);

// Changes relative to `previous` (null: first run, everything is new), or, when `since` is set
// (epoch seconds, any sign), everything dated on or after `since` regardless of the state. Pure.
Digest ComputeDigest(const ReportModel& model, const std::vector<ProposalView>& views,
                     const ReportState* previous, std::optional<int64_t> since);

// The state as JSON, and back. Reading never throws; bad JSON is an Error (kInvalidData).
std::string StateToJson(const ReportState& state);
Result<ReportState> StateFromJson(const std::string& json);

}  // namespace quorum::report
