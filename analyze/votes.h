// SPDX-License-Identifier: Apache-2.0
// Vote analysis: vote threads, their votes, binding status, outcome, result check, proposals.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyze/subject.h"
#include "analyze/vote_patterns.h"
#include "core/message.h"
#include "core/person.h"
#include "core/proposal.h"
#include "core/roster.h"
#include "core/thread.h"
#include "core/vote.h"

namespace quorum::analyze {

struct VoteAnalysis {
  std::vector<VoteThread> vote_threads;  // sorted by opened date, then thread id
  std::vector<Proposal> proposals;       // sorted by id
};

// Finds every vote thread in `threads` (built from `messages`), extracts the votes from each
// reply's own text, decides binding status (roster > apache-address > result mail > declared),
// computes the outcome, checks the result mail, and groups threads into proposals.
// `person_of_message[i]` is the index in `people` of message i's author (-1: none); when it is
// empty, authors are looked up in `people` by address (robots: by display name), and with no
// people each address is its own voter. `roster` may be null.
VoteAnalysis AnalyzeVotes(const std::vector<Message>& messages, const std::vector<Thread>& threads,
                          const std::vector<Person>& people,
                          const std::vector<int>& person_of_message, const Roster* roster,
                          const VotePatterns& patterns);

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

// Lower-cased, accents folded (Latin-1 letters), punctuation to spaces, spaces collapsed.
std::string FoldName(std::string_view name);

// Does `stated` (a name in a result mail: "Herve", "Hervé BOUTEMY", "olamy") name the person
// known by `names` and `addresses`?
bool NameMatches(std::string_view stated, const std::vector<std::string>& names,
                 const std::vector<std::string>& addresses);

// The lines of a message's own text that can carry a vote: also drops quoted lines, quote
// headers, signatures, list footers and unmarked quoted copies, in case the text has them.
std::vector<std::string_view> VoteLines(std::string_view text);

}  // namespace quorum::analyze
