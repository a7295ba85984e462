// SPDX-License-Identifier: Apache-2.0
// Small ASCII and UTF-8 string helpers shared by every stage.
#pragma once

#include <string>
#include <string_view>

namespace quorum {

// ASCII character classes (no locale): the one home for these tests in every stage.
constexpr bool IsDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool IsAlnum(char c) { return IsAlpha(c) || IsDigit(c); }
constexpr bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}  // as Trim

constexpr char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
std::string AsciiLower(std::string_view s);
// ASCII case-insensitive. Inline: header lookups call it for every field of every message.
inline bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}
inline bool IStartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && IEquals(s.substr(0, prefix.size()), prefix);
}
std::string_view Trim(std::string_view s);  // spaces, tabs, CR, LF at both ends

// The end of the ASCII run that starts at s[i] (s.size() when the rest is ASCII), eight bytes
// at a time: mail is mostly ASCII.
size_t AsciiRunEnd(std::string_view s, size_t i);

// Replaces every invalid UTF-8 sequence with U+FFFD; valid input comes back unchanged.
std::string SanitizeUtf8(std::string_view s);
bool IsValidUtf8(std::string_view s);

// Decodes the UTF-8 sequence at s[*i] and moves *i past it. An invalid sequence (overlong,
// surrogate, truncated, stray byte) gives U+FFFD and moves *i by one byte. *i < s.size().
char32_t NextCodePoint(std::string_view s, size_t* i);

// Appends code point `cp` to `out` as UTF-8 (invalid code points become U+FFFD).
void AppendUtf8(char32_t cp, std::string* out);

// The number of words in `s`: runs of characters other than space, tab and newline.
int WordCount(std::string_view s);

// `s` when it is at most `max` bytes; else cut at the last space before `max` (or at `max` when
// that space is in the first half), never inside a UTF-8 sequence, with " ..." appended.
std::string CutAtWord(const std::string& s, size_t max);

}  // namespace quorum
