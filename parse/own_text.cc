// SPDX-License-Identifier: Apache-2.0
// Own-text extraction: one forward pass over the lines with bounded look-ahead (docs/own-text.md).
#include "parse/own_text.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

#include "core/text.h"

namespace quorum::parse {
namespace {

// A body line without its line end, and the same line trimmed (most rules test that; it is
// made once per line rather than once per rule).
struct Line {
  std::string_view raw;
  std::string_view trimmed;
};
using Lines = std::vector<Line>;

// How far a rule may look ahead of the current line. Keeps the pass linear.
constexpr size_t kLookahead = 12;
// A joined attribution longer than this is prose, not an attribution.
constexpr size_t kMaxAttributionBytes = 400;

Lines SplitLines(std::string_view body) {
  Lines lines;
  size_t start = 0;
  while (start <= body.size()) {
    size_t nl = body.find('\n', start);
    if (nl == std::string_view::npos) nl = body.size();
    std::string_view line = body.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(Line{line, Trim(line)});
    if (nl == body.size()) break;
    start = nl + 1;
  }
  return lines;
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

bool IContains(std::string_view s, std::string_view needle) {
  return AsciiLower(s).find(AsciiLower(needle)) != std::string::npos;
}

bool IsQuoted(std::string_view line) {
  std::string_view t = TrimLeft(line);
  return !t.empty() && t.front() == '>';
}

// ">From ..." alone between unquoted lines: an mboxo-escaped own line, not a quote.
bool IsEscapedFromLine(const Lines& lines, size_t i) {
  std::string_view t = lines[i].raw;
  if (!t.starts_with(">From ")) return false;
  auto quoted_neighbour = [&](size_t j) {
    return !lines[j].trimmed.empty() && IsQuoted(lines[j].raw);
  };
  if (i > 0 && quoted_neighbour(i - 1)) return false;
  if (i + 1 < lines.size() && quoted_neighbour(i + 1)) return false;
  return true;
}

bool AllOf(std::string_view t, char c, size_t min_count) {
  if (t.size() < min_count) return false;
  for (char x : t) {
    if (x != c) return false;
  }
  return true;
}

// Only separator characters: what is left of a footer after the footer text is cut.
bool IsSeparatorOnly(std::string_view t) {
  if (t.empty()) return false;
  for (char x : t) {
    if (x != '-' && x != '_' && x != '=' && x != '*' && x != '#') return false;
  }
  return true;
}

size_t NextNonBlank(const Lines& lines, size_t from) {
  while (from < lines.size() && lines[from].trimmed.empty()) ++from;
  return from;
}

// "From:", "*From:*", "De :", "Von:" ... at the start of an Outlook-style quoted header block.
bool IsHeaderKeyLine(std::string_view t, bool from_only) {
  static constexpr std::array<std::string_view, 4> kFrom = {"From", "De", "Von", "Van"};
  static constexpr std::array<std::string_view, 18> kOther = {
      "Sent",          "Date",    "To",    "Cc",       "Subject",   "Envoyé",
      "Envoy\xc3\xa9", "À",       "Objet", "Gesendet", "An",        "Betreff",
      "Datum",         "Enviado", "Para",  "Asunto",   "Verzonden", "Onderwerp"};
  std::string_view s = t;
  if (!s.empty() && s.front() == '*') s.remove_prefix(1);
  if (s.empty()) return false;
  const char first = AsciiLower(s.front());
  auto matches = [&](std::string_view key) {
    if (AsciiLower(key.front()) != first || !IStartsWith(s, key)) return false;
    std::string_view rest = s.substr(key.size());
    if (!rest.empty() && rest.front() == '*') rest.remove_prefix(1);
    if (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.empty() || rest.front() != ':') return false;
    rest.remove_prefix(1);
    if (!rest.empty() && rest.front() == '*') rest.remove_prefix(1);
    return true;
  };
  for (std::string_view k : kFrom) {
    if (matches(k)) return true;
  }
  if (from_only) return false;
  for (std::string_view k : kOther) {
    if (matches(k)) return true;
  }
  return false;
}

// A "From: x" line followed closely by "Sent:/To:/Subject:" lines starts a quoted copy.
bool IsOutlookHeaderBlock(const Lines& lines, size_t i) {
  std::string_view t = lines[i].trimmed;
  if (!IsHeaderKeyLine(t, /*from_only=*/true)) return false;
  size_t colon = t.find(':');
  if (colon == std::string_view::npos || Trim(t.substr(colon + 1)).empty()) return false;
  size_t end = std::min(lines.size(), i + 1 + kLookahead / 2);
  for (size_t j = i + 1; j < end; ++j) {
    std::string_view u = lines[j].trimmed;
    if (u.empty()) continue;
    if (IsHeaderKeyLine(u, /*from_only=*/false) && !IsHeaderKeyLine(u, true)) return true;
  }
  return false;
}

// "-----Original Message-----", "----- Mensaje original -----", "---------- Forwarded message".
bool IsOriginalMessageLine(std::string_view t) {
  if (!t.starts_with("---") && !t.starts_with("___")) return false;
  static constexpr std::array<std::string_view, 10> kWords = {
      "original message",  "message d'origine",      "ursprüngliche nachricht",
      "mensaje original",  "oorspronkelijk bericht", "messaggio originale",
      "mensagem original", "forwarded message",      "原始邮件",
      "原始郵件"};
  const std::string lower = AsciiLower(t);  // once for all words (each is lower case)
  for (std::string_view w : kWords) {
    if (lower.find(w) != std::string::npos) return true;
  }
  return false;
}

// Attribution verbs, each with a colon expected at the end of the joined line.
bool HasAttributionVerb(std::string_view s) {
  static constexpr std::array<std::string_view, 14> kVerbs = {
      "wrote",    "writes",  "schrieb", "écrit",     "escribió", "schreef", "scritto",
      "escreveu", "napisał", "skrev",   "kirjoitti", "написал",  "写道",    "寫道"};
  const std::string lower = AsciiLower(s);  // once for all verbs (each is lower case)
  for (std::string_view v : kVerbs) {
    if (lower.find(v) != std::string::npos) return true;
  }
  return false;
}

bool EndsWithColon(std::string_view s) { return s.ends_with(":") || s.ends_with("\xef\xbc\x9a"); }

bool HasAttributionPrefix(std::string_view t) {
  static constexpr std::array<std::string_view, 11> kPrefixes = {
      "On ", "Am ", "Le ", "El ", "Op ", "Il ", "Em ", "W dniu ", "Den ", "Dne ", "På "};
  for (std::string_view p : kPrefixes) {
    if (t.starts_with(p)) return true;
  }
  return false;
}

bool LooksDated(std::string_view s) {
  for (char c : s) {
    if (IsDigit(c) || c == '@' || c == '<') return true;
  }
  return false;
}

struct Attribution {
  size_t lines = 0;     // 0: not an attribution
  bool strong = false;  // "On <date>, <who> wrote:": may introduce an unmarked quoted copy
};

// An attribution starting at line i, possibly wrapped over up to three lines.
Attribution FindAttribution(const Lines& lines, size_t i) {
  std::string_view first = lines[i].trimmed;
  if (first.empty() || IsQuoted(first)) return {};
  const bool prefixed = HasAttributionPrefix(first);
  // Most lines end here: one line that is not "On ..." must end with a colon itself.
  if (!prefixed && !EndsWithColon(first)) return {};
  std::string joined;
  for (size_t k = 0; k < 3 && i + k < lines.size(); ++k) {
    std::string_view t = lines[i + k].trimmed;
    if (t.empty() || (k > 0 && IsQuoted(t))) break;
    if (joined.size() + t.size() + 1 > kMaxAttributionBytes) return {};
    if (k > 0) joined.push_back(' ');
    joined.append(t);
    if (!EndsWithColon(joined)) {
      if (!prefixed) break;  // only "On ..." attributions are looked for over wrapped lines
      continue;
    }
    if (!HasAttributionVerb(joined)) {
      // "2017-11-06 10:00 GMT+01:00 Name <a@b>:" (old Gmail) before a quote.
      if (k == 0 && joined.ends_with(">:")) {
        size_t j = NextNonBlank(lines, i + 1);
        if (j < lines.size() && j <= i + 2 && IsQuoted(lines[j].raw)) return {1, false};
      }
      if (!prefixed) break;
      continue;
    }
    const bool chinese = first.find("写道") != std::string_view::npos ||
                         first.find("寫道") != std::string_view::npos;
    if ((prefixed || chinese) && LooksDated(joined)) return {k + 1, true};
    // "Name wrote:" without a date: an attribution only when a quote follows.
    size_t j = NextNonBlank(lines, i + k + 1);
    if (j < lines.size() && j <= i + k + 2 && IsQuoted(lines[j].raw)) return {k + 1, false};
    return {};
  }
  return {};
}

bool IsSentFromLine(std::string_view t) {
  if (t.size() > 80) return false;
  static constexpr std::array<std::string_view, 9> kPrefixes = {
      "Sent from my ",     "Sent from Mail for",    "Sent from Outlook",
      "Get Outlook for ",  "Envoyé de mon ",        "Von meinem ",
      "Enviado desde mi ", "Verzonden vanaf mijn ", "发自我的"};
  for (std::string_view p : kPrefixes) {
    if (IStartsWith(t, p)) return true;
  }
  return false;
}

// "--" alone: a signature when only a few short lines follow (up to the end or a quote).
bool IsBareDashSignature(const Lines& lines, size_t i) {
  size_t nonblank = 0;
  for (size_t j = i + 1; j < lines.size(); ++j) {
    if (j > i + kLookahead) return false;
    std::string_view t = lines[j].trimmed;
    if (t.empty()) continue;
    if (IsQuoted(t) || FindAttribution(lines, j).lines > 0 || AllOf(t, '-', 10)) break;
    if (t.size() > 72 || ++nonblank > 6) return false;
  }
  return true;
}

// Lines from which everything is a footer or a quoted copy.
bool IsCut(const Lines& lines, size_t i, MirrorKind kind) {
  std::string_view raw = lines[i].raw;
  std::string_view t = lines[i].trimmed;
  if (raw == "-- " || (raw == "--" && (kind != MirrorKind::kNone || IsBareDashSignature(lines, i))))
    return true;
  if (t.empty()) return false;
  if (AllOf(t, '-', 10)) {
    size_t j = NextNonBlank(lines, i + 1);
    if (j < lines.size() && j <= i + 2) {
      std::string_view u = lines[j].trimmed;
      if (IStartsWith(u, "To unsubscribe") || IStartsWith(u, "This is an automated message"))
        return true;
    }
  }
  if (IStartsWith(t, "To unsubscribe, e-mail:") || IStartsWith(t, "To unsubscribe from this group"))
    return true;
  if (IStartsWith(t, "This is an automated message from the Apache Git Service")) return true;
  if (IsOriginalMessageLine(t)) return true;
  if (AllOf(t, '_', 10)) {
    size_t j = NextNonBlank(lines, i + 1);
    if (j < lines.size() && j <= i + 2 && IsHeaderKeyLine(lines[j].trimmed, true)) return true;
  }
  if (IsOutlookHeaderBlock(lines, i)) return true;
  // Mirror footers. The wording is specific enough to apply to any mail that carries it.
  if (IStartsWith(t, "Reply to this email directly") ||
      IStartsWith(t, "You are receiving this because") ||
      (IStartsWith(t, "Message ID: <") && IContains(t, "@github.com")))
    return true;
  if (kind == MirrorKind::kGitHub &&
      IStartsWith(t, "You can view, comment on, or merge this pull request online at"))
    return true;
  if (kind == MirrorKind::kGitBox && IStartsWith(t, "This is a PR merged from a forked repository"))
    return true;
  if (t.starts_with("[Visit Topic](") || IStartsWith(t, "To unsubscribe from these emails"))
    return true;
  return false;
}

// "<login> left a comment (owner/repo#N)": the first line of 2024+ GitHub mail.
bool IsGitHubHeaderLine(std::string_view t) {
  if (t.starts_with("@") && (t.ends_with(" this pull request.") || t.ends_with(" this issue.")))
    return true;
  if (!t.ends_with(")")) return false;
  size_t open = t.rfind(" (");
  if (open == std::string_view::npos || open == 0) return false;
  std::string_view ref = t.substr(open + 2, t.size() - open - 3);
  size_t slash = ref.find('/');
  size_t hash = ref.rfind('#');
  if (slash == std::string_view::npos || hash == std::string_view::npos || hash < slash ||
      hash + 1 == ref.size() || ref.find(' ') != std::string_view::npos)
    return false;
  for (char c : ref.substr(hash + 1)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// GitBox bodies open with "<login> commented on PR #N:" and "URL: ..."; the legacy
// git.apache.org bridge with "Github user <login> commented on ..." and an indented URL.
size_t SkipGitBoxHeader(const Lines& lines, size_t begin) {
  size_t i = NextNonBlank(lines, begin);
  for (size_t seen = 0; i < lines.size() && seen < 4; ++seen) {
    std::string_view t = lines[i].trimmed;
    if (t.starts_with("URL: http") || t.starts_with("https://github.com/")) return i + 1;
    i = NextNonBlank(lines, i + 1);
  }
  size_t first = NextNonBlank(lines, begin);
  if (first < lines.size() && IStartsWith(lines[first].trimmed, "Github user ")) return first + 1;
  return begin;
}

size_t LeadingSpaces(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && s[n] == ' ') ++n;
  return n;
}

// Marks lines inside ``` / ~~~ fences (unquoted, closed) so no rule touches code.
std::vector<char> FindFences(const Lines& lines, size_t begin) {
  std::vector<char> fenced(lines.size(), 0);
  size_t open = lines.size();
  for (size_t i = begin; i < lines.size(); ++i) {
    std::string_view t = TrimLeft(lines[i].raw);
    if (!t.starts_with("```") && !t.starts_with("~~~")) continue;
    if (open == lines.size()) {
      open = i;
    } else {
      for (size_t j = open; j <= i; ++j) fenced[j] = 1;
      open = lines.size();
    }
  }
  return fenced;
}

enum class Skip { kNone, kGitBoxDiff, kLegacyDiff, kDiscourseQuote };

}  // namespace

std::string ExtractOwnText(std::string_view body, MirrorKind mirror) {
  const Lines lines = SplitLines(body);
  size_t begin = 0;
  size_t dedent = 0;
  if (mirror == MirrorKind::kGitHub) {
    size_t first = NextNonBlank(lines, 0);
    if (first < lines.size() && IsGitHubHeaderLine(lines[first].trimmed)) begin = first + 1;
  } else if (mirror == MirrorKind::kGitBox) {
    begin = SkipGitBoxHeader(lines, 0);
    // The GitBox templates indent the comment (3 spaces; the legacy bridge 4).
    size_t first = NextNonBlank(lines, begin);
    if (first < lines.size()) dedent = std::min<size_t>(LeadingSpaces(lines[first].raw), 4);
  }
  const std::vector<char> fenced = FindFences(lines, begin);

  std::vector<std::string_view> out;
  std::vector<char> out_fenced;
  bool wrote_above = false;  // some own non-blank line was kept
  auto emit = [&](std::string_view s, bool code) {
    out.push_back(TrimRight(s));
    out_fenced.push_back(code ? 1 : 0);
    wrote_above = wrote_above || !Trim(s).empty();
  };

  Skip skip = Skip::kNone;
  for (size_t i = begin; i < lines.size(); ++i) {
    std::string_view line = lines[i].raw;
    if (dedent > 0) line.remove_prefix(std::min(dedent, LeadingSpaces(line)));
    if (fenced[i]) {
      if (skip == Skip::kNone) emit(line, true);
      continue;
    }
    if (IsCut(lines, i, mirror)) break;
    std::string_view t = lines[i].trimmed;  // the dedent took leading spaces only
    switch (skip) {
      case Skip::kGitBoxDiff:
        if (IEquals(t, "Review Comment:")) {
          skip = Skip::kNone;
          // The comment below is indented like the rest of the template.
          size_t next = NextNonBlank(lines, i + 1);
          if (next < lines.size()) dedent = std::min<size_t>(LeadingSpaces(lines[next].raw), 4);
        }
        continue;
      case Skip::kLegacyDiff:
        if (t.starts_with("--- End diff --")) skip = Skip::kNone;
        continue;
      case Skip::kDiscourseQuote:
        if (IContains(t, "[/quote]")) skip = Skip::kNone;
        continue;
      case Skip::kNone:
        break;
    }
    if (IsQuoted(line)) {
      if (IsEscapedFromLine(lines, i)) emit(TrimLeft(line).substr(1), false);
      continue;
    }
    if (mirror == MirrorKind::kGitBox && t.starts_with("##########")) {
      skip = Skip::kGitBoxDiff;
      continue;
    }
    if (t.starts_with("--- Diff: ")) {
      skip = Skip::kLegacyDiff;
      continue;
    }
    if (t.starts_with("[quote=")) {
      if (!IContains(t, "[/quote]")) skip = Skip::kDiscourseQuote;
      continue;
    }
    Attribution attr = FindAttribution(lines, i);
    if (attr.lines > 0) {
      size_t next = NextNonBlank(lines, i + attr.lines);
      // Unquoted text after "On <date> ... wrote:" is a quoted copy without markers, unless
      // nothing was written above it: then the markers were lost (an HTML-only client) and
      // the text below mixes both; keep it rather than return nothing.
      if (attr.strong && wrote_above && next < lines.size() && !IsQuoted(lines[next].raw) &&
          !fenced[next])
        break;
      i += attr.lines - 1;
      continue;
    }
    // GitHub review comments: "In path/to/file.md:" names the file of the quoted hunk.
    if (mirror == MirrorKind::kGitHub && t.starts_with("In ") && t.ends_with(":") &&
        t.find(' ', 3) == std::string_view::npos) {
      size_t next = NextNonBlank(lines, i + 1);
      if (next < lines.size() && IsQuoted(lines[next].raw)) continue;
    }
    if (IsSentFromLine(t)) continue;
    emit(line, false);
  }

  // Drop trailing separators and blank lines; collapse blank runs (two in code, else one).
  size_t end = out.size();
  while (end > 0 && (Trim(out[end - 1]).empty() || IsSeparatorOnly(Trim(out[end - 1])))) --end;
  std::string text;
  text.reserve(body.size() < 4096 ? body.size() : 4096);
  size_t blanks = 0;
  bool started = false;
  for (size_t k = 0; k < end; ++k) {
    if (Trim(out[k]).empty()) {
      ++blanks;
      continue;
    }
    if (started) {
      size_t allowed = out_fenced[k] ? 2 : 1;
      text.append(std::min(blanks, allowed) + 1, '\n');
    }
    blanks = 0;
    started = true;
    text.append(out[k]);
  }
  return text;
}

}  // namespace quorum::parse
