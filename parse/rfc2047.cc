// SPDX-License-Identifier: Apache-2.0
// RFC 2047 encoded words (strict and lenient forms) and RFC 2231 parameters, decoded to UTF-8.
#include "parse/rfc2047.h"

#include <algorithm>
#include <map>

#include "core/text.h"
#include "parse/charset.h"

namespace quorum::parse {
namespace {

bool IsWsp(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Lenient base64: characters outside the alphabet are skipped, missing padding is accepted.
// Returns false when bits are left over that cannot form a byte, or junk was seen.
bool DecodeBase64(std::string_view in, std::string* out) {
  uint32_t acc = 0;
  int bits = 0;
  bool clean = true;
  bool padded = false;
  for (char c : in) {
    if (c == '=') {
      padded = true;
      continue;
    }
    int v = Base64Value(c);
    if (v < 0) {
      clean = false;
      continue;
    }
    if (padded) clean = false;  // data after padding
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  if (bits >= 6) clean = false;  // a lone sextet: one character too many or too few
  return clean;
}

// RFC 2047 "Q": '_' is a space, "=XX" a byte; a stray '=' is kept as written.
void DecodeQ(std::string_view in, std::string* out) {
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '_') {
      out->push_back(' ');
    } else if (c == '=' && i + 2 < in.size() && HexValue(in[i + 1]) >= 0 &&
               HexValue(in[i + 2]) >= 0) {
      out->push_back(static_cast<char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2])));
      i += 2;
    } else {
      out->push_back(c);
    }
  }
}

// Raw header bytes: UTF-8 when valid, else `fallback` if allowlisted, else Windows-1252 (the
// common mislabelled case).
void AppendRaw(std::string_view raw, std::string* out, std::string_view fallback = {}) {
  if (IsValidUtf8(raw)) {
    out->append(raw);
  } else if (!fallback.empty() && !CanonicalCharset(fallback).empty()) {
    out->append(ToUtf8(raw, fallback, nullptr));
  } else {
    out->append(ToUtf8(raw, "windows-1252", nullptr));
  }
}

struct EncodedWord {
  size_t end = 0;       // index just past "?="
  std::string charset;  // as written (may carry an RFC 2231 "*lang" suffix)
  std::string bytes;    // decoded octets, still in `charset`
  bool bad = false;     // decoding problem (bad base64, missing charset)
};

// Tries to read an encoded word at value[pos] (which starts with "=?"). The charset may not
// contain whitespace or '?'; the text may contain '?' (lenient) but no whitespace and ends at
// the first "?=" after it.
// On failure *resume is where the next search may start: when no "?=" was found before the
// next whitespace, no word can start before that point either (keeps the scan linear).
bool ReadEncodedWord(std::string_view v, size_t pos, EncodedWord* ew, size_t* resume) {
  *resume = pos + 1;
  size_t p = pos + 2;
  size_t q1 = p;
  while (q1 < v.size() && v[q1] != '?' && !IsWsp(v[q1])) ++q1;
  if (q1 >= v.size() || v[q1] != '?') return false;
  if (q1 + 2 >= v.size() || v[q1 + 2] != '?') return false;
  char enc = v[q1 + 1];
  if (enc != 'Q' && enc != 'q' && enc != 'B' && enc != 'b') return false;
  size_t text = q1 + 3;
  size_t close = text;
  for (;;) {
    if (close + 1 >= v.size()) {
      *resume = v.size();
      return false;
    }
    if (IsWsp(v[close])) {
      *resume = close;
      return false;
    }
    if (v[close] == '?' && v[close + 1] == '=') break;
    ++close;
  }
  ew->charset = std::string(v.substr(p, q1 - p));
  ew->end = close + 2;
  ew->bytes.clear();
  ew->bad = false;
  std::string_view t = v.substr(text, close - text);
  if (enc == 'B' || enc == 'b') {
    ew->bad = !DecodeBase64(t, &ew->bytes);
  } else {
    DecodeQ(t, &ew->bytes);
  }
  if (Trim(ew->charset).empty()) ew->bad = true;
  return true;
}

// Charsets compare equal for joining when their canonical names agree (or labels do).
bool SameCharset(const std::string& a, const std::string& b) {
  if (IEquals(a, b)) return true;
  std::string ca = CanonicalCharset(a);
  return !ca.empty() && ca == CanonicalCharset(b);
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

}  // namespace

std::string DecodeHeaderText(std::string_view value, bool* had_error) {
  return DecodeHeaderText(value, std::string_view(), had_error);
}

std::string DecodeHeaderText(std::string_view value, std::string_view raw_charset,
                             bool* had_error) {
  std::string out;
  out.reserve(value.size());
  // Pending run of encoded words in one charset, joined before conversion so that a multibyte
  // character split across two words survives (RFC 2047 section 5 forbids the split; mailers
  // do it anyway).
  std::string pending_bytes;
  std::string pending_charset;
  bool have_pending = false;
  auto flush = [&]() {
    if (!have_pending) return;
    bool known = true;
    if (Trim(pending_charset).empty()) {
      AppendRaw(pending_bytes, &out, raw_charset);
    } else {
      out.append(ToUtf8(pending_bytes, pending_charset, &known));
      if (!known && had_error) *had_error = true;
    }
    pending_bytes.clear();
    have_pending = false;
  };
  size_t pos = 0;
  size_t raw_start = 0;  // start of literal text not yet emitted
  EncodedWord ew;
  while (pos < value.size()) {
    size_t found = value.find("=?", pos);
    if (found == std::string_view::npos) break;
    size_t resume = 0;
    if (!ReadEncodedWord(value, found, &ew, &resume)) {
      pos = std::max(resume, found + 1);
      continue;
    }
    std::string_view between = value.substr(raw_start, found - raw_start);
    bool only_space = std::all_of(between.begin(), between.end(), IsWsp);
    if (!(have_pending && only_space)) {
      // Literal text separates the words: flush and emit it as written.
      flush();
      AppendRaw(between, &out, raw_charset);
    }
    if (have_pending && !SameCharset(pending_charset, ew.charset)) flush();
    if (!have_pending) {
      pending_charset = ew.charset;
      have_pending = true;
    }
    pending_bytes += ew.bytes;
    if (ew.bad && had_error) *had_error = true;
    pos = raw_start = ew.end;
  }
  flush();
  AppendRaw(value.substr(raw_start), &out, raw_charset);
  return SanitizeUtf8(out);
}

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
  if (Trim(charset).empty()) {
    std::string out;
    AppendRaw(bytes, &out);
    return out;
  }
  bool known = true;
  std::string out = ToUtf8(bytes, charset, &known);
  if (!known && had_error) *had_error = true;
  return out;
}

MimeField ParseMimeField(std::string_view raw, bool* had_error) {
  MimeField field;
  size_t i = 0;
  size_t n = raw.size();
  auto skip_cfws = [&]() {
    // Skips whitespace and (possibly nested) comments; an unclosed comment ends the value.
    while (i < n) {
      if (IsWsp(raw[i])) {
        ++i;
      } else if (raw[i] == '(') {
        int depth = 0;
        while (i < n) {
          if (raw[i] == '\\') {
            i += 2;
            continue;
          }
          if (raw[i] == '(') ++depth;
          if (raw[i] == ')' && --depth == 0) {
            ++i;
            break;
          }
          ++i;
        }
        if (i > n) i = n;
      } else {
        break;
      }
    }
  };
  skip_cfws();
  size_t start = i;
  while (i < n && raw[i] != ';' && raw[i] != '(') ++i;
  field.value = AsciiLower(Trim(raw.substr(start, i - start)));
  // Strip inner whitespace ("text / plain").
  field.value.erase(std::remove_if(field.value.begin(), field.value.end(), IsWsp),
                    field.value.end());
  while (i < n && raw[i] != ';') {
    skip_cfws();
    if (i < n && raw[i] != ';') ++i;
  }

  struct Piece {
    std::string text;
    bool extended = false;  // "*" form: percent-encoded, charset in section 0
  };
  struct Param {
    std::string plain;
    bool have_plain = false;
    std::map<int, Piece> sections;
  };
  std::vector<std::string> order;
  std::map<std::string, Param> params;

  while (i < n) {
    ++i;  // past ';'
    skip_cfws();
    size_t ns = i;
    while (i < n && raw[i] != '=' && raw[i] != ';' && !IsWsp(raw[i])) ++i;
    std::string name = AsciiLower(raw.substr(ns, i - ns));
    skip_cfws();
    if (i >= n || raw[i] != '=') {
      if (!name.empty() && had_error) *had_error = true;
      while (i < n && raw[i] != ';') ++i;
      continue;
    }
    ++i;  // past '='
    skip_cfws();
    std::string val;
    bool quoted = false;
    if (i < n && raw[i] == '"') {
      quoted = true;
      ++i;
      while (i < n && raw[i] != '"') {
        if (raw[i] == '\\' && i + 1 < n) ++i;
        val.push_back(raw[i]);
        ++i;
      }
      if (i >= n) {
        if (had_error) *had_error = true;  // unterminated quoted string
      } else {
        ++i;
      }
    } else {
      size_t vs = i;
      while (i < n && raw[i] != ';' && !IsWsp(raw[i])) ++i;
      val = std::string(raw.substr(vs, i - vs));
    }
    while (i < n && raw[i] != ';') ++i;  // junk after the value
    if (name.empty()) continue;

    // name, name*, name*N, name*N*
    std::string base = name;
    int section = -1;
    bool extended = false;
    size_t star = name.find('*');
    if (star != std::string::npos) {
      base = name.substr(0, star);
      std::string rest = name.substr(star + 1);
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
        continue;
      }
    }
    if (params.find(base) == params.end()) order.push_back(base);
    Param& p = params[base];
    if (section < 0) {
      if (!p.have_plain) {
        p.plain =
            quoted || val.find("=?") != std::string::npos ? DecodeHeaderText(val, had_error) : val;
        p.have_plain = true;
      }
    } else if (p.sections.find(section) == p.sections.end()) {
      p.sections[section] = Piece{std::move(val), extended};
    }
  }

  for (const std::string& name : order) {
    const Param& p = params[name];
    std::string value;
    if (!p.sections.empty()) {
      // RFC 2231 section 4.1: the charset comes from section 0; percent-decode extended pieces,
      // concatenate the octets, then convert once.
      std::string charset;
      std::string bytes;
      bool first = true;
      for (const auto& [num, piece] : p.sections) {
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
      if (!Trim(charset).empty()) {
        bool known = true;
        value = ToUtf8(bytes, charset, &known);
        if (!known && had_error) *had_error = true;
      } else {
        value.clear();
        AppendRaw(bytes, &value);
      }
    } else {
      value = p.plain;
    }
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
