// SPDX-License-Identifier: Apache-2.0
// Names of the vote enums as they appear in quorum's outputs.
#include "core/vote.h"

namespace quorum {

const char* ToString(VoteKind k) {
  switch (k) {
    case VoteKind::kRelease:
      return "release";
    case VoteKind::kCode:
      return "code";
    case VoteKind::kProcedural:
      return "procedural";
    case VoteKind::kStrategy:
      return "strategy";
    case VoteKind::kUnknown:
      return "unknown";
  }
  return "unknown";
}

const char* ToString(VoteStatus s) {
  switch (s) {
    case VoteStatus::kOpen:
      return "open";
    case VoteStatus::kPassed:
      return "passed";
    case VoteStatus::kFailed:
      return "failed";
    case VoteStatus::kVetoed:
      return "vetoed";
    case VoteStatus::kCanceled:
      return "canceled";
  }
  return "open";
}

const char* ToString(BindingEvidence e) {
  switch (e) {
    case BindingEvidence::kRoster:
      return "roster";
    case BindingEvidence::kApacheAddress:
      return "apache-address";
    case BindingEvidence::kResultMail:
      return "result-mail";
    case BindingEvidence::kDeclared:
      return "declared";
    case BindingEvidence::kNone:
      return "none";
  }
  return "none";
}

}  // namespace quorum
