// SPDX-License-Identifier: Apache-2.0
// `quorum positions` end to end: exit code, JSON shape, text view, byte-identical reruns.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_util.h"

using namespace quorum;

TEST_CASE("quorum positions: JSON shape and determinism", "[cli][positions]") {
  std::string fixture = test::SourcePath("tests/analyze/fixtures/tvm-rfc-novair.mbox");
  test::RunResult r = test::RunQuorum("positions --quiet --format json '" + fixture + "'");
  REQUIRE(r.exit_code == 0);
  nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["schema_version"] == 2);
  REQUIRE(j["discussions"].size() == 1);
  const nlohmann::json& d = j["discussions"][0];
  CHECK(d["thread_ids"][0] == "apache/tvm-rfcs/pull/99@github.com");
  REQUIRE(d["positions"].size() >= 1);
  const nlohmann::json& p = d["positions"][0];
  for (const char* key :
       {"label", "keyphrases", "holders", "messages", "participants", "recurring"}) {
    CHECK(p.contains(key));
  }
  for (const nlohmann::json& h : p["holders"]) {
    for (const char* key : {"name", "address", "stance", "message_ids", "quote"}) {
      CHECK(h.contains(key));
    }
    std::string stance = h["stance"];
    CHECK((stance == "for" || stance == "against" || stance == "neutral"));
  }
  REQUIRE(d["agreements"].size() >= 1);
  for (const nlohmann::json& e : d["agreements"]) {
    CHECK(e["from"].contains("name"));
    CHECK(e["to"].contains("address"));
    std::string kind = e["kind"];
    CHECK((kind == "agree" || kind == "disagree"));
    CHECK(e.contains("message_id"));
    CHECK(e.contains("quote"));
  }
  test::RunResult again = test::RunQuorum("positions --quiet --format json '" + fixture + "'");
  CHECK(again.out == r.out);

  test::RunResult text = test::RunQuorum("positions --quiet --format text '" + fixture + "'");
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("coexist") != std::string::npos);
  CHECK(text.out.find("against  Bjorn Lindqvist") != std::string::npos);
}

TEST_CASE("quorum positions: usage and missing input", "[cli][positions]") {
  CHECK(test::RunQuorum("positions --format xml x").exit_code == 2);
  CHECK(test::RunQuorum("positions /nonexistent/archive.mbox").exit_code == 1);
}

TEST_CASE("quorum positions: one discussion per proposal that spans threads", "[cli][positions]") {
  test::RunResult r =
      test::RunQuorum("positions --quiet '" + test::SourcePath("data/sample") + "'");
  REQUIRE(r.exit_code == 0);
  nlohmann::json j = nlohmann::json::parse(r.out);
  const nlohmann::json* rfc = nullptr;
  for (const nlohmann::json& d : j["discussions"]) {
    if (d["proposal"] == "RFC-42") rfc = &d;
    if (d["proposal"].is_null()) CHECK(d["thread_ids"].size() == 1);
  }
  REQUIRE(rfc != nullptr);
  // The GitHub PR, [DISCUSS], [VOTE] and [RESULT] threads are one discussion.
  CHECK((*rfc)["thread_ids"].size() >= 3);
  CHECK((*rfc)["subject"] == "[RFC] Module Incubation Stage");
  // Its summary: the proposal passed, most people are for it, and Dana's -1 with reasons is
  // among the arguments, held against.
  const nlohmann::json& summary = (*rfc)["summary"];
  CHECK(summary["decision"]["status"] == "passed");
  CHECK(summary["support"].size() >= 5);
  CHECK(summary["oppose"].empty());  // Dana withdrew her -1
  CHECK(summary["arguments"].size() <= 8);
  bool dana_against = false;
  for (const nlohmann::json& p : summary["arguments"]) {
    CHECK(p["recurring"] == true);
    for (const nlohmann::json& h : p["holders"]) {
      if (h["name"] == "Dana Okafor" && h["stance"] == "against") dana_against = true;
    }
  }
  CHECK(dana_against);
}
