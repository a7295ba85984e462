// SPDX-License-Identifier: Apache-2.0
// Tests of the streaming mbox reader: separators, From_ escaping, line endings, limits, gzip.
#include "parse/mbox_reader.h"

#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <random>

#include "test_util.h"

using namespace quorum;
using namespace quorum::parse;

namespace {

struct Read {
  std::vector<std::string> bodies;
  std::vector<uint64_t> offsets;
  std::vector<bool> truncated;
  Diagnostics diags;
  MboxFormat format = MboxFormat::kAuto;
};

Read ReadAll(const std::string& bytes, ReaderOptions opt = {},
             const std::string& name = "in.mbox") {
  test::TempDir dir;
  std::string path = dir.path() + "/" + name;
  test::WriteFile(path, bytes);
  auto r = MboxReader::Open(path, opt);
  REQUIRE(r.ok());
  Read out;
  RawMessage m;
  while (r.value()->Next(&m, &out.diags)) {
    out.bodies.emplace_back(m.bytes);
    out.offsets.push_back(m.offset);
    out.truncated.push_back(m.truncated);
  }
  out.format = r.value()->format();
  return out;
}

const char* kSep1 = "From a@example.org  Wed Nov  1 06:04:52 2017\n";
const char* kSep2 = "From b@example.org  Wed Nov  1 07:04:52 2017\n";

// The bytes of a .gz of `head + tail` cut where `head` ends, as a download that stopped there
// leaves it: the data decompresses to exactly `head`, then the stream just ends.
std::string CutGzip(const std::string& head, const std::string& tail) {
  test::TempDir dir;
  std::string path = dir.path() + "/cut.gz";
  gzFile gz = gzopen(path.c_str(), "wb");
  REQUIRE(gz != nullptr);
  gzwrite(gz, head.data(), static_cast<unsigned>(head.size()));
  gzflush(gz, Z_SYNC_FLUSH);
  size_t cut = std::filesystem::file_size(path);
  gzwrite(gz, tail.data(), static_cast<unsigned>(tail.size()));
  gzclose(gz);
  return test::ReadFile(path).substr(0, cut);
}

bool HasCode(const Diagnostics& diags, const std::string& code) {
  for (const Diagnostic& d : diags) {
    if (d.code == code) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("mbox: splits only on real From_ lines", "[parse][mbox]") {
  std::string mbox = std::string(kSep1) + "Subject: a\n\nFrom time to time\nFrom: x\n\n" + kSep2 +
                     "Subject: b\n\nbody\n";
  Read r = ReadAll(mbox);
  REQUIRE(r.bodies.size() == 2);
  CHECK(r.bodies[0] == "Subject: a\n\nFrom time to time\nFrom: x\n\n");
  CHECK(r.bodies[1] == "Subject: b\n\nbody\n");
  CHECK(r.offsets[0] == 0);
  CHECK(r.offsets[1] == mbox.find("From b@"));
  CHECK(r.diags.empty());
}

TEST_CASE("mbox: mboxrd unescaping strips one '>' from every >+From line", "[parse][mbox]") {
  std::string mbox =
      std::string(kSep1) + "S: a\n\n>From my perspective\n>>From quoted\nx >From y\n";
  ReaderOptions opt;
  opt.format = MboxFormat::kMboxrd;
  Read r = ReadAll(mbox, opt);
  REQUIRE(r.bodies.size() == 1);
  CHECK(r.bodies[0] == "S: a\n\nFrom my perspective\n>From quoted\nx >From y\n");
}

TEST_CASE("mbox: mboxo unescaping restores From lines and leaves deeper quotes", "[parse][mbox]") {
  std::string mbox = std::string(kSep1) + "S: a\n\n>From my perspective\n>>From quoted\n";
  ReaderOptions opt;
  opt.format = MboxFormat::kMboxo;
  Read r = ReadAll(mbox, opt);
  REQUIRE(r.bodies.size() == 1);
  CHECK(r.bodies[0] == "S: a\n\nFrom my perspective\n>>From quoted\n");
}

TEST_CASE("mbox: format is guessed from the archiver", "[parse][mbox]") {
  CHECK(ReadAll(std::string(kSep1) + "S: a\n\nx\n").format == MboxFormat::kMboxo);
  CHECK(ReadAll("From MAILER-DAEMON Thu Jan  1 00:00:00 1970\nS: a\n\nx\n").format ==
        MboxFormat::kMboxrd);
  CHECK(ReadAll("From dev-return-1-archiver=mbox-vm.apache.org@maven.apache.org  Wed Nov  1 "
                "06:04:52 2017\nS: a\n\nx\n")
            .format == MboxFormat::kMboxrd);
}

TEST_CASE("mbox: CRLF, missing final newline, NUL bytes and long lines", "[parse][mbox]") {
  std::string crlf =
      "From a@b  Wed Nov  1 06:04:52 2017\r\nS: a\r\n\r\nx\r\n\r\n"
      "From a@b  Wed Nov  1 06:05:52 2017\r\nS: b\r\n\r\ny";
  Read r = ReadAll(crlf);
  REQUIRE(r.bodies.size() == 2);
  CHECK(r.bodies[0] == "S: a\r\n\r\nx\r\n\r\n");
  CHECK(r.bodies[1] == "S: b\r\n\r\ny");

  std::string nul =
      std::string(kSep1) + "S: a\n\nx" + std::string(3, '\0') + "y\n" + kSep2 + "S: b\n\n";
  r = ReadAll(nul);
  REQUIRE(r.bodies.size() == 2);
  CHECK(r.bodies[0] == std::string("S: a\n\nx\0\0\0y\n", 12));

  std::string long_line(5 << 20, 'z');  // longer than one read chunk
  std::string big = std::string(kSep1) + "S: a\n\n" + long_line + "\n" + kSep2 + "S: b\n\nend\n";
  ReaderOptions roomy;  // the line is over the default 4 MiB message cap, not tested here
  roomy.max_message_bytes = 64 << 20;
  r = ReadAll(big, roomy);
  REQUIRE(r.bodies.size() == 2);
  CHECK(r.bodies[0].size() == 6 + long_line.size() + 1);
  CHECK(r.bodies[1] == "S: b\n\nend\n");
  CHECK(r.offsets[1] == big.find(kSep2));
}

TEST_CASE("mbox: junk before the first From_ line is skipped with a diagnostic", "[parse][mbox]") {
  std::string mbox = std::string("garbage line\nmore\n") + kSep1 + "S: a\n\nx\n";
  Read r = ReadAll(mbox);
  REQUIRE(r.bodies.size() == 1);
  REQUIRE(r.diags.size() == 1);
  CHECK(r.diags[0].code == "junk-before-first-message");
  CHECK(r.offsets[0] == 18);
}

TEST_CASE("mbox: a file that is one message is read whole", "[parse][mbox]") {
  Read r = ReadAll("Subject: one\nFrom: a@b\n\nFrom my side, fine.\n", {}, "msg.eml");
  REQUIRE(r.bodies.size() == 1);
  CHECK(r.bodies[0] == "Subject: one\nFrom: a@b\n\nFrom my side, fine.\n");
  Read empty = ReadAll("", {}, "empty.mbox");
  CHECK(empty.bodies.empty());
}

TEST_CASE("mbox: an over-long message is truncated and the next one still read", "[parse][mbox]") {
  ReaderOptions opt;
  opt.max_message_bytes = 1000;
  std::string huge(9 << 20, 'q');  // spans several read chunks
  for (size_t i = 100; i < huge.size(); i += 100) huge[i] = '\n';
  std::string mbox = std::string(kSep1) + "S: a\n\n" + huge + "\n" + kSep2 + "S: b\n\nok\n";
  Read r = ReadAll(mbox, opt);
  REQUIRE(r.bodies.size() == 2);
  CHECK(r.truncated[0]);
  CHECK(r.bodies[0].size() == 1000);
  CHECK_FALSE(r.truncated[1]);
  CHECK(r.bodies[1] == "S: b\n\nok\n");
  CHECK(r.offsets[1] == mbox.find(kSep2));
  REQUIRE_FALSE(r.diags.empty());
  CHECK(r.diags[0].code == "message-truncated");
}

TEST_CASE("mbox: gzip input is read like plain", "[parse][mbox]") {
  test::TempDir dir;
  std::string path = dir.path() + "/x.mbox.gz";
  std::string mbox = std::string(kSep1) + "S: a\n\n>From z\n" + kSep2 + "S: b\n\nb\n";
  gzFile gz = gzopen(path.c_str(), "wb");
  REQUIRE(gz != nullptr);
  gzwrite(gz, mbox.data(), static_cast<unsigned>(mbox.size()));
  gzclose(gz);
  auto r = MboxReader::Open(path, {});
  REQUIRE(r.ok());
  RawMessage m;
  Diagnostics d;
  std::vector<std::string> got;
  while (r.value()->Next(&m, &d)) got.emplace_back(m.bytes);
  REQUIRE(got.size() == 2);
  CHECK(got[0] == "S: a\n\nFrom z\n");
}

TEST_CASE("mbox: mboxrd round trip of random bodies is exact", "[parse][mbox]") {
  // Write bodies full of From-ish lines the way an mboxrd writer does, read them back.
  std::mt19937 rng(42);
  const char* pieces[] = {"From ", ">From ", ">>From ", "From: x", "text", "", ">", "From"};
  std::vector<std::string> originals;
  std::string mbox;
  for (int i = 0; i < 200; ++i) {
    std::string body = "Subject: m" + std::to_string(i) + "\n\n";
    int lines = static_cast<int>(rng() % 10);
    for (int k = 0; k < lines; ++k) body += std::string(pieces[rng() % 8]) + "x\n";
    originals.push_back(body);
    mbox += "From a@b  Wed Nov  1 06:04:52 2017\n";
    size_t pos = 0;
    while (pos < body.size()) {
      size_t nl = body.find('\n', pos);
      std::string line = body.substr(pos, nl - pos + 1);
      size_t k = line.find_first_not_of('>');
      if (k != std::string::npos && line.compare(k, 5, "From ") == 0) line = ">" + line;
      mbox += line;
      pos = nl + 1;
    }
    mbox += "\n";
  }
  ReaderOptions opt;
  opt.format = MboxFormat::kMboxrd;
  Read r = ReadAll(mbox, opt);
  REQUIRE(r.bodies.size() == originals.size());
  for (size_t i = 0; i < originals.size(); ++i) CHECK(r.bodies[i] == originals[i] + "\n");
}

namespace {

struct Piece {
  std::string bytes;
  uint64_t offset, size;
  bool truncated;
  std::string from_line;
};

// Every message and diagnostic of `path`, read whole or piece by piece between `cuts`.
std::pair<std::vector<Piece>, Diagnostics> ReadPieces(const std::string& path,
                                                      const std::vector<uint64_t>& cuts,
                                                      uint64_t size, ReaderOptions opt) {
  std::vector<Piece> out;
  Diagnostics diags;
  auto whole = MboxReader::Open(path, opt);
  REQUIRE(whole.ok());
  opt.format = whole.value()->format();
  for (size_t i = 0; i < cuts.size(); ++i) {
    uint64_t end = i + 1 < cuts.size() ? cuts[i + 1] : size;
    auto r = cuts.size() == 1 ? MboxReader::Open(path, opt)
                              : MboxReader::OpenRange(path, opt, cuts[i], end);
    REQUIRE(r.ok());
    RawMessage m;
    while (r.value()->Next(&m, &diags)) {
      out.push_back(
          Piece{std::string(m.bytes), m.offset, m.size, m.truncated, std::string(m.from_line)});
    }
  }
  return {out, diags};
}

bool SamePieces(const std::vector<Piece>& a, const std::vector<Piece>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].bytes != b[i].bytes || a[i].offset != b[i].offset || a[i].size != b[i].size ||
        a[i].truncated != b[i].truncated || a[i].from_line != b[i].from_line)
      return false;
  }
  return true;
}

}  // namespace

TEST_CASE("mbox: a file read in pieces between cut points gives the messages of the whole",
          "[parse][mbox]") {
  // Tricky bodies: escaped and unescaped From lines, CRLF, a long line, an over-long message.
  std::mt19937 rng(7);
  std::string bytes;
  for (int i = 0; i < 3000; ++i) {
    bytes += i % 2 ? kSep1 : kSep2;
    bytes += "Message-ID: <m" + std::to_string(i) + "@x>\r\nSubject: s\n\n";
    switch (rng() % 6) {
      case 0:
        bytes += ">From the top\n>>From deeper\n";
        break;
      case 1:
        bytes += "From time to time, a body line starts so\n";
        break;
      case 2:
        bytes += std::string(70000, 'x') + "\n";
        break;
      case 3:
        bytes += std::string(20000, 'y') + "\n" + std::string(20000, 'z') + "\n";
        break;
      default:
        bytes += "body " + std::to_string(i) + "\r\n";
    }
    bytes += "\n";
  }
  test::TempDir dir;
  std::string path = dir.path() + "/big.mbox";
  test::WriteFile(path, bytes);
  ReaderOptions opt;
  opt.max_message_bytes = 30000;  // some messages are cut: "message-truncated"
  uint64_t size = 0;
  std::vector<uint64_t> cuts = MboxCutPoints(path, 16, 1 << 20, &size);
  REQUIRE(size == bytes.size());
  REQUIRE(cuts.size() > 4);
  for (uint64_t c : cuts) CHECK((c == 0 || bytes.compare(c - 1, 6, "\nFrom ") == 0));
  auto whole = ReadPieces(path, {0}, size, opt);
  auto pieces = ReadPieces(path, cuts, size, opt);
  CHECK(whole.first.size() == 3000);
  CHECK(SamePieces(whole.first, pieces.first));
  REQUIRE(whole.second.size() == pieces.second.size());
  for (size_t i = 0; i < whole.second.size(); ++i) {
    CHECK(FormatDiagnostic(whole.second[i]) == FormatDiagnostic(pieces.second[i]));
  }
}

TEST_CASE("mbox: files that do not start with a From_ line, or gzip, are not cut",
          "[parse][mbox]") {
  test::TempDir dir;
  std::string body(3 << 20, 'a');
  std::string junk = "junk first\n" + std::string(kSep1) + "\n" + body + "\n" + kSep2 + "\nb\n";
  test::WriteFile(dir.path() + "/junk.mbox", junk);
  uint64_t size = 0;
  CHECK(MboxCutPoints(dir.path() + "/junk.mbox", 8, 1 << 20, &size).size() == 1);
  CHECK(MboxCutPoints(dir.path() + "/missing.mbox", 8, 1 << 20, &size).size() == 1);
  std::string small = std::string(kSep1) + "\nx\n" + kSep2 + "\ny\n";
  test::WriteFile(dir.path() + "/small.mbox", small);
  CHECK(MboxCutPoints(dir.path() + "/small.mbox", 8, 1 << 20, &size).size() == 1);
  std::string gz = dir.path() + "/a.mbox.gz";
  gzFile f = gzopen(gz.c_str(), "wb");
  std::string plain = std::string(kSep1) + "\n" + body + "\n" + kSep2 + "\n" + body + "\n";
  gzwrite(f, plain.data(), static_cast<unsigned>(plain.size()));
  gzclose(f);
  CHECK(MboxCutPoints(gz, 8, 1 << 10, &size).size() == 1);
  CHECK_FALSE(MboxReader::OpenRange(gz, ReaderOptions{}, 10, 20).ok());
}

TEST_CASE("mbox: a .gz cut inside a message's header drops that message, naming the file",
          "[parse][mbox]") {
  // Issue 14, item 3: the cut-off message used to come out with no id, sender or date, and
  // nothing said the file was incomplete.
  std::string first = std::string(kSep1) + "Message-ID: <1@x>\nSubject: a\n\nbody\n\n";
  std::string head = first + kSep2 + "Message-ID: <2@x>\nSubj";
  Read r = ReadAll(CutGzip(head, "ect: b\nFrom: b@x\n\nbody\n"), {}, "month.mbox.gz");
  REQUIRE(r.bodies.size() == 1);
  CHECK(r.bodies[0] == first.substr(strlen(kSep1)));
  REQUIRE(r.diags.size() == 2);
  CHECK(r.diags[0].code == "truncated-gzip");
  CHECK(r.diags[0].where.file.ends_with("/month.mbox.gz"));
  CHECK(r.diags[0].where.offset == head.size());  // in the decompressed mail
  CHECK(r.diags[0].detail.find("<fd:") == std::string::npos);
  CHECK(r.diags[1].code == "incomplete-message");
  CHECK(r.diags[1].where.offset == first.size());
}

TEST_CASE("mbox: a .gz cut inside a message's body keeps it, flagged", "[parse][mbox]") {
  std::string head = std::string(kSep1) + "S: a\n\nfirst\n" + kSep2 + "S: b\n\nhalf of it";
  Read r = ReadAll(CutGzip(head, " and the rest\n"), {}, "month.gz");
  REQUIRE(r.bodies.size() == 2);
  CHECK_FALSE(r.truncated[0]);
  CHECK(r.truncated[1]);
  CHECK(r.bodies[1] == "S: b\n\nhalf of it");
  CHECK(HasCode(r.diags, "truncated-gzip"));
  CHECK_FALSE(HasCode(r.diags, "incomplete-message"));

  // A one-message file (a gzipped .eml) is judged the same way.
  Read one = ReadAll(CutGzip("Subject: a\nFrom: a@x\n\nhal", "f\n"), {}, "msg.eml.gz");
  REQUIRE(one.bodies.size() == 1);
  CHECK(one.truncated[0]);
  Read no_header = ReadAll(CutGzip("Subject: a\nFro", "m: a@x\n\nx\n"), {}, "msg.eml.gz");
  CHECK(no_header.bodies.empty());
  CHECK(HasCode(no_header.diags, "truncated-gzip"));
  CHECK(HasCode(no_header.diags, "incomplete-message"));
}

TEST_CASE("mbox: a corrupt .gz is a diagnostic naming the file, not <fd:N>", "[parse][mbox]") {
  test::TempDir dir;
  std::string path = dir.path() + "/x.gz";
  gzFile gz = gzopen(path.c_str(), "wb");
  REQUIRE(gz != nullptr);
  std::string mbox = std::string(kSep1) + "S: a\n\nbody\n";
  gzwrite(gz, mbox.data(), static_cast<unsigned>(mbox.size()));
  gzclose(gz);
  std::string bytes = test::ReadFile(path);
  bytes[bytes.size() - 8] ^= 0x55;  // the CRC-32 in the trailer
  Read r = ReadAll(bytes, {}, "corrupt.mbox.gz");
  REQUIRE_FALSE(r.diags.empty());
  CHECK(r.diags[0].code == "corrupt-gzip");
  CHECK(r.diags[0].where.file.ends_with("/corrupt.mbox.gz"));
  CHECK(r.diags[0].detail.find("<fd:") == std::string::npos);
  CHECK(r.diags[0].detail.find("incorrect data check") != std::string::npos);
  CHECK_FALSE(HasCode(r.diags, "empty-file"));  // the file is not empty, it is corrupt
}

TEST_CASE("mbox: a plain mbox cut inside the last message's header drops that message",
          "[parse][mbox]") {
  std::string first = std::string(kSep1) + "S: a\n\nx\n\n";
  Read r = ReadAll(first + kSep2 + "Message-ID: <2@x>\nSubj");
  REQUIRE(r.bodies.size() == 1);
  REQUIRE(r.diags.size() == 1);
  CHECK(r.diags[0].code == "incomplete-message");
  CHECK(r.diags[0].where.offset == first.size());
  // A whole header block, or a last line that ends, is not a sign of a cut.
  CHECK(ReadAll(first + kSep2 + "S: b\n\nno final newline").bodies.size() == 2);
  CHECK(ReadAll(first + kSep2 + "S: b\nMessage-ID: <2@x>\n").bodies.size() == 2);
  // Nor is a header block cut at the size cap: the message went on in the file.
  ReaderOptions small;
  small.max_message_bytes = 100;
  Read capped = ReadAll(first + kSep2 + "X-Long: " + std::string(500, 'x') + "\n\nbody\n", small);
  REQUIRE(capped.bodies.size() == 2);
  CHECK(capped.truncated[1]);
  CHECK_FALSE(HasCode(capped.diags, "incomplete-message"));
}

TEST_CASE("mbox: a file that does not start like mail is not a message", "[parse][mbox]") {
  // Issue 14, item 8: a README or a binary next to the archives became a phantom message.
  for (const std::string& junk :
       {std::string("# Archives\n\nThe months of dev@, fetched nightly.\n"),
        std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), std::string("\n\nbody only\n"),
        std::string("Subject: x\nX-Bin: a\0b\n\nbody\n", 28), std::string("Not a header\n")}) {
    Read r = ReadAll(junk, {}, "README");
    CHECK(r.bodies.empty());
    REQUIRE(r.diags.size() == 1);
    CHECK(r.diags[0].code == "not-a-message");
    CHECK(r.diags[0].where.file.ends_with("/README"));
  }
  // What mail files start with: a field (obsolete space before the colon too), or an envelope
  // line that is not a strict From_ line, as in the Pony Mail and GMime test corpora.
  for (const std::string& mail :
       {std::string("Return-Path: <a@x>\nSubject: s\n\nb\n"), std::string("Subject : s\n\nb\n"),
        std::string("From - \nFrom: a@x\n\nb\n"), std::string("X-Body: binary\n\nb\0\n", 19)}) {
    Read r = ReadAll(mail, {}, "1700000000.1.host:2,S");
    CHECK(r.bodies.size() == 1);
    CHECK(r.diags.empty());
  }
}
