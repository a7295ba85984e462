// SPDX-License-Identifier: Apache-2.0
// Tests of RFC 2047 header decoding and RFC 2231 parameters (table-driven).
#include "parse/rfc2047.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/text.h"
#include "parse/rfc2231.h"

using namespace quorum;
using namespace quorum::parse;

namespace {

struct Case {
  const char* in;
  const char* want;
  bool error;  // *had_error expected
};

// Inputs are header values as unfolded by ParseHeaderBlock.
const Case kCases[] = {
    // RFC 2047 section 8 examples.
    {"=?ISO-8859-1?Q?a?=", "a", false},
    {"=?ISO-8859-1?Q?a?= b", "a b", false},
    {"=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=", "ab", false},
    {"=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=", "ab", false},
    {"=?ISO-8859-1?Q?a?=\t =?ISO-8859-1?Q?b?=", "ab", false},
    {"=?ISO-8859-1?Q?a_b?=", "a b", false},
    {"=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=", "a b", false},
    {"(=?ISO-8859-1?Q?a?=)", "(a)", false},
    {"=?US-ASCII?Q?Keith_Moore?=", "Keith Moore", false},
    {"=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?=", "Keld Jørn Simonsen", false},
    {"=?ISO-8859-1?Q?Andr=E9?= Pirard", "André Pirard", false},
    {"=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?= "
     "=?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=",
     "If you can read this you understand the example.", false},
    // Real-world forms.
    {"=?UTF-8?Q?Herv=C3=A9?= BOUTEMY", "Hervé BOUTEMY", false},
    {"[VOTE] =?utf-8?B?UmVsZWFzZSBNYXZlbiDinJM=?=", "[VOTE] Release Maven ✓", false},
    {"Re: =?utf-8?q?caf=C3=A9?= time", "Re: café time", false},
    {"=?utf-8?b?w6k=?=", "é", false},               // lowercase b
    {"=?UTF-8?Q?a?==?UTF-8?Q?b?=", "ab", false},    // not separated by space
    {"x=?UTF-8?Q?=C3=A9?=y", "xéy", false},         // inside a word
    {"=?utf-8?Q?what?_now?=", "what? now", false},  // '?' in Q text
    {"=?utf-8*en?Q?hello?=", "hello", false},       // RFC 2231 language
    {"=?UTF-8*EN-US?B?w6k=?=", "é", false},
    {"=?iso-8859-15?q?=A4uro?=", "€uro", false},
    {"=?windows-1252?Q?=93quoted=94?=", "“quoted”", false},
    {"=?koi8-r?B?8NLJ18XU?=", "Привет", false},
    {"=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=", "テスト", false},
    {"=?Shift_JIS?B?g2WDWINn?=", "テスト", false},
    {"=?gb2312?B?1tDOxA==?=", "中文", false},
    {"=?big5?B?pKSk5Q==?=", "中文", false},
    {"=?euc-kr?B?x9Gx2w==?=", "한글", false},
    {"=?UTF-16BE?B?AGEAYgBj?=", "abc", false},
    // Multibyte character split across two words in the same charset.
    {"=?UTF-8?B?w6I=?= =?UTF-8?B?gqw=?=", "â\xEF\xBF\xBD\xEF\xBF\xBD", false},  // stray bytes
    {"=?UTF-8?Q?=E2=82?= =?UTF-8?Q?=AC?=", "€", false},
    {"=?UTF-8?B?4oI=?= =?UTF-8?B?rA==?=", "€", false},
    {"=?utf-8?Q?=E2?= =?UTF-8?Q?=82=AC?=", "€", false},  // charset labels differ in case
    {"=?Shift_JIS?B?g2WDWINng2WDWA==?=", "テストテス", false},
    {"=?Shift_JIS?B?g2WD?= =?Shift_JIS?B?WINn?=", "テスト", false},
    // Unknown charsets and malformed words.
    {"=?x-unknown?Q?caf=E9?=", "café", true},  // decoded as Windows-1252, flagged
    {"=?ISO-2022-JP-3?B?GyRCJUYbKEI=?=", "\x1B$B%F\x1B(B", true},  // never reaches iconv
    {"=?IBM1390?Q?a?=", "a", true},
    {"=??Q?abc?=", "abc", true},                    // missing charset
    {"=?UTF-8?X?abc?=", "=?UTF-8?X?abc?=", false},  // unknown encoding: left as written
    {"=?UTF-8?Q?abc", "=?UTF-8?Q?abc", false},      // unterminated
    {"=?UTF-8?Q?a b?=", "=?UTF-8?Q?a b?=", false},  // space inside: not a word
    {"=??", "=??", false},                          // GMime PR #9
    {"=?", "=?", false},
    {"?=", "?=", false},
    {"=?UTF-8?B?w6k?=", "é", false},   // missing padding
    {"=?UTF-8?B?w6k*!?=", "é", true},  // junk in base64
    {"=?UTF-8?B?=?=", "", false},
    {"=?UTF-8?Q?\?=", "", false},
    {"=?UTF-8?Q?=ZZ?=", "=ZZ", false},           // bad hex kept
    {"=?UTF-8?Q?=C3?=", "\xEF\xBF\xBD", false},  // truncated UTF-8 becomes U+FFFD
    // Raw 8-bit text.
    {"caf\xC3\xA9", "café", false},
    {"caf\xE9", "café", false},  // invalid UTF-8: Windows-1252
    {"\x93hi\x94", "“hi”", false},
    {"plain text", "plain text", false},
    {"a  b", "a  b", false},  // whitespace outside words is kept
    {"", "", false},
    {"=?UTF-8?Q?a?= b =?UTF-8?Q?c?=", "a b c", false},
};

}  // namespace

TEST_CASE("rfc2047: decoding table", "[parse][rfc2047]") {
  REQUIRE(sizeof(kCases) / sizeof(kCases[0]) >= 40);
  for (const Case& c : kCases) {
    INFO("input: " << c.in);
    bool err = false;
    std::string got = DecodeHeaderText(c.in, &err);
    CHECK(got == c.want);
    CHECK(err == c.error);
    CHECK(IsValidUtf8(got));
  }
}

TEST_CASE("rfc2047: raw 8-bit headers may use the body's charset", "[parse][rfc2047]") {
  bool err = false;
  CHECK(DecodeHeaderText("\xA4\xA4\xA4\xE5 =?UTF-8?Q?=C3=A9?=", "big5", &err) == "中文 é");
  CHECK(DecodeHeaderText("caf\xC3\xA9", "big5", &err) == "café");       // valid UTF-8 wins
  CHECK(DecodeHeaderText("caf\xE9", "x-unknown", &err) == "café");      // not allowlisted
  CHECK(DecodeHeaderText("caf\xE9", "ISO-2022-JP-3", &err) == "café");  // never to iconv
  CHECK_FALSE(err);
}

TEST_CASE("rfc2047: GMime PR #9 reproducers decode without reading out of bounds",
          "[parse][rfc2047]") {
  bool err = false;
  CHECK(DecodeHeaderText("=??", &err) == "=??");
  MimeField f = ParseMimeField("text/plain; charset=\"\\", &err);
  CHECK(f.value == "text/plain");
  CHECK(MimeParam(f, "charset") == "\\");  // unterminated: runs to the end
  CHECK(err);
}

TEST_CASE("rfc2047: junk with many '=?' stays linear", "[parse][rfc2047]") {
  std::string junk;
  for (int i = 0; i < 20000; ++i) junk += "=?a?q?xx";
  bool err = false;
  std::string out = DecodeHeaderText(junk, &err);
  CHECK(out == junk);
}

TEST_CASE("rfc2231: parameter values and continuations", "[parse][rfc2231]") {
  bool err = false;
  CHECK(DecodeRfc2231Value("utf-8'en'na%C3%AFve", &err) == "naïve");
  CHECK(DecodeRfc2231Value("iso-8859-1''caf%E9", &err) == "café");
  CHECK(DecodeRfc2231Value("''plain", &err) == "plain");
  CHECK(DecodeRfc2231Value("100%", &err) == "100%");
  CHECK_FALSE(err);

  struct P {
    const char* in;
    const char* name;
    const char* want;
  };
  const P kParams[] = {
      {"text/plain; charset=us-ascii", "charset", "us-ascii"},
      {"text/plain; charset=\"utf-8\"", "charset", "utf-8"},
      {"Text/Plain ; CHARSET = \"UTF-8\" ", "charset", "UTF-8"},
      {"text/plain; (comment) charset=utf-8 (another)", "charset", "utf-8"},
      {"multipart/mixed; boundary=\"a;b\"", "boundary", "a;b"},
      {"multipart/mixed; boundary=\"q\\\"x\"", "boundary", "q\"x"},
      {"multipart/mixed;\n boundary*0=\"abc\"; boundary*1=\"def\"", "boundary", "abcdef"},
      {"attachment; filename*0*=utf-8''na%C3%AF; filename*1=ve.txt", "filename", "naïve.txt"},
      {"attachment; filename*1=b; filename*0=a", "filename", "ab"},  // out of order
      {"attachment; filename*=iso-8859-1'de'M%FCller.txt", "filename", "Müller.txt"},
      {"attachment; filename=\"=?UTF-8?Q?caf=C3=A9?=.txt\"", "filename", "café.txt"},
      {"text/plain; charset", "charset", ""},
      {"text/plain; =x; charset=utf-8", "charset", "utf-8"},
      {"text/plain; charset=utf-8; charset=latin1", "charset", "utf-8"},  // first wins
  };
  for (const P& p : kParams) {
    INFO(p.in);
    MimeField f = ParseMimeField(p.in, &err);
    CHECK(MimeParam(f, p.name) == p.want);
  }
  MimeField f = ParseMimeField("Text/Plain ; charset=x", &err);
  CHECK(f.value == "text/plain");
}

TEST_CASE("rfc2047: mutated header values never crash and stay valid UTF-8", "[parse][rfc2047]") {
  // Deterministic mutation sweep over the table inputs through every header decoder.
  uint64_t state = 0x2545F4914F6CDD1Dull;
  auto next = [&state]() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  const char* pieces[] = {"=?", "?=", "?Q?",  "?B?",  "*",   "'", "%",     "\"",
                          "\\", "(",  ")",    "<",    ">",   ",", ";",     ":",
                          "@",  " ",  "\xC3", "\xFF", "=C3", "_", "\x1B$B"};
  for (int round = 0; round < 20000; ++round) {
    std::string v = kCases[next() % (sizeof(kCases) / sizeof(kCases[0]))].in;
    int edits = 1 + static_cast<int>(next() % 6);
    for (int e = 0; e < edits; ++e) {
      size_t at = v.empty() ? 0 : next() % (v.size() + 1);
      if (next() % 3 == 0 && !v.empty() && at < v.size()) {
        v.erase(at, 1 + next() % 4);
      } else {
        v.insert(at, pieces[next() % (sizeof(pieces) / sizeof(pieces[0]))]);
      }
    }
    bool err = false;
    if (!IsValidUtf8(DecodeHeaderText(v, &err))) FAIL("DecodeHeaderText: " << v);
    if (!IsValidUtf8(DecodeHeaderText(v, "big5", &err))) FAIL("DecodeHeaderText big5: " << v);
    if (!IsValidUtf8(DecodeRfc2231Value(v, &err))) FAIL("DecodeRfc2231Value: " << v);
    MimeField f = ParseMimeField("text/plain; a*0*=" + v + "; a*1=" + v + "; b=\"" + v, &err);
    for (const auto& kv : f.params) {
      if (!IsValidUtf8(kv.second)) FAIL("ParseMimeField: " << v);
    }
  }
  SUCCEED();
}
