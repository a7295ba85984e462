// SPDX-License-Identifier: Apache-2.0
// ProposalView: one proposal joined with its threads, vote threads, messages and activity.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/report_model.h"

namespace quorum::report {

struct ProposalView {
  int proposal = -1;                      // index into ReportModel::proposals
  std::string file;                       // "p/<SafeFileName(id)>.html", relative to the site root
  std::vector<int> threads;               // ThreadAt(model, i) indices, by first date
  std::vector<int> vote_threads;          // indices into ReportModel::vote_threads, by opened date
  std::vector<int> messages;              // indices into ReportModel::messages, by date then id
  std::string kind = "unknown";           // of the latest vote thread
  std::string status = "discussion";      // of the latest vote thread; "discussion" without one
  MailDate first_date;                    // earliest dated message; no date when none is dated
  MailDate last_date;                     // latest dated message ("newest activity")
  std::vector<std::string> participants;  // display names, one per person, sorted
  std::map<std::string, int> per_day;     // "YYYY-MM-DD" -> messages that day
};

// One view per proposal, newest activity first (last_date descending, then id). Pure.
std::vector<ProposalView> BuildProposalViews(const ReportModel& model);

// The display name of message `i`'s author: the merged person's name, else From's name, else
// its address.
std::string AuthorName(const ReportModel& model, int i);

// A stable key for message `i`'s author: the person id, else the lower-cased address.
std::string AuthorKey(const ReportModel& model, int i);

// "dev@maven.apache.org" for the List-Id "dev.maven.apache.org"; "" when empty.
std::string ListAddress(const std::string& list_id);

// A lists.apache.org search for `message_id` in `list_id`'s archive, or "" when no list is
// known. Pony Mail permalinks are keyed by a hash we cannot compute offline
// (docs/output-schema.md).
std::string ArchiveSearchUrl(const std::string& list_id, const std::string& message_id);

}  // namespace quorum::report
