// SPDX-License-Identifier: Apache-2.0
// Recurring positions: claims grouped across messages and people, with holders and stances.
#include "analyze/positions.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "analyze/lexicon.h"
#include "analyze/positions_cues.h"
#include "analyze/positions_text.h"
#include "analyze/prose_texts.h"
#include "core/author.h"
#include "core/text.h"

namespace quorum::analyze {
namespace {

using SparseVec = std::vector<std::pair<int, double>>;  // sorted by term id

constexpr double kPriorDocs = 50;
constexpr double kSubjectWeight = 0.3;
constexpr size_t kQuoteMax = 300;  // bytes of a label or quote

// One sentence of one message, with its terms (unigram and bigram stems, ids, sorted, unique).
struct Sentence {
  std::string text;
  std::vector<int> terms;
  int unigrams = 0;           // distinct content words
  std::vector<Word> words;    // ContentWords(text), kept for a discussion's own sentences only
  std::vector<int> stem_ids;  // the vocabulary id of each word's stem (-1: a break), with words
};

// The vocabulary of the whole input: term ids, document frequencies, display forms.
class Vocabulary {
 public:
  int Id(const std::string& stem) {
    auto found = ids_.find(stem);  // look up first: emplace would allocate a node every time
    if (found != ids_.end()) return found->second;
    auto [it, inserted] = ids_.emplace(stem, static_cast<int>(df_.size()));
    if (inserted) Add(stem, false);
    return it->second;
  }
  // The two-word phrase of two word ids (no string is built unless the phrase is new).
  int PairId(int a, int b) {
    uint64_t key =
        (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b);
    auto found = pairs_.find(key);
    if (found != pairs_.end()) return found->second;
    auto [it, inserted] = pairs_.emplace(key, static_cast<int>(df_.size()));
    if (inserted) Add(stems_[a] + " " + stems_[b], true);
    return it->second;
  }
  void CountDocument(const std::vector<int>& unique_terms) {
    for (int t : unique_terms) ++df_[t];
  }
  // The id of a known stem or phrase, -1 when unknown (no allocation, no change).
  int Find(const std::string& stem) const {
    auto found = ids_.find(stem);
    return found == ids_.end() ? -1 : found->second;
  }
  int FindPair(int a, int b) const {
    uint64_t key =
        (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b);
    auto found = pairs_.find(key);
    return found == pairs_.end() ? -1 : found->second;
  }
  int df(int id) const { return df_[id]; }
  size_t size() const { return df_.size(); }
  const std::string& Stem(int id) const { return stems_[id]; }
  bool bigram(int id) const { return bigram_[id]; }

 private:
  void Add(std::string stem, bool bigram) {
    df_.push_back(0);
    bigram_.push_back(bigram);
    stems_.push_back(std::move(stem));
  }

  std::unordered_map<std::string, int> ids_;
  std::unordered_map<uint64_t, int> pairs_;
  std::vector<int> df_;
  std::vector<bool> bigram_;
  std::vector<std::string> stems_;
};

// A person: the key is the lower-cased address, or the display name for robot senders
// (notifications@github.com, git@git.apache.org and the like).
// An author with no address is keyed by name too.
bool RobotOrNoAddress(std::string_view address) {
  return Trim(address).empty() || IsRobotAddress(address);
}

std::string PersonKey(const Address& a) {
  if (RobotOrNoAddress(a.address)) return "name:" + AsciiLower(a.name);
  return AsciiLower(a.address);
}

bool IsRobotKey(const std::string& key) { return key.rfind("name:", 0) == 0; }

double Norm(const SparseVec& v) {
  double s = 0;
  for (const auto& [t, w] : v) s += w * w;
  return std::sqrt(s);
}

double Dot(const SparseVec& a, const SparseVec& b) {
  double s = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (a[i].first > b[j].first) {
      ++j;
    } else {
      s += a[i].second * b[j].second;
      ++i;
      ++j;
    }
  }
  return s;
}

double Cosine(const SparseVec& a, const SparseVec& b) {
  double na = Norm(a), nb = Norm(b);
  return na > 0 && nb > 0 ? Dot(a, b) / (na * nb) : 0;
}

SparseVec Add(const SparseVec& a, const SparseVec& b) {
  SparseVec out;
  out.reserve(a.size() + b.size());
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].first < b[j].first)) {
      out.push_back(a[i++]);
    } else if (i == a.size() || b[j].first < a[i].first) {
      out.push_back(b[j++]);
    } else {
      out.emplace_back(a[i].first, a[i].second + b[j].second);
      ++i;
      ++j;
    }
  }
  return out;
}

int Find(std::vector<int>* parent, int x) {
  while ((*parent)[x] != x) {
    (*parent)[x] = (*parent)[(*parent)[x]];
    x = (*parent)[x];
  }
  return x;
}

// A claim: one sentence of one message by one person, in one discussion.
struct Claim {
  int message = -1;   // index into messages
  int person = -1;    // index into the discussion's people
  int sentence = -1;  // index into the message's sentences
  SparseVec vec;      // TF-IDF over non-background terms
  SentenceCues cues;
  Stance stance = Stance::kNeutral;
  bool reaction = false;  // no content of its own: joins the position it replies to
  int cluster = -1;
};

struct Participant {
  std::string key;
  Address address;
  std::string login;
  std::vector<std::string> name_parts;   // lower-case, >= 3 characters, also accent-folded
  std::unordered_set<std::string> seen;  // name + address pairs already learnt
};

// Resolves "Robert", "@rfscholte", "hzfengsy" to a participant; -1 when none or ambiguous.
int ResolveTarget(const std::vector<Participant>& people, std::string_view raw, int self) {
  std::string c = FoldAccents(AsciiLower(raw));
  if (c.size() < 3) return -1;
  int found = -1;
  for (size_t i = 0; i < people.size(); ++i) {
    if (static_cast<int>(i) == self) continue;
    const Participant& p = people[i];
    bool match = c == p.login;
    std::string local = AsciiLower(p.address.address.substr(0, p.address.address.find('@')));
    match = match || (c == local && !IsRobotKey(PersonKey(p.address)));
    std::string joined, initial_last;
    for (const std::string& part : p.name_parts) {
      match = match || c == part;
      joined += part;
    }
    if (p.name_parts.size() >= 2) {
      initial_last = p.name_parts.front().substr(0, 1) + p.name_parts.back();
      match = match || c == initial_last;
    }
    match = match || (!joined.empty() && c == joined);
    if (match) {
      if (found >= 0 && found != static_cast<int>(i)) return -1;
      found = static_cast<int>(i);
    }
  }
  return found;
}

// The quoted lines ("> ...") just above the line where `sentence` starts in `body`.
std::string QuoteAbove(std::string_view body, std::string_view sentence) {
  std::string_view probe = sentence.substr(0, std::min<size_t>(sentence.size(), 16));
  size_t pos = probe.size() >= 2 ? body.find(probe) : std::string_view::npos;
  if (pos == std::string_view::npos) return {};
  size_t line_start = body.rfind('\n', pos);
  if (line_start == std::string_view::npos) return {};
  std::vector<std::string_view> lines;
  size_t end = line_start;
  bool seen_quote = false;
  for (int guard = 0; guard < 60 && end != std::string_view::npos && end > 0; ++guard) {
    size_t start = body.rfind('\n', end - 1);
    size_t from = start == std::string_view::npos ? 0 : start + 1;
    std::string_view line = Trim(body.substr(from, end - from));
    if (!line.empty() && line[0] == '>') {
      seen_quote = true;
      lines.push_back(line);
    } else if (!line.empty() || seen_quote) {
      if (seen_quote || lines.size() > 0) break;
      if (!line.empty()) break;
    }
    if (start == std::string_view::npos) break;
    end = start;
  }
  std::string out;
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    std::string_view l = *it;
    while (!l.empty() && (l[0] == '>' || l[0] == ' ')) l.remove_prefix(1);
    out.append(l);
    out.push_back('\n');
  }
  return out;
}

Stance ClaimStance(const SentenceCues& c) {
  if (c.con > c.pro) return Stance::kAgainst;
  if (c.pro > c.con) return Stance::kFor;
  if (c.proposal) return Stance::kFor;
  return Stance::kNeutral;
}

// "+1", "-1 (binding)", "+0 ...": the sentence opens with a vote token.
bool StartsWithVoteToken(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '*')) s.remove_prefix(1);
  return s.size() >= 2 && (s[0] == '+' || s[0] == '-') && s[1] >= '0' && s[1] <= '9';
}

bool IsThanks(std::string_view s) {
  std::string l = AsciiLower(s.substr(0, 12));
  return l.starts_with("thanks") || l.starts_with("thank you") || l.starts_with("thx") ||
         l.starts_with("many thanks");
}

// The prose sentences of one own text with their term ids: unigram stems and adjacent pairs.
// `id_of(stem)` and `pair_of(a, b)` give the ids (-1: unknown, and the word is a break).
template <typename IdOf, typename PairOf>
std::vector<Sentence> MakeSentences(std::vector<std::string> prose, const Vocabulary& vocab,
                                    WordCache* words, bool keep_words, IdOf id_of, PairOf pair_of) {
  std::vector<Sentence> out;
  out.reserve(prose.size());
  for (std::string& text : prose) {
    Sentence s;
    s.text = std::move(text);
    std::vector<Word> content = ContentWords(s.text, words);
    s.terms.reserve(2 * content.size());
    if (keep_words) s.stem_ids.reserve(content.size());
    int prev = -1;
    for (size_t i = 0; i < content.size(); ++i) {
      int id = content[i].stem.empty() ? -1 : id_of(content[i].stem);
      if (keep_words) s.stem_ids.push_back(id);
      if (id < 0) {
        prev = -1;
        continue;
      }
      s.terms.push_back(id);
      if (prev >= 0 && prev != id) {
        int pair = pair_of(prev, id);
        if (pair >= 0) s.terms.push_back(pair);
      }
      prev = id;
    }
    std::sort(s.terms.begin(), s.terms.end());
    s.terms.erase(std::unique(s.terms.begin(), s.terms.end()), s.terms.end());
    for (int t : s.terms) s.unigrams += vocab.bigram(t) ? 0 : 1;
    if (keep_words) s.words = std::move(content);
    out.push_back(std::move(s));
  }
  return out;
}

// A message's sentences as bytes, for MessageBlobs: per sentence its text, unigram count,
// terms, and words (stem as a vocabulary id, -1 for a break, and surface). Native byte order:
// the bytes never leave the process.
void PutInt(int32_t v, std::string* out) {
  out->append(reinterpret_cast<const char*>(&v), sizeof v);
}
void PutText(std::string_view t, std::string* out) {
  PutInt(static_cast<int32_t>(t.size()), out);
  out->append(t);
}

void EncodeSentences(const std::vector<Sentence>& sentences, std::string* out) {
  out->clear();
  for (const Sentence& s : sentences) {
    PutText(s.text, out);
    PutInt(s.unigrams, out);
    PutInt(static_cast<int32_t>(s.terms.size()), out);
    for (int t : s.terms) PutInt(t, out);
    PutInt(static_cast<int32_t>(s.words.size()), out);
    for (size_t i = 0; i < s.words.size(); ++i) {
      PutInt(s.words[i].stem.empty() ? -1 : s.stem_ids[i], out);
      PutText(s.words[i].surface, out);
    }
  }
}

// Reads what EncodeSentences wrote.
class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}
  bool done() const { return in_.size() < sizeof(int32_t); }
  int32_t Int() {
    int32_t v = 0;
    if (in_.size() >= sizeof v) {
      std::memcpy(&v, in_.data(), sizeof v);
      in_.remove_prefix(sizeof v);
    }
    return v;
  }
  std::string_view Text() {
    size_t n = std::min(static_cast<size_t>(std::max(0, Int())), in_.size());
    std::string_view t = in_.substr(0, n);
    in_.remove_prefix(n);
    return t;
  }

 private:
  std::string_view in_;
};

std::vector<Sentence> DecodeSentences(std::string_view in, const Vocabulary& vocab) {
  std::vector<Sentence> out;
  Decoder d(in);
  while (!d.done()) {
    Sentence s;
    s.text = d.Text();
    s.unigrams = d.Int();
    s.terms.resize(static_cast<size_t>(std::max(0, d.Int())));
    for (int& t : s.terms) t = d.Int();
    s.words.resize(static_cast<size_t>(std::max(0, d.Int())));
    for (Word& w : s.words) {
      int stem = d.Int();
      if (stem >= 0) w.stem = vocab.Stem(stem);
      w.surface = d.Text();
    }
    out.push_back(std::move(s));
  }
  return out;
}

// Everything known about the whole input before discussions are looked at: the vocabulary
// and its document frequencies. Sentences are not kept; a discussion remakes its own.
struct Prepared {
  Vocabulary vocab;
  // Every message's sentences as MakeSentences made them (SentenceCodec), so that a discussion
  // reads them back instead of finding the words again.
  std::optional<MessageBlobs> sentences;
  std::vector<double> idf;
  std::vector<bool> background;
  double documents = 0;
  PhraseLexicon arguments{"arguments.txt"};  // what makes a sentence an argument
  PhraseLexicon logistics{"logistics.txt"};  // procedure and boilerplate: not an argument
};

// One message at a time (memory: the vocabulary).
Prepared Prepare(const std::vector<Message>& messages, const PositionOptions& options,
                 const ProseTexts& prose, const TextStore* text_store, WordCache* words) {
  Prepared p;
  p.sentences.emplace(messages.size(), text_store);
  std::vector<int> doc_terms;
  std::string encoded;
  auto learn = [&p](const std::string& stem) { return p.vocab.Id(stem); };
  auto learn_pair = [&p](int a, int b) { return p.vocab.PairId(a, b); };
  StoreCursor cursor = prose.Cursor();
  for (size_t m = 0; m < messages.size(); ++m) {
    doc_terms.clear();
    std::vector<Sentence> sentences =
        MakeSentences(prose.Sentences(m, &cursor), p.vocab, words, true, learn, learn_pair);
    for (const Sentence& s : sentences) {
      doc_terms.insert(doc_terms.end(), s.terms.begin(), s.terms.end());
    }
    EncodeSentences(sentences, &encoded);
    p.sentences->Add(m, encoded);
    std::sort(doc_terms.begin(), doc_terms.end());
    doc_terms.erase(std::unique(doc_terms.begin(), doc_terms.end()), doc_terms.end());
    p.vocab.CountDocument(doc_terms);
  }
  p.sentences->Finish();
  size_t terms = p.vocab.size();
  double n = static_cast<double>(messages.size());
  p.documents = n;
  p.idf.resize(terms);
  p.background.resize(terms);
  for (size_t t = 0; t < terms; ++t) {
    double df = p.vocab.df(static_cast<int>(t));
    // A prior of kPriorDocs unseen messages keeps a small input (one thread) from reading
    // its own topic words as background.
    p.idf[t] = std::log((n + kPriorDocs) / (df + 0.5));
    p.background[t] = static_cast<int>(messages.size()) >= options.background_min_docs &&
                      df > options.background_max_df * n;
  }
  return p;
}

// The messages of a group, in input order (date, then Message-ID), each with its parent
// message (the nearest real ancestor) or -1.
void GroupMessages(const std::vector<Thread>& threads, const ThreadGroup& group,
                   std::vector<int>* msgs, std::unordered_map<int, int>* parent) {
  for (int ti : group) {
    if (ti < 0 || ti >= static_cast<int>(threads.size())) continue;
    const Thread& th = threads[ti];
    for (size_t n = 0; n < th.nodes.size(); ++n) {
      const ThreadNode& node = th.nodes[n];
      if (node.message < 0) continue;
      msgs->push_back(node.message);
      int up = node.parent;
      int guard = 0;
      while (up >= 0 && th.nodes[up].message < 0 && guard++ < 10000) up = th.nodes[up].parent;
      (*parent)[node.message] = up >= 0 ? th.nodes[up].message : -1;
    }
  }
  std::sort(msgs->begin(), msgs->end());
  msgs->erase(std::unique(msgs->begin(), msgs->end()), msgs->end());
}

// A candidate position with what ranks it among the others of its discussion.
struct RankedPosition {
  Position pos;
  int first = 0;          // rank in the discussion of the message of its first claim
  double score = 0;       // how much of an argument it is (see MakePosition)
  bool eligible = false;  // recurs or takes a side
};

class DiscussionAnalyzer {
 public:
  DiscussionAnalyzer(const std::vector<Message>& messages, const Prepared& prep,
                     const PositionOptions& options, const std::vector<int>& person_of_message,
                     TextReader* texts, WordCache* words, std::vector<double>* weights)
      : messages_(messages),
        prep_(prep),
        options_(options),
        person_of_message_(person_of_message),
        texts_(texts),
        words_(words),
        weights_(weights) {}

  // Returns false when the group is too small to be worth analysing.
  bool Run(const std::vector<Thread>& threads, const ThreadGroup& group, Discussion* out);

 private:
  int PersonOf(int message);     // cached
  int LearnPerson(int message);  // the participant of a message, learning their names
  void MakeGroupSentences();
  const std::vector<Sentence>& SentencesOf(int message) const;
  void BuildClaims();
  void Cluster();
  void AttachReactions();
  // Positions: one per cluster of claims worth showing, ranked.
  void BuildPositions(Discussion* out);
  bool WorthALook(const std::vector<int>& claims) const;
  std::optional<RankedPosition> MakePosition(const std::vector<int>& claims);
  std::string SpellingOf(const std::vector<const std::vector<Word>*>& sentences,
                         const std::string& stem) const;
  std::vector<int> TermsByWeight(const std::vector<int>& claims) const;
  std::vector<int> ChooseKeyPhrases(const std::vector<int>& claims,
                                    std::vector<std::string>* phrases) const;
  // Also sets *arguments: min(3, the argument phrases in the label's sentence).
  int LabelClaim(const std::vector<int>& claims, int* arguments) const;
  std::vector<int> InOrderOfClaim(const std::vector<int>& claims);
  bool AddHolders(const std::vector<int>& order, const std::vector<int>& key_terms,
                  Position* pos) const;
  PositionHolder MakeHolder(int hp, bool raised, const std::vector<int>& order,
                            const std::vector<int>& key_terms, bool* any_cue) const;
  void RankAndKeep(std::vector<RankedPosition> ranked, Discussion* out) const;
  void BuildAgreements(Discussion* out);

  const std::vector<Message>& messages_;
  const Prepared& prep_;
  const PositionOptions& options_;
  const std::vector<int>& person_of_message_;
  TextReader* texts_;
  WordCache* words_;              // this worker's
  std::vector<double>* weights_;  // this worker's: by term id, zero between uses (Cluster)
  std::vector<int> msgs_;
  std::unordered_map<int, std::vector<Sentence>> sentences_;  // of msgs_
  std::unordered_map<int, int> parent_;
  std::unordered_map<int, int> order_;  // message index -> rank in msgs_
  std::vector<Participant> people_;
  std::unordered_map<std::string, int> person_index_;
  std::unordered_map<int, int> person_of_;  // message index -> participant
  std::vector<Claim> claims_;
  std::vector<bool> drop_term_;  // terms too common in this discussion
  std::string subject_;
  int clusters_ = 0;
};

int DiscussionAnalyzer::PersonOf(int message) {
  auto cached = person_of_.find(message);
  if (cached != person_of_.end()) return cached->second;
  int person = LearnPerson(message);
  person_of_.emplace(message, person);
  return person;
}

int DiscussionAnalyzer::LearnPerson(int message) {
  const Message& m = messages_[message];
  std::string key;
  // Behind a robot address, a one-word name (a login: "eolivelli <git@git.apache.org>") is the
  // only thing that tells people apart: key it by the login, whatever identity data says.
  bool login_behind_robot =
      RobotOrNoAddress(m.from.address) && m.from.name.find(' ') == std::string::npos;
  if (!login_behind_robot && static_cast<size_t>(message) < person_of_message_.size() &&
      person_of_message_[message] >= 0) {
    key = "person:";
    key += std::to_string(person_of_message_[message]);
  } else {
    key = PersonKey(m.from);
  }
  auto [it, inserted] = person_index_.emplace(key, static_cast<int>(people_.size()));
  if (inserted) {
    Participant p;
    p.key = key;
    p.address = m.from;
    people_.push_back(std::move(p));
  }
  Participant& p = people_[it->second];
  if (p.seen.insert(m.from.name + "\n" + m.from.address).second) {
    // A merged person can write under several names and addresses: prefer a real address over
    // a mirror robot's, and learn every name and login for resolving "@login" and "Robert".
    if (IsRobotKey(PersonKey(p.address)) && !IsRobotKey(PersonKey(m.from))) {
      p.address.address = m.from.address;
    }
    if (p.address.name.empty()) p.address.name = m.from.name;
    if (p.login.empty()) p.login = AsciiLower(m.mirror.login);
    std::string part;
    for (char c : AsciiLower(m.from.name) + " ") {
      if (c == ' ' || c == '"' || c == ',' || c == '(' || c == ')' || c == '-' || c == '.') {
        std::string folded = FoldAccents(part);
        for (const std::string& x : {part, folded}) {
          if (x.size() >= 3 &&
              std::find(p.name_parts.begin(), p.name_parts.end(), x) == p.name_parts.end()) {
            p.name_parts.push_back(x);
          }
        }
        part.clear();
      } else {
        part.push_back(c);
      }
    }
  }
  return it->second;
}

bool DiscussionAnalyzer::Run(const std::vector<Thread>& threads, const ThreadGroup& group,
                             Discussion* out) {
  GroupMessages(threads, group, &msgs_, &parent_);
  for (size_t i = 0; i < msgs_.size(); ++i) order_[msgs_[i]] = static_cast<int>(i);
  for (int m : msgs_) PersonOf(m);
  out->messages = static_cast<int>(msgs_.size());
  out->participants = static_cast<int>(people_.size());
  for (int ti : group) {
    if (ti >= 0 && ti < static_cast<int>(threads.size())) out->thread_ids.push_back(threads[ti].id);
  }
  if (!group.empty() && group[0] >= 0 && group[0] < static_cast<int>(threads.size())) {
    out->subject = threads[group[0]].subject;
  }
  subject_ = out->subject;
  if (out->messages < options_.min_messages && out->participants < options_.min_participants) {
    return false;
  }
  MakeGroupSentences();
  BuildClaims();
  Cluster();
  AttachReactions();
  BuildPositions(out);
  BuildAgreements(out);
  return true;
}

// The group's sentences, term ids looked up in the vocabulary Prepare made from the same texts.
void DiscussionAnalyzer::MakeGroupSentences() {
  std::string encoded;
  StoreCursor cursor = prep_.sentences->Cursor();  // msgs_ is in index order
  for (int m : msgs_) {
    prep_.sentences->Get(static_cast<size_t>(m), &encoded, &cursor);
    sentences_[m] = DecodeSentences(encoded, prep_.vocab);
  }
}

const std::vector<Sentence>& DiscussionAnalyzer::SentencesOf(int message) const {
  static const std::vector<Sentence> kNone;
  auto it = sentences_.find(message);
  return it == sentences_.end() ? kNone : it->second;
}

void DiscussionAnalyzer::BuildClaims() {
  // Terms in most messages of a long discussion are its topic, not a position.
  std::unordered_map<int, int> msg_freq;
  for (int m : msgs_) {
    std::vector<int> seen;
    for (const Sentence& s : SentencesOf(m))
      seen.insert(seen.end(), s.terms.begin(), s.terms.end());
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (int t : seen) ++msg_freq[t];
  }
  drop_term_.assign(prep_.idf.size(), false);
  // Participants' names are who holds a position, not what it is.
  std::vector<std::string> names;
  for (const Participant& p : people_) {
    for (const std::string& part : p.name_parts) names.push_back(Stem(part));
    if (!p.login.empty()) names.push_back(Stem(p.login));
    std::string local = AsciiLower(p.address.address.substr(0, p.address.address.find('@')));
    if (local.size() >= 3 && !IsRobotKey(PersonKey(p.address))) names.push_back(Stem(local));
  }
  std::sort(names.begin(), names.end());
  auto is_name = [&names](std::string_view w) {
    return std::binary_search(names.begin(), names.end(), std::string(w));
  };
  for (const auto& [t, f] : msg_freq) {
    const std::string& stem = prep_.vocab.Stem(t);
    size_t sp = stem.find(' ');
    bool name = sp == std::string::npos
                    ? is_name(stem)
                    : is_name(stem.substr(0, sp)) || is_name(stem.substr(sp + 1));
    if (name) drop_term_[t] = true;
  }
  if (msgs_.size() >= 20) {
    for (const auto& [t, f] : msg_freq) {
      if (f * 5 > static_cast<int>(msgs_.size()) * 3) drop_term_[t] = true;
    }
  }
  // A sentence someone else already wrote earlier in the discussion is a quotation (inline
  // quoting without "> " marks), not this author's claim.
  std::unordered_map<std::string, int> first_writer;
  // Words of the subject name the topic everyone discusses, not one position: they count less.
  std::vector<std::string> subject_stems;
  for (const Word& w : ContentWords(subject_, words_)) {
    if (!w.stem.empty()) subject_stems.push_back(w.stem);
  }
  std::sort(subject_stems.begin(), subject_stems.end());
  auto in_subject = [&subject_stems](int t, const Vocabulary& v) {
    const std::string& stem = v.Stem(t);
    size_t sp = stem.find(' ');
    auto has = [&subject_stems](const std::string& x) {
      return std::binary_search(subject_stems.begin(), subject_stems.end(), x);
    };
    return sp == std::string::npos ? has(stem)
                                   : has(stem.substr(0, sp)) && has(stem.substr(sp + 1));
  };
  // One rare word can be a whole claim in a list ("* incremental build").
  auto rare_single = [this](const SparseVec& v) {
    for (const auto& [t, w] : v) {
      if (!prep_.vocab.bigram(t) && prep_.vocab.df(t) <= std::max(2.0, 0.03 * prep_.documents)) {
        return true;
      }
    }
    return false;
  };
  for (int m : msgs_) {
    char role =
        options_.vote_roles != nullptr && static_cast<size_t>(m) < options_.vote_roles->size()
            ? (*options_.vote_roles)[static_cast<size_t>(m)]
            : 0;
    if (role == kVoteProcedure) continue;  // a vote call or result mail is procedure
    int person = PersonOf(m);
    const std::vector<Sentence>& ss = SentencesOf(m);
    // A heading such as "My wishlist as a user would be:" or "The 4.0.0 scope should be:"
    // makes the items below it proposals of the author.
    bool list_proposes = false;
    for (size_t si = 0; si < ss.size(); ++si) {
      const Sentence& s = ss[si];
      std::string norm(s.text.size(), '\0');  // letters and digits, lower-cased
      size_t kept = 0;
      for (char ch : s.text) {
        if (IsDigit(ch) || (ch >= 'a' && ch <= 'z')) norm[kept++] = ch;
        if (ch >= 'A' && ch <= 'Z') norm[kept++] = static_cast<char>(ch - 'A' + 'a');
      }
      norm.resize(kept);
      if (norm.size() >= 20) {
        auto [it, inserted] = first_writer.emplace(norm, person);
        if (!inserted && it->second != person) continue;
      }
      // In a vote thread a bare vote line ("+1 (binding)") belongs to the tally.
      if (role == kVoteReply && s.unigrams <= 3 && StartsWithVoteToken(s.text)) continue;
      // "Thanks for the explanation, Herve." thanks; it does not argue.
      if (IsThanks(s.text) && prep_.arguments.Sum(s.text) == 0) continue;
      bool heading = !s.text.empty() && s.text.back() == ':';
      SentenceCues cues = FindCues(s.text);
      if (heading) {
        if (cues.proposal || cues.pro > 0 ||
            AsciiLower(s.text).find("required") != std::string::npos) {
          list_proposes = true;
        }
        if (s.unigrams <= 3) continue;  // "Required:", "Optional:" introduce, they do not claim
      }
      Claim c;
      c.message = m;
      c.person = person;
      c.sentence = static_cast<int>(si);
      c.cues = std::move(cues);
      int content = 0;
      for (int t : s.terms) {
        if (prep_.background[t] || drop_term_[t]) continue;
        c.vec.emplace_back(t, prep_.idf[t] * (in_subject(t, prep_.vocab) ? kSubjectWeight : 1.0));
        content += prep_.vocab.bigram(t) ? 0 : 1;
      }
      bool cue = c.cues.pro > 0 || c.cues.con > 0 || c.cues.proposal || c.cues.condition;
      if (!cue && list_proposes && !heading) {
        c.cues.proposal = true;
        cue = true;
      }
      c.stance = ClaimStance(c.cues);
      if ((c.cues.reaction && content <= 2) ||
          ((c.cues.pro > 0 || c.cues.con > 0) && content == 0)) {
        c.reaction = true;
        c.vec.clear();
      } else if (content == 0 || (!cue && content < 2 && !rare_single(c.vec))) {
        if (c.cues.targets.empty()) continue;  // nothing to group, nobody named
        c.vec.clear();
        c.reaction = true;
      }
      claims_.push_back(std::move(c));
    }
  }
}

void DiscussionAnalyzer::Cluster() {
  const int n = static_cast<int>(claims_.size());
  // Inverted index over terms; very common terms do not generate candidate pairs.
  std::unordered_map<int, std::vector<int>> postings;
  for (int i = 0; i < n; ++i) {
    for (const auto& [t, w] : claims_[i].vec) postings[t].push_back(i);
  }
  // The candidate pairs (a < b sharing a term that is not too common), in (a, b) order, each
  // once: b's of one a are marked as seen instead of sorting every pair of every posting list.
  std::vector<double> norm(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) norm[static_cast<size_t>(i)] = Norm(claims_[i].vec);
  std::vector<int> seen(static_cast<size_t>(n), -1);
  std::vector<int> partners;
  std::vector<double>& weights = *weights_;
  if (weights.size() < prep_.idf.size()) weights.assign(prep_.idf.size(), 0);
  struct Edge {
    double sim;
    int a, b;
  };
  std::vector<Edge> edges;
  for (int a = 0; a < n; ++a) {
    partners.clear();
    for (const auto& [t, w] : claims_[a].vec) {
      const std::vector<int>& list = postings[t];  // ascending
      if (list.size() > 200) continue;
      for (auto it = std::upper_bound(list.begin(), list.end(), a); it != list.end(); ++it) {
        int b = *it;
        if (seen[static_cast<size_t>(b)] == a) continue;
        seen[static_cast<size_t>(b)] = a;
        partners.push_back(b);
      }
    }
    std::sort(partners.begin(), partners.end());
    // a's weights spread out by term: a dot product with b is then one pass over b's terms.
    // The same products added in the same (term) order as Dot, plus +0.0 for b's other terms
    // (weights are positive), so the same doubles.
    for (const auto& [t, w] : claims_[a].vec) weights[static_cast<size_t>(t)] = w;
    for (int b : partners) {
      // Cosine, with the norms computed once (the same doubles, so the same result).
      double na = norm[static_cast<size_t>(a)], nb = norm[static_cast<size_t>(b)];
      double s = 0;
      if (na > 0 && nb > 0) {
        double dot = 0;
        for (const auto& [t, w] : claims_[b].vec) dot += weights[static_cast<size_t>(t)] * w;
        s = dot / (na * nb);
      }
      // One person coming back to the same rare words is likely coming back to the same point.
      double need =
          claims_[a].person == claims_[b].person && claims_[a].message != claims_[b].message
              ? options_.pair_threshold * options_.same_person_factor
              : options_.pair_threshold;
      if (s >= need) edges.push_back({s, a, b});
    }
    for (const auto& [t, w] : claims_[a].vec) weights[static_cast<size_t>(t)] = 0;
  }
  std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
    if (x.sim != y.sim) return x.sim > y.sim;
    if (x.a != y.a) return x.a < y.a;
    return x.b < y.b;
  });
  std::vector<int> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  std::vector<SparseVec> centroid(n);
  for (int i = 0; i < n; ++i) centroid[i] = claims_[i].vec;
  for (const Edge& e : edges) {
    int ra = Find(&parent, e.a), rb = Find(&parent, e.b);
    if (ra == rb) continue;
    if (Cosine(centroid[ra], centroid[rb]) < options_.merge_threshold) continue;
    int keep = std::min(ra, rb), gone = std::max(ra, rb);
    parent[gone] = keep;
    centroid[keep] = Add(centroid[keep], centroid[gone]);
    centroid[gone].clear();
  }
  std::unordered_map<int, int> ids;
  for (int i = 0; i < n; ++i) {
    if (claims_[i].reaction) continue;
    int r = Find(&parent, i);
    auto [it, inserted] = ids.emplace(r, clusters_);
    if (inserted) ++clusters_;
    claims_[i].cluster = it->second;
  }
}

void DiscussionAnalyzer::AttachReactions() {
  std::vector<int> sizes(clusters_, 0);
  for (const Claim& c : claims_) {
    if (c.cluster >= 0) ++sizes[c.cluster];
  }
  for (Claim& c : claims_) {
    bool endorsing = c.cues.endorses && c.cues.con == 0;
    if (!(c.reaction && (c.cues.pro > 0 || c.cues.con > 0)) && !endorsing) continue;
    // Whom it answers: a named participant, else the author of the parent message.
    int target_person = -1;
    for (const std::string& raw : c.cues.targets) {
      target_person = ResolveTarget(people_, raw, c.person);
      if (target_person >= 0) break;
    }
    int target_msg = -1;
    auto pit = parent_.find(c.message);
    int parent_msg = pit == parent_.end() ? -1 : pit->second;
    if (target_person < 0 && parent_msg >= 0) {
      target_msg = parent_msg;
      target_person = PersonOf(parent_msg);
    } else if (target_person >= 0) {
      // The target's latest message before this one that made a claim.
      int rank = order_[c.message];
      for (int r = rank - 1; r >= 0 && target_msg < 0; --r) {
        int m = msgs_[r];
        if (PersonOf(m) != target_person) continue;
        for (const Claim& o : claims_) {
          if (o.message == m && o.cluster >= 0) {
            target_msg = m;
            break;
          }
        }
      }
    }
    if (target_person < 0 || target_person == c.person || target_msg < 0) continue;
    if (endorsing && !c.reaction && c.cues.targets.empty()) continue;
    // Among the target message's claims, the one the quoted context above this sentence
    // shares most with; else the last one.
    const Message& self = messages_[c.message];
    std::string quote = QuoteAbove(texts_->Body(self), SentencesOf(c.message)[c.sentence].text);
    // Quote terms as plain stems (the quoted text may not be in the vocabulary as a document).
    std::vector<std::string> qstems;
    for (const std::string& t : ProseSentences(quote)) {
      for (const Word& w : ContentWords(t, words_)) {
        if (!w.stem.empty()) qstems.push_back(w.stem);
      }
    }
    std::sort(qstems.begin(), qstems.end());
    qstems.erase(std::unique(qstems.begin(), qstems.end()), qstems.end());
    // Ties: the claim whose position is largest (the message's main point), then the later one.
    int best = -1;
    double best_score = -1;
    int best_size = -1;
    double best_weight = -1;
    for (size_t i = 0; i < claims_.size(); ++i) {
      const Claim& o = claims_[i];
      if (o.message != target_msg || o.cluster < 0 || o.reaction) continue;
      double score = 0;
      for (const Word& w : SentencesOf(o.message)[o.sentence].words) {
        if (!w.stem.empty() && std::binary_search(qstems.begin(), qstems.end(), w.stem)) {
          score += 1;
        }
      }
      int size = sizes[o.cluster];
      double weight = 0;  // how specific the claim is: boilerplate ("vote open 72 hours") is not
      for (const auto& [t, w] : o.vec) weight += w;
      if (score > best_score || (score == best_score && size > best_size) ||
          (score == best_score && size == best_size && weight > best_weight)) {
        best_score = score;
        best_size = size;
        best_weight = weight;
        best = static_cast<int>(i);
      }
    }
    if (best < 0) continue;
    int into = claims_[best].cluster;
    if (c.cluster < 0) {
      c.cluster = into;
    } else if (c.cluster != into) {
      // A claim of its own that sides with someone: its position and theirs are one.
      int from = c.cluster;
      for (Claim& o : claims_) {
        if (o.cluster == from) o.cluster = into;
      }
    }
    // Agreeing with someone takes their side of the position; disagreeing takes the other.
    Stance theirs = claims_[best].stance;
    bool disagrees = c.cues.con > c.cues.pro;
    if (c.reaction || endorsing) {
      if (theirs == Stance::kNeutral) {
        c.stance = disagrees ? Stance::kAgainst : Stance::kFor;
      } else if (disagrees) {
        c.stance = theirs == Stance::kFor ? Stance::kAgainst : Stance::kFor;
      } else {
        c.stance = theirs;
      }
    }
  }
}

void DiscussionAnalyzer::BuildPositions(Discussion* out) {
  std::vector<std::vector<int>> by_cluster(clusters_);
  for (size_t i = 0; i < claims_.size(); ++i) {
    if (claims_[i].cluster >= 0) by_cluster[claims_[i].cluster].push_back(static_cast<int>(i));
  }
  std::vector<RankedPosition> ranked;
  for (const std::vector<int>& claims : by_cluster) {
    std::optional<RankedPosition> r = MakePosition(claims);
    if (r) ranked.push_back(std::move(*r));
  }
  RankAndKeep(std::move(ranked), out);
}

// Cheap first look: a position is kept when it recurs or someone takes a side.
bool DiscussionAnalyzer::WorthALook(const std::vector<int>& claims) const {
  std::vector<int> people, msgs;
  bool side = false;
  for (int ci : claims) {
    people.push_back(claims_[ci].person);
    msgs.push_back(claims_[ci].message);
    side = side || claims_[ci].stance != Stance::kNeutral;
  }
  std::sort(people.begin(), people.end());
  std::sort(msgs.begin(), msgs.end());
  bool recurs = std::unique(people.begin(), people.end()) - people.begin() >= 2 ||
                std::unique(msgs.begin(), msgs.end()) - msgs.begin() >= 2;
  return recurs || side;
}

std::optional<RankedPosition> DiscussionAnalyzer::MakePosition(const std::vector<int>& claims) {
  if (claims.empty() || !WorthALook(claims)) return std::nullopt;
  RankedPosition r;
  Position& pos = r.pos;
  std::vector<int> key_terms = ChooseKeyPhrases(claims, &pos.keyphrases);
  int label_arguments = 0;
  int label_claim = LabelClaim(claims, &label_arguments);
  if (label_claim < 0) return std::nullopt;  // only reactions: nothing to say what it is
  const Claim& label = claims_[label_claim];
  const std::string& label_text = SentencesOf(label.message)[label.sentence].text;
  pos.label = CutAtWord(label_text, kQuoteMax);
  pos.label_message_id = messages_[label.message].message_id;
  std::vector<int> order = InOrderOfClaim(claims);
  bool any_cue = AddHolders(order, key_terms, &pos);
  bool recurs = pos.participants >= 2 || pos.messages >= 2;
  if (!recurs && !any_cue) return std::nullopt;
  if (pos.keyphrases.empty()) return std::nullopt;
  // An argument: taken up by several people (answers count), made in several messages, or
  // argued with a side; more of each ranks higher.
  int reactions = 0;
  for (int ci : claims) reactions += claims_[ci].reaction ? 1 : 0;
  r.first = order_[claims_[order.front()].message];
  r.eligible = recurs || any_cue;
  // Argument words in the label ("should", "because", "breaks compatibility") break ties
  // among positions of one holder.
  int argues =
      pos.label == label_text ? label_arguments : std::min(3, prep_.arguments.Sum(pos.label));
  r.score = 2.0 * (pos.participants - 1) + 1.0 * (pos.messages - 1) + 0.5 * reactions +
            (any_cue ? 1.0 : 0.0) + 0.3 * argues;
  if (!pos.label.empty() && pos.label.back() == '?') r.score -= 1.0;  // asks, not argues
  if (prep_.logistics.Sum(pos.label) > 0) r.score -= 1.5;  // "I plan to call a vote next week"
  return r;
}

// How the cluster's own sentences (the words of its claims) spell `stem` (a stem, or two
// neighbouring stems joined by a space) most often, ties to the smallest spelling; `stem` itself
// when they never do. Asked for a few terms of a cluster only, so no table of every spelling is
// made.
std::string DiscussionAnalyzer::SpellingOf(const std::vector<const std::vector<Word>*>& sentences,
                                           const std::string& stem) const {
  std::map<std::string, int> spellings;
  for (const std::vector<Word>* sentence : sentences) {
    const std::vector<Word>& words = *sentence;
    for (size_t i = 0; i < words.size(); ++i) {
      const std::string& w = words[i].stem;
      if (w.empty()) continue;
      if (w == stem) ++spellings[words[i].surface];
      // The pair "w next", compared in place.
      if (i + 1 < words.size() && !words[i + 1].stem.empty() && stem.size() > w.size() &&
          stem.compare(0, w.size(), w) == 0 && stem[w.size()] == ' ' &&
          stem.compare(w.size() + 1, std::string::npos, words[i + 1].stem) == 0) {
        ++spellings[words[i].surface + " " + words[i + 1].surface];
      }
    }
  }
  const std::string* best = &stem;
  int n = 0;
  for (const auto& [spelling, count] : spellings) {
    if (count > n) {
      best = &spelling;
      n = count;
    }
  }
  return *best;
}

// The cluster's terms, best first: used by the most holders and claims, weighted by IDF.
std::vector<int> DiscussionAnalyzer::TermsByWeight(const std::vector<int>& claims) const {
  // (term, person) of every claim's every term, by term: a term's run gives its claims (a
  // claim has each term once) and, sorted by person, its people.
  std::vector<std::pair<int, int>> uses;
  for (int ci : claims) {
    const Claim& c = claims_[ci];
    for (const auto& [t, w] : c.vec) uses.emplace_back(t, c.person);
  }
  std::sort(uses.begin(), uses.end());
  std::vector<std::pair<double, int>> scored;
  for (size_t i = 0; i < uses.size();) {
    const int t = uses[i].first;
    int claim_count = 0, people = 0;
    for (; i < uses.size() && uses[i].first == t; ++i) {
      ++claim_count;
      if (claim_count == 1 || uses[i].second != uses[i - 1].second) ++people;
    }
    double s =
        prep_.idf[t] * (claim_count + 2.0 * (people - 1)) * (prep_.vocab.bigram(t) ? 1.5 : 1.0);
    scored.emplace_back(-s, t);
  }
  std::sort(scored.begin(), scored.end(), [this](const auto& x, const auto& y) {
    if (x.first != y.first) return x.first < y.first;
    return prep_.vocab.Stem(x.second) < prep_.vocab.Stem(y.second);
  });
  std::vector<int> terms;
  terms.reserve(scored.size());
  for (const auto& [s, t] : scored) terms.push_back(t);
  return terms;
}

// Up to five key phrases, spelled as the cluster spells them most often (ties go to the
// smallest spelling), none inside another; returns their terms, sorted by id.
std::vector<int> DiscussionAnalyzer::ChooseKeyPhrases(const std::vector<int>& claims,
                                                      std::vector<std::string>* phrases) const {
  std::vector<const std::vector<Word>*> sentences;  // the words of the claims, not reactions
  for (int ci : claims) {
    const Claim& c = claims_[ci];
    if (!c.reaction) sentences.push_back(&SentencesOf(c.message)[c.sentence].words);
  }
  std::vector<int> key_terms;
  for (int t : TermsByWeight(claims)) {
    if (phrases->size() >= 5) break;
    std::string surface = SpellingOf(sentences, prep_.vocab.Stem(t));
    bool covered = false;
    for (const std::string& k : *phrases) {
      // A word already inside a chosen phrase, or a phrase made of chosen words.
      if ((" " + k + " ").find(" " + surface + " ") != std::string::npos) covered = true;
      if ((" " + surface + " ").find(" " + k + " ") != std::string::npos) covered = true;
    }
    if (covered) continue;
    phrases->push_back(surface);
    key_terms.push_back(t);
  }
  std::sort(key_terms.begin(), key_terms.end());
  return key_terms;
}

// The label: the sentence closest to what the position's claims share, word for word.
// Whole sentences of five to fifty words that argue (a cue) read best; questions least.
// Returns -1 when the cluster holds only reactions.
int DiscussionAnalyzer::LabelClaim(const std::vector<int>& claims, int* arguments) const {
  // The centroid: each term's weights summed in claim order, the same doubles as adding the
  // vectors one by one, without a new vector per claim.
  SparseVec all;
  for (int ci : claims) {
    if (!claims_[ci].reaction)
      all.insert(all.end(), claims_[ci].vec.begin(), claims_[ci].vec.end());
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  SparseVec centroid;
  for (const auto& [t, w] : all) {
    if (!centroid.empty() && centroid.back().first == t) {
      centroid.back().second += w;
    } else {
      centroid.emplace_back(t, w);
    }
  }
  const double centroid_norm = Norm(centroid);
  int label_claim = -1;
  double label_score = -1e9;
  for (int ci : claims) {
    const Claim& c = claims_[ci];
    if (c.reaction) continue;
    const std::string& text = SentencesOf(c.message)[c.sentence].text;
    int words = WordCount(text);
    double norm = Norm(c.vec);  // Cosine(c.vec, centroid), the centroid's norm taken once
    double score =
        norm > 0 && centroid_norm > 0 ? Dot(c.vec, centroid) / (norm * centroid_norm) : 0;
    if (words < 5) score -= 0.3;
    if (words > 50) score -= 0.2;
    if (c.cues.pro > 0 || c.cues.con > 0 || c.cues.proposal || c.cues.concern) score += 0.1;
    // Argument words add at most 0.05 * 3: a claim that cannot win even so is not scanned.
    if (score + 0.16 <= label_score) continue;
    int argues = std::min(3, prep_.arguments.Sum(text));
    score += 0.05 * argues;
    if (!text.empty() && text.back() == '?') score -= 0.2;
    if (score > label_score + 1e-12) {
      label_score = score;
      label_claim = ci;
      *arguments = argues;
    }
  }
  return label_claim;
}

// The claims in discussion order: by message, then by sentence.
std::vector<int> DiscussionAnalyzer::InOrderOfClaim(const std::vector<int>& claims) {
  std::vector<int> order = claims;
  std::sort(order.begin(), order.end(), [this](int x, int y) {
    int ox = order_[claims_[x].message], oy = order_[claims_[y].message];
    if (ox != oy) return ox < oy;
    return claims_[x].sentence < claims_[y].sentence;
  });
  return order;
}

// Adds the holders of a position in order of first claim (`order`: its claims in discussion
// order), counts its messages and participants; returns whether any claim takes a side.
bool DiscussionAnalyzer::AddHolders(const std::vector<int>& order,
                                    const std::vector<int>& key_terms, Position* pos) const {
  std::vector<int> holder_people;
  std::vector<int> all_msgs;
  for (int ci : order) {
    if (std::find(holder_people.begin(), holder_people.end(), claims_[ci].person) ==
        holder_people.end()) {
      holder_people.push_back(claims_[ci].person);
    }
    all_msgs.push_back(claims_[ci].message);
  }
  bool any_cue = false;
  for (int hp : holder_people) {
    bool raised = hp == holder_people.front();
    pos->holders.push_back(MakeHolder(hp, raised, order, key_terms, &any_cue));
  }
  std::sort(all_msgs.begin(), all_msgs.end());
  pos->messages =
      static_cast<int>(std::unique(all_msgs.begin(), all_msgs.end()) - all_msgs.begin());
  pos->participants = static_cast<int>(pos->holders.size());
  return any_cue;
}

// One holder: their side by their cues (who raised the position without a cue is taken to hold
// it), whether only on a condition, the quote that says most of the key terms, and their
// messages. Sets *any_cue when one of their claims takes a side.
PositionHolder DiscussionAnalyzer::MakeHolder(int hp, bool raised, const std::vector<int>& order,
                                              const std::vector<int>& key_terms,
                                              bool* any_cue) const {
  PositionHolder h;
  const Participant& person = people_[hp];
  h.name = person.address.name;
  h.address = person.address.address;
  int pro = 0, con = 0;
  double best = -1;
  std::vector<int> hmsgs;
  for (int ci : order) {
    const Claim& c = claims_[ci];
    if (c.person != hp) continue;
    hmsgs.push_back(c.message);
    if (c.cues.condition) h.conditional = true;
    if (c.stance == Stance::kFor) ++pro;
    if (c.stance == Stance::kAgainst) ++con;
    if (c.stance != Stance::kNeutral) *any_cue = true;
    double score = c.reaction ? 0.01 : 0.0;
    for (const auto& [t, w] : c.vec) {
      if (std::binary_search(key_terms.begin(), key_terms.end(), t)) score += w;
    }
    if (score > best) {
      best = score;
      h.quote = CutAtWord(SentencesOf(c.message)[c.sentence].text, kQuoteMax);
    }
  }
  if (pro > con) {
    h.stance = Stance::kFor;
  } else if (con > pro) {
    h.stance = Stance::kAgainst;
  } else if (pro == 0 && raised) {
    h.stance = Stance::kFor;
  }
  hmsgs.erase(std::unique(hmsgs.begin(), hmsgs.end()), hmsgs.end());
  for (int m : hmsgs) h.message_ids.push_back(messages_[m].message_id);
  return h;
}

// Ranks the positions (arguments first, then by score, first claim and label), marks the first
// max_arguments arguments as recurring and keeps up to max_positions.
void DiscussionAnalyzer::RankAndKeep(std::vector<RankedPosition> ranked, Discussion* out) const {
  // Stable: equal keys keep cluster order, which is itself deterministic.
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const RankedPosition& x, const RankedPosition& y) {
                     if (x.eligible != y.eligible) return x.eligible;
                     if (x.score != y.score) return x.score > y.score;
                     if (x.first != y.first) return x.first < y.first;
                     return x.pos.label < y.pos.label;
                   });
  int shown = 0;
  for (RankedPosition& r : ranked) {
    r.pos.recurring = r.eligible && shown < options_.max_arguments;
    shown += r.pos.recurring ? 1 : 0;
  }
  for (RankedPosition& r : ranked) {
    if (options_.max_positions > 0 &&
        static_cast<int>(out->positions.size()) >= options_.max_positions) {
      break;
    }
    out->positions.push_back(std::move(r.pos));
  }
}

void DiscussionAnalyzer::BuildAgreements(Discussion* out) {
  struct Key {
    int rank;
    int to;
    int kind;
    bool operator<(const Key& o) const {
      return std::tie(rank, to, kind) < std::tie(o.rank, o.to, o.kind);
    }
  };
  std::map<Key, Agreement> edges;
  for (const Claim& c : claims_) {
    if (c.cues.pro == 0 && c.cues.con == 0 && !c.cues.endorses) continue;
    int to = -1;
    for (const std::string& raw : c.cues.targets) {
      to = ResolveTarget(people_, raw, c.person);
      if (to >= 0) break;
    }
    if (to < 0 && c.reaction) {
      auto pit = parent_.find(c.message);
      if (pit != parent_.end() && pit->second >= 0) to = PersonOf(pit->second);
    }
    if (to < 0 || to == c.person) continue;
    AgreementKind kind = c.cues.con > c.cues.pro ? AgreementKind::kDisagree : AgreementKind::kAgree;
    Key key{order_[c.message], to, static_cast<int>(kind)};
    if (edges.count(key)) continue;
    Agreement a;
    a.from_name = people_[c.person].address.name;
    a.from_address = people_[c.person].address.address;
    a.to_name = people_[to].address.name;
    a.to_address = people_[to].address.address;
    a.kind = kind;
    a.message_id = messages_[c.message].message_id;
    a.quote = CutAtWord(SentencesOf(c.message)[c.sentence].text, kQuoteMax);
    edges.emplace(key, std::move(a));
  }
  for (auto& [k, a] : edges) out->agreements.push_back(std::move(a));
}

}  // namespace

std::vector<ThreadGroup> OneGroupPerThread(const std::vector<Thread>& threads) {
  std::vector<ThreadGroup> out;
  out.reserve(threads.size());
  for (size_t i = 0; i < threads.size(); ++i) out.push_back({static_cast<int>(i)});
  return out;
}

std::vector<Discussion> AnalyzePositions(const std::vector<Message>& messages,
                                         const std::vector<Thread>& threads,
                                         const std::vector<ThreadGroup>& groups,
                                         const PositionOptions& options,
                                         const std::vector<int>& person_of_message,
                                         const TextStore* text_store, const ProseTexts* prose) {
  std::optional<ProseTexts> own;
  if (prose == nullptr) prose = &own.emplace(messages, text_store);
  TextReader texts(text_store);
  WordCache words;
  Prepared prep = Prepare(messages, options, *prose, text_store, &words);
  // Discussions are independent once the vocabulary is known: `jobs` threads take groups in
  // turn (each with its own TextReader, word cache and term weights), and the results are kept
  // in group order.
  std::vector<std::optional<Discussion>> found(groups.size());
  auto analyse = [&](size_t i, TextReader* reader, WordCache* cache, std::vector<double>* weights) {
    Discussion d;
    DiscussionAnalyzer analyzer(messages, prep, options, person_of_message, reader, cache, weights);
    if (analyzer.Run(threads, groups[i], &d)) found[i] = std::move(d);
  };
  size_t jobs = std::min(static_cast<size_t>(std::max(1, options.jobs)), groups.size());
  if (jobs <= 1) {
    std::vector<double> weights;
    for (size_t i = 0; i < groups.size(); ++i) analyse(i, &texts, &words, &weights);
  } else {
    std::atomic<size_t> next{0};
    std::vector<std::thread> pool;
    for (size_t t = 0; t < jobs; ++t) {
      pool.emplace_back([&] {
        TextReader reader(text_store);
        WordCache cache;
        std::vector<double> weights;
        for (size_t i; (i = next.fetch_add(1)) < groups.size();) {
          analyse(i, &reader, &cache, &weights);
        }
      });
    }
    for (std::thread& th : pool) th.join();
  }
  std::vector<Discussion> out;
  for (std::optional<Discussion>& d : found) {
    if (d) out.push_back(std::move(*d));
  }
  return out;
}

}  // namespace quorum::analyze
