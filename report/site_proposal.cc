// SPDX-License-Identifier: Apache-2.0
// p/<id>.html (templates/proposal.mustache, vote_thread.mustache): the summary (lead, decision,
// sides, main arguments), timeline, vote takes with their votes and result check, threads.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>

#include "core/time.h"
#include "report/html_escape.h"
#include "report/positions_json.h"
#include "report/site_view.h"
#include "report/svg_chart.h"

namespace quorum::report {
namespace {

// Days from the first to the last day with messages (capped at 400 columns), vote windows marked.
std::vector<Column> DayColumns(const ReportModel& model, const ProposalView& v) {
  std::vector<Column> cols;
  if (!v.first_date.valid) return cols;
  const int64_t kDay = 86400;
  // Day numbers round down, also before 1970.
  auto day_of = [kDay](const MailDate& d) {
    return (d.epoch - (d.epoch % kDay + kDay) % kDay) / kDay;
  };
  int64_t first = day_of(v.first_date), last = day_of(v.last_date);
  if (last - first > 399) first = last - 399;
  for (int64_t d = first; d <= last; ++d) {
    std::string label = FormatIsoDate(d * kDay);
    auto it = v.per_day.find(label);
    bool marked = false;
    for (int ti : v.vote_threads) {
      const VoteThread& t = model.vote_threads[static_cast<size_t>(ti)];
      const MailDate& close = t.closed.valid ? t.closed : v.last_date;
      if (t.opened.valid && d >= day_of(t.opened) && d <= day_of(close)) marked = true;
    }
    cols.push_back({label, it == v.per_day.end() ? 0 : it->second, marked});
  }
  return cols;
}

// For templates/message_link.mustache: the message id, and the archive search (or false).
View LinkView(const std::string& list, const std::string& message_id) {
  View link;
  Put(&link, "url", TextOrFalse(ArchiveSearchUrl(list, message_id)));
  Put(&link, "id", message_id);
  return link;
}

View VoteView(const VoteThread& t, const Vote& v) {
  View vote;
  Put(&vote, "superseded", v.superseded);
  Put(&vote, "voter", v.voter.name.empty() ? v.voter.address : v.voter.name);
  Put(&vote, "apache_id", TextOrFalse(v.voter.apache_id));
  Put(&vote, "value", v.value);
  Put(&vote, "conditional", v.conditional);
  Put(&vote, "binding",
      !v.binding.has_value() ? "unknown" : (*v.binding ? "binding" : "non-binding"));
  Put(&vote, "binding_evidence", std::string(ToString(v.binding_evidence)));
  Put(&vote, "line", v.evidence);
  Put(&vote, "date", PageDay(v.date));
  Put(&vote, "link", LinkView(t.list, v.message_id));
  return vote;
}

View ResultView(const VoteThread& t) {
  if (t.result.message_id.empty()) return View(false);
  View result;
  Put(&result, "link", LinkView(t.list, t.result.message_id));
  Put(&result, "date", PageTime(t.result.date));
  Put(&result, "agrees", t.result.agrees);
  Put(&result, "has_differences", !t.result.differences.empty());
  View differences = EmptyList();
  for (const auto& d : t.result.differences) {
    View item;
    Put(&item, "type", d.type);
    Put(&item, "name", d.name);
    Put(&item, "detail", d.detail);
    Append(&differences, std::move(item));
  }
  Put(&result, "differences", std::move(differences));
  return result;
}

// One vote thread for templates/vote_thread.mustache.
View VoteThreadView(const VoteThread& t) {
  View view;
  Put(&view, "anchor", SafeFileName(t.thread_id));
  Put(&view, "subject", t.subject);
  Put(&view, "status", std::string(ToString(t.status)));
  Put(&view, "kind", std::string(ToString(t.kind)));
  Put(&view, "basis", t.status_basis);
  Put(&view, "computed_outcome", t.computed_outcome);
  Put(&view, "opened", PageTime(t.opened));
  Put(&view, "closed", PageTime(t.closed));
  Put(&view, "outcome_note", TextOrFalse(t.outcome_note));
  View buckets = EmptyList();
  const std::pair<std::string, const TallyBucket*> tallies[] = {
      {"binding", &t.tally.binding},
      {"non-binding", &t.tally.non_binding},
      {"binding unknown", &t.tally.unknown}};
  for (const auto& [name, b] : tallies) {
    if (name == "binding unknown" && b->plus + b->zero + b->minus == 0) continue;
    View bucket;
    Put(&bucket, "label", name);
    // Trusted HTML: TallyBar draws the SVG and escapes its title (rendered with {{{bar}}}).
    Put(&bucket, "bar", TallyBar(name, b->plus, b->zero, b->minus));
    Put(&bucket, "plus", std::to_string(b->plus));
    Put(&bucket, "zero", std::to_string(b->zero));
    Put(&bucket, "minus", std::to_string(b->minus));
    Append(&buckets, std::move(bucket));
  }
  Put(&view, "buckets", std::move(buckets));
  Put(&view, "has_flags", !t.flags.empty());
  View flags = EmptyList();
  for (const auto& f : t.flags) Append(&flags, View(f));
  Put(&view, "flags", std::move(flags));
  Put(&view, "vote_count", std::to_string(t.votes.size()));
  View votes = EmptyList();
  for (const auto& v : t.votes) Append(&votes, VoteView(t, v));
  Put(&view, "votes", std::move(votes));
  Put(&view, "result", ResultView(t));
  return view;
}

// Where a message's links go: its article on this page, else the archive search, else nowhere.
// Each article's anchor (SafeFileName, which hashes) is made once for the page.
class MessageLinks {
 public:
  MessageLinks(const ReportModel& model, const ProposalView& v) {
    for (int mi : v.messages) {
      const Message& m = model.messages[static_cast<size_t>(mi)];
      if (!anchors_.count(m.message_id)) anchors_.emplace(m.message_id, SafeFileName(m.message_id));
      if (list_.empty()) list_ = m.list_id;
    }
  }
  // "#m-<anchor>", an archive search, or false.
  View Href(const std::string& message_id) const {
    if (message_id.empty()) return View(false);
    auto it = anchors_.find(message_id);
    if (it != anchors_.end()) return View("#m-" + it->second);
    return TextOrFalse(ArchiveSearchUrl(list_, message_id));
  }
  // The anchor of a message's article: SafeFileName(message_id).
  std::string Anchor(const std::string& message_id) const {
    auto it = anchors_.find(message_id);
    return it != anchors_.end() ? it->second : SafeFileName(message_id);
  }

 private:
  std::map<std::string, std::string> anchors_;  // of the messages on the page
  std::string list_;
};

// `text` cut to about `max` bytes at a space (never inside a UTF-8 sequence), "..." marking a cut.
std::string Short(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  size_t space = text.rfind(' ', cut);
  if (space != std::string::npos && space > max / 2) cut = space;
  return text.substr(0, cut) + "\xE2\x80\xA6";
}

std::string Who(const std::string& name, const std::string& address) {
  return name.empty() ? address : name;
}

View SidesView(const std::vector<SideTaker>& takers, const MessageLinks& links) {
  View list = EmptyList();
  for (const SideTaker& t : takers) {
    View item;
    Put(&item, "name", Who(t.name, t.address));
    Put(&item, "quote", TextOrFalse(Short(t.quote, 160)));
    Put(&item, "href", links.Href(t.message_id));
    Put(&item, "basis", TextOrFalse(t.basis));
    Append(&list, std::move(item));
  }
  return list;
}

// One position: its label and holders, each with their side and a link to their message.
View PositionView(const Position& p, const MessageLinks& links, int number) {
  View position;
  Put(&position, "number", std::to_string(number));
  Put(&position, "label", Short(p.label, 300));
  Put(&position, "label_href", links.Href(p.label_message_id));
  Put(&position, "message_count", std::to_string(p.messages));
  View holders = EmptyList();
  for (size_t i = 0; i < p.holders.size(); ++i) {
    const PositionHolder& holder = p.holders[i];
    View h;
    Put(&h, "first", i == 0);
    Put(&h, "name", Who(holder.name, holder.address));
    Put(&h, "side",
        holder.stance == Stance::kNeutral ? View(false)
                                          : View(std::string(StanceName(holder.stance))));
    Put(&h, "conditional", holder.conditional);
    Put(&h, "href", links.Href(holder.message_ids.empty() ? "" : holder.message_ids.front()));
    Put(&h, "quote", TextOrFalse(Short(holder.quote, 160)));
    Append(&holders, std::move(h));
  }
  Put(&position, "holders", std::move(holders));
  return position;
}

// The summary that opens the page: the lead, the decision, who is for and against, the main
// arguments and, folded, everything else raised. False when there is nothing to say, so the
// page shows no empty heading.
View SummaryView(const Discussion& d, const MessageLinks& links) {
  const Summary& s = d.summary;
  View view;
  Put(&view, "lead", TextOrFalse(s.lead));
  Put(&view, "lead_author", TextOrFalse(s.lead_author));
  Put(&view, "lead_href", links.Href(s.lead_message_id));
  if (s.has_decision && !s.decision.status.empty()) {
    View decision;
    std::string text = DecisionText(s.decision);
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    Put(&decision, "status", s.decision.status);
    Put(&decision, "text", text);
    Put(&decision, "vote_href",
        TextOrFalse(s.decision.thread_id.empty() ? ""
                                                 : "#vote-" + SafeFileName(s.decision.thread_id)));
    Put(&decision, "result_href", links.Href(s.decision.result_message_id));
    Put(&view, "decision", std::move(decision));
  } else {
    Put(&view, "decision", false);
  }
  Put(&view, "has_sides", !s.support.empty() || !s.oppose.empty());
  Put(&view, "has_support", !s.support.empty());
  Put(&view, "support_count", std::to_string(s.support.size()));
  Put(&view, "support", SidesView(s.support, links));
  Put(&view, "has_oppose", !s.oppose.empty());
  Put(&view, "oppose_count", std::to_string(s.oppose.size()));
  Put(&view, "oppose", SidesView(s.oppose, links));
  std::vector<int> shown = ArgumentIndices(d);
  View arguments = EmptyList();
  int n = 0;
  for (int i : shown)
    Append(&arguments, PositionView(d.positions[static_cast<size_t>(i)], links, ++n));
  Put(&view, "has_arguments", !shown.empty());
  Put(&view, "arguments", std::move(arguments));
  std::set<int> is_argument(shown.begin(), shown.end());
  View others = EmptyList();
  n = 0;
  for (size_t i = 0; i < d.positions.size(); ++i) {
    if (is_argument.count(static_cast<int>(i))) continue;
    Append(&others, PositionView(d.positions[i], links, ++n));
  }
  if (n > 0) {
    View also;
    Put(&also, "count", std::to_string(n));
    Put(&also, "positions", std::move(others));
    Put(&view, "also", std::move(also));
  } else {
    Put(&view, "also", false);
  }
  if (s.lead.empty() && !(s.has_decision && !s.decision.status.empty()) && s.support.empty() &&
      s.oppose.empty() && d.positions.empty()) {
    return View(false);
  }
  return view;
}

// The proposal whose threads include `thread_id`, as a link from another proposal page; false
// when none does (a branch too small to be a discussion of its own).
View ProposalLink(const ReportModel& model, const std::string& thread_id) {
  for (const Proposal& p : model.proposals) {
    for (const ProposalThread& t : p.threads) {
      if (t.thread_id != thread_id) continue;
      View link;
      Put(&link, "href", SafeFileName(p.id) + ".html");
      Put(&link, "title", p.title);
      return link;
    }
  }
  return View(false);
}

// Links between a discussion and the ones that branched off it (Proposal::branched_from).
void SetBranchLinks(const ReportModel& model, const Proposal& p, View* view) {
  Put(view, "branched_from",
      p.branched_from.empty() ? View(false) : ProposalLink(model, p.branched_from));
  View branches = EmptyList();
  for (const Thread& b : model.branches) {
    bool mine = false;
    for (const ProposalThread& t : p.threads) mine = mine || t.thread_id == b.branched_from;
    if (!mine) continue;
    View link = ProposalLink(model, b.id);
    if (!link.is_bool()) Append(&branches, std::move(link));
  }
  Put(view, "branches", std::move(branches));
}

// The articles of a thread's messages, as the template once drew them per message:
//   <article class="msg d{{depth}}" id="m-{{anchor}}">
//   <header><strong>{{author}}</strong> &middot; {{date}} &middot; {{>message_link}}
//   {{#other_subject}}<br>{{other_subject}}{{/other_subject}}</header>   (one line)
//   <pre class="text">{{text}}</pre>
//   </article>
// every value escaped by EscapeHtml, as the templates escape {{value}}. Written here rather than
// by the template engine: a page holds thousands of messages, and mustache's per-value
// dispatch cost more than the page's own bytes.
std::string MessageArticles(const ReportModel& model, const Thread& t, const MessageLinks& links) {
  std::string out;
  TextReader texts(model.texts.get());
  for (const auto& node : t.nodes) {
    if (node.message < 0) continue;
    const Message& m = model.messages[static_cast<size_t>(node.message)];
    out += "<article class=\"msg d";
    out += std::to_string(std::min(node.depth, 5));
    out += "\" id=\"m-";
    out += EscapeHtml(links.Anchor(m.message_id));
    out += "\">\n<header><strong>";
    out += EscapeHtml(AuthorName(model, node.message));
    out += "</strong> &middot; ";
    out += m.date.valid ? EscapeHtml(FormatIsoUtc(m.date)) : std::string("no date");
    out += " &middot; ";
    // templates/message_link.mustache.
    std::string url = ArchiveSearchUrl(m.list_id, m.message_id);
    if (!url.empty()) {
      out += "<a href=\"";
      out += EscapeHtml(url);
      out += "\" rel=\"noreferrer noopener\"><code>";
      out += EscapeHtml(m.message_id);
      out += "</code></a>";
    } else {
      out += "<code>";
      out += EscapeHtml(m.message_id);
      out += "</code>";
    }
    if (m.subject != t.subject) {
      out += "<br>";
      out += EscapeHtml(m.subject);
    }
    out += "</header>\n<pre class=\"text\">";
    out += EscapeHtml(texts.Text(m));
    out += "</pre>\n</article>\n";
  }
  return out;
}

View ThreadView(const ReportModel& model, const Thread& t, const MessageLinks& links) {
  View thread;
  Put(&thread, "anchor", SafeFileName(t.id));
  Put(&thread, "subject", t.subject);
  Put(&thread, "message_count", std::to_string(t.message_count));
  Put(&thread, "first_date", PageTime(t.first_date));
  Put(&thread, "last_date", PageTime(t.last_date));
  // Trusted HTML: MessageArticles escapes every value (rendered with {{{messages}}}).
  Put(&thread, "messages", MessageArticles(model, t, links));
  return thread;
}

}  // namespace

std::string RenderProposal(Templates* templates, const ReportModel& model, const ProposalView& v) {
  const Proposal& p = model.proposals[static_cast<size_t>(v.proposal)];
  View view = PageView(templates, model, p.title, "../", false);
  Put(&view, "title", p.title);
  Put(&view, "status", v.status);
  Put(&view, "has_votes", !v.vote_threads.empty());
  Put(&view, "kind", v.kind);
  Put(&view, "id", p.id);
  Put(&view, "proposal_message_count", std::to_string(v.messages.size()));
  Put(&view, "participant_count", std::to_string(v.participants.size()));
  Put(&view, "first_date", PageTime(v.first_date));
  Put(&view, "last_date", PageTime(v.last_date));
  // Trusted HTML: ColumnChart draws the SVG and escapes every text in it ({{{chart}}}).
  Put(&view, "chart",
      ColumnChart("Messages per day on " + p.title + " (vote window marked)", DayColumns(model, v),
                  "messages"));
  View participants = EmptyList();
  for (size_t i = 0; i < v.participants.size(); ++i) {
    View participant;
    Put(&participant, "first", i == 0);
    Put(&participant, "name", v.participants[i]);
    Append(&participants, std::move(participant));
  }
  Put(&view, "participants", std::move(participants));
  View vote_threads = EmptyList();
  for (int ti : v.vote_threads) {
    Append(&vote_threads, VoteThreadView(model.vote_threads[static_cast<size_t>(ti)]));
  }
  Put(&view, "vote_threads", std::move(vote_threads));
  const Discussion none;
  const MessageLinks links(model, v);
  Put(&view, "summary",
      SummaryView(static_cast<size_t>(v.proposal) < model.proposal_positions.size()
                      ? model.proposal_positions[static_cast<size_t>(v.proposal)]
                      : none,
                  links));
  View threads = EmptyList();
  for (int ti : v.threads) Append(&threads, ThreadView(model, ThreadAt(model, ti), links));
  Put(&view, "threads", std::move(threads));
  SetBranchLinks(model, p, &view);
  return templates->Render("proposal.mustache", view);
}

}  // namespace quorum::report
