// SPDX-License-Identifier: Apache-2.0
// Stance cue lexicon: for/against/concern/condition/proposal cues, negation, agreement targets.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quorum::analyze {

// What one sentence signals. Counts are of cue phrases after negation handling ("I don't
// agree" counts against; "no objection" counts for).
struct SentenceCues {
  int pro = 0;             // agreement, support, votes +1
  int con = 0;             // disagreement, objection, concern, votes -1
  bool proposal = false;   // "I propose", "we should", "how about", "would be nice"
  bool concern = false;    // "I worry", "my concern", "risk"
  bool condition = false;  // "+1 if ...", "as long as", "provided that"
  bool reaction = false;   // a short reply cue: "+1", "I agree", "sounds good", "I like this idea"
  bool endorses = false;   // sides with a named person: "as Robert suggested", "agree with Mark"
  // Names the sentence points at: "@login", "agree with Robert", "as Robert suggested",
  // "+1 to what Mark said". Verbatim; the caller resolves them against participants.
  std::vector<std::string> targets;
};

SentenceCues FindCues(std::string_view sentence);

}  // namespace quorum::analyze
