// SPDX-License-Identifier: Apache-2.0
// What a proposal is to a reader: a proposal to decide, news, or code review activity. The one
// place that rule lives; the index, the digest and the feed all ask it.
#pragma once

#include <string>
#include <string_view>

#include "core/report_model.h"
#include "report/proposal_view.h"

namespace quorum::report {

enum class ProposalClass {
  kProposal,    // something to decide or argue: a vote, a discussion, a mirrored debate
  kNews,        // an announcement ("[ANN] ...", "... Released") without a vote
  kCodeReview,  // a mirrored GitHub/GitBox pull request or issue in which nobody argues
};

inline const char* ProposalClassName(ProposalClass c) {
  switch (c) {
    case ProposalClass::kNews:
      return "news";
    case ProposalClass::kCodeReview:
      return "code-review";
    case ProposalClass::kProposal:
      break;
  }
  return "proposal";
}

struct Classification {
  ProposalClass kind = ProposalClass::kProposal;
  std::string repository;  // for code review: "maven-surefire" (from "github:maven-surefire#12")
  bool issue = false;      // for code review: an issue ("maven-surefire issue #165"), not a PR
};

// The rule, in order:
// - a proposal with a vote thread is a proposal;
// - one whose threads are all announcements (role "announce"), or whose title ends in
//   "released", is news;
// - one whose threads are all mirrored pull requests or issues (role "mirror", id
//   "github:<repo>#<n>") is code review, unless people argue in it: three or more people who are
//   not bots, or two and someone against it (Summary::oppose);
// - everything else is a proposal. Pure.
Classification Classify(const ReportModel& model, const ProposalView& view);

// True for the robots that post to lists: "asfgit", "ASF GitHub Bot", "dependabot[bot]",
// "codecov-io", "Jenkins", ... (by display name or address local part).
bool IsBot(std::string_view name, std::string_view address);

}  // namespace quorum::report
