// SPDX-License-Identifier: Apache-2.0
// Differential test: our decoded Subject and From address against CPython's email package.
#include <stdio.h>
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>

#include "core/text.h"
#include "parse/address.h"
#include "parse/charset.h"
#include "parse/headers.h"
#include "parse/rfc2047.h"
#include "tests/test_util.h"

using namespace quorum;
using namespace quorum::parse;

namespace {

struct Ref {
  std::string file;
  std::map<std::string, std::string> str;  // key -> value; absent or null keys are missing
};

// Just enough JSON for the flat objects tools/pyemail_reference.py prints (ensure_ascii).
bool ParseLine(const std::string& line, Ref* ref) {
  size_t i = 0;
  auto ws = [&] {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\n')) ++i;
  };
  auto str = [&](std::string* out) {
    if (line[i] != '"') return false;
    ++i;
    while (i < line.size() && line[i] != '"') {
      char c = line[i++];
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      char e = line[i++];
      switch (e) {
        case 'n':
          out->push_back('\n');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'u': {
          char32_t cp = static_cast<char32_t>(std::stoul(line.substr(i, 4), nullptr, 16));
          i += 4;
          if (cp >= 0xD800 && cp < 0xDC00 && line.compare(i, 2, "\\u") == 0) {
            char32_t lo = static_cast<char32_t>(std::stoul(line.substr(i + 2, 4), nullptr, 16));
            if (lo >= 0xDC00 && lo < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              i += 6;
            }
          }
          if (cp >= 0xDC80 && cp <= 0xDCFF) {
            // CPython's surrogateescape: the raw byte it could not decode. Keep the byte; the
            // caller applies our raw-header rule to it.
            out->push_back(static_cast<char>(cp - 0xDC00));
          } else {
            AppendUtf8(cp, out);  // other lone surrogates become U+FFFD
          }
          break;
        }
        default:
          out->push_back(e);
      }
    }
    ++i;
    return true;
  };
  ws();
  if (i >= line.size() || line[i] != '{') return false;
  ++i;
  for (;;) {
    ws();
    if (line[i] == '}') break;
    std::string key;
    if (!str(&key)) return false;
    ws();
    ++i;  // ':'
    ws();
    if (line.compare(i, 4, "null") == 0) {
      i += 4;
    } else {
      std::string v;
      if (!str(&v)) return false;
      if (key == "file") ref->file = v;
      ref->str[key] = v;
    }
    ws();
    if (line[i] == ',') ++i;
  }
  return !ref->file.empty();
}

std::string Collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// Raw bytes from CPython's surrogateescape, read with our rule for raw 8-bit headers.
std::string RawRule(const std::string& s) {
  return IsValidUtf8(s) ? s : ToUtf8(s, "windows-1252", nullptr);
}

char32_t NextCodepoint(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len && *i + static_cast<size_t>(k) < s.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[*i + static_cast<size_t>(k)]) & 0x3F);
  }
  *i += static_cast<size_t>(len);
  return cp;
}

// CPython's str() of a header turns each byte it could not decode into U+FFFD; we decode such
// bytes as Windows-1252 by design (raw 8-bit headers: UTF-8 if valid, else Windows-1252). So a
// U+FFFD on their side matches any one character on ours; everything else must be equal.
bool SameText(std::string_view ours, std::string_view theirs) {
  size_t i = 0;
  size_t j = 0;
  while (i < ours.size() && j < theirs.size()) {
    char32_t a = NextCodepoint(ours, &i);
    char32_t b = NextCodepoint(theirs, &j);
    if (b != 0xFFFD && a != b) return false;
  }
  return i >= ours.size() && j >= theirs.size();
}

// Files where we knowingly differ from CPython, with the reason. Each entry must still differ
// (the test fails on stale entries), so the list stays honest.
const std::map<std::string, std::string>& ExpectedDifferences() {
  static const std::map<std::string, std::string> kList = {
      {"cpython-email/msg_43.txt",
       "From: MAILER DAEMON <> -- the null reverse-path has no address; CPython reports the "
       "literal \"<>\" as addr_spec"},
      {"spamassassin-nice/cjk/big5-base64.1",
       "raw 8-bit Big5 Subject with no charset label: we read unlabelled 8-bit headers as "
       "Windows-1252, CPython as UTF-8 with replacement (some Big5 pairs happen to be valid "
       "UTF-8); neither is readable, ours is the documented rule"},
      {"spamassassin-nice/cjk/gb2312.1",
       "raw 8-bit GB2312 Subject with no charset label: same as big5-base64.1"},
      {"spamassassin-nice/unicode2",
       "From: =?UTF-16?B?//492Enc?= test -- a display name with no address; CPython invents the "
       "addr_spec '\"\U0001F449 test\"' from the decoded words, we report no address"},
      {"spamscope-mail-parser/mail_test_19.eml",
       "From: alice@example.com <bob@example.com> -- an address used as display name; the "
       "mailbox is the angle address bob@example.com (as every mail client shows it); CPython "
       "takes the unquoted display name as the addr-spec"},
      {"spamscope-mail-parser/mail_test_9.eml",
       "=?gb2312?B?...?= Subject holding a GBK-only character: we decode gb2312 labels with GBK "
       "(a superset, as mail clients do) and get the intended text; CPython's strict gb2312 "
       "codec replaces it and loses the following character"},
  };
  return kList;
}

}  // namespace

TEST_CASE("differential: Subject and From agree with CPython email on the corpora",
          "[parse][differential]") {
  std::string cmd = "python3 '" + test::SourcePath("tools/pyemail_reference.py") + "' '" +
                    test::SharedPath("data") + "'";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string all;
  char buf[65536];
  size_t got;
  while ((got = fread(buf, 1, sizeof(buf), p)) > 0) all.append(buf, got);
  REQUIRE(pclose(p) == 0);

  int total = 0;
  int agree = 0;
  int name_agree = 0;
  int expected = 0;
  std::set<std::string> seen_expected;
  std::string report;
  size_t pos = 0;
  while (pos < all.size()) {
    size_t nl = all.find('\n', pos);
    std::string line = all.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? all.size() : nl + 1;
    Ref ref;
    if (!ParseLine(line, &ref)) continue;
    std::string raw = test::ReadFile(test::SharedPath("data/" + ref.file));
    std::string_view view = raw;
    if (view.substr(0, 5) == "From ") {  // mbox From_ line; CPython takes it as the unixfrom
      size_t e = view.find('\n');
      view = e == std::string_view::npos ? std::string_view() : view.substr(e + 1);
    }
    Diagnostics diags;
    HeaderBlock hb = ParseHeaderBlock(view, {}, {ref.file, 0}, &diags);
    bool err = false;
    const std::string_view* subj = FindHeader(hb, "Subject");
    const std::string_view* from = FindHeader(hb, "From");
    std::string our_subject = subj ? Collapse(DecodeHeaderText(*subj, &err)) : "<absent>";
    Address a = from ? ParseFrom(*from) : Address{};
    std::string our_addr = from ? a.address : "<absent>";
    std::string their_subject =
        ref.str.count("subject") ? Collapse(ref.str["subject"]) : "<absent>";
    std::string their_addr =
        ref.str.count("from_address") ? RawRule(ref.str["from_address"]) : "<absent>";
    ++total;
    bool ok = SameText(our_subject, their_subject) && our_addr == their_addr;
    if (from && ref.str.count("from_name") && Collapse(a.name) == Collapse(ref.str["from_name"])) {
      ++name_agree;
    } else if (from && ref.str.count("from_name") && getenv("QUORUM_DIFF_NAMES")) {
      // Display names are informational (CPython drops "addr (Name)" comments, we use them).
      printf("name %s\n  ours:   [%s]\n  python: [%s]\n", ref.file.c_str(), a.name.c_str(),
             Collapse(ref.str["from_name"]).c_str());
    }
    auto it = ExpectedDifferences().find(ref.file);
    if (ok) {
      ++agree;
      if (it != ExpectedDifferences().end()) {
        report += "STALE expected difference (now agrees): " + ref.file + "\n";
      }
      continue;
    }
    std::string detail = ref.file + "\n  subject ours:   [" + our_subject +
                         "]\n  subject python: [" + their_subject + "]\n  from ours:   [" +
                         our_addr + "]\n  from python: [" + their_addr + "]\n";
    if (it != ExpectedDifferences().end()) {
      ++expected;
      seen_expected.insert(ref.file);
      continue;
    }
    report += "UNEXPLAINED " + detail;
  }
  for (const auto& [file, why] : ExpectedDifferences()) {
    if (!seen_expected.count(file) && report.find(file) == std::string::npos) {
      report += "expected difference not seen (file missing?): " + file + "\n";
    }
  }
  WARN("agree " << agree << " of " << total << " (" << expected
                << " explained differences); display names agree " << name_agree);
  INFO(report);
  CHECK(report.empty());
  REQUIRE(total >= 600);
  REQUIRE(agree * 100 >= total * 99);
}
