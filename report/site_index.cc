// SPDX-License-Identifier: Apache-2.0
// index.html (templates/index.mustache): every proposal with status and tallies, and each list's
// messages per month.
#include <algorithm>
#include <map>

#include "core/time.h"
#include "report/classify.h"
#include "report/site_view.h"
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

bool Empty(const TallyBucket& b) { return b.plus + b.zero + b.minus == 0; }

// One bucket for templates/tally_bucket.mustache.
View BucketView(const TallyBucket& b, const std::string& label, bool first) {
  View v;
  Put(&v, "first", first);
  Put(&v, "label", label);
  // Trusted HTML: TallyBar draws the SVG and escapes its title (rendered with {{{bar}}}).
  Put(&v, "bar", TallyBar(label, b.plus, b.zero, b.minus));
  Put(&v, "plus", std::to_string(b.plus));
  Put(&v, "has_zero", b.zero != 0);
  Put(&v, "zero", std::to_string(b.zero));
  Put(&v, "minus", std::to_string(b.minus));
  return v;
}

// Only the buckets that hold votes: without a roster every vote's binding status may be
// unknown, and a column of empty bars says nothing. An empty list shows as "-".
View TallyCell(const VoteThread& t, bool binding) {
  View cell = EmptyList();
  if (!binding) {
    if (!Empty(t.tally.non_binding))
      Append(&cell, BucketView(t.tally.non_binding, "non-binding", true));
    return cell;
  }
  if (!Empty(t.tally.binding)) Append(&cell, BucketView(t.tally.binding, "binding", true));
  if (!Empty(t.tally.unknown)) {
    Append(&cell, BucketView(t.tally.unknown, "binding unknown", cell.is_empty_list()));
  }
  return cell;
}

View RowView(const ReportModel& model, const ProposalView& v) {
  const Proposal& p = model.proposals[static_cast<size_t>(v.proposal)];
  View row;
  Put(&row, "file", v.file);
  Put(&row, "title", p.title);
  Put(&row, "has_votes", !v.vote_threads.empty());
  Put(&row, "kind", v.kind);
  Put(&row, "status", v.status);
  if (v.vote_threads.empty()) {
    Put(&row, "binding", EmptyList());
    Put(&row, "non_binding", EmptyList());
  } else {
    const VoteThread& t = model.vote_threads[static_cast<size_t>(v.vote_threads.back())];
    Put(&row, "binding", TallyCell(t, true));
    Put(&row, "non_binding", TallyCell(t, false));
  }
  Put(&row, "participant_count", std::to_string(v.participants.size()));
  Put(&row, "first_date", PageDay(v.first_date));
  Put(&row, "last_date", PageDay(v.last_date));
  return row;
}

// A group for templates/proposal_table.mustache, or false when it has no rows.
View TableView(const ReportModel& model, const std::vector<const ProposalView*>& rows,
               const std::string& caption) {
  if (rows.empty()) return View(false);
  View table;
  Put(&table, "caption", caption);
  Put(&table, "count", std::to_string(rows.size()));
  View list = EmptyList();
  for (const ProposalView* v : rows) Append(&list, RowView(model, *v));
  Put(&table, "rows", std::move(list));
  return table;
}

// Per-list activity: each list's messages per month, as a chart and a table.
View ListsView(const ReportModel& model) {
  std::map<std::string, std::map<std::string, int>> per_list;
  for (const auto& m : model.messages) {
    if (!m.date.valid) continue;
    per_list[m.list_id.empty() ? std::string("(no List-Id)") : m.list_id]
            [FormatIsoDay(m.date).substr(0, 7)]++;
  }
  View lists = EmptyList();
  for (const auto& [list, months] : per_list) {
    std::string name = ListAddress(list).empty() ? list : ListAddress(list);
    int total = 0;
    View month_list = EmptyList();
    for (const auto& [mo, n] : months) {
      total += n;
      View month;
      Put(&month, "month", mo);
      Put(&month, "count", std::to_string(n));
      Append(&month_list, std::move(month));
    }
    View item;
    Put(&item, "name", name);
    Put(&item, "total", std::to_string(total));
    // Trusted HTML: ColumnChart draws the SVG and escapes every text in it ({{{chart}}}).
    Put(&item, "chart",
        ColumnChart("Messages per month on " + name, MonthColumns(months), "messages"));
    Put(&item, "months", std::move(month_list));
    Append(&lists, std::move(item));
  }
  return lists;
}

}  // namespace

std::string RenderIndex(Templates* templates, const ReportModel& model,
                        const std::vector<ProposalView>& views, const Digest& digest) {
  View view = PageView(templates, model, "proposals and votes", "", true);
  Put(&view, "vote_thread_count", std::to_string(model.vote_threads.size()));
  Put(&view, "thread_count", std::to_string(model.threads.size()));
  Put(&view, "digest_basis", digest.basis);
  Put(&view, "digest_count", std::to_string(digest.entries.size()));
  // Decisions first, then discussions; news (announcements) and code review (mirrored pull
  // requests and issues nobody argues in, report/classify.h) apart, so they bury nothing.
  std::vector<const ProposalView*> votes, discussions, news, others;
  std::map<std::string, std::vector<const ProposalView*>> reviews;  // by repository
  for (const auto& v : views) {
    Classification c = Classify(model, v);
    if (c.kind == ProposalClass::kNews) {
      news.push_back(&v);
    } else if (c.kind == ProposalClass::kCodeReview) {
      reviews[c.repository].push_back(&v);
    } else if (!v.vote_threads.empty()) {
      votes.push_back(&v);
    } else if (v.participants.size() < 2) {
      others.push_back(&v);
    } else {
      discussions.push_back(&v);
    }
  }
  // "41 proposals (7 put to a vote, 34 under discussion), 7 announcements, code review on 50
  // pull requests and issues in 13 repositories": only what is there.
  std::string counts = std::to_string(votes.size() + discussions.size()) + " proposals (" +
                       std::to_string(votes.size()) + " put to a vote, " +
                       std::to_string(discussions.size()) + " under discussion)";
  if (!news.empty()) {
    counts += ", " + std::to_string(news.size()) +
              (news.size() == 1 ? " announcement" : " announcements");
  }
  Put(&view, "votes", TableView(model, votes, "Proposals put to a vote, newest activity first"));
  Put(&view, "discussions",
      TableView(model, discussions,
                "Proposals under discussion (two or more participants), newest activity first"));
  View news_list = EmptyList();
  for (const ProposalView* v : news) {
    View item;
    Put(&item, "file", v->file);
    Put(&item, "title", model.proposals[static_cast<size_t>(v->proposal)].title);
    Put(&item, "date", PageDay(v->first_date));
    Append(&news_list, std::move(item));
  }
  Put(&view, "news", std::move(news_list));
  Put(&view, "has_news", !news.empty());
  View review_list = EmptyList();
  size_t items = 0;
  for (const auto& [repo, rows] : reviews) {
    int messages = 0, pulls = 0, issues = 0;
    MailDate last;
    for (const ProposalView* v : rows) {
      messages += static_cast<int>(v->messages.size());
      last = std::max(last, v->last_date);
      ++(Classify(model, *v).issue ? issues : pulls);
    }
    items += rows.size();
    std::string what;
    if (pulls) what = std::to_string(pulls) + (pulls == 1 ? " pull request" : " pull requests");
    if (issues) {
      what += (what.empty() ? "" : ", ") + std::to_string(issues) +
              (issues == 1 ? " issue" : " issues");
    }
    what += ", " + std::to_string(messages) + (messages == 1 ? " message" : " messages");
    View item;
    Put(&item, "repository", repo);
    Put(&item, "what", what);
    Put(&item, "last_date", PageDay(last));
    Put(&item, "table", TableView(model, rows, "Pull requests and issues of " + repo));
    Append(&review_list, std::move(item));
  }
  Put(&view, "reviews", std::move(review_list));
  Put(&view, "has_reviews", !reviews.empty());
  if (!reviews.empty()) {
    counts += ", code review on " + std::to_string(items) + " pull requests and issues in " +
              std::to_string(reviews.size()) +
              (reviews.size() == 1 ? " repository" : " repositories");
  }
  Put(&view, "counts", std::move(counts));
  Put(&view, "others", TableView(model, others, "One-person threads, newest activity first"));
  Put(&view, "lists", ListsView(model));
  return templates->Render("index.mustache", view);
}

}  // namespace quorum::report
