// SPDX-License-Identifier: Apache-2.0
// The vote grammar: every row of the pattern table with lines that must and must not match,
// and whole-line decisions (what counts as a vote, with which value and qualifiers).
#include "analyze/vote_patterns.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "analyze/votes.h"

using namespace quorum;
using namespace quorum::analyze;

namespace {

struct RowCase {
  std::vector<const char*> match;
  std::vector<const char*> no_match;
};

// One entry per row of VotePatterns::Rows(); the test below fails when a row has none.
const std::map<std::string, RowCase>& RowCases() {
  static const std::map<std::string, RowCase> cases = {
      {"template", {{"[ ] +1", "[  ] -1 because..."}, {"[X] +1", "+1"}}},
      {"tally-phrase",
       {{"Vote passed with +1's from: Olivier, Herve",
         "The vote has passed with the following result:", "The results of the vote are"},
        {"+1", "I passed the tests", "+1 from me"}}},
      {"about-a-vote",
       {{"I assume I can translate this to a +1...", "I'll count it as +1", "take that as a -1"},
        {"+1 tested on Linux", "here is my +1"}}},
      {"withdraw",
       {{"so I withdraw my -1.", "I change my vote to +1", "retracting my veto"},
        {"+1", "I withdraw the patch", "here is my +1"}}},
      {"result-non-binding-names",
       {{"Non-binding +1: Bob Lee", "non binding votes: A, B"}, {"Binding +1: Alice"}}},
      {"result-count-phrase",
       {{"has passed with 4 binding +1, 3 non-binding +1", "1 binding +0 and no -1"},
        {"+1 (binding): Alice", "no -1 votes"}}},
      {"strategy-rule",
       {{"it passes with a lazy 2/3 majority", "two-thirds of the binding votes"},
        {"a simple majority", "version 2/30"}}},
      {"status-ping",
       {{"Still waiting for one Maven PMC vote.", "we still need one more binding vote",
         "needs two more +1"},
        {"+1", "no issues found"}}},
      {"tally-names",
       {{"+1 : Olivier, Herve, Robert", "+1 (binding): Alice Smith, Bob Jones"},
        {"+1: looks good, tested", "+1 (binding)", "+1"}}},
      {"tally-count", {{"+1: 5", "+1 (binding) = 3", "-1 votes: 0"}, {"+1", "+1 (binding)"}}},
      {"plural", {{"+1s all round", "with +1's from"}, {"+1", "+1 from me"}}},
      {"checkbox", {{"[X] +1 approve", "[x] -1", "[*] +0"}, {"[ ] +1", "+1"}}},
      {"lead", {{"+1", "-1 because of the license", "+0.5", "++1"}, {"I +1", "x+1", "[ ] +1"}}},
      {"zero", {{"0", "0 (binding)", "0."}, {"0 issues left", "10", "+0"}}},
      {"my", {{"here is my +1", "My vote: -1", "this is my +0"}, {"my +", "+1"}}},
      {"from-me", {{"+1 from me", "So +1 from me.", "-1 from my side"}, {"+1", "+1 for me"}}},
      {"i-vote", {{"I vote +1", "i cast -1"}, {"I voted yesterday", "+1"}}},
      {"i-am", {{"I'm +1 on this", "I am a strong +1", "Im -1"}, {"I +1", "Tim +1"}}},
      {"trail",
       {{"Awesome! +1", "Awesome Hervé, +1!", "tested, +1 (non-binding)"},
        {"+1 tested", "x+1", "+1 and more"}}},
      {"code", {{"i = i -1", "at Foo.bar(Foo.java:-1)", "if (x) { -1"}, {"Awesome! +1"}}},
      {"quota", {{"We need 3 binding ", "at least ", "requires "}, {"Awesome! ", "Non-binding "}}},
      {"other-person", {{"I can translate this to a ", "counted as the "}, {"Awesome! "}}},
      {"non-binding",
       {{"+1 (non-binding)", "+1 non binding", "Non-binding: +1"}, {"+1 (binding)"}}},
      {"binding", {{"+1 (binding)", "+1 binding"}, {"+1", "+1 bindings"}}},
      {"conditional",
       {{" if the NOTICE is fixed", " assuming the checksums match", " provided CI passes"},
        {" tested on Linux", " gift"}}},
      {"result-names",
       {{"+1 : Olivier, Herve, Robert", "-1: Bob", "+1 (binding): A, B", "0:"},
        {"PMC quorum: reached", "The vote has passed"}}},
      {"result-binding-names",
       {{"PMC quorum: Olivier, Herve, Robert", "Binding votes: A, B", "PMC quorum: reached"},
        {"+1 : Olivier", "quorum reached"}}},
      {"result-quorum", {{"PMC quorum reached", "PMC quorum: reached"}, {"quorum: Olivier"}}},
      {"result-counts", {{"+1 3 binding, 2 non-binding", "-1 0 binding"}, {"+1 : Olivier"}}},
      {"result-failed",
       {{"The vote has failed", "the vote is not successful"}, {"The vote has passed"}}},
      {"result-passed",
       {{"The vote has passed with the following result:", "The vote passes"},
        {"The vote is open"}}},
  };
  return cases;
}

std::optional<LineVote> Cast(const VotePatterns& p, const char* line, bool call = false) {
  return p.MatchLine(line, call);
}

}  // namespace

TEST_CASE("vote patterns: the table compiles", "[analyze][grammar]") {
  VotePatterns p;
  REQUIRE(p.ok());
  CHECK(p.error().empty());
}

TEST_CASE("vote patterns: every row has lines that match and lines that do not",
          "[analyze][grammar]") {
  VotePatterns p;
  REQUIRE(p.ok());
  std::set<std::string> rows;
  for (const auto& row : VotePatterns::Rows()) {
    rows.insert(row.name);
    INFO("row " << row.name);
    auto it = RowCases().find(row.name);
    REQUIRE(it != RowCases().end());
    REQUIRE(!it->second.match.empty());
    REQUIRE(!it->second.no_match.empty());
    for (const char* line : it->second.match) {
      INFO("must match: " << line);
      CHECK(p.RowMatches(row.name, line));
    }
    for (const char* line : it->second.no_match) {
      INFO("must not match: " << line);
      CHECK_FALSE(p.RowMatches(row.name, line));
    }
  }
  CHECK(rows.size() == RowCases().size());
}

TEST_CASE("vote grammar: lines that are votes", "[analyze][grammar]") {
  VotePatterns p;
  REQUIRE(p.ok());
  const std::vector<std::pair<const char*, const char*>> votes = {
      {"+1", "+1"},
      {"+1 (binding)", "+1"},
      {"+1 non-binding", "+1"},
      {"+1 from me", "+1"},
      {"here is my +1", "+1"},
      {"So +1 from me.", "+1"},
      {"apart from that without any issue so +1 from me.", "+1"},
      {"Awesome! +1", "+1"},
      {"Awesome Hervé, +1!", "+1"},
      {"+0", "+0"},
      {"-0", "-0"},
      {"0", "0"},
      {"-0.5", "-0.5"},
      {"+0.9", "+0.9"},
      {"-.5", "-0.5"},
      {"++1", "+1"},
      {"+1000", "+1"},
      {"-1 because the NOTICE file is missing", "-1"},
      {"-1 (non-binding)", "-1"},
      {"[X] +1 approve the release", "+1"},
      {"I vote +1", "+1"},
      {"My vote: -1", "-1"},
      {"+1, tested the staged artifacts", "+1"},
      {"+1 if the license header is fixed", "+1"},
      {"I'm +1 on releasing this", "+1"},
      {"Non-binding +1", "+1"},
      {"Binding +1", "+1"},
      {"Built on Java 11 and 17, +1", "+1"},
      {"-1, do not release, because the source package is missing", "-1"},
      {"+1 and many thanks for driving this!", "+1"},
      {"+1: Checked signatures, Built from source", "+1"},
  };
  for (const auto& [line, value] : votes) {
    INFO(line);
    auto v = Cast(p, line);
    REQUIRE(v.has_value());
    CHECK(v->value == value);
  }
  CHECK(Cast(p, "+1000")->numeric == 1.0);
  CHECK(Cast(p, "-0.5")->numeric == -0.5);
  CHECK(Cast(p, "+1000")->token == "+1000");
}

TEST_CASE("vote grammar: lines that are never votes", "[analyze][grammar]") {
  VotePatterns p;
  REQUIRE(p.ok());
  const std::vector<const char*> lines = {
      "[ ] +1",
      "[ ] -1 Do not release this package because ...",
      "[ ] +0 no opinion",
      "+1 : Olivier, Herve, Robert, Manfred, Eric and Andreas",
      "Vote passed with +1's from: Olivier, Herve, Robert, Manfred, Eric and",
      "I assume I can translate this to a +1...",
      "Still wating for one Maven PMC vote.",
      "still waiting for one PMC vote",
      "return -1;",
      "int last = n-1;",
      "x+1",
      "1+1 = 2",
      "if (i == -1) {",
      "2017-12-21 10:30 GMT+02:00 Hervé BOUTEMY <herve.boutemy@free.fr>:",
      "maven-jdeprscan-plugin-3.0.0-alpha-1-source-release.zip",
      "version 1.8-1",
      "at org.apache.Foo.bar(Foo.java:-1)",
      "+1: 5",
      "+1s all round",
      "Non binding but it works well for me on Latest 3.5.2 and Java 9.0.1",
      "the +1 from Bob counts",
      "Date: Wed, 15 Nov 2017 14:04:23 -0600",
      "offset -1.5 hours",
      "We need 3 binding +1 votes",
      "We need 3 binding +1",
      "it requires at least three +1",
      "At least 3 binding +1 votes and more binding +1 than binding -1 are",
      "Please vote +1 if you agree with the change",
      "The bylaws change needs a 2/3 vote +1 of the PMC",
      "Tested with -Dfoo=+1",
      "i = i -1",
      "Alice added the sentence to the RFC, so I withdraw my -1.",
  };
  for (const char* line : lines) {
    INFO(line);
    CHECK_FALSE(Cast(p, line).has_value());
  }
}

TEST_CASE("vote grammar: qualifiers", "[analyze][grammar]") {
  VotePatterns p;
  REQUIRE(p.ok());
  CHECK(Cast(p, "+1 (binding)")->declared_binding == true);
  CHECK(Cast(p, "+1 (non-binding)")->declared_binding == false);
  CHECK(Cast(p, "+1 non binding")->declared_binding == false);
  CHECK(Cast(p, "Non-binding +1")->declared_binding == false);
  CHECK(Cast(p, "Binding +1")->declared_binding == true);
  CHECK_FALSE(Cast(p, "+1")->declared_binding.has_value());
  CHECK(Cast(p, "+1 if the NOTICE is fixed")->conditional);
  CHECK(Cast(p, "+1 assuming the signatures check out")->conditional);
  CHECK_FALSE(Cast(p, "+1 tested on Linux")->conditional);
}

TEST_CASE("vote grammar: the vote call counts only an explicit self-vote", "[analyze][grammar]") {
  VotePatterns p;
  REQUIRE(p.ok());
  CHECK_FALSE(Cast(p, "+1", true).has_value());
  CHECK_FALSE(Cast(p, "+1 approve", true).has_value());
  CHECK_FALSE(Cast(p, "[ ] +1", true).has_value());
  CHECK(Cast(p, "here is my +1", true).has_value());
  CHECK(Cast(p, "+1 from me", true).has_value());
  CHECK(Cast(p, "I vote +1", true).has_value());
}

TEST_CASE("vote lines: every line of the own text, CR dropped", "[analyze][grammar]") {
  // Quotes, signatures and footers are gone from Message::text already (parse/own_text.h,
  // tested in tests/parse/own_text_test.cc "own text: vote replies"): analyze trusts it.
  auto lines = VoteLines("+1 (non-binding)\r\n\nTested.");
  std::vector<std::string> got(lines.begin(), lines.end());
  CHECK(got == std::vector<std::string>{"+1 (non-binding)", "", "Tested."});
  CHECK(VoteLines("").empty());
}

TEST_CASE("result mails: stated tallies", "[analyze][result]") {
  VotePatterns p;
  REQUIRE(p.ok());
  SECTION("Maven, wrapped name list") {
    StatedResult s;
    p.ParseResultText(
        "Hi,\n\nThe vote has passed with the following result:\n\n+1 : Olivier Lamy, Robert "
        "Scholte, Michael Osipov, Karl Heinz Marbaise, Hervé \nBoutemy\n\nPMC quorum reached\n\n"
        "I will promote the artifacts to the central repo.\n",
        &s);
    REQUIRE(s.names["+1"].size() == 5);
    CHECK(s.names["+1"][4] == "Hervé Boutemy");
    CHECK(s.quorum_reached);
    CHECK(s.passed == true);
    CHECK(s.binding_names.empty());
  }
  SECTION("Maven, list wrapped after a comma and a blank line") {
    StatedResult s;
    p.ParseResultText(
        "+1 : Martijn Verburg, Robert Scholte, Hervé BOUTEMY, Arnaud Héritier,  "
        "\n\nOlivier Lamy\n\nPMC quorum: reached\n",
        &s);
    REQUIRE(s.names["+1"].size() == 5);
    CHECK(s.names["+1"][4] == "Olivier Lamy");
    CHECK(s.quorum_reached);
  }
  SECTION("Maven, PMC quorum names and 'and'") {
    StatedResult s;
    p.ParseResultText(
        "The vote has passed with the following result:\n+1 : Olivier, Herve, Robert, Manfred, "
        "Eric and Andreas\nPMC quorum: Olivier, Herve, Robert\n",
        &s);
    CHECK(s.names["+1"] ==
          std::vector<std::string>{"Olivier", "Herve", "Robert", "Manfred", "Eric", "Andreas"});
    CHECK(s.binding_names == std::vector<std::string>{"Olivier", "Herve", "Robert"});
  }
  SECTION("ComDev template counts") {
    StatedResult s;
    p.ParseResultText("+1 3 binding, 2 non-binding\n-1 1 binding\nThe vote is successful.\n", &s);
    CHECK(s.binding_counts["+1"] == 3);
    CHECK(s.counts["+1"] == 5);
    CHECK(s.binding_counts["-1"] == 1);
    CHECK(s.passed == true);
  }
  SECTION("count phrases and binding/non-binding name lines") {
    StatedResult s;
    p.ParseResultText(
        "The vote has passed with\n4 binding +1, 3 non-binding +1, 1 binding +0 and no -1 "
        "votes.\n\nBinding +1: Alice Zhang, Carlos Ramírez\nNon-binding +1: Bob Lee\n",
        &s);
    CHECK(s.binding_counts["+1"] == 4);
    CHECK(s.binding_counts["+0"] == 1);
    CHECK(s.counts["+1"] == 7);
    CHECK(s.counts.count("+0") == 0);  // no non-binding +0 count stated: total unknown
    CHECK(s.binding_names == std::vector<std::string>{"Alice Zhang", "Carlos Ramírez"});
    CHECK(s.names["+1"] == std::vector<std::string>{"Alice Zhang", "Carlos Ramírez", "Bob Lee"});
  }
  SECTION("binding qualifiers and one name per line") {
    StatedResult s;
    p.ParseResultText(
        "The vote failed.\n+1 (binding): Alice Binder\n-1 (binding): Bob Ruler, "
        "Carol Chair\n+1 (non-binding): Dan Dev\n",
        &s);
    CHECK(s.passed == false);
    CHECK(s.binding_names == std::vector<std::string>{"Alice Binder", "Bob Ruler", "Carol Chair"});
    CHECK(s.names["+1"] == std::vector<std::string>{"Alice Binder", "Dan Dev"});
  }
  // fuzz_votes found this: "11111111111111110 (binding -0" twice overflowed the sum of
  // counts (signed overflow, UBSan). Counts now stop at a million and sums saturate.
  SECTION("absurd counts neither overflow nor wrap") {
    StatedResult s;
    p.ParseResultText(
        "R\nFbYnnA Y`g\n\x03\xb4"
        "11111111111111110 (binding -0|FbYnnA\n"
        "\x03\xb4"
        "11222222222222220 (binding -0\n"
        "+1 99999999999 binding, 2147483647 non-binding\n"
        "-1: 4294967296\n"
        "0 2147483647 non-binding +0, 2147483647 non-binding +0\n"
        // fuzz_site found the same overflow through a whole vote thread:
        "+1 (66666666;6666666666666666binding)0-y+1Ri\n"
        "+1 (66666666;6666666666666666binding)0- \n",
        &s);
    CHECK(s.binding_counts["-0"] == 1000000);
    CHECK(s.binding_counts["+1"] == 1000000);
    CHECK(s.counts["+1"] == 1000000);
    CHECK(s.counts["-1"] == 1000000);
    CHECK(s.counts["+0"] == 1000000);
    CHECK(s.binding_counts["0"] == 1000000);
  }
  SECTION("ordinary counts are untouched by the bound") {
    StatedResult s;
    p.ParseResultText("+1 999999 binding, 1 non-binding\n-1 0 binding\n", &s);
    CHECK(s.binding_counts["+1"] == 999999);
    CHECK(s.counts["+1"] == 1000000);
    CHECK(s.binding_counts["-1"] == 0);
  }
}

TEST_CASE("names: first name, full name, accents and case", "[analyze][result]") {
  std::vector<std::string> names = {"Hervé BOUTEMY"};
  std::vector<std::string> addrs = {"herve.boutemy@free.fr"};
  CHECK(NameMatches("Herve", names, addrs));
  CHECK(NameMatches("Hervé Boutemy", names, addrs));
  CHECK(NameMatches("hervé boutemy", names, addrs));
  CHECK(NameMatches("Boutemy, Hervé", names, addrs));
  CHECK_FALSE(NameMatches("Robert", names, addrs));
  CHECK(NameMatches("olamy", {"Olivier Lamy"}, {"olamy@apache.org"}));
  CHECK(NameMatches("Arnaud Héritier", {"Arnaud Héritier"}, {"aheritier@gmail.com"}));
  CHECK(FoldName("Tamás Cservenák") == "tamas cservenak");
}
