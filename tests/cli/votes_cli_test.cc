// SPDX-License-Identifier: Apache-2.0
// `quorum votes` end to end: exit codes for a bad roster, the JSON shape, determinism, roster use.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_util.h"

using quorum::test::RunQuorum;
using quorum::test::SharedPath;

namespace {

std::string MavenArgs() {
  std::string d = SharedPath("data/ponymail-unit-tests") + "/";
  return "'" + d + "maven-dev-2017-11-listsao.mbox' '" + d + "maven-dev-2017-12-listsao.mbox'";
}

}  // namespace

TEST_CASE("votes: an unreadable or malformed roster fails the run", "[cli][votes]") {
  auto r = RunQuorum("votes --quiet --roster /nonexistent/roster.json " + MavenArgs());
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("roster") != std::string::npos);
  quorum::test::TempDir dir;
  quorum::test::WriteFile(dir.path() + "/bad.json", "{not json");
  r = RunQuorum("votes --quiet --roster '" + dir.path() + "/bad.json' " + MavenArgs());
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("not valid JSON") != std::string::npos);
  CHECK(RunQuorum("votes --format xml " + MavenArgs()).exit_code == 2);
}

TEST_CASE("votes: JSON shape and determinism on the Maven archive", "[cli][votes][shared]") {
  auto a = RunQuorum("votes --quiet " + MavenArgs());
  INFO(a.err);
  REQUIRE(a.exit_code == 0);
  auto b = RunQuorum("votes --quiet " + MavenArgs());
  CHECK(a.out == b.out);
  auto j = nlohmann::json::parse(a.out);
  CHECK(j["schema_version"].is_number());
  REQUIRE(j["vote_threads"].size() == 9);
  for (const auto& t : j["vote_threads"]) {
    for (const char* key : {"thread_id", "subject", "kind", "status", "opened", "closed", "votes",
                            "tally", "result", "proposal_id", "flags"}) {
      INFO(key);
      CHECK(t.contains(key));
    }
    for (const auto& v : t["votes"]) {
      for (const char* key : {"voter", "value", "numeric", "binding", "binding_evidence",
                              "message_id", "date", "evidence", "conditional", "superseded"}) {
        INFO(key);
        CHECK(v.contains(key));
      }
      CHECK(v["voter"].contains("apache_id"));
    }
    CHECK(t["tally"].contains("binding"));
    CHECK(t["tally"].contains("non_binding"));
  }
  auto text = RunQuorum("votes --quiet --format text " + MavenArgs());
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("possible-prose-vote: Martijn Verburg") != std::string::npos);
}

TEST_CASE("votes: a roster decides binding status at the vote date", "[cli][votes][shared]") {
  // Our own roster, not ASF data: olamy joined long before, "late" after the votes; Robert has
  // no date (current membership only).
  quorum::test::TempDir dir;
  quorum::test::WriteFile(dir.path() + "/roster.json", R"({"committees": {"maven": {"roster": {
    "olamy": {"name": "Olivier Lamy", "date": "2008-01-01"},
    "rfscholte": {"name": "Robert Scholte"},
    "skygo": {"name": "Eric Barboni", "date": "2030-01-01"}}}}})");
  auto r = RunQuorum("votes --quiet --roster '" + dir.path() + "/roster.json' " + MavenArgs());
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  int checked = 0;
  for (const auto& t : j["vote_threads"]) {
    for (const auto& v : t["votes"]) {
      std::string addr = v["voter"]["address"];
      if (addr == "olamy@apache.org") {
        CHECK(v["binding"] == true);
        CHECK(v["binding_evidence"] == "roster");
        ++checked;
      } else if (addr == "rfscholte@apache.org") {
        CHECK(v["binding"] == true);
        CHECK(v["binding_evidence"] == "apache-address");
        ++checked;
      } else if (addr == "skygo@apache.org") {
        CHECK(v["binding"] == false);
        CHECK(v["binding_evidence"] == "roster");
        ++checked;
      }
    }
  }
  CHECK(checked > 10);
}
