// SPDX-License-Identifier: Apache-2.0
// HTML escaping and allowlists (public-inbox Hval.pm and ../shared/docs/reliability.md section 2 as
// anchors).
#include "report/html_escape.h"

#include <array>
#include <cstdio>
#include <string_view>

#include "core/hash.h"
#include "core/text.h"

namespace quorum::report {
namespace {

bool ShowAsEscape(char32_t cp) {
  if (cp == '\n' || cp == '\t') return false;
  // Noncharacters (U+FDD0-U+FDEF and the last two code points of every plane): U+FFFE and
  // U+FFFF are not XML characters at all, so one in a subject made feed.xml unreadable.
  bool noncharacter = (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C ||
         noncharacter;
}

// ASCII that EscapeHtml copies as it is (what ShowAsEscape keeps of the controls, and no markup).
// A table: this runs on every byte of every page.
bool IsPlainAscii(unsigned char c) {
  static constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> t{};
    for (int b = 0x20; b < 0x7F; ++b) t[static_cast<size_t>(b)] = true;
    for (char x : std::string_view("&<>\"'")) t[static_cast<unsigned char>(x)] = false;
    t['\n'] = true;
    t['\t'] = true;
    return t;
  }();
  return kPlain[c];
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (size_t i = 0; i < text.size();) {
    // Fast path: a run of ASCII that needs no escaping (newlines and tabs included), copied whole.
    size_t run = i;
    while (run < text.size() && IsPlainAscii(static_cast<unsigned char>(text[run]))) ++run;
    if (run > i) {
      out.append(text.data() + i, run - i);
      i = run;
      if (i == text.size()) break;
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    // The rest of ASCII.
    if (c >= 0x20 && c < 0x7F) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&#39;";
          break;
        default:
          out.push_back(static_cast<char>(c));
      }
      ++i;
      continue;
    }
    char32_t cp = NextCodePoint(text, &i);
    if (ShowAsEscape(cp)) {
      char buf[16];
      snprintf(buf, sizeof buf, cp < 0x100 ? "\\x%02X" : "\\u%04X", static_cast<unsigned>(cp));
      out += buf;
    } else {
      AppendUtf8(cp, &out);
    }
  }
  return out;
}

std::string SafeUrl(std::string_view url) {
  if (!(IStartsWith(url, "https://") || IStartsWith(url, "http://") ||
        IStartsWith(url, "mailto:"))) {
    return "";
  }
  for (char ch : url) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' ||
        c == '\\') {
      return "";
    }
  }
  return std::string(url);
}

std::string SafeFileName(std::string_view text, size_t max_len) {
  std::string out;
  bool dash = false;
  for (char ch : text) {
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '.' || ch == '_' || ch == '-';
    if (ok && ch != '-') {
      out.push_back(ch);
      dash = false;
    } else if (!dash) {
      out.push_back('-');
      dash = true;
    }
  }
  size_t start = out.find_first_not_of(".-");
  out = start == std::string::npos ? std::string() : out.substr(start);
  while (!out.empty() && (out.back() == '.' || out.back() == '-')) out.pop_back();
  if (max_len < 12) max_len = 12;
  bool changed = out != text;
  if (out.size() > max_len - 11) {
    out.resize(max_len - 11);
    changed = true;
  }
  if (changed || out.empty()) {
    if (!out.empty()) out.push_back('-');
    out += Sha256Hex(text).substr(0, 10);
  }
  return out;
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace quorum::report
