// SPDX-License-Identifier: Apache-2.0
// Vote analysis: finds vote threads, reads votes, binds voters, applies the rules, checks results.
#include "analyze/votes.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "analyze/proposals.h"
#include "core/author.h"
#include "core/text.h"
#include "core/time.h"

namespace quorum::analyze {
namespace {

constexpr int64_t kMinVoteSeconds = 72 * 3600;

// Who wrote a message, resolved through the merged identities.
struct VoterInfo {
  Voter voter;
  std::vector<std::string> names;      // every display name known for the person
  std::vector<std::string> addresses;  // lower-cased
};

class PeopleIndex {
 public:
  PeopleIndex(const std::vector<Person>& people, const std::vector<int>& person_of_message)
      : people_(people), person_of_message_(person_of_message) {
    for (size_t i = 0; i < people.size(); ++i) {
      for (const auto& a : people[i].addresses) {
        std::string la = AsciiLower(a);
        if (!IsRobotAddress(la)) by_address_.emplace(la, static_cast<int>(i));
      }
      for (const auto& n : people[i].names) by_name_.emplace(FoldName(n), static_cast<int>(i));
    }
  }

  // `mi` is the message's index, for the parser's own message -> person map when given.
  VoterInfo Resolve(const Message& m, int mi) const {
    VoterInfo info;
    std::string la = AsciiLower(Trim(m.from.address));
    bool robot = HasRobotAuthor(m);
    std::string folded = FoldName(m.from.name);
    int p = -1;
    if (mi >= 0 && static_cast<size_t>(mi) < person_of_message_.size()) {
      p = person_of_message_[mi];
      if (p >= static_cast<int>(people_.size())) p = -1;
    } else if (!robot) {
      auto it = by_address_.find(la);
      if (it != by_address_.end()) p = it->second;
    } else if (!folded.empty()) {
      auto it = by_name_.find(folded);
      if (it != by_name_.end()) p = it->second;
    }
    info.voter.name = m.from.name;
    info.voter.address = m.from.address;
    if (!m.from.name.empty()) info.names.push_back(m.from.name);
    if (!robot && !la.empty()) info.addresses.push_back(la);
    if (p >= 0) {
      const Person& person = people_[p];
      info.voter.person_id = person.id;
      if (info.voter.name.empty()) info.voter.name = person.name;
      for (const auto& n : person.names) info.names.push_back(n);
      for (const auto& a : person.addresses) {
        std::string lower = AsciiLower(a);
        if (!IsRobotAddress(lower)) info.addresses.push_back(lower);
      }
    } else if (robot) {
      info.voter.person_id = "name:" + (folded.empty() ? la : folded);
    } else {
      info.voter.person_id = la;
    }
    if (info.voter.name.empty()) info.voter.name = m.from.address;
    // A mail without a usable author is a voter of its own, never merged with another.
    if (info.voter.person_id.empty() || info.voter.person_id == "name:") {
      info.voter.person_id = "unknown:" + m.message_id;
    }
    std::sort(info.addresses.begin(), info.addresses.end());
    info.addresses.erase(std::unique(info.addresses.begin(), info.addresses.end()),
                         info.addresses.end());
    for (const auto& a : info.addresses) {
      std::string id = ApacheIdOf(a);
      if (!id.empty()) {
        info.voter.apache_id = id;
        break;
      }
    }
    return info;
  }

 private:
  const std::vector<Person>& people_;
  const std::vector<int>& person_of_message_;
  std::map<std::string, int> by_address_;
  std::map<std::string, int> by_name_;
};

std::string DateOf(const MailDate& d) { return FormatIsoDay(d); }

// Everything gathered about one vote thread before it becomes a VoteThread.
struct Work {
  int thread = -1;
  std::vector<int> messages;  // message indices, by date then id
  int call = -1;              // the call message, -1 when absent from the archive
  int result = -1;            // result mail
  int cancel = -1;            // cancel mail
  std::string proposal_id;
  std::map<std::string, VoterInfo> voters;  // person_id -> info, for every author
};

bool MessageBefore(const std::vector<Message>& ms, int a, int b) {
  if (ms[a].date != ms[b].date) return ms[a].date < ms[b].date;
  return ms[a].message_id < ms[b].message_id;
}

const RosterMember* FindInRoster(const std::vector<RosterMember>& members, const VoterInfo& vi,
                                 bool* by_id) {
  for (const auto& a : vi.addresses) {
    std::string id = ApacheIdOf(a);
    if (id.empty()) continue;
    for (const auto& m : members) {
      if (m.id == id) {
        *by_id = true;
        return &m;
      }
    }
  }
  for (const auto& n : vi.names) {
    std::string f = FoldName(n);
    if (NameWords(f).size() < 2) continue;
    for (const auto& m : members) {
      if (FoldName(m.name) == f) {
        *by_id = false;
        return &m;
      }
    }
  }
  return nullptr;
}

void AddToBucket(const Vote& v, TallyBucket* b) {
  b->by_value[v.value]++;
  if (v.numeric > 0) {
    b->plus++;
  } else if (v.numeric < 0) {
    b->minus++;
  } else {
    b->zero++;
  }
}

void ReadVotes(const std::vector<Message>& ms, const VotePatterns& patterns, const Work& w,
               const std::map<int, VoterInfo>& authors, TextReader* texts, std::vector<Vote>* votes,
               std::set<std::string>* flags) {
  for (int mi : w.messages) {
    if (mi == w.result || mi == w.cancel) continue;
    const Message& m = ms[mi];
    SubjectInfo si = ParseSubject(m.subject);
    if (si.result || si.cancel) continue;
    bool is_call = mi == w.call;
    std::vector<std::string_view> lines = VoteLines(texts->Text(m));
    std::optional<LineVote> found;
    std::string evidence;
    int nonempty = 0;
    for (std::string_view line : lines) {
      if (!Trim(line).empty()) nonempty++;
      std::optional<LineVote> lv = patterns.MatchLine(line, is_call);
      if (!lv) continue;
      if (!found) {
        found = lv;
        evidence = std::string(Trim(line));
      } else if (lv->value != found->value) {
        flags->insert("several-votes-in-one-mail");
      }
    }
    if (!found) continue;
    Vote v;
    v.voter = authors.at(mi).voter;
    v.value = found->value;
    v.numeric = found->numeric;
    v.declared_binding = found->declared_binding;
    v.conditional = found->conditional;
    v.message_id = m.message_id;
    v.date = m.date;
    v.evidence = evidence;
    v.rule = found->rule;
    // Reasons: words beside the token on its line, or other lines of own text.
    size_t words_on_line = NameWords(FoldName(evidence)).size();
    v.justified = words_on_line >= 3 || nonempty >= 2;
    if (is_call) flags->insert("caller-voted-in-call");
    votes->push_back(std::move(v));
  }
  std::stable_sort(votes->begin(), votes->end(), [](const Vote& a, const Vote& b) {
    if (a.date != b.date) return a.date < b.date;
    return a.message_id < b.message_id;
  });
  std::map<std::string, size_t> last;
  for (size_t i = 0; i < votes->size(); ++i) {
    auto it = last.find((*votes)[i].voter.person_id);
    if (it != last.end()) (*votes)[it->second].superseded = true;
    last[(*votes)[i].voter.person_id] = i;
  }
}

void Bind(const Roster* roster, const std::string& committee, const StatedResult& stated,
          const std::map<std::string, VoterInfo>& voters, std::vector<Vote>* votes) {
  const std::vector<RosterMember>* members = nullptr;
  if (roster != nullptr) {
    auto it = roster->committees.find(committee);
    if (it != roster->committees.end()) members = &it->second;
  }
  for (Vote& v : *votes) {
    const VoterInfo& vi = voters.at(v.voter.person_id);
    if (members != nullptr) {
      bool by_id = false;
      const RosterMember* rm = FindInRoster(*members, vi, &by_id);
      if (rm != nullptr) {
        if (v.voter.apache_id.empty()) v.voter.apache_id = rm->id;
        if (rm->date.empty()) {
          v.binding = true;
          v.binding_evidence = by_id ? BindingEvidence::kApacheAddress : BindingEvidence::kRoster;
        } else {
          v.binding = rm->date <= DateOf(v.date);
          v.binding_evidence = BindingEvidence::kRoster;
        }
        continue;
      }
      // Not on the roster by apache id nor by full name: not a PMC member.
      v.binding = false;
      v.binding_evidence = BindingEvidence::kRoster;
      continue;
    }
    bool named = false;
    for (const auto& n : stated.binding_names) {
      if (NameMatches(n, vi.names, vi.addresses)) named = true;
    }
    if (named) {
      v.binding = true;
      v.binding_evidence = BindingEvidence::kResultMail;
    } else if (v.declared_binding.has_value()) {
      v.binding = v.declared_binding;
      v.binding_evidence = BindingEvidence::kDeclared;
    }
  }
}

void CheckResult(const std::vector<Message>& ms, const Work& w,
                 const std::map<int, VoterInfo>& authors, const std::vector<Vote>& votes,
                 ResultCheck* rc) {
  const StatedResult& st = rc->stated;
  std::vector<const Vote*> active;
  for (const auto& v : votes) {
    if (!v.superseded) active.push_back(&v);
  }
  std::map<std::string, int> by_id;
  for (int mi : w.messages) by_id.emplace(ms[mi].message_id, mi);
  std::set<const Vote*> matched;
  bool has_names = false;
  for (const auto& [value, names] : st.names) {
    for (const auto& name : names) {
      has_names = true;
      const Vote* hit = nullptr;
      for (const Vote* v : active) {
        const VoterInfo& vi = authors.at(by_id.at(v->message_id));
        if (NameMatches(name, vi.names, vi.addresses)) {
          hit = v;
          break;
        }
      }
      if (hit != nullptr) {
        matched.insert(hit);
        if (hit->value != value) {
          rc->differences.push_back(
              {"value-differs", name,
               "result mail counts " + value + ", the reply says " + hit->value, hit->message_id});
        }
        continue;
      }
      // No vote token: did the person reply at all?
      std::string reply_id;
      for (int mi : w.messages) {
        if (mi == w.call || mi == w.result || mi == w.cancel) continue;
        const VoterInfo& vi = authors.at(mi);
        if (NameMatches(name, vi.names, vi.addresses)) {
          reply_id = ms[mi].message_id;
          break;
        }
      }
      if (!reply_id.empty()) {
        rc->differences.push_back(
            {"possible-prose-vote", name,
             "the result mail counts " + value + " but the reply holds no vote token", reply_id});
      } else {
        rc->differences.push_back({"counted-not-found", name,
                                   "the result mail counts " + value + ", no reply found", ""});
      }
    }
  }
  if (has_names) {
    for (const Vote* v : active) {
      if (!matched.count(v)) {
        rc->differences.push_back({"not-counted", v->voter.name,
                                   "vote " + v->value + " found but not named by the result mail",
                                   v->message_id});
      }
    }
  }
  std::map<std::string, int> found_counts;
  std::map<std::string, int> found_binding;
  for (const Vote* v : active) {
    found_counts[v->value]++;
    if (v->binding == true) found_binding[v->value]++;
  }
  for (const auto& [value, n] : st.counts) {
    if (found_counts[value] != n) {
      rc->differences.push_back({"count-differs", value,
                                 "result mail states " + std::to_string(n) + ", found " +
                                     std::to_string(found_counts[value]),
                                 ""});
    }
  }
  for (const auto& [value, n] : st.binding_counts) {
    if (found_binding[value] != n) {
      rc->differences.push_back({"count-differs", value + " binding",
                                 "result mail states " + std::to_string(n) + ", found " +
                                     std::to_string(found_binding[value]),
                                 ""});
    }
  }
  rc->agrees =
      rc->differences.empty() && (has_names || !st.counts.empty() || !st.binding_counts.empty());
  if (!has_names && st.counts.empty() && st.binding_counts.empty()) {
    rc->differences.push_back({"no-tally", "", "the result mail states no tally", ""});
  }
}

// Appends to `works` one Work per vote thread of the proposal `members` (indices into `tagged`,
// by date), with its stray replies, in-thread results and cancellations and separate result
// and cancel threads; returns the proposal.
Proposal CollectProposal(const std::vector<Message>& ms, const std::vector<Thread>& threads,
                         const std::vector<TaggedThread>& tagged,
                         const std::vector<size_t>& members, std::vector<Work>* works) {
  Proposal p;
  const TaggedThread& head = tagged[members.front()];
  p.id = ProposalIdOf(head);
  p.title = head.si.title;
  std::vector<size_t> vote_works;  // indices into works
  auto add_nodes = [&](const TaggedThread& ti, Work* w) {
    const auto& nodes = threads[ti.index].nodes;
    for (size_t k = ti.node_begin; k < ti.node_end; ++k) {
      if (nodes[k].message >= 0) w->messages.push_back(nodes[k].message);
    }
  };
  for (size_t mi : members) {
    const TaggedThread& ti = tagged[mi];
    p.threads.push_back({ti.id, ti.role, ms[ti.first].subject, ti.date});
    if (ti.role != "vote" && ti.role != "stray-vote") continue;
    // A stray reply thread joins the latest earlier vote of the same take.
    if (ti.role == "stray-vote") {
      Work* host = nullptr;
      for (size_t wi : vote_works) {
        const TaggedThread& hi = tagged[static_cast<size_t>((*works)[wi].thread)];
        if (hi.si.take == ti.si.take) host = &(*works)[wi];
      }
      if (host != nullptr) {
        add_nodes(ti, host);
        continue;
      }
    }
    Work w;
    w.thread = static_cast<int>(mi);  // index into tagged
    w.call = ti.root_real && ti.role == "vote" ? ti.first : -1;
    w.proposal_id = p.id;
    add_nodes(ti, &w);
    vote_works.push_back(works->size());
    works->push_back(std::move(w));
  }
  // In-thread results and cancellations.
  for (size_t wi : vote_works) {
    Work& w = (*works)[wi];
    std::sort(w.messages.begin(), w.messages.end(),
              [&](int a, int b) { return MessageBefore(ms, a, b); });
    w.messages.erase(std::unique(w.messages.begin(), w.messages.end()), w.messages.end());
    for (int mi : w.messages) {
      SubjectInfo si = ParseSubject(ms[mi].subject);
      if (si.cancel && w.cancel < 0) w.cancel = mi;
      if (si.result && !si.cancel && w.result < 0) w.result = mi;
    }
  }
  // Separate result/cancel threads: the latest vote opened before them, same take first.
  for (size_t mi : members) {
    const TaggedThread& ti = tagged[mi];
    if (ti.role != "result" && ti.role != "cancel") continue;
    Work* best = nullptr;
    bool best_same_take = false;
    for (size_t wi : vote_works) {
      Work& w = (*works)[wi];
      const TaggedThread& vi = tagged[static_cast<size_t>(w.thread)];
      if (vi.date > ti.date) continue;
      if ((ti.role == "result" ? w.result : w.cancel) >= 0) continue;
      // A result that names its take ("(take 3)") prefers that take; otherwise the latest.
      bool same = ti.si.take_named && vi.si.take == ti.si.take;
      if (same || !best_same_take) {
        best = &w;
        best_same_take = same;
      }
    }
    if (best == nullptr) continue;
    (ti.role == "result" ? best->result : best->cancel) = ti.first;
  }
  return p;
}

// What one vote analysis reads besides the thread itself.
struct VoteContext {
  const std::vector<Message>& ms;
  const Roster* roster;
  const VotePatterns& patterns;
  TextReader& texts;
};

// Subject, list, committee (podlings included), kind and dates of a vote thread.
void DescribeVoteThread(const VoteContext& ctx, const Work& w, const TaggedThread& ti,
                        VoteThread* vt, std::set<std::string>* flags) {
  const Message& first = ctx.ms[ti.first];
  vt->thread_id = ti.id;
  if (ti.inner) flags->insert("vote-inside-thread");
  vt->subject = first.subject;
  vt->list = first.list_id;
  vt->committee = CommitteeFromListId(vt->list);
  if (vt->committee.empty() && !ti.si.mirror_repo.empty()) {
    std::string repo = ti.si.mirror_repo;
    size_t slash = repo.find('/');
    if (slash != std::string::npos) repo = repo.substr(slash + 1);
    vt->committee = repo.substr(0, repo.find('-'));
  }
  vt->kind = ClassifyKind(ti.si, vt->committee);
  // A call that states the lazy 2/3 rule is a strategy decision, whatever its title says.
  if (vt->kind != VoteKind::kRelease && w.call >= 0 &&
      ctx.patterns.RowMatches("strategy-rule", ctx.texts.Text(ctx.ms[w.call]))) {
    vt->kind = VoteKind::kStrategy;
  }
  // Podlings: only IPMC votes bind on releases. A podling is known from its list id
  // (dev.foo.incubator.apache.org) or, with a roster, from being absent from it.
  std::string podling = PodlingFromListId(vt->list);
  const Roster* roster = ctx.roster;
  bool absent = roster != nullptr && !vt->committee.empty() && vt->committee != "incubator" &&
                roster->committees.count(vt->committee) == 0 &&
                roster->committees.count("incubator") > 0;
  if (!podling.empty() || absent) {
    flags->insert("podling");
    if (podling.empty()) podling = vt->committee;
    // Other podling votes (PPMC business) have no public roster: binding stays open.
    vt->committee = vt->kind == VoteKind::kRelease ? "incubator" : podling;
  }
  vt->opened = ti.date;
  vt->proposal_id = w.proposal_id;
  if (w.call < 0) flags->insert("call-not-in-archive");
  if (ti.si.lazy) flags->insert("lazy-consensus");
}

// Active votes into the binding / non-binding / unknown tallies, with their flags.
void TallyVotes(const std::vector<Vote>& votes, VoteThread* vt, std::set<std::string>* flags) {
  for (const auto& v : votes) {
    if (v.superseded) continue;
    if (v.conditional) flags->insert("conditional-vote");
    if (v.binding == true) {
      AddToBucket(v, &vt->tally.binding);
    } else if (v.binding == false) {
      AddToBucket(v, &vt->tally.non_binding);
    } else {
      AddToBucket(v, &vt->tally.unknown);
    }
    if (vt->kind == VoteKind::kRelease && v.binding == true && v.value != "+1" && v.value != "-1" &&
        v.value != "0" && v.value != "+0" && v.value != "-0") {
      flags->insert("fractional-release-vote");
    }
  }
  for (const auto& d : vt->result.differences) {
    if (d.type == "possible-prose-vote") flags->insert("possible-prose-vote");
  }
}

// Status, its basis and the closing date: a cancel mail, else the result mail (its stated
// outcome, else the computed one), else open.
void DecideStatus(const std::vector<Message>& ms, const Work& w, const Outcome& o,
                  const std::vector<Vote>& votes, VoteThread* vt, std::set<std::string>* flags) {
  vt->computed_outcome = o.result;
  vt->outcome_note = o.note;
  if (w.cancel >= 0) {
    vt->status = VoteStatus::kCanceled;
    vt->status_basis = "cancel-mail";
    vt->cancel_message_id = ms[w.cancel].message_id;
    vt->closed = ms[w.cancel].date;
    return;
  }
  if (w.result < 0) {
    MailDate last_vote;
    for (const auto& v : votes) last_vote = std::max(last_vote, v.date);
    vt->status = VoteStatus::kOpen;
    vt->status_basis = "no-result";
    vt->closed = last_vote;
    flags->insert("no-result-mail");
    return;
  }
  vt->closed = vt->result.date;
  if (vt->result.stated.passed.has_value()) {
    vt->status = *vt->result.stated.passed ? VoteStatus::kPassed : VoteStatus::kFailed;
    vt->status_basis = "result-mail";
    bool computed_pass = o.result == "passed";
    if (o.result != "undecided" && computed_pass != *vt->result.stated.passed) {
      flags->insert("computed-outcome-differs");
    }
  } else {
    vt->status = o.result == "passed"   ? VoteStatus::kPassed
                 : o.result == "vetoed" ? VoteStatus::kVetoed
                 : o.result == "failed" ? VoteStatus::kFailed
                                        : VoteStatus::kOpen;
    vt->status_basis = "computed";
  }
  if (vt->closed.valid && vt->opened.valid &&
      vt->closed.epoch - vt->opened.epoch < kMinVoteSeconds) {
    flags->insert("closed-before-72h");
  }
  if (!vt->result.agrees) flags->insert("result-check-differs");
}

// One vote thread: authors, votes, result mail, binding, check, tally, outcome and status.
VoteThread AnalyzeVoteThread(const VoteContext& ctx, const PeopleIndex& index, Work& w,
                             const TaggedThread& ti) {
  const std::vector<Message>& ms = ctx.ms;
  std::map<int, VoterInfo> authors;
  std::set<std::string> flags;
  for (int mi : w.messages) authors.emplace(mi, index.Resolve(ms[mi], mi));
  if (w.result >= 0) authors.emplace(w.result, index.Resolve(ms[w.result], w.result));
  for (const auto& [mi, vi] : authors) {
    auto& slot = w.voters[vi.voter.person_id];
    if (slot.voter.person_id.empty()) slot = vi;
  }
  VoteThread vt;
  DescribeVoteThread(ctx, w, ti, &vt, &flags);
  std::vector<Vote> votes;
  ReadVotes(ms, ctx.patterns, w, authors, &ctx.texts, &votes, &flags);
  if (w.result >= 0) {
    vt.result.message_id = ms[w.result].message_id;
    vt.result.date = ms[w.result].date;
    std::string text;
    for (std::string_view l : VoteLines(ctx.texts.Text(ms[w.result]))) {
      text += std::string(l);
      text += '\n';
    }
    ctx.patterns.ParseResultText(text, &vt.result.stated);
  }
  Bind(ctx.roster, vt.committee, vt.result.stated, w.voters, &votes);
  if (w.result >= 0) CheckResult(ms, w, authors, votes, &vt.result);
  TallyVotes(votes, &vt, &flags);
  DecideStatus(ms, w, ComputeOutcome(vt.kind, votes), votes, &vt, &flags);
  vt.votes = std::move(votes);
  vt.flags.assign(flags.begin(), flags.end());
  return vt;
}

}  // namespace

VoteAnalysis AnalyzeVotes(const std::vector<Message>& ms, const std::vector<Thread>& threads,
                          const std::vector<Person>& people,
                          const std::vector<int>& person_of_message, const Roster* roster,
                          const VotePatterns& patterns, const TextStore* text_store) {
  TextReader texts(text_store);
  VoteAnalysis out;
  PeopleIndex index(people, person_of_message);
  // 1. Tag threads by subject; 2. group them into proposals.
  std::vector<TaggedThread> tagged = TagThreads(ms, threads);
  // 3. Per proposal: vote threads, their stray replies, results and cancellations.
  std::vector<Work> works;
  for (const std::vector<size_t>& members : GroupProposals(tagged)) {
    out.proposals.push_back(CollectProposal(ms, threads, tagged, members, &works));
  }
  // 4. Each vote thread: votes, binding, outcome, result check.
  VoteContext ctx{ms, roster, patterns, texts};
  for (Work& w : works) {
    out.vote_threads.push_back(
        AnalyzeVoteThread(ctx, index, w, tagged[static_cast<size_t>(w.thread)]));
  }
  std::sort(out.vote_threads.begin(), out.vote_threads.end(),
            [](const VoteThread& a, const VoteThread& b) {
              if (a.opened != b.opened) return a.opened < b.opened;
              return a.thread_id < b.thread_id;
            });
  std::sort(out.proposals.begin(), out.proposals.end(),
            [](const Proposal& a, const Proposal& b) { return a.id < b.id; });
  return out;
}

}  // namespace quorum::analyze
