// SPDX-License-Identifier: Apache-2.0
// Subject tags in any order, case and spacing; reply and mirror prefixes; proposal titles.
#include "analyze/subject.h"

#include <catch2/catch.hpp>

#include "analyze/votes.h"

using namespace quorum;
using namespace quorum::analyze;

TEST_CASE("subjects: vote, result, cancel tags in any order and case", "[analyze][subject]") {
  auto v = ParseSubject("[VOTE] Release Apache Maven Doxia version 1.8");
  CHECK(v.vote);
  CHECK_FALSE(v.result);
  CHECK_FALSE(v.reply);
  CHECK(v.title == "Release Apache Maven Doxia version 1.8");

  for (const char* s : {"[RESULT] [VOTE] Release X 1.0", "[RESULT][VOTE] Release X 1.0",
                        "[VOTE][RESULT] Release X 1.0", "[vote] [Result]  Release X 1.0",
                        "[ VOTE ] [ RESULT ] Release X 1.0", "[VOTE-RESULT] Release X 1.0"}) {
    INFO(s);
    auto r = ParseSubject(s);
    CHECK(r.result);
    CHECK(r.title == "Release X 1.0");
  }
  for (const char* s : {"[CANCEL] [VOTE] Release X", "[CANCELED] [VOTE] Release X",
                        "[cancelled][vote] Release X"}) {
    INFO(s);
    CHECK(ParseSubject(s).cancel);
  }
  auto lazy = ParseSubject("[LAZY][VOTE] Move the site to git");
  CHECK(lazy.lazy);
  CHECK(lazy.vote);
  CHECK(ParseSubject("[DISCUSS] KIP-123: bigger batches").discuss);
  CHECK(ParseSubject("[PROPOSAL] new module").discuss);
  CHECK(ParseSubject("[ANNOUNCE] Apache Maven 3.5.2").announce);
  CHECK(ParseSubject("[ANN] Apache Maven 3.5.2").announce);
}

TEST_CASE("subjects: reply and mirror prefixes", "[analyze][subject]") {
  auto r = ParseSubject("Re: Re: [VOTE] Release Apache Maven Doxia version 1.8");
  CHECK(r.reply);
  CHECK(r.vote);
  CHECK(r.title == "Release Apache Maven Doxia version 1.8");
  CHECK(ParseSubject("RE: [VOTE] Release Maven Indexer 6.0.0").reply);
  CHECK(ParseSubject("AW: Fwd: Re: [VOTE] x").vote);

  auto gh = ParseSubject("Re: [apache/tvm-rfcs] [RFC] Relax Upstreaming (PR #89)");
  CHECK(gh.mirror_repo == "apache/tvm-rfcs");
  CHECK(gh.mirror_number == 89);
  CHECK(gh.title == "[RFC] Relax Upstreaming");

  auto issue = ParseSubject(
      "[apache/tvm] [VOTE] Clarify Community Strategy Decision Process "
      "(Issue #15521)");
  CHECK(issue.vote);
  CHECK(issue.mirror_number == 15521);
  CHECK(issue.title == "Clarify Community Strategy Decision Process");

  auto gitbox = ParseSubject(
      "[GitHub] [tvm-rfcs] tqchen commented on pull request #95: [RFC] "
      "Scoped modules");
  CHECK(gitbox.mirror_repo == "tvm-rfcs");
  CHECK(gitbox.mirror_number == 95);
  CHECK(gitbox.title == "[RFC] Scoped modules");

  auto gitbox2023 = ParseSubject("Re: [I] [VOTE] Clarify the decision process [tvm]");
  CHECK(gitbox2023.vote);
  CHECK(gitbox2023.reply);
  CHECK(gitbox2023.mirror_repo == "tvm");
  CHECK(gitbox2023.title == "Clarify the decision process");

  auto gitbox_comment = ParseSubject(
      "[GitHub] [tvm] tqchen commented on issue #15521: [VOTE] Clarify the decision process");
  CHECK(gitbox_comment.vote);
  CHECK(gitbox_comment.mirror_number == 15521);
  CHECK(gitbox_comment.title == "Clarify the decision process");
}

TEST_CASE("subjects: numbered proposals and takes", "[analyze][subject]") {
  CHECK(ParseSubject("[VOTE] KIP-123: bigger batches").numbered_id == "KIP-123");
  CHECK(ParseSubject("[DISCUSS] FLIP 27 new source").numbered_id == "FLIP-27");
  CHECK(ParseSubject("[VOTE] Adopt the Module Incubation Stage (RFC #42)").numbered_id == "RFC-42");
  CHECK(ParseSubject("[VOTE] Release 1.0 (take 2)").numbered_id.empty());
  CHECK(ParseSubject("[VOTE] Release 1.0 (take 3)").take == 3);
  CHECK(ParseSubject("[VOTE] Release Apache TVM v0.10.0.rc2").take == 2);
  CHECK(ParseSubject("[VOTE] Release 1.0").take == 1);
  CHECK_FALSE(ParseSubject("[VOTE] Release 1.0").take_named);
  CHECK(ParseSubject("[VOTE] Release Apache TVM v0.10.0.rc0").take == 0);
  CHECK(ParseSubject("[VOTE] Release Apache TVM v0.10.0.rc0").take_named);
}

TEST_CASE("subjects: same proposal across differently worded subjects", "[analyze][subject]") {
  CHECK(SameProposalTitle("Release Maven Indexer 6.0.0",
                          "Release Apache Maven Indexer version 6.0.0"));
  CHECK(SameProposalTitle("Release Apache Maven Javadoc Plugin version 3.0.0 (take 2)",
                          "Release Apache Maven Javadoc Plugin version 3.0.0"));
  // Release candidates of one version are takes of one proposal.
  CHECK(SameProposalTitle("Release Apache TVM v0.10.0.rc0", "Release Apache TVM v0.10.0.rc1"));
  CHECK(SameProposalTitle("Release Apache Foo 1.2.0-rc1", "Release Apache Foo 1.2.0 RC2"));
  CHECK_FALSE(SameProposalTitle("Release Apache Maven Doxia version 1.8",
                                "Release Apache Maven Doxia Sitetools version 1.8"));
  CHECK_FALSE(SameProposalTitle("Release Maven Indexer 6.0.0", "Release Maven Indexer 6.0.1"));
  CHECK_FALSE(SameProposalTitle("Release Apache Maven PDF Plugin version 1.4",
                                "Release Apache Maven Site Plugin version 3.7"));
}

TEST_CASE("kinds and committees", "[analyze][subject]") {
  CHECK(ClassifyKind(ParseSubject("[VOTE] Release Apache Maven Doxia version 1.8"), "maven") ==
        VoteKind::kRelease);
  CHECK(ClassifyKind(ParseSubject("[VOTE] New committer: Jane Doe"), "maven") ==
        VoteKind::kProcedural);
  CHECK(ClassifyKind(ParseSubject("[VOTE] Adopt the Relax codebase"), "tvm") ==
        VoteKind::kStrategy);
  CHECK(ClassifyKind(ParseSubject("[VOTE] Adopt the new bylaws"), "maven") ==
        VoteKind::kProcedural);
  CHECK(ClassifyKind(ParseSubject("[VOTE] Merge the feature branch"), "maven") == VoteKind::kCode);
  CHECK(CommitteeFromListId("dev.maven.apache.org") == "maven");
  CHECK(CommitteeFromListId("<dev.tvm.apache.org>") == "tvm");
  CHECK(CommitteeFromListId("dev.tvm.incubator.apache.org") == "incubator");
  CHECK(CommitteeFromListId("").empty());
}
