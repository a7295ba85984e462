// SPDX-License-Identifier: Apache-2.0
// Tests of HTML escaping, visible controls, the URL allowlist and safe file names.
#include "report/html_escape.h"

#include <catch2/catch.hpp>
#include <vector>

using namespace quorum::report;

TEST_CASE("html: markup characters become entities", "[report][html]") {
  CHECK(EscapeHtml("<script>alert('x')</script> & \"q\"") ==
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  CHECK(EscapeHtml("Herv\xC3\xA9 \xE5\x86\x99") == "Herv\xC3\xA9 \xE5\x86\x99");
  CHECK(EscapeHtml("a\nb\tc") == "a\nb\tc");
}

TEST_CASE("html: controls and bidi overrides are shown, not emitted", "[report][html]") {
  CHECK(EscapeHtml(std::string("a\0b", 3)) == "a\\x00b");
  CHECK(EscapeHtml("\x1b[31m") == "\\x1B[31m");
  CHECK(EscapeHtml("\x7f") == "\\x7F");
  CHECK(EscapeHtml("abc\xE2\x80\xAEgnp.exe") == "abc\\u202Egnp.exe");   // U+202E RLO
  CHECK(EscapeHtml("\xE2\x81\xA6x\xE2\x81\xA9") == "\\u2066x\\u2069");  // isolates
  CHECK(EscapeHtml("\xC2\x85") == "\\x85");                             // C1 NEL
  // Noncharacters: U+FFFE/U+FFFF are not XML characters, and feed.xml uses this escaping.
  CHECK(EscapeHtml("a\xEF\xBF\xBE"
                   "b\xEF\xBF\xBF") == "a\\uFFFEb\\uFFFF");
  CHECK(EscapeHtml("\xEF\xB7\x90") == "\\uFDD0");
  CHECK(EscapeHtml("\xF4\x8F\xBF\xBF") == "\\u10FFFF");
  CHECK(EscapeHtml("\xEF\xBF\xBD\xEF\xBF\xBC") ==
        "\xEF\xBF\xBD\xEF\xBF\xBC");  // U+FFFD, U+FFFC stay
}

TEST_CASE("html: invalid UTF-8 becomes U+FFFD", "[report][html]") {
  CHECK(EscapeHtml("a\xFF<") == "a\xEF\xBF\xBD&lt;");
  CHECK(EscapeHtml("\xE2\x82") == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(EscapeHtml("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("html: only http, https and mailto links survive", "[report][html]") {
  CHECK(SafeUrl("https://github.com/apache/tvm-rfcs/pull/95") ==
        "https://github.com/apache/tvm-rfcs/pull/95");
  CHECK(SafeUrl("HTTP://example.org/") == "HTTP://example.org/");
  CHECK(SafeUrl("mailto:dev@tvm.apache.org") == "mailto:dev@tvm.apache.org");
  CHECK(SafeUrl("javascript:alert(1)") == "");
  CHECK(SafeUrl(" javascript:alert(1)") == "");
  CHECK(SafeUrl("data:text/html,<script>") == "");
  CHECK(SafeUrl("https://x.org/\"onmouseover=alert(1)") == "");
  CHECK(SafeUrl("https://x.org/a b") == "");
  CHECK(SafeUrl("https://x.org/\nSet-Cookie") == "");
  CHECK(SafeUrl("file:///etc/passwd") == "");
  CHECK(SafeUrl("//evil.org/") == "");
}

TEST_CASE("html: file names from mail stay inside the output directory", "[report][html]") {
  auto ok = [](const std::string& n) {
    if (n.empty() || n == "." || n == ".." || n.size() > 80) return false;
    if (n[0] == '.' || n[0] == '-') return false;
    for (char c : n) {
      bool good = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '-';
      if (!good) return false;
    }
    return true;
  };
  for (const std::string& in :
       std::vector<std::string>{"../../x", "/etc/passwd", ".bashrc", "CON", std::string("a\0b", 3),
                                std::string(300, 'x'), "", "..", "-rf", "dev@maven.apache.org",
                                "Re: [VOTE] Release Apache Maven 3.5.2"}) {
    INFO(in);
    std::string n = SafeFileName(in);
    CHECK(ok(n));
  }
  CHECK(SafeFileName("release-3.5.2") == "release-3.5.2");  // clean names are kept as they are
  CHECK(SafeFileName("a/b") != SafeFileName("a?b"));        // different inputs never collide
  CHECK(SafeFileName("x") == SafeFileName("x"));
}

TEST_CASE("html: url encoding", "[report][html]") {
  CHECK(UrlEncode("<a b@c>") == "%3Ca%20b%40c%3E");
  CHECK(UrlEncode("AZaz09-._~") == "AZaz09-._~");
}
