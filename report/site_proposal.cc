// SPDX-License-Identifier: Apache-2.0
// p/<id>.html: timeline, vote takes with their votes and result check, positions, threads.
#include <algorithm>
#include <unordered_map>

#include "core/time.h"
#include "report/html_escape.h"
#include "report/site.h"
#include "report/svg_chart.h"

namespace quorum::report {
namespace {

std::string Date(int64_t epoch) { return epoch ? FormatIsoUtc(epoch) : std::string("?"); }

// Days from the first to the last day with messages (capped at 400 columns), vote windows marked.
std::vector<Column> DayColumns(const ReportModel& model, const ProposalView& v) {
  std::vector<Column> cols;
  if (v.first_date == 0) return cols;
  const int64_t kDay = 86400;
  int64_t first = v.first_date / kDay, last = v.last_date / kDay;
  if (last - first > 399) first = last - 399;
  for (int64_t d = first; d <= last; ++d) {
    std::string label = FormatIsoDate(d * kDay);
    auto it = v.per_day.find(label);
    bool marked = false;
    for (int ti : v.vote_threads) {
      const VoteThread& t = model.vote_threads[static_cast<size_t>(ti)];
      int64_t close = t.closed ? t.closed : v.last_date;
      if (t.opened && d >= t.opened / kDay && d <= close / kDay) marked = true;
    }
    cols.push_back({label, it == v.per_day.end() ? 0 : it->second, marked});
  }
  return cols;
}

std::string BindingText(const Vote& v) {
  std::string b = !v.binding.has_value() ? "unknown" : (*v.binding ? "binding" : "non-binding");
  return b + " <span class=\"meta\">(" + ToString(v.binding_evidence) + ")</span>";
}

std::string MessageLink(const std::string& list, const std::string& message_id) {
  std::string url = ArchiveSearchUrl(list, message_id);
  std::string code = "<code>" + EscapeHtml(message_id) + "</code>";
  if (url.empty()) return code;
  return "<a href=\"" + EscapeHtml(url) + "\" rel=\"noreferrer noopener\">" + code + "</a>";
}

std::string BucketText(const TallyBucket& b) {
  return std::to_string(b.plus) + " for (+), " + std::to_string(b.zero) + " neutral (0), " +
         std::to_string(b.minus) + " against (-)";
}

std::string RenderVoteThread(const VoteThread& t) {
  std::string h = "<section>\n<h2 id=\"vote-" + SafeFileName(t.thread_id) +
                  "\">Vote: " + EscapeHtml(t.subject) + "</h2>\n";
  h += "<p><span class=\"status " + std::string(ToString(t.status)) + "\">" + ToString(t.status) +
       "</span> " + ToString(t.kind) + " vote, basis: " + EscapeHtml(t.status_basis) +
       "; by the rules: " + EscapeHtml(t.computed_outcome) + ". Opened " + Date(t.opened) +
       ", closed " + Date(t.closed) + ".</p>\n";
  if (!t.outcome_note.empty()) h += "<p class=\"meta\">" + EscapeHtml(t.outcome_note) + "</p>\n";
  h += "<div class=\"table-wrap\"><table>\n<caption>Tally of the active votes</caption>\n"
       "<thead><tr><th scope=\"col\">Votes</th><th scope=\"col\">Bar</th><th "
       "scope=\"col\">Counts</th></tr></thead>\n<tbody>\n";
  const std::pair<std::string, const TallyBucket*> buckets[] = {
      {"binding", &t.tally.binding},
      {"non-binding", &t.tally.non_binding},
      {"binding unknown", &t.tally.unknown}};
  for (const auto& [name, b] : buckets) {
    if (name == "binding unknown" && b->plus + b->zero + b->minus == 0) continue;
    h += "<tr><th scope=\"row\">" + name + "</th><td>" +
         TallyBar(name, b->plus, b->zero, b->minus) + "</td><td>" + BucketText(*b) + "</td></tr>\n";
  }
  h += "</tbody></table></div>\n";
  if (!t.flags.empty()) {
    h += "<p class=\"meta\">Flags:";
    for (const auto& f : t.flags) h += " <code>" + EscapeHtml(f) + "</code>";
    h += "</p>\n";
  }
  h += "<div class=\"table-wrap\"><table class=\"cards\">\n<caption>Votes (" +
       std::to_string(t.votes.size()) +
       "; struck-through votes were replaced by a later vote of the same person)</caption>\n"
       "<thead><tr><th scope=\"col\">Voter</th><th scope=\"col\">Vote</th><th "
       "scope=\"col\">Binding (evidence)</th><th scope=\"col\">The line that carries the "
       "vote</th><th scope=\"col\">Date</th><th scope=\"col\">Message</th></tr></thead>\n<tbody>\n";
  for (const auto& v : t.votes) {
    std::string who = v.voter.name.empty() ? v.voter.address : v.voter.name;
    h += std::string(v.superseded ? "<tr class=\"superseded\">" : "<tr>") + "<th scope=\"row\">" +
         EscapeHtml(who) +
         (v.voter.apache_id.empty()
              ? ""
              : " <span class=\"meta\">(" + EscapeHtml(v.voter.apache_id) + ")</span>") +
         "</th><td data-label=\"Vote\">" + EscapeHtml(v.value) +
         (v.conditional ? " (conditional)" : "") + "</td><td data-label=\"Binding\">" +
         BindingText(v) + "</td><td class=\"wrap\" data-label=\"Line\"><q>" +
         EscapeHtml(v.evidence) + "</q></td><td data-label=\"Date\">" +
         (v.date ? FormatIsoDate(v.date) : std::string("?")) +
         "</td><td class=\"wrap\" data-label=\"Message\">" + MessageLink(t.list, v.message_id) +
         "</td></tr>\n";
  }
  h += "</tbody></table></div>\n";
  h += "<h3>Result mail check</h3>\n";
  if (t.result.message_id.empty()) {
    h += "<p>No result mail was found.</p>\n";
  } else {
    h += "<p>Result mail " + MessageLink(t.list, t.result.message_id) + " (" + Date(t.result.date) +
         "): " +
         (t.result.agrees ? std::string("agrees with the votes found.")
                          : std::string("differs from the votes found:")) +
         "</p>\n";
    if (!t.result.differences.empty()) {
      h += "<ul>\n";
      for (const auto& d : t.result.differences) {
        h += "<li><code>" + EscapeHtml(d.type) + "</code> " + EscapeHtml(d.name) + ": " +
             EscapeHtml(d.detail) + "</li>\n";
      }
      h += "</ul>\n";
    }
  }
  h += "</section>\n";
  return h;
}

std::string RenderPositions(const Discussion& d) {
  std::string h = "<section>\n<h2 id=\"positions\">Recurring positions</h2>\n";
  int shown = 0;
  for (const auto& p : d.positions) {
    if (!p.recurring) continue;
    ++shown;
    h += "<h3>" + EscapeHtml(p.label) + "</h3>\n<p class=\"meta\">" + std::to_string(p.messages) +
         " messages, " + std::to_string(p.participants) + " participants</p>\n<ul>\n";
    for (const auto& holder : p.holders) {
      std::string who = holder.name.empty() ? holder.address : holder.name;
      h += "<li><strong>" + EscapeHtml(who) + "</strong> (" + StanceName(holder.stance) +
           (holder.conditional ? ", conditional" : "") + ")";
      if (!holder.quote.empty()) h += "<blockquote>" + EscapeHtml(holder.quote) + "</blockquote>";
      h += "</li>\n";
    }
    h += "</ul>\n";
  }
  if (shown == 0) h += "<p>No recurring positions were found for this proposal.</p>\n";
  h += "</section>\n";
  return h;
}

std::string RenderThread(const ReportModel& model, const Thread& t) {
  std::string h = "<section>\n<h2 id=\"t-" + SafeFileName(t.id) +
                  "\">Thread: " + EscapeHtml(t.subject) + "</h2>\n<p class=\"meta\">" +
                  std::to_string(t.message_count) + " messages, " + Date(t.first_date) + " to " +
                  Date(t.last_date) + "</p>\n";
  TextReader texts(model.texts.get());
  for (const auto& node : t.nodes) {
    if (node.message < 0) continue;
    const Message& m = model.messages[static_cast<size_t>(node.message)];
    int depth = std::min(node.depth, 5);
    h += "<article class=\"msg d" + std::to_string(depth) + "\">\n<header><strong>" +
         EscapeHtml(AuthorName(model, node.message)) + "</strong> &middot; " +
         (m.date.valid ? FormatIsoUtc(m.date.epoch) : std::string("no date")) + " &middot; " +
         MessageLink(m.list_id, m.message_id);
    if (m.subject != t.subject) h += "<br>" + EscapeHtml(m.subject);
    h += "</header>\n<pre class=\"text\">" + EscapeHtml(texts.Text(m)) + "</pre>\n</article>\n";
  }
  h += "</section>\n";
  return h;
}

}  // namespace

std::string RenderProposal(const ReportModel& model, const ProposalView& v) {
  const Proposal& p = model.proposals[static_cast<size_t>(v.proposal)];
  std::string h = PageHead("quorum: " + EscapeHtml(p.title), "../");
  h += "<header class=\"site\"><a href=\"../index.html\">Proposals</a><a "
       "href=\"../digest.html\">What changed</a></header>\n<main>\n";
  h += "<h1>" + EscapeHtml(p.title) + "</h1>\n";
  h += "<p><span class=\"status " + EscapeHtml(v.status) + "\">" + EscapeHtml(v.status) +
       "</span> " +
       (v.vote_threads.empty() ? std::string() : EscapeHtml(v.kind) + " vote &middot; ") +
       "id <code>" + EscapeHtml(p.id) + "</code> &middot; " + std::to_string(v.messages.size()) +
       " messages, " + std::to_string(v.participants.size()) + " participants, " +
       Date(v.first_date) + " to " + Date(v.last_date) + "</p>\n";
  h += "<h2>Timeline</h2>\n<p class=\"legend meta\"><span><span class=\"sw col\"></span> messages "
       "per day</span><span><span class=\"sw mark\"></span> days with a vote open</span></p>\n";
  h += ColumnChart("Messages per day on " + p.title + " (vote window marked)", DayColumns(model, v),
                   "messages");
  h += "<p class=\"meta\">Participants: ";
  for (size_t i = 0; i < v.participants.size(); ++i) {
    h += (i ? ", " : "") + EscapeHtml(v.participants[i]);
  }
  h += "</p>\n";
  for (int ti : v.vote_threads) h += RenderVoteThread(model.vote_threads[static_cast<size_t>(ti)]);
  if (static_cast<size_t>(v.proposal) < model.proposal_positions.size()) {
    h += RenderPositions(model.proposal_positions[static_cast<size_t>(v.proposal)]);
  } else {
    h += RenderPositions(Discussion{});
  }
  for (int ti : v.threads) h += RenderThread(model, model.threads[static_cast<size_t>(ti)]);
  h += "</main>\n" + PageFoot(model);
  return h;
}

}  // namespace quorum::report
