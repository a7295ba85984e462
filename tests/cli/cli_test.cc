// SPDX-License-Identifier: Apache-2.0
// End-to-end tests of the quorum binary: exit codes, output shapes, determinism, real data.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "test_util.h"

using quorum::test::RunQuorum;
using quorum::test::SharedPath;

TEST_CASE("cli: usage errors exit 2, missing inputs exit 1", "[cli]") {
  CHECK(RunQuorum("").exit_code == 2);
  CHECK(RunQuorum("threads").exit_code == 2);
  CHECK(RunQuorum("threads --format xml /dev/null").exit_code == 2);
  auto r = RunQuorum("threads /nonexistent/dir");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("/nonexistent/dir") != std::string::npos);
  CHECK(RunQuorum("--version").out.find("quorum ") == 0);
}

TEST_CASE("cli: a command that does not fetch never loads libcurl", "[cli]") {
  // The fetch client opens libcurl when it is made (fetch/curl_http_client.cc). Linked, libcurl
  // and its TLS, LDAP and Kerberos libraries cost every command 11 ms of start-up. The dynamic
  // loader lists what it loads when LD_DEBUG=libs is set.
  REQUIRE(setenv("LD_DEBUG", "libs", 1) == 0);
  auto r = RunQuorum("votes --quiet '" + std::string(QUORUM_SOURCE_DIR) + "/data/sample'");
  unsetenv("LD_DEBUG");
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("libsqlite3") != std::string::npos);  // the loader did report its libraries
  CHECK(r.err.find("libcurl") == std::string::npos);
}

TEST_CASE("cli: every file under shared/data goes through `quorum messages`", "[cli][shared]") {
  // Under the ASan+UBSan build this doubles as the crash and leak check on all real data.
  auto r = RunQuorum("messages --quiet '" + SharedPath("data") + "'");
  REQUIRE(r.exit_code == 0);
  std::istringstream lines(r.out);
  std::string line;
  size_t n = 0, with_diags = 0;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);  // throws (fails the test) on invalid JSON
    REQUIRE(j.contains("message_id"));
    REQUIRE(j["source"]["file"].is_string());
    if (!j["diagnostics"].empty()) ++with_diags;
    ++n;
  }
  CHECK(n > 1500);
  CHECK(with_diags > 0);  // the malformed corpora must produce diagnostics
}

TEST_CASE("cli: threads output is deterministic and well formed", "[cli]") {
  std::string in = "'" + SharedPath("data/ponymail-unit-tests/maven-dev-2017-11-listsao.mbox") +
                   "' '" + SharedPath("data/ponymail-unit-tests/maven-dev-2017-12-mboxvm.mbox") +
                   "'";
  auto a = RunQuorum("threads --quiet --jobs 2 " + in);
  auto b = RunQuorum("threads --quiet --jobs 1 " + in);
  REQUIRE(a.exit_code == 0);
  CHECK(a.out == b.out);
  auto j = nlohmann::json::parse(a.out);
  CHECK(j["schema_version"] == 2);
  REQUIRE(j["threads"].size() > 100);
  for (const auto& t : j["threads"]) {
    REQUIRE(t["messages"].size() >= 1);
    CHECK(t["messages"][0]["parent"].is_null());
    CHECK(t["id"] == t["messages"][0]["message_id"]);
  }
}

TEST_CASE("cli: messages output does not depend on the number of jobs", "[cli]") {
  // Two months, ~600 messages: several 256-message chunks, formatted on up to four threads
  // while the main thread writes them in order.
  std::string in = "'" + SharedPath("data/ponymail-unit-tests/maven-dev-2017-11-listsao.mbox") +
                   "' '" + SharedPath("data/ponymail-unit-tests/maven-dev-2017-12-listsao.mbox") +
                   "'";
  auto one = RunQuorum("messages --quiet --jobs 1 " + in);
  REQUIRE(one.exit_code == 0);
  REQUIRE(std::count(one.out.begin(), one.out.end(), '\n') > 512);
  for (int jobs : {2, 4}) {
    auto many = RunQuorum("messages --quiet --jobs " + std::to_string(jobs) + " " + in);
    REQUIRE(many.exit_code == 0);
    CHECK(many.out == one.out);
  }
}

TEST_CASE("cli: messages carry the decoded fields DESIGN.md names", "[cli]") {
  auto r =
      RunQuorum("messages --quiet '" +
                SharedPath("data/ponymail-unit-tests/maven-dev-2017-11-124652-listsao.mbox") + "'");
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out.substr(0, r.out.find('\n')));
  for (const char* k : {"message_id", "from", "date", "subject", "in_reply_to", "references",
                        "thread_root", "list", "source", "text", "diagnostics"}) {
    CHECK(j.contains(k));
  }
  CHECK(j["list"] == "dev.maven.apache.org");
  CHECK(j["date"] == "2017-11-28T21:04:40Z");  // "Tue, 28 Nov 2017 22:04:40 +0100"
}

TEST_CASE("cli: one person with two addresses is one person", "[cli]") {
  auto r = RunQuorum("messages --quiet '" +
                     SharedPath("data/ponymail-unit-tests/maven-dev-2017-11-listsao.mbox") + "' '" +
                     SharedPath("data/ponymail-unit-tests/maven-dev-2017-12-listsao.mbox") + "'");
  REQUIRE(r.exit_code == 0);
  std::istringstream lines(r.out);
  std::string line;
  std::set<std::string> herve, addresses;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);
    std::string address = j["from"]["address"];
    if (address == "hboutemy@apache.org" || address == "herve.boutemy@free.fr") {
      herve.insert(j["person"].get<std::string>());
      addresses.insert(address);
    }
  }
  CHECK(addresses.size() == 2);  // he wrote from both
  CHECK(herve == std::set<std::string>{"hboutemy@apache.org"});
}

TEST_CASE("cli: without a usable temp dir, texts stay in memory and the output is the same",
          "[cli][shared]") {
  // Texts normally go to an unnamed file in $TMPDIR (core/text_store.h); a missing or
  // unwritable one is an environment problem worth a warning, not a reason to stop.
  std::string month =
      "'" + SharedPath("data/ponymail-unit-tests/maven-dev-2017-11-listsao.mbox") + "'";
  auto spilled = RunQuorum("messages --quiet " + month);
  REQUIRE(spilled.exit_code == 0);
  // Only the quorum process gets the bad TMPDIR: this test's own temp files need a good one.
  quorum::test::TempDir dir;
  std::string out = dir.path() + "/out", err = dir.path() + "/err";
  int status = std::system(("TMPDIR=/nonexistent/quorum-tmp '" + std::string(QUORUM_BINARY) +
                            "' messages " + month + " >'" + out + "' 2>'" + err + "'")
                               .c_str());
  quorum::test::RunResult held;
  held.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  held.out = quorum::test::ReadFile(out);
  held.err = quorum::test::ReadFile(err);
  CHECK(held.exit_code == 0);
  CHECK(held.err.find("/nonexistent/quorum-tmp") != std::string::npos);
  CHECK(held.err.find("stay in memory") != std::string::npos);
  CHECK(held.out.size() > 100000);
  CHECK(held.out == spilled.out);
}

TEST_CASE("cli: the dialect quorum fetch recorded for a month is what the reader uses",
          "[cli][shared]") {
  // fetch/state.h owns the state file; the CLI hands its answer to parse. A record saying the
  // opposite of what the reader would guess must change how ">From " lines are read.
  quorum::test::TempDir dir;
  std::string month = dir.path() + "/2017-11.mbox";
  quorum::test::WriteFile(month, quorum::test::ReadFile(SharedPath(
                                     "data/ponymail-unit-tests/maven-dev-2017-11-listsao.mbox")));
  auto messages_with = [&](const std::string& format) {
    quorum::test::WriteFile(dir.path() + "/.quorum-state.tsv",
                            "# quorum fetch state v1\n2017-11\t" + format + "\t1\t1\t" +
                                std::string(64, 'a') + "\t2026-11-23T21:00:00Z\tu\n");
    auto r = RunQuorum("messages --quiet '" + dir.path() + "'");
    REQUIRE(r.exit_code == 0);
    return r.out;
  };
  std::string as_mboxo = messages_with("mboxo");
  std::string as_mboxrd = messages_with("mboxrd");
  CHECK(as_mboxo != as_mboxrd);
  CHECK(messages_with("mboxo") == as_mboxo);  // the record now says mboxo again
  auto given = RunQuorum("messages --quiet --mbox-format mboxrd '" + dir.path() + "'");
  CHECK(given.out == as_mboxrd);  // an explicit --mbox-format beats the record
}

namespace {

// A month of real mail as a .gz, whole.
std::string MavenGzip(const std::string& path) {
  std::string mbox =
      quorum::test::ReadFile(SharedPath("data/ponymail-unit-tests/maven-dev-2017-11-listsao.mbox"));
  gzFile gz = gzopen(path.c_str(), "wb");
  REQUIRE(gz != nullptr);
  gzwrite(gz, mbox.data(), static_cast<unsigned>(mbox.size()));
  gzclose(gz);
  return quorum::test::ReadFile(path);
}

}  // namespace

TEST_CASE("cli: a cut or corrupt .gz exits 3 naming the file, with no phantom message",
          "[cli][shared]") {
  // Issue 14, item 3: a cut .gz was read silently (exit 0) and its cut-off last message came
  // out with no id, sender or date; a corrupt one said "<fd:3>" and exited 0.
  quorum::test::TempDir dir;
  std::string path = dir.path() + "/2017-11.mbox.gz";
  std::string gz = MavenGzip(path);
  auto whole = RunQuorum("messages --quiet '" + path + "'");
  REQUIRE(whole.exit_code == 0);
  quorum::test::WriteFile(path, gz.substr(0, gz.size() / 2));
  auto cut = RunQuorum("messages --quiet '" + path + "'");
  CHECK(cut.exit_code == 3);
  CHECK(cut.err.find(path + ":") != std::string::npos);
  CHECK(cut.err.find("truncated-gzip") != std::string::npos);
  std::istringstream lines(cut.out);
  size_t n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    auto j = nlohmann::json::parse(line);
    CHECK_FALSE(j["from"]["address"].get<std::string>().empty());
    CHECK(j["date"].is_string());
  }
  CHECK(n > 100);
  CHECK(whole.out.compare(0, 1000, cut.out, 0, 1000) == 0);

  std::string corrupt = gz;
  for (size_t i = gz.size() / 2; i < gz.size() / 2 + 64; ++i) corrupt[i] ^= 0x5a;
  quorum::test::WriteFile(path, corrupt);
  auto bad = RunQuorum("messages --quiet '" + path + "'");
  CHECK(bad.exit_code == 1);  // nothing could be read: zlib finds it before handing any of it
  std::string other = SharedPath("data/ponymail-unit-tests/maven-dev-2017-12-listsao.mbox");
  CHECK(RunQuorum("messages --quiet '" + path + "' '" + other + "'").exit_code == 3);
  CHECK(bad.err.find(path + ":") != std::string::npos);
  CHECK(bad.err.find("corrupt-gzip") != std::string::npos);
  CHECK(bad.err.find("<fd:") == std::string::npos);
}

TEST_CASE("cli: a README or a binary in a directory is a diagnostic, not a message", "[cli]") {
  quorum::test::TempDir dir;
  quorum::test::WriteFile(dir.path() + "/README.txt", "These are the archives of dev@x.\n");
  quorum::test::WriteFile(dir.path() + "/logo.png",
                          std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  quorum::test::WriteFile(dir.path() + "/1.eml",
                          "From: A <a@x>\nDate: Tue, 28 Nov 2017 22:04:40 +0000\n"
                          "Message-ID: <1@x>\nSubject: s\n\nhello\n");
  auto r = RunQuorum("messages --quiet '" + dir.path() + "'");
  CHECK(r.exit_code == 0);  // nothing was missed: they are not mail
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);
  CHECK(r.err.find(dir.path() + "/README.txt:0: not-a-message") != std::string::npos);
  CHECK(r.err.find(dir.path() + "/logo.png:0: not-a-message") != std::string::npos);
}

TEST_CASE("cli: an unreadable subdirectory exits 3 naming it", "[cli]") {
  // Issue 14, item 8: it was skipped silently. Root reads any directory, so as root quorum
  // runs as nobody (setpriv, util-linux).
  quorum::test::TempDir dir;
  std::filesystem::create_directories(dir.path() + "/2017/locked");
  quorum::test::WriteFile(dir.path() + "/2017/locked/1.eml", "Subject: s\n\nx\n");
  quorum::test::WriteFile(dir.path() + "/2.eml",
                          "From: A <a@x>\nMessage-ID: <2@x>\nSubject: s\n\nhello\n");
  chmod(dir.path().c_str(), 0755);
  chmod((dir.path() + "/2.eml").c_str(), 0644);
  chmod((dir.path() + "/2017").c_str(), 0755);
  chmod((dir.path() + "/2017/locked").c_str(), 0);
  std::string as_user = geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  quorum::test::TempDir io;
  std::string out = io.path() + "/out", err = io.path() + "/err";
  int status = std::system((as_user + "'" + QUORUM_BINARY + "' messages --quiet '" + dir.path() +
                            "' >'" + out + "' 2>'" + err + "'")
                               .c_str());
  chmod((dir.path() + "/2017/locked").c_str(), 0755);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 3);
  std::string e = quorum::test::ReadFile(err);
  CHECK(e.find(dir.path() + "/2017/locked:0: unreadable-directory") != std::string::npos);
  CHECK(quorum::test::ReadFile(out).find("\"2@x\"") != std::string::npos);
}

TEST_CASE("cli: past --max-messages the command stops with exit 1 and writes nothing",
          "[cli][shared]") {
  // Issue 14, item 10: memory grows with the messages (docs/scale.md); a run over more than
  // the limit fails clearly instead of taking the machine, and prints no partial output.
  std::string month =
      "'" + SharedPath("data/ponymail-unit-tests/maven-dev-2017-11-listsao.mbox") + "'";
  auto over = RunQuorum("messages --quiet --max-messages 50 " + month);
  CHECK(over.exit_code == 1);
  CHECK(over.out.empty());
  CHECK(over.err.find("too-many-messages") != std::string::npos);
  CHECK(over.err.find("more than 50 messages") != std::string::npos);
  quorum::test::TempDir dir;
  auto report =
      RunQuorum("report --quiet --max-messages 50 --out '" + dir.path() + "/site' " + month);
  CHECK(report.exit_code == 1);
  CHECK_FALSE(std::filesystem::exists(dir.path() + "/site/report.json"));
  CHECK(RunQuorum("threads --quiet --max-messages 0 " + month).exit_code == 0);  // no limit
  CHECK(RunQuorum("threads --quiet " + month).exit_code == 0);  // the default is far above
  CHECK(RunQuorum("threads --max-messages -1 " + month).exit_code == 2);
}
