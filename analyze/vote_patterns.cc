// SPDX-License-Identifier: Apache-2.0
// The vote grammar: one table of RE2 patterns plus the boundary checks RE2 cannot express.
#include "analyze/vote_patterns.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "core/text.h"

namespace quorum::analyze {
namespace {

// A vote token: ++1, +1000 (strong +1), +1/-1, fractions (+0.5, -.5), +0/-0.
#define QUORUM_TOK R"((\+\+1|\+1[0-9]{0,3}|[+-]1|[+-]0?\.[0-9]+|[+-]0))"
#define QUORUM_QUAL R"((?:\s*\(\s*(?:non-?\s*)?binding\s*\))?)"

const std::vector<PatternRow>& Table() {
  static const std::vector<PatternRow> rows = {
      // Lines that are never votes.
      {"template", "reject", R"(^\[\s*\])"},
      {"tally-phrase", "reject",
       R"((?i)\b(?:votes?|voting)\b.{0,40}\b(?:passed|passes|failed|fails|closed|tally|summary)\b|\bpassed with\b|\bresults? (?:is|are|of)\b)"},
      {"about-a-vote", "reject",
       R"((?i)\b(?:assume|translate|interpret|treat|count(?:ed|ing)? (?:it|this|that) as|take (?:it|this|that) as)\b)"},
      {"withdraw", "reject",
       R"((?i)\b(?:withdraw|withdrawing|retract|retracting|revoke|revoking|change|changing|changed|drop|dropping)\s+(?:my\s+|her\s+|his\s+|the\s+)?(?:vote|veto|[+-][01])\b)"},
      {"status-ping", "reject",
       R"((?i)\b(?:waiting for|still need|still missing|needs? (?:one|two|three|[0-9]+) more)\b)"},
      {"tally-names", "reject",
       QUORUM_TOK QUORUM_QUAL R"(\s*:\s*\p{Lu}\S*(?:\s+\S+){0,3}\s*,\s*\p{Lu})"},
      {"tally-count", "reject", "^" QUORUM_TOK QUORUM_QUAL R"(\s*(?:votes?)?\s*[:=]\s*[0-9]+\b)"},
      {"plural", "reject", QUORUM_TOK R"('?s\b)"},
      // Votes, most specific first.
      {"checkbox", "vote", R"(^\[\s*[xX*✓✔]\s*\]\s*)" QUORUM_TOK},
      {"lead", "vote", "^" QUORUM_TOK},
      {"zero", "vote", R"(^(0)(?:\s*\(\s*(?:non-?\s*)?binding\s*\))?\s*[.!]?$)"},
      {"my", "explicit-vote", R"((?i)\bmy\s+(?:vote\s*(?:is|:|=)?\s*)?)" QUORUM_TOK},
      {"from-me", "explicit-vote", QUORUM_TOK R"((?i)\s+from\s+(?:me|my side)\b)"},
      {"i-vote", "explicit-vote", R"((?i)\bI\s+(?:vote|cast)\s+)" QUORUM_TOK},
      {"i-am", "vote",
       R"((?i)(?:^|\s)(?:I'?m|I\s+am)\s+(?:a\s+)?(?:strong\s+|big\s+|firm\s+)?)" QUORUM_TOK},
      {"trail", "vote", R"((?:^|[\s,!:;(]))" QUORUM_TOK QUORUM_QUAL R"(\s*[.!)]*$)"},
      // Context and qualifiers.
      {"code", "qualifier", R"([=;{}<>]|\w\()"},
      {"other-person", "qualifier",
       R"((?i)\b(?:a|an|the|to|his|her|their|your|one|another|as|any|more|two|three|no|same|that|this)\s*$)"},
      {"quota", "qualifier",
       R"((?i)\b(?:need|needs|needed|require|requires|required|at least|minimum of)\b)"},
      {"non-binding", "qualifier", R"((?i)\bnon[-\s]?binding\b)"},
      {"binding", "qualifier", R"((?i)\bbinding\b)"},
      {"conditional", "qualifier",
       R"((?i)\b(?:if|assuming|provided|once|as long as|unless|conditional(?:ly)?|contingent|pending|subject to)\b)"},
      // Result mails.
      {"result-names", "result",
       R"(^\s*([+-]?[01](?:\.[0-9]+)?)\s*(?:\(\s*((?:non-?\s*)?binding)\s*\))?\s*(?:votes?)?\s*:\s*(.*)$)"},
      {"result-binding-names", "result",
       R"((?i)^\s*(?:pmc quorum|binding(?:\s+votes?)?(?:\s*(\+1|-1|\+0|-0|0)s?)?|pmc votes?)\s*:\s*(.*)$)"},
      {"result-non-binding-names", "result",
       R"((?i)^\s*non-?\s*binding(?:\s+votes?)?\s*([+-]?[01](?:\.[0-9]+)?)?\s*(?:votes?)?\s*:\s*(.*)$)"},
      {"result-count-phrase", "result",
       R"((?i)\b([0-9]+)\s*(?:x\s*)?\(?\s*(non-?\s*binding|binding)\s*\)?\s*([+-]?[01](?:\.[0-9]+)?)(?:[^0-9.]|$))"},
      {"strategy-rule", "kind", R"((?i)\b2/3\b|\btwo[- ]thirds\b)"},
      {"result-quorum", "result", R"((?i)\bquorum\b.{0,20}\breached\b)"},
      {"result-counts", "result",
       R"((?i)^\s*([+-]?[01])\s*(?:votes?)?\s*:?\s*([0-9]+)\s+binding(?:\s*(?:votes?)?\s*,\s*([0-9]+)\s+non-?\s*binding)?)"},
      {"result-failed", "result",
       R"((?i)\b(?:failed|fails|not successful|unsuccessful|did not pass|has not passed|not passed|rejected)\b)"},
      {"result-passed", "result",
       R"((?i)\b(?:passed|passes|succeeded|is successful|was successful|approved|carried)\b)"},
  };
  return rows;
}

#undef QUORUM_TOK
#undef QUORUM_QUAL

// The token at [pos, pos+len) stands alone: not part of "x+1", "n-1", "1+1", "-1;", "+1.5".
bool Standalone(std::string_view line, size_t pos, size_t len) {
  if (pos > 0) {
    char p = line[pos - 1];
    if (IsAlnum(p) || p == '+' || p == '-' || p == '=' || p == '/' || p == '*' || p == '^' ||
        p == '.' || p == '_' || p == ')' || p == '<' || p == '>') {
      return false;
    }
  }
  size_t e = pos + len;
  if (e < line.size()) {
    char n = line[e];
    if (IsAlnum(n) || n == '%' || n == '=' || n == '*' || n == '/' || n == '^' || n == '_' ||
        n == '+' || n == ';' || n == '[' || n == '<' || n == '>') {
      return false;
    }
    if ((n == '.' || n == ',') && e + 1 < line.size() && IsDigit(line[e + 1])) return false;
    if (n == '-' && e + 1 < line.size() && (IsDigit(line[e + 1]) || IsAlnum(line[e + 1]))) {
      return false;
    }
  }
  return true;
}

// After the first colon: every comma/"and"-separated item is one to four capitalised words
// ("Olivier, Herve, Robert Scholte and Eric"), not a sentence ("Checked sigs, built it").
bool IsNameList(std::string_view line) {
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view rest = line.substr(colon + 1);
  int items = 0;
  size_t start = 0;
  while (start <= rest.size()) {
    size_t comma = rest.find(',', start);
    if (comma == std::string_view::npos) comma = rest.size();
    std::string_view item = Trim(rest.substr(start, comma - start));
    start = comma + 1;
    if (item.empty()) continue;
    int words = 0;
    size_t w = 0;
    while (w < item.size()) {
      while (w < item.size() && item[w] == ' ') ++w;
      size_t e = item.find(' ', w);
      if (e == std::string_view::npos) e = item.size();
      std::string_view word = item.substr(w, e - w);
      w = e;
      if (word.empty() || word == "and") continue;
      unsigned char c = static_cast<unsigned char>(word[0]);
      if (!((c >= 'A' && c <= 'Z') || c >= 0x80)) return false;
      ++words;
    }
    if (words == 0 || words > 4) return false;
    ++items;
  }
  return items >= 2;
}

void Normalise(std::string_view tok, LineVote* v) {
  v->token = std::string(tok);
  std::string t(tok);
  if (t == "++1" || (t.size() > 2 && t[0] == '+' && t[1] == '1')) t = "+1";
  if (t.size() >= 2 && t[1] == '.') t.insert(1, "0");  // "-.5" -> "-0.5"
  double d = std::strtod(t.c_str(), nullptr);
  if (d > 1) d = 1;
  if (d < -1) d = -1;
  v->value = t;
  v->numeric = d;
}

}  // namespace

struct VotePatterns::Impl {
  std::map<std::string, std::unique_ptr<RE2>, std::less<>> re;
  std::string error;
  const RE2& Get(std::string_view name) const { return *re.find(name)->second; }
};

VotePatterns::VotePatterns() : impl_(std::make_unique<Impl>()) {
  RE2::Options opts;
  opts.set_log_errors(false);
  for (const PatternRow& row : Table()) {
    auto re = std::make_unique<RE2>(row.pattern, opts);
    if (!re->ok() && impl_->error.empty()) {
      impl_->error = std::string("analyze: vote pattern ") + row.name + ": " + re->error();
    }
    impl_->re.emplace(row.name, std::move(re));
  }
}

VotePatterns::~VotePatterns() = default;
VotePatterns::VotePatterns(VotePatterns&&) noexcept = default;
VotePatterns& VotePatterns::operator=(VotePatterns&&) noexcept = default;

bool VotePatterns::ok() const { return impl_ && impl_->error.empty(); }
const std::string& VotePatterns::error() const { return impl_->error; }
const std::vector<PatternRow>& VotePatterns::Rows() { return Table(); }

bool VotePatterns::RowMatches(std::string_view name, std::string_view line) const {
  auto it = impl_->re.find(name);
  return it != impl_->re.end() && RE2::PartialMatch(line, *it->second);
}

std::optional<LineVote> VotePatterns::MatchLine(std::string_view raw, bool call_message) const {
  std::string_view line = Trim(raw);
  if (line.empty() || line.size() > 400) return std::nullopt;
  // Every vote row needs a token, which starts with '+' or '-' (QUORUM_TOK), or the line is a
  // bare 0 ("zero"): most lines of a mail have neither and match nothing, so no pattern is run.
  if (line.find_first_of("+-") == std::string_view::npos && line[0] != '0') return std::nullopt;
  for (const char* reject : {"template", "tally-phrase", "about-a-vote", "withdraw", "status-ping",
                             "tally-count", "plural"}) {
    if (RE2::PartialMatch(line, impl_->Get(reject))) return std::nullopt;
  }
  if (RE2::PartialMatch(line, impl_->Get("tally-names")) && IsNameList(line)) return std::nullopt;
  static const char* kRows[] = {"checkbox", "lead",   "zero", "my",
                                "from-me",  "i-vote", "i-am", "trail"};
  for (const char* name : kRows) {
    bool explicit_row = std::string_view(name) == "my" || std::string_view(name) == "from-me" ||
                        std::string_view(name) == "i-vote";
    if (call_message && !explicit_row) continue;
    re2::StringPiece tok_piece;
    if (!RE2::PartialMatch(line, impl_->Get(name), &tok_piece) || tok_piece.empty()) continue;
    std::string_view tok(tok_piece.data(), tok_piece.size());
    size_t pos = static_cast<size_t>(tok.data() - line.data());
    if (!Standalone(line, pos, tok.size())) continue;
    if (std::string_view(name) == "trail" &&
        (RE2::PartialMatch(line.substr(0, pos), impl_->Get("other-person")) ||
         RE2::PartialMatch(line.substr(0, pos), impl_->Get("quota")) ||
         RE2::PartialMatch(line, impl_->Get("code")))) {
      continue;
    }
    LineVote v;
    Normalise(tok, &v);
    v.rule = name;
    if (RE2::PartialMatch(line, impl_->Get("non-binding"))) {
      v.declared_binding = false;
    } else if (RE2::PartialMatch(line, impl_->Get("binding"))) {
      v.declared_binding = true;
    }
    v.conditional = RE2::PartialMatch(line.substr(pos + tok.size()), impl_->Get("conditional"));
    return v;
  }
  return std::nullopt;
}

namespace {

// "Olivier, Herve, Robert, Manfred, Eric and Andreas" -> names. "(id)" suffixes dropped.
void SplitNames(std::string_view s, std::vector<std::string>* out) {
  std::string cur;
  auto flush = [&] {
    std::string_view t = Trim(cur);
    if (t.size() >= 4 && IStartsWith(t, "and ")) t = Trim(t.substr(4));
    size_t paren = t.find('(');
    if (paren != std::string_view::npos) t = Trim(t.substr(0, paren));
    while (!t.empty() && (t.back() == '.' || t.back() == ';')) t.remove_suffix(1);
    if (!t.empty() && !IEquals(t, "reached") && !IEquals(t, "none")) out->push_back(std::string(t));
    cur.clear();
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',') {
      flush();
    } else if (i + 5 <= s.size() && s.substr(i, 5) == " and ") {
      flush();
      i += 4;
    } else {
      cur += s[i];
    }
  }
  flush();
}

// A wrapped continuation of a name list: short, no colon, no sentence end, not a new tally.
bool IsNameContinuation(std::string_view line) {
  std::string_view t = Trim(line);
  if (t.empty() || t.find(':') != std::string_view::npos || t.back() == '.') return false;
  if (t[0] == '+' || t[0] == '-' || IStartsWith(t, "pmc") || IStartsWith(t, "binding"))
    return false;
  int words = 1;
  for (char c : t) words += c == ' ' ? 1 : 0;
  return words <= 6;
}

}  // namespace

void VotePatterns::ParseResultText(std::string_view text, StatedResult* out) const {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view l = text.substr(start, nl - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back(l);
    start = nl + 1;
  }
  // A stated count, read without overflow: no vote has a million voters, so bigger numbers
  // (a fuzzer's "11111111111111110 (binding)") stop there; sums saturate the same way.
  static constexpr int kMaxTally = 1000000;
  auto tally = [](std::string_view digits) {
    int64_t n = 0;
    size_t i = 0;
    while (i < digits.size() && IsDigit(digits[i]) && n <= kMaxTally) {
      n = n * 10 + (digits[i++] - '0');
    }
    return static_cast<int>(std::min<int64_t>(n, kMaxTally));
  };
  auto sum = [](int a, int b) { return std::min(kMaxTally, a + b); };  // each <= kMaxTally
  std::map<std::string, int> non_binding_counts;  // stated totals need both parts
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = Trim(lines[i]);
    if (line.empty() || line[0] == '>') continue;
    if (line.starts_with("-----")) break;  // footer or quoted copy
    re2::StringPiece value, qual, rest;
    re2::StringPiece a, b, c;
    if (RE2::FullMatch(line, impl_->Get("result-counts"), &a, &b, &c)) {
      std::string v(a.data(), a.size());
      if (v == "1") v = "+1";
      out->binding_counts[v] = tally(std::string_view(b.data(), b.size()));
      if (!c.empty())
        out->counts[v] = sum(out->binding_counts[v], tally(std::string_view(c.data(), c.size())));
      continue;
    }
    if (RE2::PartialMatch(line, impl_->Get("result-non-binding-names"), &value, &rest)) {
      std::string v = value.empty() ? "+1" : std::string(value.data(), value.size());
      if (v == "1") v = "+1";
      std::vector<std::string> names;
      SplitNames(std::string_view(rest.data(), rest.size()), &names);
      for (auto& n : names) out->names[v].push_back(n);
      continue;
    }
    if (RE2::PartialMatch(line, impl_->Get("result-binding-names"), &value, &rest)) {
      std::string joined(rest.data(), rest.size());
      while (i + 1 < lines.size() && !Trim(joined).empty() && IsNameContinuation(lines[i + 1]) &&
             Trim(joined).back() != '.') {
        joined += " ";
        joined += std::string(Trim(lines[++i]));
      }
      std::vector<std::string> names;
      SplitNames(joined, &names);
      if (names.empty() && RE2::PartialMatch(line, impl_->Get("result-quorum"))) {
        out->quorum_reached = true;
      }
      for (auto& n : names) out->binding_names.push_back(n);
      if (!names.empty()) out->quorum_reached = true;
      if (!value.empty()) {  // "Binding +1: a, b" also says how they voted
        std::string v(value.data(), value.size());
        for (auto& n : names) out->names[v].push_back(n);
      }
      continue;
    }
    if (RE2::PartialMatch(line, impl_->Get("result-names"), &value, &qual, &rest)) {
      std::string v(value.data(), value.size());
      if (v == "1") v = "+1";
      std::string joined(rest.data(), rest.size());
      for (;;) {
        // A list that ends with a comma may go on after one blank line (wrapped mail).
        std::string_view tail = Trim(joined);
        if (i + 2 < lines.size() && !tail.empty() && tail.back() == ',' &&
            Trim(lines[i + 1]).empty() && IsNameContinuation(lines[i + 2])) {
          ++i;
        }
        if (i + 1 >= lines.size() || !IsNameContinuation(lines[i + 1])) break;
        joined += " ";
        joined += std::string(Trim(lines[++i]));
      }
      std::vector<std::string> names;
      SplitNames(joined, &names);
      // "+1: 5" is a count, not a name list.
      if (names.size() == 1 && !names[0].empty() && IsDigit(names[0][0])) {
        out->counts[v] = tally(names[0]);
        continue;
      }
      bool binding_list =
          !qual.empty() && !IStartsWith(std::string_view(qual.data(), qual.size()), "non");
      auto& dst = out->names[v];
      for (auto& n : names) {
        dst.push_back(n);
        if (binding_list) out->binding_names.push_back(n);
      }
      continue;
    }
    {
      re2::StringPiece input(line.data(), line.size());
      re2::StringPiece n, kind, v;
      while (RE2::FindAndConsume(&input, impl_->Get("result-count-phrase"), &n, &kind, &v)) {
        std::string value_s(v.data(), v.size());
        if (value_s == "1") value_s = "+1";
        int count = tally(std::string_view(n.data(), n.size()));
        bool non = IStartsWith(std::string_view(kind.data(), kind.size()), "non");
        int& total = (non ? non_binding_counts : out->binding_counts)[value_s];
        total = sum(total, count);
      }
    }
    if (RE2::PartialMatch(line, impl_->Get("result-quorum"))) out->quorum_reached = true;
    if (!out->passed.has_value()) {
      if (RE2::PartialMatch(line, impl_->Get("result-failed"))) {
        out->passed = false;
      } else if (RE2::PartialMatch(line, impl_->Get("result-passed"))) {
        out->passed = true;
      }
    }
  }
  for (const auto& [v, n] : non_binding_counts) {
    if (!out->counts.count(v)) out->counts[v] = sum(n, out->binding_counts[v]);
  }
}

std::vector<std::string_view> VoteLines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    start = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
  }
  return out;
}

}  // namespace quorum::analyze
