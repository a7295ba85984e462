// SPDX-License-Identifier: Apache-2.0
// Charset conversion to UTF-8: an allowlist in front of glibc iconv, Windows-1252 as fallback.
#include "parse/charset.h"

#include <errno.h>
#include <iconv.h>

#include <array>

#include "core/text.h"

namespace quorum::parse {
namespace {

// Windows-1252 0x80-0x9F; 0 marks the five undefined bytes (they become U+FFFD).
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// A single-byte charset to UTF-8: ASCII runs are copied whole, every other byte goes through
// `high` (its code point).
template <typename High>
std::string FromSingleByte(std::string_view bytes, High high) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  size_t i = 0;
  while (i < bytes.size()) {
    size_t end = AsciiRunEnd(bytes, i);
    out.append(bytes.data() + i, end - i);
    if (end == bytes.size()) break;
    AppendUtf8(high(static_cast<unsigned char>(bytes[end])), &out);
    i = end + 1;
  }
  return out;
}

std::string FromWindows1252(std::string_view bytes) {
  return FromSingleByte(bytes, [](unsigned char u) -> char32_t {
    if (u >= 0xA0) return u;
    char16_t cp = kCp1252High[u - 0x80];
    return cp ? cp : 0xFFFD;
  });
}

std::string FromLatin1(std::string_view bytes) {
  return FromSingleByte(bytes, [](unsigned char u) -> char32_t { return u; });
}

// Converts with iconv; invalid or truncated sequences become U+FFFD. Returns false when iconv
// cannot open the conversion. The handle lives only for this call (no global state).
bool IconvToUtf8(std::string_view bytes, const std::string& from, std::string* out) {
  iconv_t cd = iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  char buf[4096];
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  bool done = false;
  while (!done) {
    char* o = buf;
    size_t o_left = sizeof(buf);
    size_t r =
        in_left ? iconv(cd, &in, &in_left, &o, &o_left) : iconv(cd, nullptr, nullptr, &o, &o_left);
    int err = errno;
    out->append(buf, static_cast<size_t>(o - buf));
    if (r != static_cast<size_t>(-1)) {
      if (in_left == 0) {
        // Flush the shift state once, then stop.
        o = buf;
        o_left = sizeof(buf);
        iconv(cd, nullptr, nullptr, &o, &o_left);
        out->append(buf, static_cast<size_t>(o - buf));
        done = true;
      }
      continue;
    }
    if (err == E2BIG) continue;
    if (err == EILSEQ && in_left > 0) {
      AppendUtf8(0xFFFD, out);
      ++in;
      --in_left;
      continue;
    }
    // EINVAL: incomplete sequence at the end of the input, or anything unexpected.
    if (in_left > 0) AppendUtf8(0xFFFD, out);
    done = true;
  }
  iconv_close(cd);
  return true;
}

std::string Normalize(std::string_view label) {
  std::string s = AsciiLower(Trim(label));
  while (!s.empty() && (s.front() == '"' || s.front() == '\'')) s.erase(0, 1);
  while (!s.empty() && (s.back() == '"' || s.back() == '\'')) s.pop_back();
  // RFC 2231 language suffix ("utf-8*en") is not part of the charset.
  size_t star = s.find('*');
  if (star != std::string::npos) s.resize(star);
  return std::string(Trim(s));
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string CanonicalCharset(std::string_view label) {
  std::string s = Normalize(label);
  if (s.empty()) return "";
  struct Alias {
    const char* label;
    const char* name;
  };
  // Explicit aliases. ISO-2022-JP-3 and the IBM EBCDIC kanji sets are deliberately absent:
  // glibc aborts on some of their inputs (CVE-2021-3326, CVE-2026-4046).
  static constexpr Alias kAliases[] = {
      {"utf-8", "UTF-8"},
      {"utf8", "UTF-8"},
      {"us-ascii", "US-ASCII"},
      {"ascii", "US-ASCII"},
      {"ansi_x3.4-1968", "US-ASCII"},
      {"iso646-us", "US-ASCII"},
      {"us", "US-ASCII"},
      {"latin1", "ISO-8859-1"},
      {"latin-1", "ISO-8859-1"},
      {"l1", "ISO-8859-1"},
      {"latin2", "ISO-8859-2"},
      {"latin-2", "ISO-8859-2"},
      {"latin9", "ISO-8859-15"},
      {"latin-9", "ISO-8859-15"},
      {"koi8-r", "KOI8-R"},
      {"koi8-u", "KOI8-U"},
      {"gb2312", "GBK"},
      {"euc-cn", "GBK"},
      {"gbk", "GBK"},
      {"x-gbk", "GBK"},
      {"cp936", "GBK"},
      {"gb18030", "GB18030"},
      {"big5", "BIG5"},
      {"big5-hkscs", "BIG5-HKSCS"},
      {"cp950", "BIG5"},
      {"shift_jis", "SHIFT_JIS"},
      {"shift-jis", "SHIFT_JIS"},
      {"sjis", "SHIFT_JIS"},
      {"x-sjis", "SHIFT_JIS"},
      {"ms_kanji", "SHIFT_JIS"},
      {"cp932", "CP932"},
      {"windows-31j", "CP932"},
      {"euc-jp", "EUC-JP"},
      {"x-euc-jp", "EUC-JP"},
      {"euc-kr", "EUC-KR"},
      {"ks_c_5601-1987", "CP949"},
      {"cp949", "CP949"},
      {"iso-2022-jp", "ISO-2022-JP"},
      {"iso-2022-jp-2", "ISO-2022-JP-2"},
      {"utf-16", "UTF-16"},
      {"utf-16be", "UTF-16BE"},
      {"utf-16le", "UTF-16LE"},
      {"utf-7", "UTF-7"},
      {"unicode-1-1-utf-7", "UTF-7"},
  };
  for (const Alias& a : kAliases) {
    if (s == a.label) return a.name;
  }
  // ISO-8859-N in its spellings: iso-8859-N, iso8859-N, iso_8859-N, iso8859N.
  for (std::string_view prefix : {"iso-8859-", "iso8859-", "iso_8859-", "iso8859_", "iso8859"}) {
    if (s.size() > prefix.size() && s.compare(0, prefix.size(), prefix) == 0) {
      std::string_view n = std::string_view(s).substr(prefix.size());
      size_t colon = n.find(':');  // "iso_8859-1:1987"
      if (colon != std::string_view::npos) n = n.substr(0, colon);
      if (AllDigits(n) && n.size() <= 2) {
        int v = std::stoi(std::string(n));
        if (v >= 1 && v <= 16 && v != 12) return "ISO-8859-" + std::to_string(v);
      }
      return "";
    }
  }
  // Windows-125N in its spellings: windows-125N, cp125N, x-cp125N, win-125N.
  for (std::string_view prefix : {"windows-", "cp", "x-cp", "win-"}) {
    if (s.size() == prefix.size() + 4 && s.compare(0, prefix.size(), prefix) == 0) {
      std::string_view n = std::string_view(s).substr(prefix.size());
      if (n.substr(0, 3) == "125" && n[3] >= '0' && n[3] <= '8') {
        return "WINDOWS-" + std::string(n);
      }
    }
  }
  return "";
}

std::string ToUtf8(std::string_view bytes, std::string_view charset, bool* known) {
  std::string name = CanonicalCharset(charset);
  if (known) *known = !name.empty();
  if (name.empty()) return FromWindows1252(bytes);
  // Fast paths that need no iconv. US-ASCII is decoded as UTF-8: mislabelled UTF-8 is common
  // and the ASCII range is identical.
  // Pure ASCII is itself in every charset but the 16-bit and shifting ones: one copy.
  if (!name.starts_with("UTF-16") && name != "UTF-7" && !name.starts_with("ISO-2022") &&
      AsciiRunEnd(bytes, 0) == bytes.size()) {
    return std::string(bytes);
  }
  if (name == "UTF-8" || name == "US-ASCII") return SanitizeUtf8(bytes);
  if (name == "ISO-8859-1") return FromLatin1(bytes);
  if (name == "WINDOWS-1252") return FromWindows1252(bytes);
  std::string out;
  out.reserve(bytes.size() * 2);
  if (!IconvToUtf8(bytes, name, &out)) {
    if (known) *known = false;
    return FromWindows1252(bytes);
  }
  return SanitizeUtf8(out);
}

std::string RawTextToUtf8(std::string_view raw, std::string_view fallback) {
  if (IsValidUtf8(raw)) return std::string(raw);
  if (!fallback.empty() && !CanonicalCharset(fallback).empty()) {
    return ToUtf8(raw, fallback, nullptr);
  }
  return ToUtf8(raw, "windows-1252", nullptr);
}

}  // namespace quorum::parse
