// SPDX-License-Identifier: Apache-2.0
// Tests of input discovery and corpus loading: directories, Maildirs, dedup, reused ids.
#include "parse/corpus.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "test_util.h"

using namespace quorum;
using namespace quorum::parse;
namespace fs = std::filesystem;

namespace {

std::string Mail(const std::string& id, const std::string& from, const std::string& date,
                 const std::string& body = "hello\n") {
  return "From: " + from + "\nDate: " + date + "\nMessage-ID: <" + id + ">\nSubject: s\n\n" + body;
}

Corpus LoadDir(const std::string& dir) {
  auto inputs = ListInputs({dir});
  REQUIRE(inputs.ok());
  return LoadCorpus(inputs.value(), CorpusOptions{});
}

}  // namespace

TEST_CASE("corpus: a Maildir is read from cur/ and new/, never tmp/", "[parse][corpus]") {
  test::TempDir dir;
  fs::path md = fs::path(dir.path()) / "Maildir";
  for (const char* sub : {"cur", "new", "tmp"}) fs::create_directories(md / sub);
  test::WriteFile((md / "cur" / "1700000000.1.host:2,S").string(),
                  Mail("a@x", "A <a@x>", "Tue, 28 Nov 2017 22:04:40 +0100"));
  test::WriteFile((md / "new" / "1700000001.2.host").string(),
                  Mail("b@x", "B <b@x>", "Tue, 28 Nov 2017 23:04:40 +0100"));
  test::WriteFile((md / "tmp" / "1700000002.3.host").string(),
                  Mail("c@x", "C <c@x>", "Tue, 28 Nov 2017 23:05:40 +0100"));
  Corpus c = LoadDir(dir.path());
  REQUIRE(c.messages.size() == 2);
  CHECK(c.messages[0].message_id == "a@x");
  CHECK(c.messages[1].message_id == "b@x");
}

TEST_CASE("corpus: directories are walked in a stable order, state files skipped",
          "[parse][corpus]") {
  test::TempDir dir;
  fs::create_directories(fs::path(dir.path()) / "b");
  test::WriteFile(dir.path() + "/b/2.eml",
                  Mail("2@x", "A <a@x>", "Tue, 28 Nov 2017 22:04:40 +0000"));
  test::WriteFile(dir.path() + "/a.eml", Mail("1@x", "A <a@x>", "Tue, 28 Nov 2017 21:04:40 +0000"));
  test::WriteFile(dir.path() + "/state.json", "{}");
  test::WriteFile(dir.path() + "/.hidden", "junk");
  auto inputs = ListInputs({dir.path()});
  REQUIRE(inputs.ok());
  REQUIRE(inputs.value().size() == 2);
  CHECK(inputs.value()[0].path == dir.path() + "/a.eml");
  CHECK(inputs.value()[1].path == dir.path() + "/b/2.eml");
  CHECK_FALSE(ListInputs({dir.path() + "/missing"}).ok());
}

TEST_CASE("corpus: same id and content is a duplicate but other content is kept apart",
          "[parse][corpus]") {
  test::TempDir dir;
  std::string date = "Tue, 28 Nov 2017 22:04:40 +0000";
  test::WriteFile(dir.path() + "/1.eml", Mail("x@y", "A <a@x>", date));
  test::WriteFile(dir.path() + "/2.eml",
                  "Received: from elsewhere\n" + Mail("x@y", "A <a@x>", date));
  test::WriteFile(dir.path() + "/3.eml", Mail("x@y", "B <b@x>", "Wed, 29 Nov 2017 10:00:00 +0000"));
  Corpus c = LoadDir(dir.path());
  CHECK(c.raw_messages == 3);
  CHECK(c.duplicates == 1);
  CHECK(c.reused_ids == 1);
  REQUIRE(c.messages.size() == 2);
  CHECK(c.messages[0].message_id == "x@y");
  CHECK(c.messages[1].message_id.rfind("x@y#", 0) == 0);
  REQUIRE_FALSE(c.messages[1].diagnostics.empty());
  CHECK(c.messages[1].diagnostics.back().code == "reused-message-id");
}

TEST_CASE("corpus: an unreadable file is a diagnostic, the others are read", "[parse][corpus]") {
  test::TempDir dir;
  test::WriteFile(dir.path() + "/ok.eml",
                  Mail("1@x", "A <a@x>", "Tue, 28 Nov 2017 22:04:40 +0000"));
  std::vector<InputFile> in = {{dir.path() + "/ok.eml"}, {dir.path() + "/gone.eml"}};
  Corpus c = LoadCorpus(in, CorpusOptions{});
  CHECK(c.messages.size() == 1);
  REQUIRE(c.diagnostics.size() == 1);
  CHECK(c.diagnostics[0].code == "unreadable-file");
  CHECK(c.diagnostics[0].where.file == dir.path() + "/gone.eml");
}

TEST_CASE("corpus: a message without Message-ID gets a stable synthetic id", "[parse][corpus]") {
  test::TempDir dir;
  std::string m = "From: A <a@x>\nDate: Tue, 28 Nov 2017 22:04:40 +0000\nSubject: s\n\nbody\n";
  test::WriteFile(dir.path() + "/1.eml", "Received: by a\n" + m);
  test::WriteFile(dir.path() + "/2.eml", "Received: by b\n" + m);
  Corpus c = LoadDir(dir.path());
  REQUIRE(c.messages.size() == 1);  // the two copies differ only in Received: one message
  CHECK(c.messages[0].synthetic_id);
  CHECK(c.messages[0].message_id.find("@synthetic") != std::string::npos);
}

TEST_CASE("corpus: the dialect quorum fetch recorded beats guessing", "[parse][corpus]") {
  // lists.apache.org (Foal) exports mboxrd but its From_ lines look like mod_mbox's; fetch
  // records the dialect (fetch/state.h reads it back, see the fetch tests) and the reader uses
  // what CorpusOptions::recorded_format says.
  test::TempDir dir;
  std::string mbox =
      "From dev-return-1-archive-asf-public=cust-asf.ponee.io@x.apache.org  Mon Oct  5 04:41:25 "
      "2020\nFrom: A <a@x>\nDate: Mon, 5 Oct 2020 04:41:25 +0000\nMessage-ID: <1@x>\n"
      "Subject: s\n\n>>From quoted\n";
  test::WriteFile(dir.path() + "/2020-10.mbox", mbox);
  CorpusOptions co;
  auto text = [&] {
    Corpus c = LoadCorpus({InputFile{dir.path() + "/2020-10.mbox"}}, co);
    REQUIRE(c.messages.size() == 1);
    return c.messages[0].body;
  };
  CHECK(text() == ">>From quoted\n");  // guessed: mboxo leaves deeper quoting alone
  std::vector<std::string> asked;
  co.recorded_format = [&asked](const std::string& path) {
    asked.push_back(path);
    return MboxFormat::kMboxrd;
  };
  CHECK(text() == ">From quoted\n");  // recorded: mboxrd strips one '>'
  CHECK(asked == std::vector<std::string>{dir.path() + "/2020-10.mbox"});
  co.reader.format = MboxFormat::kMboxo;  // an explicit --mbox-format is not second-guessed
  CHECK(text() == ">>From quoted\n");
  CHECK(asked.size() == 1);
}

TEST_CASE("corpus: one big mbox parsed on several threads equals the one-thread parse",
          "[parse][corpus][shared]") {
  // Real mail, repeated to well over two pieces (ParseFile cuts files of 8 MB and more).
  std::string month =
      test::ReadFile(test::SharedPath("data/ponymail-unit-tests/maven-dev-2017-11-listsao.mbox"));
  std::string other =
      test::ReadFile(test::SharedPath("data/ponymail-unit-tests/httpd-users-2020-07.mbox"));
  test::TempDir dir;
  std::string bytes;
  for (int copy = 0; bytes.size() < (20u << 20); ++copy) {
    // Each copy's ids differ, so nothing is dropped as a duplicate.
    std::string tag = "<c" + std::to_string(copy) + ".";
    for (const std::string* src : {&month, &other}) {
      std::string s = *src;
      for (const char* field : {"Message-ID: <", "Message-Id: <"}) {
        for (size_t p = 0; (p = s.find(field, p)) != std::string::npos; p += 13) {
          s.replace(p + 12, 1, tag);
        }
      }
      bytes += s + "\n";
    }
  }
  std::string path = dir.path() + "/big.mbox";
  test::WriteFile(path, bytes);
  auto inputs = ListInputs({path});
  REQUIRE(inputs.ok());
  CorpusOptions one;
  CorpusOptions three;
  three.jobs = 3;
  Corpus a = LoadCorpus(inputs.value(), one);
  Corpus b = LoadCorpus(inputs.value(), three);
  REQUIRE(a.messages.size() > 3000);
  REQUIRE(a.messages.size() == b.messages.size());
  size_t differ = 0;
  for (size_t i = 0; i < a.messages.size(); ++i) {
    const Message& x = a.messages[i];
    const Message& y = b.messages[i];
    bool same = x.message_id == y.message_id && x.source.offset == y.source.offset &&
                x.size == y.size && x.text == y.text && x.subject == y.subject &&
                x.diagnostics.size() == y.diagnostics.size();
    if (!same) ++differ;
  }
  CHECK(differ == 0);
  CHECK(a.duplicates == b.duplicates);
  CHECK(a.diagnostics.size() == b.diagnostics.size());
  CHECK(a.threads.size() == b.threads.size());
}
