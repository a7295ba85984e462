// SPDX-License-Identifier: Apache-2.0
// RFC 2047 encoded words (strict and lenient forms), decoded to UTF-8.
#include "parse/rfc2047.h"

#include <algorithm>

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
  out->append(RawTextToUtf8(raw, fallback));
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

}  // namespace quorum::parse
