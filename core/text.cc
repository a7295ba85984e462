// SPDX-License-Identifier: Apache-2.0
// ASCII and UTF-8 helpers.
#include "core/text.h"

#include <cstdint>
#include <cstring>

namespace quorum {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

std::string_view Trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
    return;
  }
  char b[4];
  size_t n;
  if (cp < 0x800) {
    b[0] = static_cast<char>(0xC0 | (cp >> 6));
    n = 2;
  } else if (cp < 0x10000) {
    b[0] = static_cast<char>(0xE0 | (cp >> 12));
    b[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    n = 3;
  } else {
    b[0] = static_cast<char>(0xF0 | (cp >> 18));
    b[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    b[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    n = 4;
  }
  b[n - 1] = static_cast<char>(0x80 | (cp & 0x3F));
  out->append(b, n);
}

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is invalid.
size_t ValidSequenceLength(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n;
  char32_t min;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  char32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

}  // namespace

char32_t NextCodePoint(std::string_view s, size_t* i) {
  size_t n = ValidSequenceLength(s, *i);
  if (n == 0) {
    ++*i;
    return 0xFFFD;
  }
  unsigned char lead = static_cast<unsigned char>(s[*i]);
  char32_t cp = n == 1 ? lead : (lead & (0x7F >> n));
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += n;
  return cp;
}

size_t AsciiRunEnd(std::string_view s, size_t i) {
  while (i + 8 <= s.size()) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if ((w & 0x8080808080808080ULL) != 0) break;
    i += 8;
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

namespace {

// The offset of the first invalid UTF-8 sequence in s, or s.size().
size_t FirstInvalid(std::string_view s, size_t i) {
  for (;;) {
    i = AsciiRunEnd(s, i);
    if (i >= s.size()) return s.size();
    size_t n = ValidSequenceLength(s, i);
    if (n == 0) return i;
    i += n;
  }
}

}  // namespace

bool IsValidUtf8(std::string_view s) { return FirstInvalid(s, 0) == s.size(); }

std::string SanitizeUtf8(std::string_view s) {
  size_t bad = FirstInvalid(s, 0);
  if (bad == s.size()) return std::string(s);  // the common case: one copy
  std::string out;
  out.reserve(s.size() + 16);
  size_t i = 0;
  while (i < s.size()) {
    out.append(s, i, bad - i);
    if (bad == s.size()) break;
    out += "\xEF\xBF\xBD";
    i = bad + 1;
    bad = FirstInvalid(s, i);
  }
  return out;
}

int WordCount(std::string_view s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

std::string CutAtWord(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = s.rfind(' ', max);
  if (cut == std::string::npos || cut < max / 2) cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + " ...";
}

}  // namespace quorum
