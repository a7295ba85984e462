// SPDX-License-Identifier: Apache-2.0
// p/<id>.html (templates/proposal.mustache, vote_thread.mustache): the summary (lead, decision,
// sides, main arguments), timeline, vote takes with their votes and result check, threads.
#include <algorithm>
#include <cctype>
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
  link.set("url", TextOrFalse(ArchiveSearchUrl(list, message_id)));
  link.set("id", message_id);
  return link;
}

View VoteView(const VoteThread& t, const Vote& v) {
  View vote;
  vote.set("superseded", v.superseded);
  vote.set("voter", v.voter.name.empty() ? v.voter.address : v.voter.name);
  vote.set("apache_id", TextOrFalse(v.voter.apache_id));
  vote.set("value", v.value);
  vote.set("conditional", v.conditional);
  vote.set("binding",
           !v.binding.has_value() ? "unknown" : (*v.binding ? "binding" : "non-binding"));
  vote.set("binding_evidence", std::string(ToString(v.binding_evidence)));
  vote.set("line", v.evidence);
  vote.set("date", PageDay(v.date));
  vote.set("link", LinkView(t.list, v.message_id));
  return vote;
}

View ResultView(const VoteThread& t) {
  if (t.result.message_id.empty()) return View(false);
  View result;
  result.set("link", LinkView(t.list, t.result.message_id));
  result.set("date", PageTime(t.result.date));
  result.set("agrees", t.result.agrees);
  result.set("has_differences", !t.result.differences.empty());
  View differences = EmptyList();
  for (const auto& d : t.result.differences) {
    View item;
    item.set("type", d.type);
    item.set("name", d.name);
    item.set("detail", d.detail);
    differences.push_back(item);
  }
  result.set("differences", differences);
  return result;
}

// One vote thread for templates/vote_thread.mustache.
View VoteThreadView(const VoteThread& t) {
  View view;
  view.set("anchor", SafeFileName(t.thread_id));
  view.set("subject", t.subject);
  view.set("status", std::string(ToString(t.status)));
  view.set("kind", std::string(ToString(t.kind)));
  view.set("basis", t.status_basis);
  view.set("computed_outcome", t.computed_outcome);
  view.set("opened", PageTime(t.opened));
  view.set("closed", PageTime(t.closed));
  view.set("outcome_note", TextOrFalse(t.outcome_note));
  View buckets = EmptyList();
  const std::pair<std::string, const TallyBucket*> tallies[] = {
      {"binding", &t.tally.binding},
      {"non-binding", &t.tally.non_binding},
      {"binding unknown", &t.tally.unknown}};
  for (const auto& [name, b] : tallies) {
    if (name == "binding unknown" && b->plus + b->zero + b->minus == 0) continue;
    View bucket;
    bucket.set("label", name);
    // Trusted HTML: TallyBar draws the SVG and escapes its title (rendered with {{{bar}}}).
    bucket.set("bar", TallyBar(name, b->plus, b->zero, b->minus));
    bucket.set("plus", std::to_string(b->plus));
    bucket.set("zero", std::to_string(b->zero));
    bucket.set("minus", std::to_string(b->minus));
    buckets.push_back(bucket);
  }
  view.set("buckets", buckets);
  view.set("has_flags", !t.flags.empty());
  View flags = EmptyList();
  for (const auto& f : t.flags) flags.push_back(View(f));
  view.set("flags", flags);
  view.set("vote_count", std::to_string(t.votes.size()));
  View votes = EmptyList();
  for (const auto& v : t.votes) votes.push_back(VoteView(t, v));
  view.set("votes", votes);
  view.set("result", ResultView(t));
  return view;
}

// Where a message's links go: its article on this page, else the archive search, else nowhere.
class MessageLinks {
 public:
  MessageLinks(const ReportModel& model, const ProposalView& v) {
    for (int mi : v.messages) {
      const Message& m = model.messages[static_cast<size_t>(mi)];
      on_page_.insert(m.message_id);
      if (list_.empty()) list_ = m.list_id;
    }
  }
  // "#m-<anchor>", an archive search, or false.
  View Href(const std::string& message_id) const {
    if (message_id.empty()) return View(false);
    if (on_page_.count(message_id)) return View("#m-" + SafeFileName(message_id));
    return TextOrFalse(ArchiveSearchUrl(list_, message_id));
  }

 private:
  std::set<std::string> on_page_;
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
    item.set("name", Who(t.name, t.address));
    item.set("quote", TextOrFalse(Short(t.quote, 160)));
    item.set("href", links.Href(t.message_id));
    item.set("basis", TextOrFalse(t.basis));
    list.push_back(item);
  }
  return list;
}

// One position: its label and holders, each with their side and a link to their message.
View PositionView(const Position& p, const MessageLinks& links, int number) {
  View position;
  position.set("number", std::to_string(number));
  position.set("label", Short(p.label, 300));
  position.set("label_href", links.Href(p.label_message_id));
  position.set("message_count", std::to_string(p.messages));
  View holders = EmptyList();
  for (size_t i = 0; i < p.holders.size(); ++i) {
    const PositionHolder& holder = p.holders[i];
    View h;
    h.set("first", i == 0);
    h.set("name", Who(holder.name, holder.address));
    h.set("side", holder.stance == Stance::kNeutral ? View(false)
                                                    : View(std::string(StanceName(holder.stance))));
    h.set("conditional", holder.conditional);
    h.set("href", links.Href(holder.message_ids.empty() ? "" : holder.message_ids.front()));
    h.set("quote", TextOrFalse(Short(holder.quote, 160)));
    holders.push_back(h);
  }
  position.set("holders", holders);
  return position;
}

// The summary that opens the page: the lead, the decision, who is for and against, the main
// arguments and, folded, everything else raised. False when there is nothing to say, so the
// page shows no empty heading.
View SummaryView(const Discussion& d, const MessageLinks& links) {
  const Summary& s = d.summary;
  View view;
  view.set("lead", TextOrFalse(s.lead));
  view.set("lead_author", TextOrFalse(s.lead_author));
  view.set("lead_href", links.Href(s.lead_message_id));
  if (s.has_decision && !s.decision.status.empty()) {
    View decision;
    std::string text = DecisionText(s.decision);
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    decision.set("status", s.decision.status);
    decision.set("text", text);
    decision.set("vote_href", TextOrFalse(s.decision.thread_id.empty()
                                              ? ""
                                              : "#vote-" + SafeFileName(s.decision.thread_id)));
    decision.set("result_href", links.Href(s.decision.result_message_id));
    view.set("decision", decision);
  } else {
    view.set("decision", false);
  }
  view.set("has_sides", !s.support.empty() || !s.oppose.empty());
  view.set("has_support", !s.support.empty());
  view.set("support_count", std::to_string(s.support.size()));
  view.set("support", SidesView(s.support, links));
  view.set("has_oppose", !s.oppose.empty());
  view.set("oppose_count", std::to_string(s.oppose.size()));
  view.set("oppose", SidesView(s.oppose, links));
  std::vector<int> shown = ArgumentIndices(d);
  View arguments = EmptyList();
  int n = 0;
  for (int i : shown)
    arguments.push_back(PositionView(d.positions[static_cast<size_t>(i)], links, ++n));
  view.set("has_arguments", !shown.empty());
  view.set("arguments", arguments);
  std::set<int> is_argument(shown.begin(), shown.end());
  View others = EmptyList();
  n = 0;
  for (size_t i = 0; i < d.positions.size(); ++i) {
    if (is_argument.count(static_cast<int>(i))) continue;
    others.push_back(PositionView(d.positions[i], links, ++n));
  }
  if (n > 0) {
    View also;
    also.set("count", std::to_string(n));
    also.set("positions", others);
    view.set("also", also);
  } else {
    view.set("also", false);
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
      link.set("href", SafeFileName(p.id) + ".html");
      link.set("title", p.title);
      return link;
    }
  }
  return View(false);
}

// Links between a discussion and the ones that branched off it (Proposal::branched_from).
void SetBranchLinks(const ReportModel& model, const Proposal& p, View* view) {
  view->set("branched_from",
            p.branched_from.empty() ? View(false) : ProposalLink(model, p.branched_from));
  View branches = EmptyList();
  for (const Thread& b : model.branches) {
    bool mine = false;
    for (const ProposalThread& t : p.threads) mine = mine || t.thread_id == b.branched_from;
    if (!mine) continue;
    View link = ProposalLink(model, b.id);
    if (!link.is_bool()) branches.push_back(link);
  }
  view->set("branches", branches);
}

View ThreadView(const ReportModel& model, const Thread& t) {
  View thread;
  thread.set("anchor", SafeFileName(t.id));
  thread.set("subject", t.subject);
  thread.set("message_count", std::to_string(t.message_count));
  thread.set("first_date", PageTime(t.first_date));
  thread.set("last_date", PageTime(t.last_date));
  View messages = EmptyList();
  TextReader texts(model.texts.get());
  for (const auto& node : t.nodes) {
    if (node.message < 0) continue;
    const Message& m = model.messages[static_cast<size_t>(node.message)];
    View message;
    message.set("anchor", SafeFileName(m.message_id));
    message.set("depth", std::to_string(std::min(node.depth, 5)));
    message.set("author", AuthorName(model, node.message));
    message.set("date", m.date.valid ? FormatIsoUtc(m.date) : std::string("no date"));
    message.set("link", LinkView(m.list_id, m.message_id));
    message.set("other_subject", m.subject != t.subject ? View(m.subject) : View(false));
    message.set("text", texts.Text(m));
    messages.push_back(message);
  }
  thread.set("messages", messages);
  return thread;
}

}  // namespace

std::string RenderProposal(const ReportModel& model, const ProposalView& v) {
  const Proposal& p = model.proposals[static_cast<size_t>(v.proposal)];
  View view = PageView(model, p.title, "../", false);
  view.set("title", p.title);
  view.set("status", v.status);
  view.set("has_votes", !v.vote_threads.empty());
  view.set("kind", v.kind);
  view.set("id", p.id);
  view.set("proposal_message_count", std::to_string(v.messages.size()));
  view.set("participant_count", std::to_string(v.participants.size()));
  view.set("first_date", PageTime(v.first_date));
  view.set("last_date", PageTime(v.last_date));
  // Trusted HTML: ColumnChart draws the SVG and escapes every text in it ({{{chart}}}).
  view.set("chart", ColumnChart("Messages per day on " + p.title + " (vote window marked)",
                                DayColumns(model, v), "messages"));
  View participants = EmptyList();
  for (size_t i = 0; i < v.participants.size(); ++i) {
    View participant;
    participant.set("first", i == 0);
    participant.set("name", v.participants[i]);
    participants.push_back(participant);
  }
  view.set("participants", participants);
  View vote_threads = EmptyList();
  for (int ti : v.vote_threads) {
    vote_threads.push_back(VoteThreadView(model.vote_threads[static_cast<size_t>(ti)]));
  }
  view.set("vote_threads", vote_threads);
  const Discussion none;
  view.set("summary", SummaryView(static_cast<size_t>(v.proposal) < model.proposal_positions.size()
                                      ? model.proposal_positions[static_cast<size_t>(v.proposal)]
                                      : none,
                                  MessageLinks(model, v)));
  View threads = EmptyList();
  for (int ti : v.threads) threads.push_back(ThreadView(model, ThreadAt(model, ti)));
  view.set("threads", threads);
  SetBranchLinks(model, p, &view);
  return RenderTemplate("proposal.mustache", std::move(view));
}

}  // namespace quorum::report
