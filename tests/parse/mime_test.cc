// SPDX-License-Identifier: Apache-2.0
// Tests of MIME body extraction: part choice, codecs, charsets, flowed text, limits, HTML.
#include "parse/mime.h"

#include <stdio.h>
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "core/text.h"
#include "parse/headers.h"
#include "tests/test_util.h"

using namespace quorum;
using namespace quorum::parse;

namespace {

struct Result {
  BodyText body;
  Diagnostics diags;
  bool Has(const std::string& code) const {
    for (const Diagnostic& d : diags) {
      if (d.code == code) return true;
    }
    return false;
  }
};

Result Extract(const std::string& raw, const MimeLimits& limits = {}) {
  Result r;
  HeaderBlock hb = ParseHeaderBlock(raw, {}, {"t", 0}, &r.diags);
  r.body = ExtractBodyText(raw, hb, limits, {"t", 0}, &r.diags);
  return r;
}

// Splits an mbox into messages (From_ lines dropped). Enough for the fixtures used here.
std::vector<std::string> SplitMbox(const std::string& mbox) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < mbox.size()) {
    size_t next = mbox.find("\nFrom ", pos);
    size_t end = next == std::string::npos ? mbox.size() : next + 1;
    std::string msg = mbox.substr(pos, end - pos);
    if (msg.compare(0, 5, "From ") == 0) msg = msg.substr(msg.find('\n') + 1);
    out.push_back(msg);
    pos = end;
  }
  return out;
}

std::string Nested(int levels, const std::string& leaf) {
  std::string m = "Subject: deep\nContent-Type: multipart/mixed; boundary=\"b0\"\n\n";
  for (int i = 1; i < levels; ++i) {
    m += "--b" + std::to_string(i - 1) + "\nContent-Type: multipart/mixed; boundary=\"b" +
         std::to_string(i) + "\"\n\n";
  }
  m += "--b" + std::to_string(levels - 1) + "\nContent-Type: text/plain\n\n" + leaf + "\n";
  for (int i = levels - 1; i >= 0; --i) m += "--b" + std::to_string(i) + "--\n";
  return m;
}

std::string ManyParts(int parts, bool last_rfc822) {
  std::string m = "Content-Type: multipart/mixed; boundary=\"p\"\n\n";
  for (int i = 0; i < parts; ++i) {
    bool rfc = last_rfc822 && i == parts - 1;
    m += "--p\nContent-Type: " + std::string(rfc ? "message/rfc822" : "application/x-a") + "\n\n" +
         (rfc ? "Subject: inner\n\ninner text\n" : "x\n");
  }
  m += "--p\nContent-Type: text/plain\n\nthe text\n--p--\n";
  return m;
}

}  // namespace

TEST_CASE("mime: a plain single-part message", "[parse][mime]") {
  Result r = Extract("Subject: x\r\n\r\nline one\r\nline two\r\n");
  CHECK(r.body.text == "line one\nline two\n");
  CHECK(r.body.content_type == "text/plain");
  CHECK_FALSE(r.body.from_html);
  CHECK(r.diags.empty());
  // Long lines survive when there is no boundary to protect against.
  Result longline = Extract("Subject: x\n\n" + std::string(10000, 'x') + "\n");
  CHECK(longline.body.text == std::string(10000, 'x') + "\n");
}

TEST_CASE("mime: multipart/alternative picks text/plain even when HTML comes first",
          "[parse][mime]") {
  Result r = Extract(
      "Content-Type: multipart/alternative; boundary=\"alt\"\n\npreamble\n"
      "--alt\nContent-Type: text/html; charset=utf-8\n\n<p>html <b>version</b></p>\n"
      "--alt\nContent-Type: text/plain; charset=utf-8\n\nplain version\n--alt--\nepilogue\n");
  CHECK(r.body.text == "plain version\n");
  CHECK_FALSE(r.body.from_html);
}

TEST_CASE("mime: html-only mail is reduced to text (ponymail nexus-html-only)", "[parse][mime]") {
  auto msgs =
      SplitMbox(test::ReadFile(test::SharedPath("data/ponymail-unit-tests/nexus-html-only.mbox")));
  REQUIRE(msgs.size() == 3);
  for (const std::string& m : msgs) {
    Result r = Extract(m);
    CHECK(r.body.from_html);
    CHECK(r.body.content_type == "text/html");
    CHECK(r.body.text.size() > 20);
    CHECK(r.body.text.find("<") == std::string::npos);
    CHECK(r.body.text.find("&nbsp;") == std::string::npos);
    CHECK(IsValidUtf8(r.body.text));
  }
}

TEST_CASE("mime: quoted-printable soft breaks, trailing blanks and junk", "[parse][mime]") {
  Result r = Extract(
      "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
      "caf=C3=A9 is a long=\nline\nkeep the break after blanks  \nnext=20\nbad =ZZ =\n");
  CHECK(r.body.text == "café is a longline\nkeep the break after blanks  \nnext \nbad =ZZ \n");
}

TEST_CASE("mime: base64 full of '|' and every byte value decodes safely", "[parse][mime]") {
  // "Hello, world!" in base64, with every non-alphabet byte and runs of '|' between the
  // characters: mimetic's decoder would index its table out of bounds on them (ASan).
  std::string b64 = "SGVsbG8sIHdvcmxkIQ==";
  std::string junk;
  for (int b = 0; b < 256; ++b) {
    char c = static_cast<char>(b);
    bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '+' || c == '/' || c == '=';
    if (!alpha) junk.push_back(c);
  }
  std::string body;
  for (char c : b64) body += std::string(50, '|') + junk + c;
  body += junk + "|||\n";
  Result r = Extract(
      "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + body);
  CHECK(r.body.text == "Hello, world!\n");
  CHECK(IsValidUtf8(r.body.text));
}

TEST_CASE("mime: charsets in bodies", "[parse][mime]") {
  Result latin1 = Extract(
      "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n"
      "caf\xE9 cr\xE8me\n");
  CHECK(latin1.body.text == "café crème\n");
  Result unlabelled = Extract("Content-Type: text/plain\n\ncaf\xE9\n");
  CHECK(unlabelled.body.text == "café\n");
  Result unknown = Extract("Content-Type: text/plain; charset=x-klingon\n\ncaf\xE9\n");
  CHECK(unknown.body.text == "café\n");
  CHECK(unknown.Has("unknown-charset"));
  Result sjis = Extract(
      "Content-Type: text/plain; charset=\"Shift_JIS\"\nContent-Transfer-Encoding: base64\n\n"
      "g2WDWINn\n");
  CHECK(sjis.body.text == "テスト\n");
  Result rfc2231 = Extract("Content-Type: text/plain; charset*=utf-8''iso-8859-1\n\n\xE9\n");
  CHECK(rfc2231.body.text == "é\n");
}

TEST_CASE("mime: format=flowed (RFC 3676)", "[parse][mime]") {
  Result r = Extract(
      "Content-Type: text/plain; charset=utf-8; format=flowed\n\n"
      "This is a soft \nbroken paragraph.\n> quoted soft \n> line\n From stuffed\n-- \nsig\n");
  CHECK(r.body.text ==
        "This is a soft broken paragraph.\n> quoted soft line\nFrom stuffed\n-- \nsig\n");
  Result d = Extract("Content-Type: text/plain; format=flowed; delsp=yes\n\nJapa \nnese\n");
  CHECK(d.body.text == "Japanese\n");
  Result fixed = Extract("Content-Type: text/plain\n\nnot flowed \nat all\n");
  CHECK(fixed.body.text == "not flowed \nat all\n");
}

TEST_CASE("mime: attachments and message/rfc822 are not the body", "[parse][mime]") {
  Result r = Extract(
      "Content-Type: multipart/mixed; boundary=\"m\"\n\n"
      "--m\nContent-Type: text/plain\nContent-Disposition: attachment\n\nattached\n"
      "--m\nContent-Type: text/plain; name=\"x.patch\"\n\npatch\n"
      "--m\nContent-Type: text/plain\nContent-Disposition: inline; filename=\"a.txt\"\n\nfile\n"
      "--m\nContent-Type: message/rfc822\n\nSubject: inner\n\ninner body\n"
      "--m\nContent-Type: text/plain\nContent-Disposition: inline\n\nthe body\n--m--\n");
  CHECK(r.body.text == "the body\n");
  Result only_inner = Extract(
      "Content-Type: multipart/mixed; boundary=\"m\"\n\n"
      "--m\nContent-Type: message/rfc822\n\nSubject: inner\nContent-Type: text/plain\n\ninner\n"
      "--m--\n");
  CHECK(only_inner.body.text.empty());
}

TEST_CASE("mime: nesting at the depth limit", "[parse][mime]") {
  Result at99 = Extract(Nested(99, "deep text"));
  CHECK(at99.body.text == "deep text\n");
  CHECK_FALSE(at99.Has("mime-depth-limit"));
  Result at100 = Extract(Nested(100, "deep text"));
  CHECK(at100.body.text == "deep text\n");
  CHECK_FALSE(at100.Has("mime-depth-limit"));
  Result at101 = Extract(Nested(101, "deep text"));
  CHECK(at101.body.text.empty());
  CHECK(at101.Has("mime-depth-limit"));
}

TEST_CASE("mime: 100,000 nested multiparts finish without deep recursion", "[parse][mime]") {
  std::string m =
      Nested(100000, "deep text") + "";  // ~3.5 MB; mimetic would recurse 300,000 frames on this
  Result r = Extract(m);
  CHECK(r.Has("mime-depth-limit"));
  // A text part next to the deep tree is still found.
  std::string side = "Content-Type: multipart/mixed; boundary=\"top\"\n\n--top\n" +
                     Nested(100000, "deep").substr(std::string("Subject: deep\n").size()) +
                     "--top\nContent-Type: text/plain\n\nbeside the deep tree\n--top--\n";
  MimeLimits roomy;  // ~7 MB: over the default 4 MiB message cap, which is not tested here
  roomy.max_message_bytes = 64 << 20;
  Result s = Extract(side, roomy);
  CHECK(s.body.text == "beside the deep tree\n");
}

TEST_CASE("mime: 100,000 nested message/rfc822 parts are one opaque leaf", "[parse][mime]") {
  std::string m;
  for (int i = 0; i < 100000; ++i) m += "Content-Type: message/rfc822\n\n";
  m += "Content-Type: text/plain\n\ninnermost\n";
  Result r = Extract(m);
  CHECK(r.body.text.empty());  // a forwarded message is not the body of the outer mail
}

TEST_CASE("mime: part limit at 9,999 / 10,000 / 10,001 with message/rfc822 last", "[parse][mime]") {
  // ManyParts(n) has n + 1 parts: n fillers and the text part.
  Result under = Extract(ManyParts(9998, true));
  CHECK(under.body.text == "the text\n");
  CHECK_FALSE(under.Has("mime-part-limit"));
  Result at = Extract(ManyParts(9999, true));
  CHECK(at.body.text == "the text\n");
  CHECK_FALSE(at.Has("mime-part-limit"));
  Result over = Extract(ManyParts(10000, true));
  CHECK(over.body.text.empty());  // the text part is number 10,001
  CHECK(over.Has("mime-part-limit"));
}

TEST_CASE("mime: message size cap", "[parse][mime]") {
  MimeLimits lim;
  lim.max_message_bytes = 40;
  Result r = Extract("Subject: x\n\n" + std::string(100, 'a') + "\n", lim);
  CHECK(r.Has("message-truncated"));
  CHECK(r.body.text == std::string(28, 'a') + "\n");
}

TEST_CASE("mime: boundaries that are prefixes of each other (GMime substring.mbox)",
          "[parse][mime]") {
  auto msgs = SplitMbox(test::ReadFile(test::SharedPath("data/gmime/mbox/input/substring.mbox")));
  REQUIRE(msgs.size() == 3);
  for (const std::string& m : msgs) {
    Result r = Extract(m);
    INFO(m);
    CHECK(r.body.text.compare(0, 14, "Hello world.\n\n") == 0);
    CHECK(r.body.text.find("<-- You are here.") != std::string::npos);
    CHECK_FALSE(r.Has("mime-bad-boundary"));
  }
}

TEST_CASE("mime: boundary-prefix chains, both orders, 99 and 1,000 deep", "[parse][mime]") {
  // Boundaries "x", "xx", "xxx", ... nested growing or shrinking: each one is a prefix of the
  // others, which mimetic's prefix matching gets wrong without our strict delimiter rule.
  auto chain = [](int levels, bool growing) {
    auto b = [&](int i) { return std::string(growing ? i + 1 : levels - i, 'x'); };
    std::string m = "Content-Type: multipart/mixed; boundary=\"" + b(0) + "\"\n\n";
    for (int i = 1; i < levels; ++i) {
      m += "--" + b(i - 1) + "\nContent-Type: multipart/mixed; boundary=\"" + b(i) + "\"\n\n";
    }
    m += "--" + b(levels - 1) + "\nContent-Type: text/plain\n\nbottom\n";
    for (int i = levels - 1; i >= 0; --i) m += "--" + b(i) + "--\n";
    return m;
  };
  for (bool growing : {true, false}) {
    INFO("growing " << growing);
    Result r = Extract(chain(99, growing));
    CHECK(r.body.text == "bottom\n");
    CHECK(r.diags.empty());
    Result deep = Extract(chain(1000, growing));
    if (growing) {
      CHECK(deep.Has("mime-depth-limit"));
      CHECK(deep.body.text.empty());
    } else {
      // The outermost boundary has 1,000 characters: over our 200 cap (RFC 2046: 70), so the
      // message is read as one text part.
      CHECK(deep.Has("mime-bad-boundary"));
      CHECK_FALSE(deep.Has("mime-depth-limit"));
    }
  }
}

TEST_CASE("mime: malformed structure", "[parse][mime]") {
  // An outer boundary closes an unterminated inner multipart; the later part is still seen
  // (mimetic alone would stop parsing there).
  Result r = Extract(
      "Content-Type: multipart/mixed; boundary=\"outer\"\n\n"
      "--outer\nContent-Type: multipart/alternative; boundary=\"inner\"\n\n"
      "--inner\nContent-Type: text/html\n\n<p>html</p>\n"
      "--outer\nContent-Type: text/plain\n\nafter the inner part\n--outer--\n");
  CHECK(r.body.text == "after the inner part\n");
  // No closing boundary at all.
  Result open = Extract(
      "Content-Type: multipart/mixed; boundary=\"o\"\n\n--o\nContent-Type: text/plain\n\ntext\n");
  CHECK(open.body.text == "text\n");
  // Boundary missing: the multipart is kept as one opaque part.
  Result nob = Extract("Content-Type: multipart/mixed\n\n--x\n\ntext\n--x--\n");
  CHECK(nob.Has("mime-bad-boundary"));
  CHECK(nob.body.text == "--x\n\ntext\n--x--\n");  // read as text
  // Bare CR line ends and LF CR pairs.
  Result cr = Extract(
      "Content-Type: multipart/mixed; boundary=\"c\"\n\n--c\rContent-Type: text/plain\r\r"
      "cr text\n\r--c--\r");
  CHECK(cr.body.text == "cr text\n");
  // A boundary hidden after 4,000 bytes of a long line is not a boundary.
  std::string hidden =
      "Content-Type: multipart/mixed; boundary=\"h\"\n\n--h\n"
      "Content-Type: text/plain\n\n" +
      std::string(4000, 'a') + "--h--\nstill text\n--h--\n";
  Result h = Extract(hidden);
  CHECK(h.body.text.find("still text") != std::string::npos);
  // RFC 2231 boundary continuation.
  Result cont = Extract(
      "Content-Type: multipart/mixed; boundary*0=\"ab\"; boundary*1=\"cd\"\n\n"
      "--abcd\nContent-Type: text/plain\n\njoined\n--abcd--\n");
  CHECK(cont.body.text == "joined\n");
  // Part header without a blank line before the body.
  Result nohdr = Extract(
      "Content-Type: multipart/mixed; boundary=\"n\"\n\n--n\nContent-Type: text/plain\n"
      "this line is body\n--n--\n");
  CHECK(nohdr.body.text == "this line is body\n");
  // Empty message and empty body.
  CHECK(Extract("").body.text.empty());
  CHECK(Extract("Subject: x\n\n").body.text.empty());
}

TEST_CASE("mime: text/enriched is the last resort", "[parse][mime]") {
  Result r = Extract(
      "Content-Type: text/enriched\n\n<bold>Now</bold> is the time for "
      "<italic>all</italic>\ngood men\n\n<<smile> "
      "<color><param>red</param>red</color>\n");
  CHECK(r.body.text == "Now is the time for all good men\n<smile> red \n");
  CHECK(r.body.content_type == "text/enriched");
  auto msgs =
      SplitMbox(test::ReadFile(test::SharedPath("data/ponymail-unit-tests/text_enriched.mbox")));
  REQUIRE(msgs.size() == 1);
  Result real = Extract(msgs[0]);
  CHECK(real.body.text.find("multiple JVMs") != std::string::npos);
  CHECK(real.body.text.find("<ContextManager") != std::string::npos);  // "<<" is '<'
  CHECK(real.body.text.find("fontfamily") == std::string::npos);
  CHECK(real.body.text.find("Courier") == std::string::npos);  // <param> contents
}

TEST_CASE("mime: HtmlToText", "[parse][mime][html]") {
  CHECK(HtmlToText("<p>Hello&nbsp;<b>world</b> &amp; &lt;you&gt;</p><p>Two</p>") ==
        "Hello world & <you>\n\nTwo\n");
  CHECK(HtmlToText("a<br>b<br/>c") == "a\nb\nc\n");
  CHECK(HtmlToText("<html><head><title>t</title><style>p{}</style></head>"
                   "<body><script>alert(1)</script>text</body></html>") == "text\n");
  CHECK(HtmlToText("&#233;&#xE9;&eacute;&bogus;&#0;") == "ééé&bogus;\xEF\xBF\xBD\n");
  CHECK(HtmlToText("<div>+1</div><blockquote><p>quoted</p></blockquote><div>mine</div>") ==
        "+1\n\n> quoted\nmine\n");
  CHECK(HtmlToText("<pre>a  b\n  c</pre>") == "a  b\n  c\n");
  CHECK(HtmlToText("<!-- hidden -->shown<!-- unterminated") == "shown\n");
  CHECK(HtmlToText("1 < 2 and <unclosed") == "1 < 2 and <unclosed\n");
  CHECK(HtmlToText("") == "");
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div><blockquote>";
  deep += "x";
  CHECK_FALSE(HtmlToText(deep).empty());
}

TEST_CASE("mime: every message of the shared corpora decodes to valid UTF-8",
          "[parse][mime][corpus]") {
  // Regression corpus (../shared/docs/reliability.md test plan item 2): no crash (run under
  // ASan/UBSan), every decoded string valid UTF-8, and most mails yield a body.
  size_t messages = 0;
  size_t with_body = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(test::SharedPath("data"))) {
    if (!entry.is_regular_file()) continue;
    std::string ext = entry.path().extension().string();
    if (ext == ".md" || ext == ".tsv" || ext == ".json" || ext == ".yaml" || ext == ".gz") {
      continue;
    }
    for (const std::string& m : SplitMbox(test::ReadFile(entry.path().string()))) {
      Result r = Extract(m);
      ++messages;
      if (!r.body.text.empty()) {
        ++with_body;
      } else if (getenv("QUORUM_LIST_EMPTY")) {
        printf("empty body: %s\n", entry.path().string().c_str());
      }
      INFO(entry.path().string());
      CHECK(IsValidUtf8(r.body.text));
    }
  }
  WARN(with_body << " of " << messages << " messages have a body text");
  CHECK(messages > 3000);
  CHECK(with_body * 100 >= messages * 80);  // 85% today; the rest have no text part
}

TEST_CASE("mime: mutated corpus messages never crash and stay valid UTF-8",
          "[parse][mime][corpus]") {
  // A small deterministic mutation sweep (the libFuzzer targets of the test plan are separate):
  // byte flips, boundary-ish insertions and truncations over real messages, under ASan/UBSan.
  std::vector<std::string> seeds;
  for (const char* rel :
       {"data/gmime/mbox/input/substring.mbox", "data/ponymail-unit-tests/nexus-html-only.mbox",
        "data/ponymail-unit-tests/text_enriched.mbox",
        "data/ponymail-unit-tests/tomcat-ancient-boundary.mbox",
        "data/public-inbox/psgi_attach.eml", "data/spamassassin-nice/cjk/big5-base64.1"}) {
    for (const std::string& m : SplitMbox(test::ReadFile(test::SharedPath(rel)))) {
      seeds.push_back(m);
    }
  }
  REQUIRE(seeds.size() >= 8);
  uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&state]() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  const char* inserts[] = {
      "\n--", "--\n", "\r",  "\n\n",      "=?utf-8?b?",
      "?=",   "\"",   ";",   "boundary=", "Content-Type: multipart/mixed; boundary=x\n",
      "=\n",  "\xFF", "<p>", "&#x",       "\x1B$B"};
  size_t checked = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string m = seeds[next() % seeds.size()];
    if (m.empty()) continue;
    int edits = 1 + static_cast<int>(next() % 8);
    for (int e = 0; e < edits; ++e) {
      size_t at = next() % m.size();
      switch (next() % 4) {
        case 0:
          m[at] = static_cast<char>(next() & 0xFF);
          break;
        case 1:
          m.insert(at, inserts[next() % (sizeof(inserts) / sizeof(inserts[0]))]);
          break;
        case 2:
          m.erase(at, next() % 64);
          break;
        default:
          m.resize(at);
          break;
      }
      if (m.empty()) m = "x";
    }
    Result r = Extract(m);
    if (!IsValidUtf8(r.body.text)) FAIL("invalid UTF-8 after mutation round " << round);
    ++checked;
  }
  CHECK(checked > 19000);
}
