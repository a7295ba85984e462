// SPDX-License-Identifier: Apache-2.0
// Summarize(): the lead, the decision, the sides people take on the proposal, the arguments.
#include "analyze/summary.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "analyze/lexicon.h"
#include "analyze/positions_cues.h"
#include "analyze/positions_text.h"
#include "core/text.h"
#include "core/text_store.h"

namespace quorum::analyze {
namespace {

constexpr size_t kQuoteMax = 240;        // bytes of a side's quote
constexpr size_t kLeadMax = 360;         // bytes of the lead
constexpr int kOpeningSentences = 3;     // where a reply states its overall side...
constexpr size_t kClosingSentences = 2;  // ...or here
constexpr int kPureReactionWords = 8;    // "+1 to what @aferreira said." and no more

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsQuestion(std::string_view s) {
  s = Trim(s);
  return !s.empty() && s.back() == '?';
}

// "Hi all,", "Hello Maven team", "Dear community", "Thanks!", "Regards": no content.
bool IsChatter(std::string_view s) {
  std::string l = AsciiLower(Trim(s));
  static constexpr std::string_view kOpeners[] = {
      "hi",   "hello",    "hey",    "dear",      "greetings", "good morning", "good afternoon",
      "all,", "folks",    "thanks", "thank you", "regards",   "cheers",       "best",
      "team", "gentlemen"};
  if (WordCount(l) > 6) return false;
  for (std::string_view o : kOpeners) {
    if (l.starts_with(o)) return true;
  }
  return l.ends_with(",") && WordCount(l) <= 3;
}

// A sentence that starts with a vote token: "+1", "-1 (binding)", "+0", "-0.5 because ...".
bool StartsWithVote(std::string_view s) {
  s = Trim(s);
  if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return false;
  return s[1] >= '0' && s[1] <= '9';
}

// A vote token anywhere: "I'll give the best +1 I can".
bool HasVoteToken(std::string_view s) {
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if ((s[i] == '+' || s[i] == '-') && s[i + 1] == '1' &&
        (i == 0 || s[i - 1] == ' ' || s[i - 1] == '(') &&
        (i + 2 >= s.size() || !(s[i + 2] >= '0' && s[i + 2] <= '9'))) {
      return true;
    }
  }
  return false;
}

struct Side {
  int side = 0;   // +1 for, -1 against, 0 none: the latest
  int first = 0;  // order of first appearance
  SideTaker taker;
  std::vector<std::pair<int, int>> history;  // (message index, side), in date order
};

class SideBook {
 public:
  void Set(const std::string& key, int side, int message, const Message& m, std::string quote,
           const char* basis) {
    auto [it, inserted] = sides_.try_emplace(key);
    if (inserted) it->second.first = next_++;
    it->second.side = side;
    it->second.history.emplace_back(message, side);
    it->second.taker =
        SideTaker{m.from.name, m.from.address, m.message_id, CutAtWord(quote, kQuoteMax), basis};
  }
  int Of(const std::string& key) const {
    auto it = sides_.find(key);
    return it == sides_.end() ? 0 : it->second.side;
  }
  // The side `key` stated in message `message` itself, 0 when that mail stated none.
  int StatedIn(const std::string& key, int message) const {
    auto it = sides_.find(key);
    if (it == sides_.end()) return 0;
    int side = 0;
    for (const auto& [m, v] : it->second.history) {
      if (m == message) side = v;
    }
    return side;
  }
  // The side `key` took as of message `message` (that message's own side included), else the
  // first side they took later.
  int At(const std::string& key, int message) const {
    auto it = sides_.find(key);
    if (it == sides_.end()) return 0;
    int side = 0;
    for (const auto& [m, v] : it->second.history) {
      if (m > message && side != 0) break;
      side = v;
    }
    return side;
  }
  void Fill(Summary* s) const {
    std::vector<const Side*> order;
    for (const auto& [k, v] : sides_) order.push_back(&v);
    std::sort(order.begin(), order.end(),
              [](const Side* a, const Side* b) { return a->first < b->first; });
    for (const Side* v : order) {
      if (v->side > 0) s->support.push_back(v->taker);
      if (v->side < 0) s->oppose.push_back(v->taker);
    }
  }

 private:
  std::map<std::string, Side> sides_;
  int next_ = 0;
};

class Summarizer {
 public:
  Summarizer(const Corpus& corpus, const Proposal& p, const SummaryContext& context)
      : c_(corpus),
        p_(p),
        x_(context),
        reader_(corpus.texts.get()),
        prose_cursor_(context.prose != nullptr ? context.prose->Cursor() : StoreCursor(nullptr)) {}

  void Run(const SummaryOptions& options, Discussion* d);

 private:
  void CollectMessages();
  std::string KeyOf(int m) const {
    int p = c_.person_of_message.empty() ? -1 : c_.person_of_message[static_cast<size_t>(m)];
    if (p >= 0) return c_.people[static_cast<size_t>(p)].id;
    return AsciiLower(c_.messages[static_cast<size_t>(m)].from.address);
  }
  std::vector<std::string> SentencesOf(int m) {
    if (x_.prose != nullptr) return x_.prose->Sentences(static_cast<size_t>(m), &prose_cursor_);
    return ProseSentences(reader_.Text(c_.messages[static_cast<size_t>(m)]));
  }
  void Lead(Summary* s);
  void Decide(Summary* s);
  void Sides(Summary* s);
  void ReadReply(int m);
  int ResolveTarget(const std::string& raw, const std::string& self) const;
  void SetHolderStances(Discussion* d) const;

  const Corpus& c_;
  const Proposal& p_;
  const SummaryContext& x_;
  TextReader reader_;
  StoreCursor prose_cursor_;                       // x_.prose read ahead
  std::vector<int> msgs_;                          // the proposal's messages, in date order
  std::unordered_map<int, int> parent_;            // message -> nearest real ancestor message
  std::unordered_map<std::string, int> index_of_;  // Message-ID -> message
  std::vector<int> thread_roots_;                  // first real message of each thread
  int opener_ = -1;
  std::string proposer_;
  SideBook book_;
};

void Summarizer::CollectMessages() {
  const std::unordered_map<std::string, size_t>& thread_of = x_.thread_of;
  for (const ProposalThread& pt : p_.threads) {
    auto it = thread_of.find(pt.thread_id);
    if (it == thread_of.end()) continue;
    const Thread& t = x_.threads[it->second];
    int root = -1;
    for (size_t n = 0; n < t.nodes.size(); ++n) {
      const ThreadNode& node = t.nodes[n];
      if (node.message < 0) continue;
      msgs_.push_back(node.message);
      if (root < 0 || node.message < root) root = node.message;
      // Nearest real ancestor (ghosts are skipped); nodes come parents first.
      int up = node.parent;
      int guard = 0;
      while (up >= 0 && t.nodes[static_cast<size_t>(up)].message < 0 && guard++ < 10000) {
        up = t.nodes[static_cast<size_t>(up)].parent;
      }
      if (up >= 0) parent_[node.message] = t.nodes[static_cast<size_t>(up)].message;
    }
    if (root >= 0) thread_roots_.push_back(root);
  }
  std::sort(msgs_.begin(), msgs_.end());
  msgs_.erase(std::unique(msgs_.begin(), msgs_.end()), msgs_.end());
  for (int m : msgs_) index_of_.emplace(c_.messages[static_cast<size_t>(m)].message_id, m);
  if (!msgs_.empty()) opener_ = msgs_.front();
  if (opener_ >= 0) proposer_ = KeyOf(opener_);
}

void Summarizer::Lead(Summary* s) {
  if (opener_ < 0) return;
  const Message& m = c_.messages[static_cast<size_t>(opener_)];
  s->lead_message_id = m.message_id;
  s->lead_author = m.from.name.empty() ? m.from.address : m.from.name;
  std::vector<std::string> sentences = SentencesOf(opener_);
  // Among the first sentences with content, the one that says what is proposed: proposal words
  // ("I propose", "we should", "vote", "time to") count for it; a heading that ends in ':', a
  // link, a question and lateness count against. A short one takes the next sentence along.
  static constexpr std::string_view kProposing[] = {
      "propos", "suggest", "would like to", "i'd like to", "we should", "let's",   "plan",
      "vote",   "release", "rfc",           "time to",     "i want to", "we need", "should we"};
  int best = -1;
  double best_score = -1e9;
  int looked = 0;
  for (size_t i = 0; i < sentences.size() && looked < 6; ++i) {
    const std::string& x = sentences[i];
    if (IsChatter(x) || WordCount(x) < 4) continue;
    std::string l = AsciiLower(x);
    double score = -0.3 * looked++;
    for (std::string_view w : kProposing) {
      if (l.find(w) != std::string::npos) {
        score += 2;
        break;
      }
    }
    if (x_.logistics.Sum(x) > 0) score -= 3;
    if (l.ends_with(":")) score -= 1;
    if (l.find("http") != std::string::npos) score -= 2;
    if (IsQuestion(x)) score -= 1;
    if (score > best_score) {
      best_score = score;
      best = static_cast<int>(i);
    }
  }
  if (best < 0) {
    for (size_t i = 0; i < sentences.size() && best < 0; ++i) {
      if (!IsChatter(sentences[i])) best = static_cast<int>(i);
    }
  }
  if (best < 0) return;
  size_t i = static_cast<size_t>(best);
  std::string lead = sentences[i];
  if (lead.size() < 140 && i + 1 < sentences.size() && !IsChatter(sentences[i + 1]) &&
      sentences[i + 1].find("http") == std::string::npos && !sentences[i + 1].ends_with(":") &&
      x_.logistics.Sum(sentences[i + 1]) == 0 &&
      lead.size() + 1 + sentences[i + 1].size() <= kLeadMax) {
    lead += " " + sentences[i + 1];
  }
  s->lead = CutAtWord(lead, kLeadMax);
}

void Summarizer::Decide(Summary* s) {
  const VoteThread* latest = nullptr;
  auto vt = x_.votes_of.find(p_.id);
  for (const VoteThread* t :
       vt == x_.votes_of.end() ? std::vector<const VoteThread*>{} : vt->second) {
    if (latest == nullptr || t->opened > latest->opened ||
        (t->opened == latest->opened && t->thread_id > latest->thread_id)) {
      latest = t;
    }
  }
  if (latest == nullptr) return;
  s->has_decision = true;
  Decision& d = s->decision;
  d.status = ToString(latest->status);
  d.thread_id = latest->thread_id;
  d.subject = latest->subject;
  d.binding_plus = latest->tally.binding.plus;
  d.binding_zero = latest->tally.binding.zero;
  d.binding_minus = latest->tally.binding.minus;
  d.non_binding_plus = latest->tally.non_binding.plus;
  d.non_binding_zero = latest->tally.non_binding.zero;
  d.non_binding_minus = latest->tally.non_binding.minus;
  d.unknown_plus = latest->tally.unknown.plus;
  d.unknown_zero = latest->tally.unknown.zero;
  d.unknown_minus = latest->tally.unknown.minus;
  d.result_message_id = latest->result.message_id;
  if (!d.result_message_id.empty()) {
    auto it = index_of_.find(d.result_message_id);
    if (it != index_of_.end())
      d.result_subject = c_.messages[static_cast<size_t>(it->second)].subject;
  }
}

// True when `want` (lower case, no '@') names the author of `m`: their login, the local part
// of a personal address, a part of their name ("robert"), the parts joined ("robertscholte")
// or initial and last name ("rscholte", the usual GitHub login).
bool NamesAuthor(const Message& m, const std::string& want) {
  if (!m.mirror.login.empty() && AsciiLower(m.mirror.login) == want) return true;
  std::string address = AsciiLower(m.from.address);
  bool mirror = m.mirror.kind != MirrorKind::kNone;
  if (!mirror && address.substr(0, address.find('@')) == want) return true;
  std::vector<std::string> parts;
  std::string part;
  for (char ch : AsciiLower(m.from.name) + " ") {
    if (ch == ' ' || ch == '"' || ch == ',' || ch == '(' || ch == ')' || ch == '.') {
      if (!part.empty()) parts.push_back(part);
      part.clear();
    } else {
      part.push_back(ch);
    }
  }
  std::string joined;
  for (const std::string& x : parts) {
    if (x.size() >= 3 && x == want) return true;
    joined += x;
  }
  if (joined == want) return true;
  return parts.size() >= 2 && parts.front().substr(0, 1) + parts.back() == want;
}

// The discussion participant a cue names ("agree with Robert", "@tqchen"): one of their
// messages, or -1 when nobody or several people match.
int Summarizer::ResolveTarget(const std::string& raw, const std::string& self) const {
  std::string want = AsciiLower(raw);
  while (!want.empty() && want.front() == '@') want.erase(0, 1);
  while (!want.empty() && !std::isalnum(static_cast<unsigned char>(want.back()))) want.pop_back();
  if (want.size() < 3) return -1;
  int found = -1;
  for (int m : msgs_) {
    if (KeyOf(m) == self || !NamesAuthor(c_.messages[static_cast<size_t>(m)], want)) continue;
    if (found >= 0 && KeyOf(found) != KeyOf(m)) return -1;  // ambiguous
    found = m;
  }
  return found;
}

void Summarizer::ReadReply(int m) {
  const Message& msg = c_.messages[static_cast<size_t>(m)];
  std::string self = KeyOf(m);
  if (self == proposer_) return;  // the proposer's side is the proposal's
  if (std::find(thread_roots_.begin(), thread_roots_.end(), m) != thread_roots_.end()) {
    return;  // a new take or a result mail: not a reply to anyone
  }
  auto pit = parent_.find(m);
  int parent = pit == parent_.end() ? -1 : pit->second;
  std::string parent_key = parent >= 0 ? KeyOf(parent) : std::string();
  bool to_proposal =
      parent < 0 || parent_key == proposer_ ||
      std::find(thread_roots_.begin(), thread_roots_.end(), parent) != thread_roots_.end();
  // A reply states its overall side at its start or at its end ("This looks reasonable to me.");
  // in between it argues points, and a side there is on a point.
  std::vector<std::string> all = SentencesOf(m);
  std::vector<const std::string*> said;
  for (const std::string& s : all) {
    if (!IsChatter(s)) said.push_back(&s);
  }
  for (size_t i = 0; i < said.size(); ++i) {
    const std::string& s = *said[i];
    bool edge = i < static_cast<size_t>(kOpeningSentences) || i + kClosingSentences >= said.size();
    bool vote = StartsWithVote(s) || (HasVoteToken(s) && WordCount(s) <= 12);
    if ((!edge && !vote) || IsQuestion(s)) continue;
    int stance = x_.sides.Side(s);
    if (stance == 0) continue;
    SentenceCues cues = FindCues(s);
    // Proposing a change to the proposal is amending it, not opposing it.
    if (stance < 0 && cues.proposal && !vote) return;
    // Siding with someone named takes their side ("+1 to what Robert said", "I agree with
    // @login"); a longer sentence says more than that, and its own side counts ("I agree with
    // Dana's addition, and I would like to see this adopted").
    bool pure_reaction = WordCount(s) <= kPureReactionWords;
    // Agreeing ("I agree", "+1 to") takes the side of whom it agrees with, unless the sentence
    // also states a side of its own ("I agree with Dana's addition, and I would like to see this
    // adopted"); disagreeing takes the other side whatever else the sentence says.
    bool agrees_only = x_.agreement.Sum(s) > 0 && x_.sides.Side(x_.agreement.Without(s)) == 0;
    bool inherits = pure_reaction || stance < 0 || agrees_only;
    for (const std::string& raw : cues.targets) {
      int t = ResolveTarget(raw, self);
      if (t < 0) continue;
      int theirs = KeyOf(t) == proposer_ ? 1 : book_.Of(KeyOf(t));
      if (theirs != 0 && inherits) {
        book_.Set(self, stance * theirs, m, msg, s, "agrees");
        return;
      }
      // Disagreeing with a point of someone whose side is not known is no side: read on.
      if (stance < 0) stance = 0;
      break;
    }
    if (stance == 0) continue;
    if (to_proposal) {
      book_.Set(self, stance, m, msg, s, vote ? "vote" : "stated");
      return;
    }
    // Under someone else's mail: agreeing with them takes their side; a longer sentence that
    // agrees says its own side; agreeing with a side-less remark is not a side on the proposal.
    // A +1 there piles onto the proposal; a -1 there is on that mail's point, not on the
    // proposal ("-1" to someone's "drop md5" in a Maven 4.0.0 wish list), unless the mail
    // stated a side: then it is disagreeing with that side.
    if (vote && stance > 0) {
      book_.Set(self, stance, m, msg, s, "vote");
      return;
    }
    // What "I agree" agrees with is what that mail says: an objection or a +1 there is a side,
    // an amendment from someone who objected elsewhere is not.
    int theirs = parent_key == proposer_ ? 1 : book_.StatedIn(parent_key, parent);
    if (theirs != 0) {
      book_.Set(self, inherits ? stance * theirs : stance, m, msg, s,
                inherits ? "agrees" : "stated");
    }
    return;
  }
}

void Summarizer::Sides(Summary* s) {
  if (opener_ < 0) return;
  // Votes by message: they say the side plainly.
  std::unordered_map<std::string, std::vector<const Vote*>> votes_of;
  auto vt = x_.votes_of.find(p_.id);
  for (const VoteThread* t :
       vt == x_.votes_of.end() ? std::vector<const VoteThread*>{} : vt->second) {
    for (const Vote& v : t->votes) votes_of[v.message_id].push_back(&v);
  }
  const Message& opener = c_.messages[static_cast<size_t>(opener_)];
  std::string quote = s->lead.empty() ? opener.subject : s->lead;
  book_.Set(proposer_, 1, opener_, opener, quote, "proposer");
  for (int m : msgs_) {
    if (m == opener_) continue;
    const Message& msg = c_.messages[static_cast<size_t>(m)];
    auto vit = votes_of.find(msg.message_id);
    if (vit != votes_of.end()) {
      for (const Vote* v : vit->second) {
        int side = v->numeric > 0 ? 1 : v->numeric < 0 ? -1 : 0;
        if (KeyOf(m) == proposer_ && side >= 0) continue;
        book_.Set(KeyOf(m), side, m, msg, v->evidence, "vote");
      }
      continue;
    }
    ReadReply(m);
  }
  book_.Fill(s);
}

void Summarizer::SetHolderStances(Discussion* d) const {
  // Holders are named as their messages name them: behind a mirror robot's address only the
  // name tells people apart, so look them up by address and name.
  std::map<std::pair<std::string, std::string>, std::string> key_of;
  for (int m : msgs_) {
    const Message& msg = c_.messages[static_cast<size_t>(m)];
    key_of.emplace(std::make_pair(AsciiLower(msg.from.address), msg.from.name), KeyOf(m));
  }
  // Their side when they first made the point: Dana's "-1 because ..." stays against even if she
  // later withdraws her -1 (the summary's lists have her latest side).
  for (Position& p : d->positions) {
    for (PositionHolder& h : p.holders) {
      auto it = key_of.find({AsciiLower(h.address), h.name});
      int first = -1;
      if (!h.message_ids.empty()) {
        auto at = index_of_.find(h.message_ids.front());
        if (at != index_of_.end()) first = at->second;
      }
      int side = it == key_of.end() ? 0
                 : first >= 0       ? book_.At(it->second, first)
                                    : book_.Of(it->second);
      h.stance = side > 0 ? Stance::kFor : side < 0 ? Stance::kAgainst : Stance::kNeutral;
    }
  }
}

void Summarizer::Run(const SummaryOptions& options, Discussion* d) {
  CollectMessages();
  Summary s;
  Lead(&s);
  Decide(&s);
  Sides(&s);
  SetHolderStances(d);
  for (size_t i = 0; i < d->positions.size(); ++i) {
    if (d->positions[i].recurring && static_cast<int>(s.arguments.size()) < options.max_arguments) {
      s.arguments.push_back(static_cast<int>(i));
    } else {
      d->positions[i].recurring = false;
    }
  }
  s.also_raised = static_cast<int>(d->positions.size() - s.arguments.size());
  d->summary = std::move(s);
}

}  // namespace

SummaryContext::SummaryContext(const std::vector<Thread>& all_threads,
                               const std::vector<VoteThread>& vote_threads)
    : threads(all_threads) {
  for (size_t i = 0; i < threads.size(); ++i) thread_of.emplace(threads[i].id, i);
  for (const VoteThread& t : vote_threads) votes_of[t.proposal_id].push_back(&t);
}

void Summarize(const Corpus& corpus, const Proposal& p, const SummaryContext& context,
               const SummaryOptions& options, Discussion* d) {
  Summarizer(corpus, p, context).Run(options, d);
}

}  // namespace quorum::analyze
