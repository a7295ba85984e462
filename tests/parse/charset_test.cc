// SPDX-License-Identifier: Apache-2.0
// Tests of charset conversion: allowlist, aliases, invalid bytes, dangerous charsets.
#include "parse/charset.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/text.h"

using namespace quorum;
using namespace quorum::parse;

TEST_CASE("charset: canonical names and aliases", "[parse][charset]") {
  CHECK(CanonicalCharset("UTF-8") == "UTF-8");
  CHECK(CanonicalCharset(" \"utf8\" ") == "UTF-8");
  CHECK(CanonicalCharset("latin1") == "ISO-8859-1");
  CHECK(CanonicalCharset("ISO_8859-15") == "ISO-8859-15");
  CHECK(CanonicalCharset("iso-8859-12") == "");  // does not exist
  CHECK(CanonicalCharset("cp1251") == "WINDOWS-1251");
  CHECK(CanonicalCharset("Windows-1258") == "WINDOWS-1258");
  CHECK(CanonicalCharset("windows-1259") == "");
  CHECK(CanonicalCharset("gb2312") == "GBK");
  CHECK(CanonicalCharset("ks_c_5601-1987") == "CP949");
  CHECK(CanonicalCharset("utf-8*en") == "UTF-8");
  // Never handed to iconv (glibc CVE-2021-3326, CVE-2026-4046).
  CHECK(CanonicalCharset("ISO-2022-JP-3") == "");
  CHECK(CanonicalCharset("IBM1390") == "");
  CHECK(CanonicalCharset("IBM1399") == "");
  CHECK(CanonicalCharset("IBM930") == "");
  CHECK(CanonicalCharset("") == "");
}

TEST_CASE("charset: conversions", "[parse][charset]") {
  bool known = false;
  CHECK(ToUtf8("caf\xE9", "iso-8859-1", &known) == "café");
  CHECK(known);
  CHECK(ToUtf8("\x80", "windows-1252", &known) == "€");
  CHECK(ToUtf8("\xA4", "iso-8859-15", &known) == "€");
  CHECK(ToUtf8("\xF0\xD2\xC9\xD7\xC5\xD4", "koi8-r", &known) == "Привет");
  CHECK(ToUtf8("\xE4\xF6", "ISO-8859-2", &known) == "äö");
  CHECK(ToUtf8("\x1B$B%F%9%H\x1B(B", "iso-2022-jp", &known) == "テスト");
  CHECK(ToUtf8(std::string("\xFF\xFE"
                           "a\0",
                           4),
               "utf-16", &known) == "a");
  CHECK(ToUtf8("+AGEAYgBj-", "utf-7", &known) == "abc");
  CHECK(known);
}

TEST_CASE("charset: invalid bytes become U+FFFD", "[parse][charset]") {
  bool known = false;
  CHECK(ToUtf8("a\xFF"
               "b",
               "utf-8", &known) ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(ToUtf8("a\x80"
               "b",
               "shift_jis", &known) ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(ToUtf8("\xA4", "big5", &known) == "\xEF\xBF\xBD");  // truncated at the end
  CHECK(ToUtf8(std::string("a\0b", 3), "utf-16le", &known) == "a\xEF\xBF\xBD");
  CHECK(known);
}

TEST_CASE("charset: unknown and dangerous charsets fall back to Windows-1252", "[parse][charset]") {
  for (const char* cs : {"x-unknown", "ISO-2022-JP-3", "IBM1390", "IBM1399", "../../etc"}) {
    INFO(cs);
    bool known = true;
    CHECK(ToUtf8("caf\xE9 \x1B$(O!!", cs, &known) == "café \x1B$(O!!");
    CHECK_FALSE(known);
  }
}

TEST_CASE("charset: every allowlisted charset on every byte value gives valid UTF-8 fast",
          "[parse][charset]") {
  std::string all;
  for (int r = 0; r < 64; ++r) {
    for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>((b * 7 + r) & 0xFF));
  }
  const char* names[] = {
      "utf-8",        "us-ascii",      "iso-8859-1", "iso-8859-5", "iso-8859-16", "windows-1250",
      "windows-1258", "koi8-r",        "koi8-u",     "gbk",        "gb18030",     "big5",
      "big5-hkscs",   "shift_jis",     "cp932",      "euc-jp",     "euc-kr",      "cp949",
      "iso-2022-jp",  "iso-2022-jp-2", "utf-16",     "utf-16be",   "utf-16le",    "utf-7"};
  for (const char* n : names) {
    INFO(n);
    bool known = false;
    std::string out = ToUtf8(all, n, &known);
    CHECK(known);
    CHECK(IsValidUtf8(out));
    CHECK_FALSE(out.empty());
  }
}
