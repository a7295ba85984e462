// SPDX-License-Identifier: Apache-2.0
// Stance cue lexicon: for/against/concern/condition/proposal cues, negation, agreement targets.
#include "analyze/positions_cues.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <utility>

#include "core/text.h"

namespace quorum::analyze {
namespace {

enum class Kind { kPro, kCon, kConcern, kProposal, kCondition, kHedge };

struct Cue {
  std::string_view phrase;  // lower-case words separated by one space
  Kind kind;
  bool reaction;  // on its own, the sentence is a reply to someone
};

// Our lexicon. Longer phrases win over shorter ones starting at the same word.
constexpr Cue kCues[] = {
    // For.
    {"+1", Kind::kPro, true},
    {"agree", Kind::kPro, true},
    {"agreed", Kind::kPro, true},
    {"sounds good", Kind::kPro, true},
    {"sounds great", Kind::kPro, true},
    {"sounds reasonable", Kind::kPro, true},
    {"sounds like a plan", Kind::kPro, true},
    {"sounds like a good", Kind::kPro, true},
    {"makes sense", Kind::kPro, true},
    {"make sense", Kind::kPro, true},
    {"good idea", Kind::kPro, true},
    {"great idea", Kind::kPro, true},
    {"nice idea", Kind::kPro, true},
    {"like the idea", Kind::kPro, true},
    {"like this idea", Kind::kPro, true},
    {"like that idea", Kind::kPro, true},
    {"like that solution", Kind::kPro, true},
    {"like this solution", Kind::kPro, true},
    {"like this", Kind::kPro, true},
    {"i like", Kind::kPro, false},
    {"i love", Kind::kPro, false},
    {"lgtm", Kind::kPro, true},
    {"looks good", Kind::kPro, true},
    {"looks great", Kind::kPro, true},
    {"looks reasonable", Kind::kPro, true},
    {"looks quite reasonable", Kind::kPro, true},
    {"in favor", Kind::kPro, true},
    {"in favour", Kind::kPro, true},
    {"support", Kind::kPro, false},
    {"supportive", Kind::kPro, true},
    {"works for me", Kind::kPro, true},
    {"fine with", Kind::kPro, true},
    {"fine by me", Kind::kPro, true},
    {"ok with", Kind::kPro, true},
    {"okay with", Kind::kPro, true},
    {"happy with", Kind::kPro, true},
    {"no objection", Kind::kPro, true},
    {"no objections", Kind::kPro, true},
    {"not against", Kind::kPro, true},
    {"no problem", Kind::kPro, true},
    {"not a problem", Kind::kPro, true},
    {"go ahead", Kind::kPro, true},
    {"yes", Kind::kPro, true},
    {"yup", Kind::kPro, true},
    {"exactly", Kind::kPro, true},
    {"reasonable", Kind::kPro, false},
    {"excellent", Kind::kPro, false},
    {"awesome", Kind::kPro, false},
    {"positive step", Kind::kPro, false},
    {"beneficial", Kind::kPro, false},
    {"valuable", Kind::kPro, false},
    {"good compromise", Kind::kPro, false},
    {"the way to go", Kind::kPro, false},
    {"what we should aim for", Kind::kPro, true},
    {"can accept", Kind::kPro, false},
    {"i accept", Kind::kPro, false},
    {"acceptable", Kind::kPro, false},
    {"convenient", Kind::kPro, false},
    {"useful", Kind::kPro, false},
    {"anti pattern", Kind::kCon, false},
    {"hate", Kind::kCon, false},
    {"pain", Kind::kCon, false},
    // Against.
    {"-1", Kind::kCon, true},
    {"disagree", Kind::kCon, true},
    {"object", Kind::kCon, false},
    {"objection", Kind::kCon, false},
    {"against", Kind::kCon, false},
    {"don't like", Kind::kCon, true},
    {"do not like", Kind::kCon, true},
    {"really don't like", Kind::kCon, true},
    {"dislike", Kind::kCon, true},
    {"not a fan", Kind::kCon, true},
    {"don't think", Kind::kCon, false},
    {"do not think", Kind::kCon, false},
    {"don't see", Kind::kCon, false},
    {"don't believe", Kind::kCon, false},
    {"not convinced", Kind::kCon, true},
    {"not sure", Kind::kCon, false},
    {"bad idea", Kind::kCon, true},
    {"not a good idea", Kind::kCon, true},
    {"shouldn't", Kind::kCon, false},
    {"should not", Kind::kCon, false},
    {"must not", Kind::kCon, false},
    {"won't work", Kind::kCon, false},
    {"will not work", Kind::kCon, false},
    {"this won't work", Kind::kCon, false},
    {"doesn't work", Kind::kCon, false},
    {"not needed", Kind::kCon, false},
    {"no need", Kind::kCon, false},
    {"unnecessary", Kind::kCon, false},
    {"oppose", Kind::kCon, false},
    {"veto", Kind::kCon, false},
    {"prefer not", Kind::kCon, false},
    {"rather not", Kind::kCon, false},
    {"not possible", Kind::kCon, false},
    {"not feasible", Kind::kCon, false},
    {"out of scope", Kind::kCon, false},
    {"sad", Kind::kCon, false},
    {"bad", Kind::kCon, false},
    {"very bad", Kind::kCon, false},
    {"broken", Kind::kCon, false},
    {"wouldn't bother", Kind::kCon, false},
    {"not worth", Kind::kCon, false},
    {"harmful", Kind::kCon, false},
    {"confusing", Kind::kCon, false},
    {"fragmentation", Kind::kCon, false},
    {"strange", Kind::kCon, false},
    {"pray", Kind::kCon, false},
    // Concerns (count against).
    {"concern", Kind::kConcern, false},
    {"concerned", Kind::kConcern, false},
    {"concerns", Kind::kConcern, false},
    {"worry", Kind::kConcern, false},
    {"worried", Kind::kConcern, false},
    {"fear", Kind::kConcern, false},
    {"afraid", Kind::kConcern, false},
    {"risk", Kind::kConcern, false},
    {"risky", Kind::kConcern, false},
    {"doubt", Kind::kConcern, false},
    {"burden", Kind::kConcern, false},
    {"dangerous", Kind::kConcern, false},
    {"too complex", Kind::kConcern, false},
    {"chicken and egg", Kind::kConcern, false},
    {"headache", Kind::kConcern, false},
    // Proposals.
    {"propose", Kind::kProposal, false},
    {"proposal", Kind::kProposal, false},
    {"suggest", Kind::kProposal, false},
    {"should", Kind::kProposal, false},
    {"we could", Kind::kProposal, false},
    {"could we", Kind::kProposal, false},
    {"let's", Kind::kProposal, false},
    {"let us", Kind::kProposal, false},
    {"would like", Kind::kProposal, false},
    {"i'd like", Kind::kProposal, false},
    {"i'd love", Kind::kProposal, false},
    {"would love", Kind::kProposal, false},
    {"wish", Kind::kProposal, false},
    {"wishlist", Kind::kProposal, false},
    {"how about", Kind::kProposal, false},
    {"what about", Kind::kProposal, false},
    {"why not", Kind::kProposal, false},
    {"need to", Kind::kProposal, false},
    {"we must", Kind::kProposal, false},
    {"would be nice", Kind::kProposal, false},
    {"would be great", Kind::kProposal, false},
    {"would be good", Kind::kProposal, false},
    {"would be useful", Kind::kProposal, false},
    {"would be helpful", Kind::kProposal, false},
    {"would be handy", Kind::kProposal, false},
    {"be nice", Kind::kProposal, false},
    {"i want", Kind::kProposal, false},
    {"we want", Kind::kProposal, false},
    {"required", Kind::kProposal, false},
    {"prefer", Kind::kProposal, false},
    {"recommend", Kind::kProposal, false},
    {"bite the bullet", Kind::kProposal, false},
    {"first thing to do", Kind::kProposal, false},
    {"it's time", Kind::kProposal, false},
    {"we need", Kind::kProposal, false},
    {"i'd suggest", Kind::kProposal, false},
    // Hedges: uncertainty about a fact, not a side ("not sure if possible, but could we ...").
    {"not sure if", Kind::kHedge, false},
    {"not sure whether", Kind::kHedge, false},
    {"not sure how", Kind::kHedge, false},
    {"not sure what", Kind::kHedge, false},
    {"not sure exactly", Kind::kHedge, false},
    // Conditions.
    {"as long as", Kind::kCondition, false},
    {"provided that", Kind::kCondition, false},
    {"only if", Kind::kCondition, false},
    {"on condition", Kind::kCondition, false},
    {"+1 if", Kind::kCondition, false},
    {"+1 once", Kind::kCondition, false},
};

constexpr std::array<std::string_view, 17> kNegations = {
    "not",   "no",       "never",     "don't",  "doesn't", "isn't", "aren't",  "can't",  "cannot",
    "won't", "wouldn't", "shouldn't", "didn't", "hardly",  "nor",   "without", "neither"};

constexpr std::array<std::string_view, 13> kSaidVerbs = {
    "said",    "says",  "suggested", "suggest",   "suggests",   "proposed", "mentioned",
    "pointed", "wrote", "noted",     "explained", "summarized", "described"};

// One word, vote token or @login of a sentence. The views point into the sentence, into string
// literals, or into the scratch buffer Tokenize was given.
struct Token {
  std::string_view lower;
  std::string_view raw;
  bool capitalized = false;
};

bool IsWordChar(char c) { return IsAlnum(c) || static_cast<unsigned char>(c) >= 0x80 || c == '_'; }

// `raw` lower-cased: itself when it has no upper-case letter, else a copy in `scratch`.
std::string_view Lower(std::string_view raw, std::string* scratch) {
  size_t k = 0;
  while (k < raw.size() && !(raw[k] >= 'A' && raw[k] <= 'Z')) ++k;
  if (k == raw.size()) return raw;
  size_t at = scratch->size();
  for (char ch : raw) scratch->push_back(AsciiLower(ch));
  return std::string_view(scratch->data() + at, raw.size());
}

// The tokens of `s`. Copies (a lower-cased word, an apostrophe written U+2019) go to `scratch`,
// which is reserved up front for twice the sentence (each token copies at most its raw and its
// lower-cased bytes, both no longer than the token's bytes in `s`), so its views stay valid.
std::vector<Token> Tokenize(std::string_view s, std::string* scratch) {
  static constexpr std::string_view kVotes[] = {"+1", "+0", "-1", "-0"};
  scratch->clear();
  scratch->reserve(2 * s.size() + 16);
  std::vector<Token> out;
  out.reserve(s.size() / 5 + 1);
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    // Vote tokens: "+1", "-1", "+0", "-0", "+1000" (strong +1) at a word start.
    if ((c == '+' || c == '-') && i + 1 < s.size() && (s[i + 1] == '0' || s[i + 1] == '1') &&
        (i == 0 || !IsWordChar(s[i - 1]))) {
      size_t j = i + 1;
      while (j < s.size() && IsDigit(s[j])) ++j;
      if (j < s.size() && s[j] == '.') {  // "+0.5"
        ++j;
        while (j < s.size() && IsDigit(s[j])) ++j;
      }
      std::string_view v = kVotes[(c == '+' ? 0 : 2) + (s[i + 1] == '1' ? 0 : 1)];
      out.push_back({v, v, false});
      i = j;
      continue;
    }
    if (c == '@' && i + 1 < s.size() && IsWordChar(s[i + 1])) {
      size_t j = i + 1;
      while (j < s.size() && (IsWordChar(s[j]) || s[j] == '-')) ++j;
      std::string_view raw = s.substr(i, j - i);
      out.push_back({Lower(raw, scratch), raw, false});
      i = j;
      continue;
    }
    if (IsWordChar(c)) {
      size_t j = i;
      bool curly = false;  // an apostrophe written U+2019: raw is a copy with an ASCII one
      while (j < s.size()) {
        if (IsWordChar(s[j])) {
          ++j;
        } else if (s[j] == '\'' && j + 1 < s.size() && IsWordChar(s[j + 1])) {
          ++j;
        } else if (j + 3 < s.size() && static_cast<unsigned char>(s[j]) == 0xE2 &&
                   static_cast<unsigned char>(s[j + 1]) == 0x80 &&
                   static_cast<unsigned char>(s[j + 2]) == 0x99 && IsWordChar(s[j + 3])) {
          curly = true;
          j += 3;
        } else {
          break;
        }
      }
      std::string_view raw = s.substr(i, j - i);
      if (curly) {
        size_t at = scratch->size();
        for (size_t k = 0; k < raw.size(); ++k) {
          if (k + 2 < raw.size() && static_cast<unsigned char>(raw[k]) == 0xE2 &&
              static_cast<unsigned char>(raw[k + 1]) == 0x80 &&
              static_cast<unsigned char>(raw[k + 2]) == 0x99) {
            scratch->push_back('\'');
            k += 2;
          } else {
            scratch->push_back(raw[k]);
          }
        }
        raw = std::string_view(scratch->data() + at, scratch->size() - at);
      }
      std::string_view lower = Lower(raw, scratch);
      if (lower == "dont") lower = "don't";
      if (lower == "doesnt") lower = "doesn't";
      if (lower == "im") lower = "i'm";
      if (lower == "id") lower = "i'd";
      if (lower == "lets") lower = "let's";
      bool capitalized = raw[0] >= 'A' && raw[0] <= 'Z';
      out.push_back({lower, raw, capitalized});
      i = j;
      continue;
    }
    ++i;
  }
  return out;
}

// Cue indices sorted by their first word, and where each first byte's entries start and end in
// them (most tokens start no cue: their byte's range is short or empty). Built once (immutable
// afterwards).
struct CueIndexes {
  std::vector<std::pair<std::string_view, size_t>> by_first_word;
  std::array<std::pair<size_t, size_t>, 256> by_first_byte{};  // [begin, end) in by_first_word
  // Bit (b0 << 8 | b1): some cue's first word starts with bytes b0 b1 (b1 = 0: the word is one
  // byte long). Most tokens start no cue; they are passed over with one lookup.
  std::array<uint64_t, 65536 / 64> first_two{};
};

size_t FirstTwo(std::string_view word) {
  return (static_cast<size_t>(static_cast<unsigned char>(word[0])) << 8) |
         (word.size() > 1 ? static_cast<unsigned char>(word[1]) : 0);
}

const CueIndexes& CueIndex() {
  static const CueIndexes index = [] {
    CueIndexes x;
    std::vector<std::pair<std::string_view, size_t>>& v = x.by_first_word;
    for (size_t i = 0; i < std::size(kCues); ++i) {
      std::string_view ph = kCues[i].phrase;
      v.emplace_back(ph.substr(0, ph.find(' ')), i);
    }
    std::sort(v.begin(), v.end());
    for (size_t k = 0; k < v.size(); ++k) {
      auto& range =
          x.by_first_byte[v[k].first.empty() ? 0 : static_cast<unsigned char>(v[k].first[0])];
      if (range.first == range.second) range.first = k;
      range.second = k + 1;
      if (!v[k].first.empty()) {
        size_t bit = FirstTwo(v[k].first);
        x.first_two[bit / 64] |= uint64_t{1} << (bit % 64);
      }
    }
    return x;
  }();
  return index;
}

// The longest cue whose words start at tokens[i]; its length in tokens, 0 when none.
size_t MatchCue(const std::vector<Token>& tokens, size_t i, const Cue** found) {
  const CueIndexes& indexes = CueIndex();
  const auto& index = indexes.by_first_word;
  std::string_view first = tokens[i].lower;
  if (!first.empty()) {
    size_t bit = FirstTwo(first);
    if ((indexes.first_two[bit / 64] >> (bit % 64) & 1) == 0) return 0;
  }
  auto [begin, end] =
      indexes.by_first_byte[first.empty() ? 0 : static_cast<unsigned char>(first[0])];
  auto lo = std::lower_bound(index.begin() + static_cast<std::ptrdiff_t>(begin),
                             index.begin() + static_cast<std::ptrdiff_t>(end), first,
                             [](const auto& e, std::string_view w) { return e.first < w; });
  size_t best = 0;
  for (auto it = lo; it != index.end() && it->first == first; ++it) {
    const Cue& cue = kCues[it->second];
    size_t n = 0;
    size_t p = 0;
    std::string_view ph = cue.phrase;
    bool ok = true;
    while (p < ph.size()) {
      size_t sp = ph.find(' ', p);
      if (sp == std::string_view::npos) sp = ph.size();
      if (i + n >= tokens.size() || tokens[i + n].lower != ph.substr(p, sp - p)) {
        ok = false;
        break;
      }
      ++n;
      p = sp + 1;
    }
    if (ok && n > best) {
      best = n;
      *found = &cue;
    }
  }
  return best;
}

bool IsNegation(std::string_view w) {
  return std::find(kNegations.begin(), kNegations.end(), w) != kNegations.end();
}

bool IsSaidVerb(std::string_view w) {
  return std::find(kSaidVerbs.begin(), kSaidVerbs.end(), w) != kSaidVerbs.end();
}

}  // namespace

SentenceCues FindCues(std::string_view sentence) {
  SentenceCues c;
  std::string scratch;
  std::vector<Token> t = Tokenize(sentence, &scratch);
  size_t last_cue_end = 0;
  for (size_t i = 0; i < t.size();) {
    const Cue* cue = nullptr;
    size_t n = MatchCue(t, i, &cue);
    if (n == 0) {
      ++i;
      continue;
    }
    bool negated = false;
    size_t from = i >= 3 ? i - 3 : 0;
    from = std::max(from, last_cue_end);
    for (size_t k = from; k < i; ++k) negated = negated || IsNegation(t[k].lower);
    switch (cue->kind) {
      case Kind::kPro:
        (negated ? c.con : c.pro) += 1;
        break;
      case Kind::kCon:
        (negated ? c.pro : c.con) += 1;
        break;
      case Kind::kConcern:
        if (negated) {
          c.pro += 1;
        } else {
          c.con += 1;
          c.concern = true;
        }
        break;
      case Kind::kProposal:
        if (!negated) c.proposal = true;
        break;
      case Kind::kCondition:
        c.condition = true;
        if (t[i].lower == "+1") c.pro += 1;
        break;
      case Kind::kHedge:
        break;
    }
    if (cue->reaction && !negated) c.reaction = true;
    if (cue->reaction && negated && cue->kind == Kind::kPro) c.reaction = true;
    i += n;
    last_cue_end = i;
  }
  // A question asks, it does not side: "Why -1 on the Ant tasks?" ("Why not X?" still proposes).
  std::string_view trimmed = Trim(sentence);
  if (!trimmed.empty() && trimmed.back() == '?') {
    c.pro = 0;
    c.con = 0;
    c.reaction = false;
    c.concern = false;
  }
  // Targets.
  for (size_t i = 0; i < t.size(); ++i) {
    const Token& tok = t[i];
    if (tok.raw.size() > 1 && tok.raw[0] == '@') {
      c.targets.emplace_back(tok.raw.substr(1));
      continue;
    }
    if (!tok.capitalized || tok.lower == "i" || tok.lower == "i'm" || tok.lower == "i'd") continue;
    bool before = i > 0 && (t[i - 1].lower == "with" || t[i - 1].lower == "as" ||
                            t[i - 1].lower == "what" || t[i - 1].lower == "to");
    bool after = i + 1 < t.size() &&
                 (IsSaidVerb(t[i + 1].lower) ||
                  (t[i + 1].lower == "is" && i + 2 < t.size() && t[i + 2].lower == "right"));
    bool possessive = tok.lower.size() > 2 && tok.lower.compare(tok.lower.size() - 2, 2, "'s") == 0;
    if (before || after || possessive) {
      std::string name(tok.raw);
      if (possessive) name.resize(name.size() - 2);
      c.targets.push_back(name);
      // "as X suggested", "agree with X", "what X said", "X is right": siding with X.
      bool as_said = i > 0 && (t[i - 1].lower == "as" || t[i - 1].lower == "what") &&
                     i + 1 < t.size() && IsSaidVerb(t[i + 1].lower);
      bool agree_with = i > 1 && t[i - 1].lower == "with" &&
                        (t[i - 2].lower == "agree" || t[i - 2].lower == "agreed");
      bool is_right = after && t[i + 1].lower == "is";
      if (as_said || agree_with || is_right) c.endorses = true;
    }
  }
  return c;
}

}  // namespace quorum::analyze
