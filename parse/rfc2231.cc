// SPDX-License-Identifier: Apache-2.0
// Structured MIME fields: value, parameters, RFC 2231 continuations and charsets, RFC 2047 words.
#include "parse/rfc2231.h"

#include <algorithm>
#include <map>

#include "core/text.h"
#include "parse/charset.h"
#include "parse/rfc2047.h"

namespace quorum::parse {
namespace {

int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size() && HexValue(in[i + 1]) >= 0 && HexValue(in[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2])));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

// Skips whitespace and (possibly nested) comments from raw[*i]; an unclosed comment ends the
// value.
void SkipCfws(std::string_view raw, size_t* i) {
  size_t n = raw.size();
  while (*i < n) {
    if (IsSpace(raw[*i])) {
      ++*i;
    } else if (raw[*i] == '(') {
      int depth = 0;
      while (*i < n) {
        if (raw[*i] == '\\') {
          *i += 2;
          continue;
        }
        if (raw[*i] == '(') ++depth;
        if (raw[*i] == ')' && --depth == 0) {
          ++*i;
          break;
        }
        ++*i;
      }
      if (*i > n) *i = n;
    } else {
      break;
    }
  }
}

// The field value before the first ';' ("text/plain"), lower case, without spaces or comments;
// leaves *i at the ';' or the end.
std::string ReadFieldValue(std::string_view raw, size_t* i) {
  size_t n = raw.size();
  SkipCfws(raw, i);
  size_t start = *i;
  while (*i < n && raw[*i] != ';' && raw[*i] != '(') ++*i;
  std::string value = AsciiLower(Trim(raw.substr(start, *i - start)));
  // Strip inner whitespace ("text / plain").
  value.erase(std::remove_if(value.begin(), value.end(), IsSpace), value.end());
  while (*i < n && raw[*i] != ';') {
    SkipCfws(raw, i);
    if (*i < n && raw[*i] != ';') ++*i;
  }
  return value;
}

// One "name=value" as written, the value unquoted.
struct RawParam {
  std::string name;  // lower case; empty when there is none
  std::string value;
  bool quoted = false;
  bool ok = false;  // there was an '='
};

// Reads the parameter after the ';' at raw[*i]; leaves *i at the next ';' or the end.
RawParam ReadParameter(std::string_view raw, size_t* i, bool* had_error) {
  size_t n = raw.size();
  RawParam p;
  ++*i;  // past ';'
  SkipCfws(raw, i);
  size_t ns = *i;
  while (*i < n && raw[*i] != '=' && raw[*i] != ';' && !IsSpace(raw[*i])) ++*i;
  p.name = AsciiLower(raw.substr(ns, *i - ns));
  SkipCfws(raw, i);
  if (*i >= n || raw[*i] != '=') {
    if (!p.name.empty() && had_error) *had_error = true;
    while (*i < n && raw[*i] != ';') ++*i;
    return p;
  }
  p.ok = true;
  ++*i;  // past '='
  SkipCfws(raw, i);
  if (*i < n && raw[*i] == '"') {
    p.quoted = true;
    ++*i;
    while (*i < n && raw[*i] != '"') {
      if (raw[*i] == '\\' && *i + 1 < n) ++*i;
      p.value.push_back(raw[*i]);
      ++*i;
    }
    if (*i >= n) {
      if (had_error) *had_error = true;  // unterminated quoted string
    } else {
      ++*i;
    }
  } else {
    size_t vs = *i;
    while (*i < n && raw[*i] != ';' && !IsSpace(raw[*i])) ++*i;
    p.value = std::string(raw.substr(vs, *i - vs));
  }
  while (*i < n && raw[*i] != ';') ++*i;  // junk after the value
  return p;
}

struct Piece {
  std::string text;
  bool extended = false;  // "*" form: percent-encoded, charset in section 0
};

// Every section of one parameter name, before joining.
struct Param {
  std::string plain;
  bool have_plain = false;
  std::map<int, Piece> sections;
};

// Files `rp` (name, name*, name*N, name*N*) under its base name; the first of each wins.
void AddParameter(RawParam rp, std::vector<std::string>* order,
                  std::map<std::string, Param>* params, bool* had_error) {
  std::string base = rp.name;
  int section = -1;
  bool extended = false;
  size_t star = rp.name.find('*');
  if (star != std::string::npos) {
    base = rp.name.substr(0, star);
    std::string rest = rp.name.substr(star + 1);
    if (!rest.empty() && rest.back() == '*') {
      extended = true;
      rest.pop_back();
    }
    if (rest.empty()) {
      section = 0;
      extended = true;  // "name*=" is extended, a single section
    } else if (rest.size() <= 4 && std::all_of(rest.begin(), rest.end(), IsDigit)) {
      section = std::stoi(rest);
    } else {
      if (had_error) *had_error = true;
      return;
    }
  }
  if (params->find(base) == params->end()) order->push_back(base);
  Param& p = (*params)[base];
  if (section < 0) {
    if (!p.have_plain) {
      p.plain = rp.quoted || rp.value.find("=?") != std::string::npos
                    ? DecodeHeaderText(rp.value, had_error)
                    : rp.value;
      p.have_plain = true;
    }
  } else if (p.sections.find(section) == p.sections.end()) {
    p.sections[section] = Piece{std::move(rp.value), extended};
  }
}

// RFC 2231 section 4.1: the charset comes from section 0; percent-decode extended pieces,
// concatenate the octets, then convert once.
std::string JoinSections(const std::map<int, Piece>& sections, bool* had_error) {
  std::string charset;
  std::string bytes;
  bool first = true;
  for (const auto& [num, piece] : sections) {
    std::string_view t = piece.text;
    if (first && piece.extended) {
      size_t q1 = t.find('\'');
      size_t q2 = q1 == std::string_view::npos ? q1 : t.find('\'', q1 + 1);
      if (q2 != std::string_view::npos) {
        charset = std::string(t.substr(0, q1));
        t = t.substr(q2 + 1);
      }
    }
    first = false;
    bytes += piece.extended ? PercentDecode(t) : std::string(t);
  }
  if (Trim(charset).empty()) return RawTextToUtf8(bytes);
  bool known = true;
  std::string value = ToUtf8(bytes, charset, &known);
  if (!known && had_error) *had_error = true;
  return value;
}

}  // namespace

std::string DecodeRfc2231Value(std::string_view value, bool* had_error) {
  size_t q1 = value.find('\'');
  size_t q2 = q1 == std::string_view::npos ? q1 : value.find('\'', q1 + 1);
  std::string_view charset;
  std::string_view text = value;
  if (q2 != std::string_view::npos) {
    charset = value.substr(0, q1);
    text = value.substr(q2 + 1);
  }
  std::string bytes = PercentDecode(text);
  if (Trim(charset).empty()) return RawTextToUtf8(bytes);
  bool known = true;
  std::string out = ToUtf8(bytes, charset, &known);
  if (!known && had_error) *had_error = true;
  return out;
}

MimeField ParseMimeField(std::string_view raw, bool* had_error) {
  MimeField field;
  size_t i = 0;
  field.value = ReadFieldValue(raw, &i);
  std::vector<std::string> order;
  std::map<std::string, Param> params;
  while (i < raw.size()) {
    RawParam rp = ReadParameter(raw, &i, had_error);
    if (!rp.ok || rp.name.empty()) continue;
    AddParameter(std::move(rp), &order, &params, had_error);
  }
  for (const std::string& name : order) {
    const Param& p = params[name];
    std::string value = p.sections.empty() ? p.plain : JoinSections(p.sections, had_error);
    field.params.emplace_back(name, SanitizeUtf8(value));
  }
  return field;
}

std::string MimeParam(const MimeField& field, std::string_view name) {
  for (const auto& [k, v] : field.params) {
    if (k == name) return v;
  }
  return "";
}

}  // namespace quorum::parse
