// SPDX-License-Identifier: Apache-2.0
// digest.html and feed.xml (templates/digest.mustache, feed.mustache; Atom, RFC 4287): new
// proposals, new votes, decided votes.
#include "core/hash.h"
#include "core/time.h"
#include "report/html_escape.h"
#include "report/site_view.h"

namespace quorum::report {
namespace {

const char* TypeLabel(const std::string& type) {
  if (type == "new-proposal") return "New proposal";
  if (type == "new-vote") return "New vote";
  return "Decided";
}

// The proposal page of an entry; votes and decisions jump to their vote thread's section.
std::string EntryFile(const ReportModel& model, const std::vector<ProposalView>& views,
                      const DigestEntry& e) {
  std::string file = ProposalFile(views, model, e.proposal_id);
  if (!file.empty() && !e.thread_id.empty()) file += "#vote-" + SafeFileName(e.thread_id);
  return file;
}

}  // namespace

std::string RenderDigest(const ReportModel& model, const std::vector<ProposalView>& views,
                         const Digest& digest) {
  View view = PageView(model, "what changed", "", true);
  view.set("basis", digest.basis);
  int counts[3] = {0, 0, 0};
  View entries = EmptyList();
  for (const auto& e : digest.entries) {
    ++counts[e.type == "new-proposal" ? 0 : (e.type == "new-vote" ? 1 : 2)];
    View entry;
    entry.set("type_label", TypeLabel(e.type));
    entry.set("date", e.date ? FormatIsoDate(e.date) : std::string("?"));
    entry.set("file", TextOrFalse(EntryFile(model, views, e)));
    entry.set("title", e.title);
    entry.set("detail", e.detail);
    entries.push_back(entry);
  }
  view.set("new_proposal_count", std::to_string(counts[0]));
  view.set("new_vote_count", std::to_string(counts[1]));
  view.set("decided_count", std::to_string(counts[2]));
  view.set("entries", entries);
  return RenderTemplate("digest.mustache", std::move(view));
}

std::string RenderFeed(const ReportModel& model, const std::vector<ProposalView>& views,
                       const Digest& digest) {
  int64_t newest = NewestMessageDate(model);
  View view;
  view.set("updated", FormatIsoUtc(newest));
  View entries = EmptyList();
  for (const auto& e : digest.entries) {
    // Atom ids must be stable across runs: a tag URI over a digest of what the entry is.
    std::string key = e.type + " " + e.proposal_id + " " + e.thread_id + " " + e.message_id;
    View entry;
    entry.set("title", std::string(TypeLabel(e.type)) + ": " + e.title);
    entry.set("id", Sha256Hex(key).substr(0, 32));
    entry.set("updated", FormatIsoUtc(e.date ? e.date : newest));
    entry.set("file", TextOrFalse(EntryFile(model, views, e)));
    entry.set("detail", e.detail);
    entries.push_back(entry);
  }
  view.set("entries", entries);
  return RenderTemplate("feed.mustache", std::move(view));
}

}  // namespace quorum::report
