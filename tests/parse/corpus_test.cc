// SPDX-License-Identifier: Apache-2.0
// Tests of input discovery and corpus loading: directories, Maildirs, dedup, reused ids.
#include "parse/corpus.h"

#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>

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
  return LoadCorpus(inputs.value().files, CorpusOptions{});
}

// Whether `check` holds when run with an ordinary user's permissions: as is, or, under root
// (which reads any directory whatever its mode), in a child process that drops to nobody.
bool AsOrdinaryUser(const std::function<bool()>& check) {
  if (geteuid() != 0) return check();
  pid_t pid = fork();
  if (pid == 0) {
    bool dropped = setgroups(0, nullptr) == 0 && setresgid(65534, 65534, 65534) == 0 &&
                   setresuid(65534, 65534, 65534) == 0;
    _exit(dropped && check() ? 0 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::string MboxOf(int n) {
  std::string mbox;
  for (int i = 0; i < n; ++i) {
    mbox += "From a@x  Tue Nov 28 22:04:40 2017\n" +
            Mail(std::to_string(i) + "@x", "A <a@x>",
                 "Tue, 28 Nov 2017 22:0" + std::to_string(i % 10) + ":40 +0000") +
            "\n";
  }
  return mbox;
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
  REQUIRE(inputs.value().files.size() == 2);
  CHECK(inputs.value().files[0].path == dir.path() + "/a.eml");
  CHECK(inputs.value().files[1].path == dir.path() + "/b/2.eml");
  CHECK(inputs.value().diagnostics.empty());
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

TEST_CASE("corpus: a copy of the second message under a reused id is found as a duplicate",
          "[parse][corpus]") {
  // Four files with one id: A, B (kept apart), B again (a copy of the second), C (kept apart).
  test::TempDir dir;
  std::string date = "Tue, 28 Nov 2017 22:04:40 +0000";
  test::WriteFile(dir.path() + "/1.eml", Mail("x@y", "A <a@x>", date));
  test::WriteFile(dir.path() + "/2.eml", Mail("x@y", "B <b@x>", date));
  test::WriteFile(dir.path() + "/3.eml",
                  "Received: from elsewhere\n" + Mail("x@y", "B <b@x>", date));
  test::WriteFile(dir.path() + "/4.eml", Mail("x@y", "C <c@x>", date));
  Corpus c = LoadDir(dir.path());
  CHECK(c.raw_messages == 4);
  CHECK(c.duplicates == 1);
  CHECK(c.reused_ids == 2);
  REQUIRE(c.messages.size() == 3);
  std::vector<std::string> ids;
  for (const Message& m : c.messages) ids.push_back(m.message_id);
  std::sort(ids.begin(), ids.end());
  CHECK(ids[0] == "x@y");
  CHECK(ids[1].rfind("x@y#", 0) == 0);
  CHECK(ids[2].rfind("x@y#", 0) == 0);
  CHECK(ids[1] != ids[2]);
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
  Corpus a = LoadCorpus(inputs.value().files, one);
  Corpus b = LoadCorpus(inputs.value().files, three);
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

TEST_CASE("corpus: an unreadable directory is a diagnostic naming it, the rest is read",
          "[parse][corpus]") {
  // Issue 14, item 8: it used to be skipped without a word.
  test::TempDir dir;
  fs::create_directories(dir.path() + "/locked");
  test::WriteFile(dir.path() + "/locked/1.eml",
                  Mail("1@x", "A <a@x>", "Tue, 28 Nov 2017 22:04:40 +0000"));
  test::WriteFile(dir.path() + "/2.eml", Mail("2@x", "A <a@x>", "Tue, 28 Nov 2017 22:05:40 +0000"));
  chmod(dir.path().c_str(), 0755);  // for nobody, when the test runs as root
  chmod((dir.path() + "/2.eml").c_str(), 0644);
  chmod((dir.path() + "/locked").c_str(), 0);
  bool listed = AsOrdinaryUser([&] {
    Result<InputList> in = ListInputs({dir.path()});
    return in.ok() && in.value().files.size() == 1 &&
           in.value().files[0].path == dir.path() + "/2.eml" &&
           in.value().diagnostics.size() == 1 &&
           in.value().diagnostics[0].code == "unreadable-directory" &&
           in.value().diagnostics[0].where.file == dir.path() + "/locked" &&
           in.value().diagnostics[0].detail.find("ermission denied") != std::string::npos;
  });
  bool judged = AsOrdinaryUser([&] {
    Result<Corpus> c = ReadInputs({dir.path()}, CorpusOptions{});
    return c.ok() && c.value().messages.size() == 1 && !c.value().diagnostics.empty() &&
           c.value().diagnostics[0].code == "unreadable-directory" &&
           JudgeInputs(c.value()) == InputOutcome::kPartial;
  });
  chmod((dir.path() + "/locked").c_str(), 0755);
  CHECK(listed);
  CHECK(judged);
}

TEST_CASE("corpus: a README or a binary in a directory is skipped, not a message",
          "[parse][corpus]") {
  test::TempDir dir;
  test::WriteFile(dir.path() + "/1.eml", Mail("1@x", "A <a@x>", "Tue, 28 Nov 2017 22:04:40 +0000"));
  test::WriteFile(dir.path() + "/README", "Nightly archive of dev@; see quorum.toml.\n");
  test::WriteFile(dir.path() + "/logo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  Result<Corpus> c = ReadInputs({dir.path()}, CorpusOptions{});
  REQUIRE(c.ok());
  REQUIRE(c.value().messages.size() == 1);
  CHECK(c.value().messages[0].message_id == "1@x");
  REQUIRE(c.value().diagnostics.size() == 2);
  CHECK(c.value().diagnostics[0].code == "not-a-message");
  CHECK(c.value().diagnostics[0].where.file == dir.path() + "/README");
  CHECK(c.value().diagnostics[1].where.file == dir.path() + "/logo.png");
  CHECK(JudgeInputs(c.value()) == InputOutcome::kComplete);  // nothing was missed
}

TEST_CASE("corpus: a cut .gz makes the inputs partial", "[parse][corpus]") {
  test::TempDir dir;
  std::string path = dir.path() + "/2017-11.mbox.gz";
  gzFile gz = gzopen(path.c_str(), "wb");
  REQUIRE(gz != nullptr);
  std::string mbox = MboxOf(3);
  gzwrite(gz, mbox.data(), static_cast<unsigned>(mbox.size()));
  gzclose(gz);
  std::string bytes = test::ReadFile(path);
  test::WriteFile(path, bytes.substr(0, bytes.size() - 8));  // no gzip trailer
  Corpus c = LoadCorpus({InputFile{path}}, CorpusOptions{});
  CHECK(c.messages.size() == 3);
  REQUIRE(c.diagnostics.size() == 1);
  CHECK(c.diagnostics[0].code == "truncated-gzip");
  CHECK(JudgeInputs(c) == InputOutcome::kPartial);
  test::WriteFile(path, bytes.substr(0, 12));  // not even one message
  CHECK(JudgeInputs(LoadCorpus({InputFile{path}}, CorpusOptions{})) == InputOutcome::kNothingRead);
}

TEST_CASE("corpus: reading stops at the message limit", "[parse][corpus]") {
  // Issue 14, item 10: memory grows with the messages; past the limit the run stops.
  test::TempDir dir;
  test::WriteFile(dir.path() + "/a.mbox", MboxOf(5));
  test::WriteFile(dir.path() + "/b.mbox", MboxOf(5));
  CorpusOptions co;
  CHECK(co.max_messages == kDefaultMaxMessages);
  for (int jobs : {1, 2}) {
    co.jobs = jobs;
    co.max_messages = 7;
    Result<Corpus> c = ReadInputs({dir.path()}, co);
    REQUIRE(c.ok());
    CHECK(c.value().raw_messages == 7);
    REQUIRE(c.value().diagnostics.size() == 1);
    CHECK(c.value().diagnostics[0].code == "too-many-messages");
    CHECK(c.value().diagnostics[0].detail.find("more than 7 messages") != std::string::npos);
    CHECK(JudgeInputs(c.value()) == InputOutcome::kOverLimit);
    for (size_t limit : {size_t{10}, size_t{0}}) {  // exactly enough, and no limit
      co.max_messages = limit;
      Result<Corpus> all = ReadInputs({dir.path()}, co);
      REQUIRE(all.ok());
      CHECK(all.value().raw_messages == 10);
      CHECK(JudgeInputs(all.value()) == InputOutcome::kComplete);
    }
  }
}
