// SPDX-License-Identifier: Apache-2.0
// Prose extraction for position mining: drops code, patches, logs, quotes; splits sentences.
#include "analyze/positions_text.h"

#include <libstemmer.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <unordered_set>

#include "analyze/lexicon.h"
#include "core/text.h"

namespace quorum::analyze {
namespace {

// `needle` in `s`, by memmem: string_view::find tries every occurrence of the needle's first byte,
// which for " a écrit" is every space.
bool Contains(std::string_view s, std::string_view needle) {
  return memmem(s.data(), s.size(), needle.data(), needle.size()) != nullptr;
}

bool StartsWith(std::string_view s, std::string_view p) {
  // The first byte before the compare: most lines are tried against dozens of prefixes.
  return s.size() >= p.size() && (p.empty() || (s[0] == p[0] && s.compare(0, p.size(), p) == 0));
}
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

// "at org.foo.Bar.baz(Bar.java:12)" and friends.
bool IsStackFrame(std::string_view t) {
  if (!StartsWith(t, "at ")) return false;
  size_t paren = t.find('(');
  if (paren == std::string_view::npos) return false;
  std::string_view inside = t.substr(paren);
  return inside.find(".java:") != std::string_view::npos ||
         inside.find("Native Method") != std::string_view::npos ||
         inside.find("Unknown Source") != std::string_view::npos ||
         inside.find(".scala:") != std::string_view::npos ||
         inside.find(".kt:") != std::string_view::npos ||
         t.substr(3, paren - 3).find('.') != std::string_view::npos;
}

// Removes URLs so that their slashes and colons do not count as code symbols.
std::string WithoutUrls(std::string_view t) {
  std::string out;
  size_t i = 0;
  while (i < t.size()) {
    if (StartsWith(t.substr(i), "http://") || StartsWith(t.substr(i), "https://")) {
      while (i < t.size() && !IsSpace(t[i])) ++i;
      continue;
    }
    out.push_back(t[i]);
    ++i;
  }
  return out;
}

bool IsQuoteOrChatter(std::string_view t) {
  if (t.empty()) return false;
  if (t[0] == '>' || t[0] == '|') return true;
  if (EndsWith(t, "wrote:") || EndsWith(t, "a écrit :") || EndsWith(t, "a écrit:") ||
      EndsWith(t, "schrieb:"))
    return true;
  if (StartsWith(t, "Sent from my") || StartsWith(t, "Envoyé de mon")) return true;
  // Addresses belong to attributions, headers and signatures, not to prose.
  size_t at = t.find('@');
  if (at != std::string_view::npos &&
      (t.find('<') != std::string_view::npos || t.find("mailto:") != std::string_view::npos)) {
    return true;
  }
  if (StartsWith(t, "From:") || StartsWith(t, "Sent:") || StartsWith(t, "To:") ||
      StartsWith(t, "Subject:") || StartsWith(t, "Date:") || StartsWith(t, "Cc:") ||
      StartsWith(t, "Von:") || StartsWith(t, "Gesendet:") || StartsWith(t, "An:") ||
      StartsWith(t, "Betreff:") || StartsWith(t, "De:") || StartsWith(t, "À:") ||
      StartsWith(t, "Objet:") || StartsWith(t, "Envoyé:"))
    return true;
  return false;
}

// An attribution whose "wrote:" is on the next line, or a Gmail-style "2017-11-04 18:17 GMT+01:00
// Name <addr>:" line.
// `next_line()` gives the next non-empty line, trimmed (asked only when needed).
template <typename NextLine>
bool IsAttributionStart(std::string_view t, const NextLine& next_line) {
  // Attributions in French and German on one line, possibly still quoted-printable.
  if (Contains(t, " a ") &&
      (Contains(t, " a écrit") || Contains(t, " a =E9crit") || Contains(t, " a =C3=A9crit"))) {
    return true;
  }
  if (Contains(t, " schrieb ") && t.find(':') != std::string_view::npos) return true;
  if (StartsWith(t, "On ") || StartsWith(t, "Le ") || StartsWith(t, "Am ") ||
      t.find('@') != std::string_view::npos || t.back() == '<' || t.back() == ',') {
    std::string_view next = next_line();
    bool next_wrote = EndsWith(next, "wrote:") || EndsWith(next, "a écrit :") ||
                      EndsWith(next, "a écrit:") || EndsWith(next, "schrieb:") ||
                      EndsWith(next, "wrote: ") || EndsWith(next, "a =E9crit :");
    if (next_wrote) return true;
  }
  return t.find("GMT") != std::string_view::npos && t.find('@') != std::string_view::npos &&
         t.find('<') != std::string_view::npos;
}

bool IsFooterStart(std::string_view line, std::string_view t) {
  return line == "-- " || line == "--" || line == "---" || StartsWith(t, "To unsubscribe") ||
         StartsWith(t, "Reply to this email directly") || StartsWith(t, "You are receiving this") ||
         StartsWith(t, "-----Original Message") || StartsWith(t, "________________");
}

// A bullet or numbered item: "- x", "* x", "1. x", "2) x", "a) x".
bool IsItemStart(std::string_view t) {
  if (t.size() >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ') return true;
  size_t i = 0;
  while (i < t.size() && i < 3 && IsDigit(t[i])) ++i;
  if (i > 0 && i + 1 < t.size() && (t[i] == '.' || t[i] == ')') && t[i + 1] == ' ') return true;
  return false;
}

// One of {}[]();=<>\|&*$#@_"`~^ (a table: this runs on every byte of every line).
bool IsCodeSymbol(char c) {
  static constexpr std::array<bool, 256> kTable = [] {
    std::array<bool, 256> t{};
    for (char s : std::string_view("{}[]();=<>\\|&*$#@_\"`~^"))
      t[static_cast<unsigned char>(s)] = true;
    return t;
  }();
  return kTable[static_cast<unsigned char>(c)];
}

bool IsVoteToken(std::string_view s) {
  return s.size() >= 2 && (s[0] == '+' || s[0] == '-') && (s[1] == '0' || s[1] == '1');
}

// Adds `sentence` trimmed, with every run of white space inside it made one space.
void Flush(std::string_view sentence, std::vector<std::string>* out) {
  std::string_view t = Trim(sentence);
  if (t.empty()) return;
  std::string c(t.size(), '\0');
  size_t n = 0;
  for (char ch : t) {
    if (IsSpace(ch)) {
      if (n > 0 && c[n - 1] != ' ') c[n++] = ' ';
    } else {
      c[n++] = ch;
    }
  }
  c.resize(n);
  out->push_back(std::move(c));
}

// Splits one paragraph (already on one line) into sentences: the current sentence is always
// p[start, i].
void SplitParagraph(std::string_view p, std::vector<std::string>* out) {
  size_t start = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    // Before a vote token after a comma or semicolon: "+1 to A, -1 to B".
    if ((c == ',' || c == ';') && i + 2 < p.size() && p[i + 1] == ' ' &&
        IsVoteToken(p.substr(i + 2))) {
      Flush(p.substr(start, i - start), out);
      start = i + 1;
      continue;
    }
    if ((c == '.' || c == '!' || c == '?') && (i + 1 == p.size() || p[i + 1] == ' ')) {
      // Not after an abbreviation such as "e.g." or "i.e." or a single letter.
      size_t b = i;
      while (b > start && p[b - 1] != ' ') --b;
      std::string_view word = p.substr(b, i - b);
      if (word.size() <= 3) {
        std::string lower = AsciiLower(word);
        if (lower == "e.g" || lower == "i.e" || lower == "etc" || lower == "vs" || lower == "cf" ||
            lower == "mr" || lower == "dr" || lower.size() == 1) {
          continue;
        }
      }
      Flush(p.substr(start, i + 1 - start), out);
      start = i + 1;
    }
  }
  Flush(p.substr(start), out);
}

}  // namespace

std::string Stem(std::string w) {
  // Snowball's English (Porter 2) stemmer. A libstemmer stemmer is not thread-safe, so each
  // thread keeps its own; it holds no state from one word to the next.
  struct Stemmer {
    sb_stemmer* s = sb_stemmer_new("english", "UTF_8");
    ~Stemmer() { sb_stemmer_delete(s); }
  };
  thread_local Stemmer stemmer;
  if (EndsWith(w, "'s")) w.resize(w.size() - 2);
  if (stemmer.s == nullptr || w.empty()) return w;
  const sb_symbol* out = sb_stemmer_stem(stemmer.s, reinterpret_cast<const sb_symbol*>(w.data()),
                                         static_cast<int>(w.size()));
  if (out == nullptr) return w;
  return std::string(reinterpret_cast<const char*>(out),
                     static_cast<size_t>(sb_stemmer_length(stemmer.s)));
}

bool IsStopWord(std::string_view w) {
  // Built once, on first use, from data/lexicons/stopwords.txt; read-only afterwards.
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> words;
    for (auto& [word, tag] : LexiconEntries("stopwords.txt")) words.insert(word);
    return words;
  }();
  return set.count(std::string(w)) > 0;
}

bool IsNonProseLine(std::string_view line) {
  std::string_view t = Trim(line);
  if (t.empty()) return false;
  if (t[0] == '[') {
    static constexpr std::array<std::string_view, 6> kLog = {"[INFO]",  "[ERROR]", "[WARNING]",
                                                             "[DEBUG]", "[WARN]",  "[TRACE]"};
    for (std::string_view p : kLog) {
      if (StartsWith(t, p)) return true;
    }
  }
  // Commit-log and CI lines: "[maven-release-plugin] prepare ...", "[windows-jdk8] ...".
  if (t[0] == '[') {
    size_t close = t.find(']');
    if (close != std::string_view::npos && close > 2 && close < 48) {
      std::string_view tag = t.substr(1, close - 1);
      bool word = std::all_of(tag.begin(), tag.end(), [](char c) {
        return IsAlnum(c) || c == '-' || c == '_' || c == '.';
      });
      bool has_alpha = std::any_of(tag.begin(), tag.end(), [](char c) { return c >= 'A'; });
      if (word && has_alpha) return true;
    }
  }
  if (IsStackFrame(t) || StartsWith(t, "Caused by:") || StartsWith(t, "Exception in thread") ||
      StartsWith(t, "Traceback (most recent") || (StartsWith(t, "... ") && EndsWith(t, "more"))) {
    return true;
  }
  if (StartsWith(t, "+++ ") || StartsWith(t, "--- ") || StartsWith(t, "@@ ") ||
      StartsWith(t, "diff --git") || StartsWith(t, "Index: ") || StartsWith(t, "$ ") ||
      StartsWith(t, "#include") || StartsWith(t, "import ") || StartsWith(t, "package ")) {
    return true;
  }
  // Patch lines: "+foo" / "-foo" (but not "+1", "- item", "-1").
  if ((t[0] == '+' || t[0] == '-') && t.size() > 1 && t[1] != ' ' && !IsDigit(t[1]) &&
      t[1] != '-' && t[1] != '+') {
    return true;
  }
  // Rules and separators: "-----", "=====", "*****".
  if (t.size() >= 4 && std::all_of(t.begin(), t.end(), [](char c) {
        return c == '-' || c == '=' || c == '*' || c == '_' || c == '~' || c == '#';
      })) {
    return true;
  }
  if (t[0] == '<' && t.back() == '>') return true;  // XML/HTML
  // One identifier alone on its line: a tag, a version, a hash, a file name
  // ("maven-site-plugin-3.0-beta-1", "651052412a4b31b0", "pom.xml").
  if (t.find(' ') == std::string_view::npos && t.size() >= 6 &&
      (std::any_of(t.begin(), t.end(), [](char c) { return IsDigit(c) || c == '_'; }) ||
       t.find('.') < t.size() - 1) &&
      !(t.size() >= 2 && (t[0] == '+' || t[0] == '-') && IsDigit(t[1]))) {
    return true;
  }
  // Navigation and signature bars: "Blog | Old Blog | Github | LinkedIn".
  size_t bars = 0;
  for (size_t i = 0; i + 2 < t.size(); ++i)
    bars += (t[i] == ' ' && t[i + 1] == '|' && t[i + 2] == ' ') ? 1 : 0;
  if (bars >= 2) return true;
  std::string s;
  std::string_view st = t;
  if (t.find("http") != std::string_view::npos) {
    s = WithoutUrls(t);
    st = Trim(s);
  }
  if (st.empty()) return true;  // a bare URL
  if (std::none_of(st.begin(), st.end(),
                   [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); })) {
    // "[1] https://..." and other lines without words; votes ("-1", "+1") are not that.
    return !(st.size() >= 2 && (st[0] == '+' || st[0] == '-') && IsDigit(st[1]));
  }
  size_t symbols = 0, letters = 0, other = 0;
  for (char c : st) {
    if (IsAlnum(c)) {
      ++letters;
    } else if (IsCodeSymbol(c)) {
      ++symbols;
    } else if (!IsSpace(c)) {
      ++other;
    }
  }
  size_t dense = letters + symbols + other;
  if (dense >= 6 && symbols * 5 >= dense) return true;  // >= 20% code symbols
  char last = st.back();
  bool code_end = last == ';' || last == '{' || last == '}';
  if (code_end && symbols >= 2) return true;
  bool indented = line.size() > 0 && (line[0] == '\t' || StartsWith(line, "    "));
  if (indented && (code_end || last == ')' || symbols * 10 >= dense)) return true;
  return false;
}

std::vector<std::string> ProseSentences(std::string_view text) {
  std::vector<std::string> out;
  std::string para;
  size_t prev_len = 0;
  bool prev_continues = false;  // the previous line ends in a function word ("make the")
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view t = Trim(line);
    if (IsFooterStart(line, t)) break;
    // The next non-empty line, for attributions split over two lines.
    auto next_line = [text, pos] {
      std::string_view next;
      for (size_t q = pos; q < text.size() && next.empty();) {
        size_t e = text.find('\n', q);
        if (e == std::string_view::npos) e = text.size();
        next = Trim(text.substr(q, e - q));
        q = e + 1;
      }
      return next;
    };
    bool skip = t.empty() || IsQuoteOrChatter(t) || IsNonProseLine(line) ||
                IsAttributionStart(t, next_line);
    bool breaks = skip || IsItemStart(t) || (prev_len > 0 && prev_len < 40 && !prev_continues) ||
                  (!para.empty() && (para.back() == ':'));
    if (breaks && !para.empty()) {
      SplitParagraph(para, &out);
      para.clear();
    }
    if (skip) {
      prev_len = 0;
      if (nl >= text.size()) break;
      continue;
    }
    std::string_view body = t;
    if (IsItemStart(t)) {
      // Drop the bullet marker itself.
      size_t sp = t.find(' ');
      body = Trim(t.substr(sp));
    }
    if (!para.empty()) para.push_back(' ');
    para.append(body);
    prev_len = t.size();
    size_t last_space = t.rfind(' ');
    std::string last_word =
        AsciiLower(last_space == std::string_view::npos ? t : t.substr(last_space + 1));
    prev_continues = IsStopWord(last_word) && last_word.back() != '.';
    if (nl >= text.size()) break;
  }
  if (!para.empty()) SplitParagraph(para, &out);
  return out;
}

namespace {

// FNV-1a, 64 bits: words are short, and this is cheaper than std::hash's.
uint64_t WordHash(std::string_view w) {
  uint64_t h = 14695981039346656037ULL;
  for (char c : w) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

const std::string* WordCache::StemOrStop(std::string_view word) {
  if (slots_.empty()) slots_.resize(1024);
  uint64_t full = WordHash(word);
  uint32_t hash = static_cast<uint32_t>(full >> 32);
  size_t mask = slots_.size() - 1;
  size_t i = static_cast<size_t>(full) & mask;
  for (;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.entry == 0) break;
    if (slot.hash == hash) {
      const Entry& e = entries_[slot.entry - 1];
      if (e.word == word) return e.stop ? nullptr : &e.stem;
    }
  }
  Entry e;
  e.word = std::string(word);
  e.stop = IsStopWord(word);
  if (!e.stop) {
    e.stem = Stem(e.word);
    e.stop = IsStopWord(e.stem);
  }
  entries_.push_back(std::move(e));
  slots_[i] = Slot{hash, static_cast<uint32_t>(entries_.size())};
  const Entry& added = entries_.back();
  if (2 * entries_.size() > slots_.size()) Grow();
  return added.stop ? nullptr : &added.stem;
}

void WordCache::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(2 * old.size(), Slot{});
  size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.entry == 0) continue;
    uint64_t full = WordHash(entries_[slot.entry - 1].word);
    size_t i = static_cast<size_t>(full) & mask;
    while (slots_[i].entry != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

std::vector<Word> ContentWords(std::string_view sentence) {
  return ContentWords(sentence, nullptr);
}

std::vector<Word> ContentWords(std::string_view sentence, WordCache* cache) {
  std::vector<Word> out;
  out.reserve(sentence.size() / 6 + 1);
  std::string w;
  auto brk = [&out] {
    if (!out.empty() && !out.back().stem.empty()) out.emplace_back();
  };
  auto emit = [&out, &brk, cache](std::string& word) {
    if (word.empty()) {
      brk();
      return;
    }
    // Trim dots at the ends ("4.0.0." -> "4.0.0").
    while (!word.empty() && word.back() == '.') word.pop_back();
    while (!word.empty() && word.front() == '.') word.erase(word.begin());
    bool has_alpha = std::any_of(word.begin(), word.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
    });
    // Versions ("4.0.0", "3.5.x") name things people argue about; plain numbers do not, except
    // a small number right after a word, which names a version of it ("Java 8", "Maven 4").
    if (!has_alpha && word.find('.') != std::string::npos && word.size() >= 3) has_alpha = true;
    if (!has_alpha && word.size() <= 2 && !out.empty() && !out.back().stem.empty() &&
        out.back().stem.find(' ') == std::string::npos &&
        std::all_of(word.begin(), word.end(), [](char c) { return IsDigit(c); })) {
      out.back().stem += ' ';
      out.back().stem += word;
      out.back().surface += ' ';
      out.back().surface += word;
      word.clear();
      return;
    }
    if (!has_alpha || word.size() < 2 || word.find('\'') != std::string::npos) {
      brk();
    } else if (cache != nullptr) {
      const std::string* stem = cache->StemOrStop(word);
      if (stem == nullptr) {
        brk();
      } else {
        out.push_back({*stem, std::move(word)});
      }
    } else if (IsStopWord(word)) {
      brk();
    } else {
      std::string stem = Stem(word);
      if (IsStopWord(stem)) {
        brk();
      } else {
        out.push_back({std::move(stem), std::move(word)});
      }
    }
    word.clear();
  };
  for (size_t i = 0; i < sentence.size(); ++i) {
    char c = sentence[i];
    unsigned char u = static_cast<unsigned char>(c);
    if (w.empty() && (c == 'h' || c == 'w') &&
        (StartsWith(sentence.substr(i), "http://") || StartsWith(sentence.substr(i), "https://") ||
         StartsWith(sentence.substr(i), "www."))) {
      // A URL names a place, not a position.
      while (i + 1 < sentence.size() && !IsSpace(sentence[i + 1])) ++i;
      emit(w);
      continue;
    }
    if (IsAlnum(c) || u >= 0x80) {
      // The whole run of word bytes at once.
      size_t k = i + 1;
      while (k < sentence.size() &&
             (IsAlnum(sentence[k]) || static_cast<unsigned char>(sentence[k]) >= 0x80)) {
        ++k;
      }
      size_t from = w.size();
      w.append(sentence.data() + i, k - i);
      for (size_t x = from; x < w.size(); ++x) w[x] = AsciiLower(w[x]);
      i = k - 1;
    } else if ((c == '\'' || c == '.') && !w.empty() && i + 1 < sentence.size() &&
               IsAlnum(sentence[i + 1])) {
      // "don't" stays one word (a stop word); dotted names and versions stay whole.
      w.push_back(c);
    } else {
      emit(w);
    }
  }
  emit(w);
  while (!out.empty() && out.back().stem.empty()) out.pop_back();
  return out;
}

}  // namespace quorum::analyze
