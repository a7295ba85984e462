// SPDX-License-Identifier: Apache-2.0
// End-to-end tests of the quorum binary: exit codes, output shapes, determinism, real data.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
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
