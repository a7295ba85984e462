// SPDX-License-Identifier: Apache-2.0
// ExtractBodyText reads single-part messages, and the text part of multiparts, without a MIME
// tree; it must give exactly what the whole-tree walk gives, on every message of the shared real
// and hostile corpora.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "parse/headers.h"
#include "parse/mbox_reader.h"
#include "parse/mime.h"
#include "tests/test_util.h"

using namespace quorum;
using namespace quorum::parse;

namespace {

bool SameDiagnostics(const Diagnostics& a, const Diagnostics& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].code != b[i].code || a[i].detail != b[i].detail ||
        a[i].where.offset != b[i].where.offset)
      return false;
  }
  return true;
}

// Compares the two paths on one raw message; returns false (and says why) on a difference.
bool Agree(std::string_view raw, const std::string& where) {
  Diagnostics hd;
  HeaderBlock h = ParseHeaderBlock(raw, HeaderLimits{}, SourceRef{where, 0}, &hd);
  Diagnostics d1, d2;
  BodyText fast = ExtractBodyText(raw, h, MimeLimits{}, SourceRef{where, 0}, &d1);
  BodyText full = ExtractBodyTextFullTree(raw, h, MimeLimits{}, SourceRef{where, 0}, &d2);
  bool same = fast.text == full.text && fast.content_type == full.content_type &&
              fast.from_html == full.from_html && SameDiagnostics(d1, d2);
  if (!same) UNSCOPED_INFO(where << ": fast path differs from the MIME tree");
  return same;
}

}  // namespace

TEST_CASE("single-part shortcut: line ends, encodings, charsets and types", "[mime]") {
  const std::vector<std::string> cases = {
      "Subject: a\n\nplain body\n",
      "Subject: a\n\nno final newline",
      "Subject: a\r\n\r\ncrlf body\r\nline two\r\n",
      "Subject: a\n\nlf-cr\n\rline\r",
      "Subject: a\n",
      "Subject: a\n\n",
      "Content-Type: text/plain; charset=iso-8859-1\n\ncaf\xe9\n",
      "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
      "aGVsbG8gd29ybGQK\n",
      "Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\nsoft=\nbreak =3D\n",
      "Content-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\nends with=",
      "Content-Type: text/plain; format=flowed; delsp=yes\n\nflowed \nline\n",
      "Content-Type: text/html\n\n<p>Hello <b>there</b></p>\n",
      "Content-Type: text/enriched\n\n<bold>Hi</bold>\n\nthere\n",
      "Content-Type: application/pdf\n\n%PDF\n",
      "Content-Type: text/plain; name=\"a.txt\"\n\nattached\n",
      "Content-Disposition: attachment\n\nattached\n",
      "Content-Type: bogus\n\nbody\n",
      "Content-Type:    text/html  \n\n<i>x</i>\n",
      "Content-Type: text/plain; charset=\"x-unknown\"\n\nbody\xff\n",
      "Content-Type: message/rfc822\n\nSubject: inner\n\ninner body\n",
      "Content-Transfer-Encoding: BASE64 \n\n!!!aGk=\n",
      "Content-Type: text/plain; charset=utf-16\n\n\xff\xfeh\0i\0\n",
      "Content-Type: multipart/mixed; boundary=b\n\n--b\n\npart\n--b--\n",
  };
  for (const std::string& c : cases) CHECK(Agree(c, "case"));
  // A text part over the cap, in each encoding, is cut the same way.
  MimeLimits small;
  small.max_text_bytes = 10;
  for (const char* cte : {"7bit", "base64", "quoted-printable"}) {
    std::string raw =
        std::string("Content-Transfer-Encoding: ") + cte + "\n\n" + std::string(200, 'Q') + "\n";
    Diagnostics hd, d1, d2;
    HeaderBlock h = ParseHeaderBlock(raw, HeaderLimits{}, SourceRef{"cap", 0}, &hd);
    BodyText a = ExtractBodyText(raw, h, small, SourceRef{"cap", 0}, &d1);
    BodyText b = ExtractBodyTextFullTree(raw, h, small, SourceRef{"cap", 0}, &d2);
    CHECK(a.text == b.text);
    CHECK(SameDiagnostics(d1, d2));
  }
}

TEST_CASE("multipart shortcut: the text part read from the normalised message", "[mime]") {
  const std::vector<std::string> cases = {
      "Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
      "text\n\n--b\nContent-Type: text/html\n\n<p>x</p>\n--b--\n",
      // Nested, the text part closed by the outer delimiter, quoted-printable and a charset.
      "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/alternative; "
      "boundary=i\n\n--i\nContent-Type: text/plain; charset=iso-8859-1\n"
      "Content-Transfer-Encoding: quoted-printable\n\ncaf=E9\n\n--o--\n",
      // No closing delimiter: the text part runs to the end, its last line end kept.
      "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nlast\n\n",
      // Attachment and HTML first, then the text.
      "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Disposition: attachment\n\n"
      "att\n--b\nContent-Type: text/html\n\n<b>h</b>\n--b\n\nplain\n--b--\n",
      // A line that only starts with the delimiter, an empty text part, a bad boundary.
      "Content-Type: multipart/mixed; boundary=b1\n\n--b1\n\n--b10 not a delimiter\n--b1--\n",
      "Content-Type: multipart/mixed; boundary=b\n\n--b\n--b--\n",
      "Content-Type: multipart/mixed\n\n--b\n\nno boundary parameter\n",
      "Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: x\n\ndigest\n--d--\n",
      // mimetic cuts header values at a NUL byte: it never sees the top boundary here, so the
      // text part that Normalizer finds is not the walk's (found by fuzz_message).
      std::string("Subject: Hide and seek\n"
                  "MIME-Version: 1.0\n"
                  "Content-Type: multipart/mi\x00"
                  "ed; boundary=1\n"
                  "\n"
                  "--1\n"
                  "Content-Type: multipart/spin; gedrotocol=\"signature/plain\"; "
                  "migalc=\"pen+paper\"; bounda\xff"
                  "\xff"
                  "\xff"
                  "\xff"
                  "\n"
                  "X-Signature-Type: penmanship\n"
                  "\n"
                  "--2\n"
                  "Content-Type: multipart/alternativ--2--\n"
                  "\n"
                  "--2\n"
                  "Content-Type: signature/plain; charset=us-ascii\n"
                  "\n"
                  "Signed\n"
                  "--1\n"
                  "Conrsigned\n"
                  "-\x0d"
                  "\x00"
                  "\x00"
                  "\x00"
                  "-2--\n"
                  "\n"
                  "--1--",
                  345),
  };
  for (const std::string& c : cases) CHECK(Agree(c, "case"));
  // mimetic keeps the line end before a delimiter when its 4093-byte block fills up while it
  // reads the delimiter line: the shortcut must drop it exactly when mimetic does. A body that
  // ends with an empty line shows the difference; sweep the delimiter across the block edge.
  for (size_t k = 1070; k < 1110; ++k) {
    for (const char* end : {"--b\n", "--b--\n", "--bb \n"}) {
      std::string raw =
          "Content-Type: multipart/mixed; boundary=" + std::string(end[3] == 'b' ? "bb" : "b") +
          "\n\n--" + std::string(end[3] == 'b' ? "bb" : "b") + "\n\n" + std::string(3000, 'a') +
          "\n" + std::string(k, 'c') + "\n\n" + end;
      CHECK(Agree(raw, "block edge " + std::to_string(k)));
    }
  }
}

TEST_CASE("single-part shortcut agrees with the MIME tree on all shared data", "[mime][shared]") {
  namespace fs = std::filesystem;
  std::string root = quorum::test::SharedPath("data");
  std::vector<std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  size_t messages = 0, disagree = 0;
  for (const std::string& f : files) {
    auto reader = MboxReader::Open(f, ReaderOptions{});
    if (!reader.ok()) continue;
    RawMessage raw;
    Diagnostics rd;
    while (reader.value()->Next(&raw, &rd)) {
      ++messages;
      if (!Agree(raw.bytes, f + ":" + std::to_string(raw.offset))) ++disagree;
    }
  }
  INFO(messages << " messages in " << files.size() << " files");
  CHECK(messages > 2800);  // not counting README, XML and binary files: not-a-message
  CHECK(disagree == 0);
}
