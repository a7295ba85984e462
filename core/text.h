// SPDX-License-Identifier: Apache-2.0
// Small ASCII and UTF-8 string helpers shared by every stage.
#pragma once

#include <string>
#include <string_view>

namespace quorum {

char AsciiLower(char c);
std::string AsciiLower(std::string_view s);
bool IEquals(std::string_view a, std::string_view b);  // ASCII case-insensitive
bool IStartsWith(std::string_view s, std::string_view prefix);
std::string_view Trim(std::string_view s);  // spaces, tabs, CR, LF at both ends

// Replaces every invalid UTF-8 sequence with U+FFFD; valid input comes back unchanged.
std::string SanitizeUtf8(std::string_view s);
bool IsValidUtf8(std::string_view s);

// Appends code point `cp` to `out` as UTF-8 (invalid code points become U+FFFD).
void AppendUtf8(char32_t cp, std::string* out);

}  // namespace quorum
