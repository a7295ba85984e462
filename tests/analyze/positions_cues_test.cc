// SPDX-License-Identifier: Apache-2.0
// Stance cues: for/against, negation, concerns, conditions, proposals, agreement targets.
#include "analyze/positions_cues.h"

#include <catch2/catch.hpp>

using namespace quorum::analyze;

TEST_CASE("positions cues: for, against and negation", "[analyze][positions]") {
  CHECK(FindCues("+1").pro == 1);
  CHECK(FindCues("+1").reaction);
  CHECK(FindCues("-1").con == 1);
  CHECK(FindCues("I agree.").pro == 1);
  CHECK(FindCues("I don't agree.").con == 1);
  CHECK(FindCues("I do not agree at all").con == 1);
  CHECK(FindCues("sounds good").pro == 1);
  CHECK(FindCues("No objection from me").pro == 1);
  CHECK(FindCues("feasible, but I really don't like it").con >= 1);
  CHECK(FindCues("I do not think we should have two IRs").con == 1);
  CHECK(FindCues("I really think auto-deploy of snapshots is an anti-pattern.").con >= 1);
  SentenceCues worry = FindCues("I have a worry for groovy with Java 9+");
  CHECK(worry.concern);
  CHECK(worry.con == 1);
  CHECK(FindCues("I'm not worried about it").pro == 1);
  SentenceCues question = FindCues("Why -1 on the Ant tasks?");
  CHECK(question.con == 0);
  CHECK_FALSE(question.reaction);
  SentenceCues hedge = FindCues("I am not sure if possible but could we move it?");
  CHECK(hedge.con == 0);
  CHECK(hedge.proposal);
}

TEST_CASE("positions cues: proposals and conditions", "[analyze][positions]") {
  CHECK(FindCues("I propose to migrate the aggregator").proposal);
  CHECK(FindCues("How about a hard reset?").proposal);
  CHECK(FindCues("It would be nice to adjust Maven Core").proposal);
  SentenceCues cond = FindCues("+1 if the RFC commits to a deprecation date");
  CHECK(cond.condition);
  CHECK(cond.pro == 1);
  CHECK(FindCues("fine as long as it stays optional").condition);
  CHECK_FALSE(FindCues("The build failed on Windows.").proposal);
}

TEST_CASE("positions cues: who a sentence sides with", "[analyze][positions]") {
  SentenceCues at = FindCues("I agree with @blindqvist.");
  REQUIRE(at.targets.size() == 1);
  CHECK(at.targets[0] == "blindqvist");
  SentenceCues as = FindCues("So I think it would be the easiest way to do as Robert suggest");
  REQUIRE(as.targets.size() == 1);
  CHECK(as.targets[0] == "Robert");
  CHECK(as.endorses);
  SentenceCues what = FindCues("+1 to what Mark said");
  REQUIRE(what.targets.size() == 1);
  CHECK(what.targets[0] == "Mark");
  CHECK(what.endorses);
  CHECK(FindCues("The plan is fine.").targets.empty());
}
