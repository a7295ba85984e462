// SPDX-License-Identifier: Apache-2.0
// index.html: every proposal with status and tallies, and each list's messages per month.
#include <map>

#include "core/time.h"
#include "report/html_escape.h"
#include "report/site.h"
#include "report/svg_chart.h"

namespace quorum::report {
namespace {

// "2017-11" -> "2017-12": consecutive months from the first to the last, gaps as zero.
std::vector<Column> MonthColumns(const std::map<std::string, int>& per_month) {
  std::vector<Column> cols;
  if (per_month.empty()) return cols;
  int y = std::stoi(per_month.begin()->first.substr(0, 4));
  int m = std::stoi(per_month.begin()->first.substr(5, 2));
  const std::string& last = per_month.rbegin()->first;
  for (int guard = 0; guard < 1200; ++guard) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    auto it = per_month.find(buf);
    cols.push_back({buf, it == per_month.end() ? 0 : it->second, false});
    if (buf == last) break;
    if (++m > 12) {
      m = 1;
      ++y;
    }
  }
  return cols;
}

std::string BucketCell(const TallyBucket& b, const std::string& label) {
  return TallyBar(label, b.plus, b.zero, b.minus) + "<br><span class=\"meta\">" + label + ": " +
         std::to_string(b.plus) + " for" +
         (b.zero ? ", " + std::to_string(b.zero) + " neutral" : std::string()) + ", " +
         std::to_string(b.minus) + " against</span>";
}

bool Empty(const TallyBucket& b) { return b.plus + b.zero + b.minus == 0; }

// Only the buckets that hold votes: without a roster every vote's binding status may be
// unknown, and a column of empty bars says nothing.
std::string TallyCell(const VoteThread& t, bool binding) {
  if (!binding) {
    return Empty(t.tally.non_binding) ? "-" : BucketCell(t.tally.non_binding, "non-binding");
  }
  std::string h;
  if (!Empty(t.tally.binding)) h = BucketCell(t.tally.binding, "binding");
  if (!Empty(t.tally.unknown)) {
    h += (h.empty() ? "" : "<br>") + BucketCell(t.tally.unknown, "binding unknown");
  }
  return h.empty() ? "-" : h;
}

}  // namespace

std::string RenderIndex(const ReportModel& model, const std::vector<ProposalView>& views,
                        const Digest& digest) {
  std::string h = PageHead("quorum: proposals and votes", "");
  h += "<header class=\"site\"><a href=\"index.html\">Proposals</a><a "
       "href=\"digest.html\">What changed</a><a href=\"feed.xml\">Atom feed</a></header>\n<main>\n";
  h += "<h1>Proposals and votes</h1>\n";
  h += "<p class=\"meta\">" + std::to_string(views.size()) + " proposals, " +
       std::to_string(model.vote_threads.size()) + " vote threads, " +
       std::to_string(model.threads.size()) + " threads, " + std::to_string(model.messages.size()) +
       " messages. Digest (" + EscapeHtml(digest.basis) + "): <a href=\"digest.html\">" +
       std::to_string(digest.entries.size()) + " changes</a>.</p>\n";
  h += "<p class=\"legend meta\"><span><span class=\"sw for\"></span> +1 (for)</span><span><span "
       "class=\"sw neutral\"></span> 0</span><span><span class=\"sw against\"></span> -1 "
       "(against)</span></p>\n";
  // Decisions first: a reader opens the digest to see what was decided and what is being
  // argued. One-person threads (mirrored pull requests, announcements) would otherwise bury
  // them, so they go last, folded (<details> needs no script).
  std::vector<const ProposalView*> votes, discussions, others;
  for (const auto& v : views) {
    const Proposal& p = model.proposals[static_cast<size_t>(v.proposal)];
    bool announce_only = !p.threads.empty();
    for (const auto& t : p.threads) announce_only = announce_only && t.role == "announce";
    if (!v.vote_threads.empty()) {
      votes.push_back(&v);
    } else if (announce_only || v.participants.size() < 2) {
      others.push_back(&v);
    } else {
      discussions.push_back(&v);
    }
  }
  auto table = [&](const std::vector<const ProposalView*>& rows, const std::string& caption) {
    h += "<div class=\"table-wrap\"><table class=\"cards\">\n<caption>" + caption +
         "</caption>\n"
         "<thead><tr><th scope=\"col\">Proposal</th><th scope=\"col\">Kind</th><th "
         "scope=\"col\">Status</th><th scope=\"col\">Binding</th><th "
         "scope=\"col\">Non-binding</th><th scope=\"col\">Participants</th><th "
         "scope=\"col\">Dates</th></tr></thead>\n<tbody>\n";
    for (const ProposalView* vp : rows) {
      const ProposalView& v = *vp;
      const Proposal& p = model.proposals[static_cast<size_t>(v.proposal)];
      h += "<tr><th scope=\"row\"><a href=\"" + EscapeHtml(v.file) + "\">" + EscapeHtml(p.title) +
           "</a></th><td data-label=\"Kind\">" +
           (v.vote_threads.empty() ? std::string("&ndash;") : EscapeHtml(v.kind)) +
           "</td><td data-label=\"Status\"><span class=\"status " + EscapeHtml(v.status) + "\">" +
           EscapeHtml(v.status) + "</span></td>";
      if (v.vote_threads.empty()) {
        h += "<td data-label=\"Binding\">-</td><td data-label=\"Non-binding\">-</td>";
      } else {
        const VoteThread& t = model.vote_threads[static_cast<size_t>(v.vote_threads.back())];
        h += "<td data-label=\"Binding\">" + TallyCell(t, true) +
             "</td><td data-label=\"Non-binding\">" + TallyCell(t, false) + "</td>";
      }
      h += "<td class=\"num\" data-label=\"Participants\">" +
           std::to_string(v.participants.size()) +
           "</td><td class=\"dates\" data-label=\"Dates\">" +
           (v.first_date ? FormatIsoDate(v.first_date) : std::string("?")) + " &ndash;<br>" +
           (v.last_date ? FormatIsoDate(v.last_date) : std::string("?")) + "</td></tr>\n";
    }
    h += "</tbody></table></div>\n";
  };
  h += "<h2 id=\"votes\">Votes</h2>\n";
  if (votes.empty()) {
    h += "<p class=\"meta\">No vote threads in these archives.</p>\n";
  } else {
    table(votes, "Proposals put to a vote, newest activity first");
  }
  h += "<h2 id=\"discussions\">Discussions</h2>\n";
  if (discussions.empty()) {
    h += "<p class=\"meta\">No discussion with two or more participants.</p>\n";
  } else {
    table(discussions,
          "Proposals under discussion (two or more participants), newest activity first");
  }
  if (!others.empty()) {
    h += "<h2 id=\"other\">Other threads</h2>\n<details><summary>" + std::to_string(others.size()) +
         " announcements and one-person threads (mirrored pull requests, notices)</summary>\n";
    table(others, "Announcements and one-person threads, newest activity first");
    h += "</details>\n";
  }
  // Per-list activity.
  std::map<std::string, std::map<std::string, int>> per_list;
  for (const auto& m : model.messages) {
    if (!m.date.valid) continue;
    per_list[m.list_id.empty() ? std::string("(no List-Id)") : m.list_id]
            [FormatIsoDate(m.date.epoch).substr(0, 7)]++;
  }
  h += "<h2>Activity per list</h2>\n";
  for (const auto& [list, months] : per_list) {
    std::string name = ListAddress(list).empty() ? list : ListAddress(list);
    int total = 0;
    for (const auto& [mo, n] : months) total += n;
    h += "<h3>" + EscapeHtml(name) + "</h3>\n<p class=\"meta\">" + std::to_string(total) +
         " messages, per month:</p>\n" +
         ColumnChart("Messages per month on " + name, MonthColumns(months), "messages") + "\n";
    h += "<div class=\"table-wrap\"><table>\n<caption>Messages per month on " + EscapeHtml(name) +
         "</caption>\n<thead><tr><th scope=\"col\">Month</th><th "
         "scope=\"col\">Messages</th></tr></thead>\n<tbody>\n";
    for (const auto& [mo, n] : months) {
      h += "<tr><th scope=\"row\">" + mo + "</th><td class=\"num\">" + std::to_string(n) +
           "</td></tr>\n";
    }
    h += "</tbody></table></div>\n";
  }
  h += "</main>\n" + PageFoot(model);
  return h;
}

}  // namespace quorum::report
