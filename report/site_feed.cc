// SPDX-License-Identifier: Apache-2.0
// digest.html and feed.xml (Atom, RFC 4287): new proposals, new votes, decided votes.
#include "core/hash.h"
#include "core/time.h"
#include "report/html_escape.h"
#include "report/site.h"

namespace quorum::report {
namespace {

const char* TypeLabel(const std::string& type) {
  if (type == "new-proposal") return "New proposal";
  if (type == "new-vote") return "New vote";
  return "Decided";
}

}  // namespace

std::string RenderDigest(const ReportModel& model, const std::vector<ProposalView>& views,
                         const Digest& digest) {
  std::string h = PageHead("quorum: what changed", "");
  h += "<header class=\"site\"><a href=\"index.html\">Proposals</a><a "
       "href=\"digest.html\">What changed</a><a href=\"feed.xml\">Atom feed</a></header>\n<main>\n";
  h += "<h1>What changed (" + EscapeHtml(digest.basis) + ")</h1>\n";
  int counts[3] = {0, 0, 0};
  for (const auto& e : digest.entries) {
    ++counts[e.type == "new-proposal" ? 0 : (e.type == "new-vote" ? 1 : 2)];
  }
  h += "<p>" + std::to_string(counts[0]) + " new proposals, " + std::to_string(counts[1]) +
       " new votes, " + std::to_string(counts[2]) + " decided votes.</p>\n";
  if (digest.entries.empty()) h += "<p>Nothing changed.</p>\n";
  h += "<ul class=\"digest\">\n";
  for (const auto& e : digest.entries) {
    std::string file = ProposalFile(views, model, e.proposal_id);
    // Votes and decisions jump to their vote thread's section of the proposal page.
    if (!file.empty() && !e.thread_id.empty()) file += "#vote-" + SafeFileName(e.thread_id);
    std::string title = EscapeHtml(e.title);
    if (!file.empty()) title = "<a href=\"" + EscapeHtml(file) + "\">" + title + "</a>";
    h += "<li><strong>" + std::string(TypeLabel(e.type)) + "</strong> " +
         (e.date ? FormatIsoDate(e.date) : std::string("?")) + ": " + title + " &mdash; " +
         EscapeHtml(e.detail) + "</li>\n";
  }
  h += "</ul>\n</main>\n" + PageFoot(model);
  return h;
}

std::string RenderFeed(const ReportModel& model, const std::vector<ProposalView>& views,
                       const Digest& digest) {
  int64_t newest = NewestMessageDate(model);
  std::string updated = FormatIsoUtc(newest);
  // Atom ids must be stable across runs: a tag URI over a digest of what the entry is.
  std::string x =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
      "<title>quorum: what changed</title>\n"
      "<id>tag:quorum.invalid,2026:feed</id>\n<updated>" +
      updated +
      "</updated>\n<author><name>quorum</name></author>\n"
      "<link rel=\"alternate\" href=\"digest.html\"/>\n";
  for (const auto& e : digest.entries) {
    std::string key = e.type + " " + e.proposal_id + " " + e.thread_id + " " + e.message_id;
    std::string file = ProposalFile(views, model, e.proposal_id);
    if (!file.empty() && !e.thread_id.empty()) file += "#vote-" + SafeFileName(e.thread_id);
    x += "<entry>\n<title>" + EscapeHtml(std::string(TypeLabel(e.type)) + ": " + e.title) +
         "</title>\n<id>tag:quorum.invalid,2026:" + Sha256Hex(key).substr(0, 32) +
         "</id>\n<updated>" + FormatIsoUtc(e.date ? e.date : newest) + "</updated>\n";
    if (!file.empty()) x += "<link rel=\"alternate\" href=\"" + EscapeHtml(file) + "\"/>\n";
    x += "<summary>" + EscapeHtml(e.detail) + "</summary>\n</entry>\n";
  }
  x += "</feed>\n";
  return x;
}

}  // namespace quorum::report
