// SPDX-License-Identifier: Apache-2.0
// Digest computation and the state file (nlohmann_json stays inside report/).
#include "report/digest.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/time.h"
#include "report/classify.h"

namespace quorum::report {
namespace {

std::string VoteKey(const VoteThread& t, const Vote& v) { return t.thread_id + " " + v.message_id; }

std::string Plural(int n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "4 binding +1, 1 non-binding +1, no -1"; votes of unknown binding said as such.
std::string TallyText(const Tally& t) {
  std::vector<std::string> parts;
  if (t.binding.plus) parts.push_back(std::to_string(t.binding.plus) + " binding +1");
  if (t.non_binding.plus) parts.push_back(std::to_string(t.non_binding.plus) + " non-binding +1");
  if (t.unknown.plus) parts.push_back(std::to_string(t.unknown.plus) + " +1 (binding unknown)");
  if (parts.empty()) parts.push_back("no +1");
  int minus = t.binding.minus + t.non_binding.minus + t.unknown.minus;
  if (minus == 0) {
    parts.push_back("no -1");
  } else {
    parts.push_back(
        t.binding.minus == minus
            ? std::to_string(minus) + " binding -1"
            : std::to_string(minus) + " -1" +
                  (t.binding.minus ? " (" + std::to_string(t.binding.minus) + " binding)" : ""));
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out;
}

std::string Names(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    out += (i == 0 ? "" : (i + 1 == names.size() ? " and " : ", ")) + names[i];
  }
  return out;
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
  return out;
}

const Discussion* DiscussionOf(const ReportModel& model, const ProposalView& v) {
  size_t i = static_cast<size_t>(v.proposal);
  return i < model.proposal_positions.size() ? &model.proposal_positions[i] : nullptr;
}

std::string ObjectionKey(const std::string& proposal_id, const SideTaker& s) {
  return proposal_id + " " + s.address;
}

// One repository's code review: how many items changed, and their new messages.
struct Review {
  int pulls = 0, issues = 0, messages = 0;
  MailDate date;
};

// What counts as new: dated on or after `since` when it is set, else unseen by the last run
// (everything, on a first run).
struct Baseline {
  const ReportState* previous = nullptr;
  std::optional<int64_t> since;
  std::unordered_map<std::string, MailDate> date_of;  // message id -> date, for --since

  // Dated on or after `since` (an undated item is never new then).
  bool Since(const MailDate& d) const { return d.valid && d.epoch >= *since; }

  bool IsNew(std::set<std::string> ReportState::*seen, const std::string& key,
             const MailDate& date) const {
    if (since) return Since(date);
    return previous == nullptr || (previous->*seen).count(key) == 0;
  }
};

// New messages of a proposal: by date with --since, else by the count the last run saw.
// *newest: the date of the newest of them (no date when none is dated).
int NewMessages(const ReportModel& model, const ProposalView& v, const std::string& id,
                bool new_proposal, const Baseline& base, MailDate* newest) {
  const ReportState* previous = base.previous;
  int new_messages = 0;
  *newest = MailDate{};
  if (base.since || new_proposal || !previous || !previous->has_message_counts) {
    for (int mi : v.messages) {
      const Message& m = model.messages[static_cast<size_t>(mi)];
      if (base.since ? base.Since(m.date) : new_proposal) {
        ++new_messages;
        *newest = std::max(*newest, m.date);
      }
    }
  } else {
    auto it = previous->messages.find(id);
    int before = it == previous->messages.end() ? 0 : it->second;
    new_messages = std::max(0, static_cast<int>(v.messages.size()) - before);
    if (new_messages > 0) *newest = v.last_date;
  }
  return new_messages;
}

// News: who announced it and the replies; false when nothing changed.
bool DescribeNews(const ReportModel& model, const ProposalView& v, bool new_proposal,
                  int new_messages, DigestEntry* e) {
  if (new_proposal) {
    e->changes.push_back("announced by " + (v.messages.empty()
                                                ? std::string("?")
                                                : AuthorName(model, v.messages.front())));
    if (new_messages > 1) e->changes.push_back(Plural(new_messages - 1, "reply", "replies"));
  } else if (new_messages > 0) {
    e->changes.push_back(Plural(new_messages, "new reply", "new replies"));
  }
  if (e->changes.empty()) return false;
  e->date = std::max(e->date, v.first_date);
  return true;
}

// The votes of a proposal that are new, who objects, and a new decision.
struct VoteNews {
  int new_votes = 0;
  std::vector<std::string> objectors;
  const VoteThread* latest = nullptr;   // the latest take
  const VoteThread* decided = nullptr;  // a take newly decided
};

void AddObjector(const std::string& who, std::vector<std::string>* objectors) {
  if (std::find(objectors->begin(), objectors->end(), who) == objectors->end()) {
    objectors->push_back(who);
  }
}

// Also moves e->date to the newest vote or decision.
VoteNews NewVotes(const ReportModel& model, const ProposalView& v, const Baseline& base,
                  DigestEntry* e) {
  VoteNews n;
  for (int ti : v.vote_threads) {
    const VoteThread& t = model.vote_threads[static_cast<size_t>(ti)];
    n.latest = &t;
    for (const auto& vote : t.votes) {
      if (vote.superseded || !base.IsNew(&ReportState::votes, VoteKey(t, vote), vote.date)) {
        continue;
      }
      ++n.new_votes;
      e->date = std::max(e->date, vote.date);
      // Objections count in the latest take only: an earlier take's -1 was answered by it.
      if (vote.numeric < 0 && ti == v.vote_threads.back()) {
        AddObjector(vote.voter.name.empty() ? vote.voter.address : vote.voter.name, &n.objectors);
      }
    }
    if (t.status != VoteStatus::kOpen && base.IsNew(&ReportState::decided, t.thread_id, t.closed)) {
      n.decided = &t;
      e->date = std::max(e->date, t.closed);
    }
  }
  return n;
}

// Adds the people newly opposed in the discussion's summary to *objectors.
void AddNewOpponents(const ReportModel& model, const ProposalView& v, const std::string& id,
                     const Baseline& base, std::vector<std::string>* objectors) {
  const Discussion* disc = DiscussionOf(model, v);
  if (disc == nullptr) return;
  for (const auto& o : disc->summary.oppose) {
    bool fresh;
    if (base.since) {
      auto when = base.date_of.find(o.message_id);
      fresh = when != base.date_of.end() && base.Since(when->second);
    } else {
      fresh = base.IsNew(&ReportState::objections, ObjectionKey(id, o), MailDate{});
    }
    if (fresh) AddObjector(o.name.empty() ? o.address : o.name, objectors);
  }
}

// The decision and the votes first, then objections, then the talk.
void DescribeProposal(const ProposalView& v, bool new_proposal, int new_messages, const VoteNews& n,
                      DigestEntry* e) {
  e->vote = !v.vote_threads.empty();
  if (n.decided != nullptr) {
    e->thread_id = n.decided->thread_id;
    e->message_id = n.decided->result.message_id;
    e->changes.push_back(std::string(ToString(n.decided->status)) + ": " +
                         TallyText(n.decided->tally));
    if (n.new_votes > 0 && !new_proposal) {
      e->changes.push_back(Plural(n.new_votes, "new vote", "new votes"));
    }
  } else if (n.new_votes > 0 && n.latest != nullptr) {
    e->thread_id = n.latest->thread_id;
    e->changes.push_back(Plural(n.new_votes, new_proposal ? "vote" : "new vote",
                                new_proposal ? "votes" : "new votes") +
                         ", " + TallyText(n.latest->tally) + " so far");
  }
  if (!n.objectors.empty()) {
    e->changes.push_back(
        std::string(n.objectors.size() == 1 ? "new objection from " : "new objections from ") +
        Names(n.objectors));
  }
  int other = new_messages - n.new_votes;
  if (new_proposal) {
    e->changes.push_back(std::string(v.vote_threads.empty() ? "new discussion" : "new proposal") +
                         ", " + Plural(static_cast<int>(v.messages.size()), "message", "messages") +
                         " from " +
                         Plural(static_cast<int>(v.participants.size()), "person", "people"));
  } else if (other > 0) {
    e->changes.push_back(Plural(other, "new message", "new messages") + " in the discussion");
  }
}

// One entry per repository whose code review changed.
void AddReviewEntries(const std::map<std::string, Review>& reviews, const Baseline& base,
                      std::vector<DigestEntry>* entries) {
  bool all_new = base.since || !base.previous;
  for (const auto& [repo, r] : reviews) {
    DigestEntry e;
    e.type = "code-review";
    e.repository = repo;
    e.title = repo;
    e.date = r.date;
    if (r.pulls) e.changes.push_back(Plural(r.pulls, "pull request", "pull requests"));
    if (r.issues) e.changes.push_back(Plural(r.issues, "issue", "issues"));
    e.changes.push_back(Plural(r.messages, all_new ? "message" : "new message",
                               all_new ? "messages" : "new messages"));
    e.detail = Joined(e.changes);
    entries->push_back(std::move(e));
  }
}

}  // namespace

ReportState StateOf(const ReportModel& model, const std::vector<ProposalView>& views) {
  ReportState s;
  s.has_message_counts = true;
  for (const auto& p : model.proposals) s.proposals.insert(p.id);
  for (const auto& v : views) {
    const std::string& id = model.proposals[static_cast<size_t>(v.proposal)].id;
    s.messages[id] = static_cast<int>(v.messages.size());
    if (const Discussion* d = DiscussionOf(model, v)) {
      for (const auto& o : d->summary.oppose) s.objections.insert(ObjectionKey(id, o));
    }
  }
  for (const auto& t : model.vote_threads) {
    for (const auto& v : t.votes) {
      if (!v.superseded) s.votes.insert(VoteKey(t, v));
    }
    if (t.status != VoteStatus::kOpen) s.decided.insert(t.thread_id);
  }
  return s;
}

Digest ComputeDigest(const ReportModel& model, const std::vector<ProposalView>& views,
                     const ReportState* previous, std::optional<int64_t> since) {
  Digest d;
  if (since) {
    d.basis = "since " + FormatIsoDate(*since);
  } else {
    d.basis = previous ? "since the last run" : "first run";
  }
  Baseline base;
  base.previous = previous;
  base.since = since;
  if (since) {
    for (const auto& m : model.messages) base.date_of.emplace(m.message_id, m.date);
  }
  std::map<std::string, Review> reviews;
  for (const ProposalView& v : views) {
    const Proposal& p = model.proposals[static_cast<size_t>(v.proposal)];
    const Classification cls = Classify(model, v);
    const bool new_proposal = base.IsNew(&ReportState::proposals, p.id, v.first_date);
    MailDate newest;
    int new_messages = NewMessages(model, v, p.id, new_proposal, base, &newest);
    if (cls.kind == ProposalClass::kCodeReview) {
      if (new_messages == 0) continue;
      Review& r = reviews[cls.repository];
      ++(cls.issue ? r.issues : r.pulls);
      r.messages += new_messages;
      r.date = std::max(r.date, newest);
      continue;
    }
    DigestEntry e;
    e.type = ProposalClassName(cls.kind);
    e.proposal_id = p.id;
    e.title = p.title;
    e.date = newest;
    if (cls.kind == ProposalClass::kNews) {
      if (!DescribeNews(model, v, new_proposal, new_messages, &e)) continue;
    } else {
      VoteNews n = NewVotes(model, v, base, &e);
      AddNewOpponents(model, v, p.id, base, &n.objectors);
      DescribeProposal(v, new_proposal, new_messages, n, &e);
      if (e.changes.empty()) continue;
      if (!e.date.valid) e.date = v.last_date;
    }
    e.detail = Joined(e.changes);
    d.entries.push_back(std::move(e));
  }
  AddReviewEntries(reviews, base, &d.entries);
  std::stable_sort(d.entries.begin(), d.entries.end(),
                   [](const DigestEntry& a, const DigestEntry& b) {
                     if (a.date != b.date) return a.date > b.date;
                     if (a.type != b.type) return a.type < b.type;
                     if (a.proposal_id != b.proposal_id) return a.proposal_id < b.proposal_id;
                     return a.repository < b.repository;
                   });
  return d;
}

std::string StateToJson(const ReportState& state) {
  nlohmann::ordered_json j;
  j["schema_version"] = 1;
  j["proposals"] = state.proposals;
  j["votes"] = state.votes;
  j["decided"] = state.decided;
  j["objections"] = state.objections;
  nlohmann::ordered_json messages = nlohmann::ordered_json::object();
  for (const auto& [id, n] : state.messages) messages[id] = n;
  j["messages"] = messages;
  return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Result<ReportState> StateFromJson(const std::string& json) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return Error{ErrorCode::kInvalidData, "report: state file is not a JSON object"};
  }
  ReportState s;
  const std::pair<const char*, std::set<std::string>*> fields[] = {{"proposals", &s.proposals},
                                                                   {"votes", &s.votes},
                                                                   {"decided", &s.decided},
                                                                   {"objections", &s.objections}};
  for (const auto& [name, set] : fields) {
    auto it = j.find(name);
    if (it == j.end() || !it->is_array()) continue;
    for (const auto& e : *it) {
      if (e.is_string()) set->insert(e.get<std::string>());
    }
  }
  auto it = j.find("messages");
  if (it != j.end() && it->is_object()) {
    s.has_message_counts = true;
    for (const auto& [id, n] : it->items()) {
      if (n.is_number_integer()) s.messages[id] = n.get<int>();
    }
  }
  return s;
}

}  // namespace quorum::report
