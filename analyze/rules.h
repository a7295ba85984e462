// SPDX-License-Identifier: Apache-2.0
// Rules of vote analysis without thread context: names, vote lines, committees, kinds, outcomes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyze/subject.h"
#include "core/author.h"  // FoldName
#include "core/vote.h"

namespace quorum::analyze {

// "olamy@apache.org" (lower-cased) -> "olamy"; "" for other addresses.
std::string ApacheIdOf(std::string_view lower_address);

// The words of a FoldName() result.
std::vector<std::string> NameWords(std::string_view folded);

// "dev.foo.incubator.apache.org" -> "foo"; "" for general@incubator and non-podling lists.
std::string PodlingFromListId(std::string_view list_id);

// Kind of decision from the call's subject and the committee ("tvm" strategy votes).
VoteKind ClassifyKind(const SubjectInfo& subject, std::string_view committee);

// "dev.maven.apache.org" -> "maven"; "dev.tvm.incubator.apache.org" -> "incubator".
std::string CommitteeFromListId(std::string_view list_id);

struct Outcome {
  std::string result;  // passed, failed, vetoed, undecided
  std::string note;    // how it was counted
};

// Applies the rule of `kind` to the active (not superseded) votes in `votes`.
Outcome ComputeOutcome(VoteKind kind, const std::vector<Vote>& votes);

// Does `stated` (a name in a result mail: "Herve", "Hervé BOUTEMY", "olamy") name the person
// known by `names` and `addresses`?
bool NameMatches(std::string_view stated, const std::vector<std::string>& names,
                 const std::vector<std::string>& addresses);

// The lines of a message's own text (Message::text), which can carry a vote. Quotes, quote
// headers, signatures and footers are parse's to remove (parse/own_text.h), not analyze's.
std::vector<std::string_view> VoteLines(std::string_view text);

}  // namespace quorum::analyze
