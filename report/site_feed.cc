// SPDX-License-Identifier: Apache-2.0
// digest.html and feed.xml (templates/digest.mustache, feed.mustache; Atom, RFC 4287): one entry
// per proposal that changed, news apart, code review folded per repository.
#include "core/hash.h"
#include "core/time.h"
#include "report/html_escape.h"
#include "report/site_view.h"

namespace quorum::report {
namespace {

const char* TypeLabel(const std::string& type) {
  if (type == "news") return "News";
  if (type == "code-review") return "Code review activity";
  return "Proposal";
}

// The page of an entry: its proposal (a vote's section when about a vote), or, for code
// review, the index's code review section.
std::string EntryFile(const ReportModel& model, const std::vector<ProposalView>& views,
                      const DigestEntry& e) {
  if (e.type == "code-review") return "index.html#code-review";
  std::string file = ProposalFile(views, model, e.proposal_id);
  if (!file.empty() && !e.thread_id.empty()) file += "#vote-" + SafeFileName(e.thread_id);
  return file;
}

View EntryView(const ReportModel& model, const std::vector<ProposalView>& views,
               const DigestEntry& e) {
  View entry;
  Put(&entry, "date", PageDay(e.date));
  Put(&entry, "file", TextOrFalse(EntryFile(model, views, e)));
  Put(&entry, "title", e.title);
  Put(&entry, "detail", e.detail);
  return entry;
}

}  // namespace

std::string RenderDigest(Templates* templates, const ReportModel& model,
                         const std::vector<ProposalView>& views, const Digest& digest) {
  View view = PageView(templates, model, "what changed", "", true);
  Put(&view, "basis", digest.basis);
  View votes = EmptyList(), proposals = EmptyList(), news = EmptyList(), reviews = EmptyList();
  int counts[3] = {0, 0, 0};
  bool has_votes = false;
  for (const auto& e : digest.entries) {
    if (e.type == "news") {
      ++counts[1];
      Append(&news, EntryView(model, views, e));
    } else if (e.type == "code-review") {
      ++counts[2];
      Append(&reviews, EntryView(model, views, e));
    } else {
      ++counts[0];
      has_votes = has_votes || e.vote;
      (e.vote ? votes : proposals).push_back(EntryView(model, views, e));
    }
  }
  // "3 proposals changed, 2 news, code review in 4 repositories": only what is there.
  std::string said;
  auto say = [&said](int n, const std::string& one, const std::string& many) {
    if (n == 0) return;
    said += (said.empty() ? "" : ", ") + std::to_string(n) + " " + (n == 1 ? one : many);
  };
  say(counts[0], "proposal changed", "proposals changed");
  say(counts[1], "piece of news", "pieces of news");
  say(counts[2], "repository with code review activity", "repositories with code review activity");
  Put(&view, "counts", said + ".");
  Put(&view, "votes", std::move(votes));
  Put(&view, "has_votes", has_votes);
  Put(&view, "has_proposals", !proposals.is_empty_list());
  Put(&view, "proposals", std::move(proposals));
  Put(&view, "news", std::move(news));
  Put(&view, "has_news", counts[1] > 0);
  Put(&view, "reviews", std::move(reviews));
  Put(&view, "has_reviews", counts[2] > 0);
  Put(&view, "nothing", digest.entries.empty());
  return templates->Render("digest.mustache", view);
}

std::string RenderFeed(Templates* templates, const ReportModel& model,
                       const std::vector<ProposalView>& views, const Digest& digest) {
  MailDate newest = NewestMessageDate(model);
  // Atom wants a date; a feed of undated mail says the epoch, as it always has.
  const std::string updated = newest.valid ? FormatIsoUtc(newest) : "1970-01-01T00:00:00Z";
  View view;
  Put(&view, "updated", updated);
  View entries = EmptyList();
  for (const auto& e : digest.entries) {
    // Atom ids must be stable across runs: a tag URI over a digest of what the entry is and
    // what changed, so the same change keeps its id and a new change gets a new one.
    std::string key = e.type + " " + e.proposal_id + " " + e.repository + " " +
                      (e.date.valid ? std::to_string(e.date.epoch) : "0") + " " + e.detail;
    View entry;
    Put(&entry, "title", std::string(TypeLabel(e.type)) + ": " + e.title);
    Put(&entry, "id", Sha256Hex(key).substr(0, 32));
    Put(&entry, "updated", e.date.valid ? FormatIsoUtc(e.date) : updated);
    Put(&entry, "file", TextOrFalse(EntryFile(model, views, e)));
    Put(&entry, "detail", e.detail);
    Append(&entries, std::move(entry));
  }
  Put(&view, "entries", std::move(entries));
  return templates->Render("feed.mustache", view);
}

}  // namespace quorum::report
