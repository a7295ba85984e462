// SPDX-License-Identifier: Apache-2.0
// End-to-end tests of the quorum binary: exit codes, output shapes, determinism, real data.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
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
  CHECK(j["schema_version"] == 1);
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
