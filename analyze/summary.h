// SPDX-License-Identifier: Apache-2.0
// The summary of a proposal's discussion: lead, decision, who is for and against, arguments.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "analyze/lexicon.h"
#include "analyze/prose_texts.h"
#include "core/corpus.h"
#include "core/position.h"
#include "core/proposal.h"
#include "core/vote.h"

namespace quorum::analyze {

struct SummaryOptions {
  int max_arguments = 8;  // positions shown as arguments, at most
};

// What every proposal's summary looks up, made once per analysis: the threads by id, the vote
// threads by proposal, and the word lists. `threads` and `vote_threads` must outlive it.
struct SummaryContext {
  SummaryContext(const std::vector<Thread>& threads, const std::vector<VoteThread>& vote_threads);
  const std::vector<Thread>& threads;  // the threads proposals name (Analyze's, branches cut)
  std::unordered_map<std::string, size_t> thread_of;  // thread id -> index in `threads`
  std::unordered_map<std::string, std::vector<const VoteThread*>> votes_of;  // by proposal id
  SideLexicon sides;
  PhraseLexicon agreement{"agreement.txt"};
  PhraseLexicon logistics{"logistics.txt"};  // vote-call and mirror boilerplate
  const ProseTexts* prose = nullptr;         // every message's sentences (null: split when read)
};

// Fills `d->summary` for proposal `p`, whose discussion `d` is (its positions already found):
// - lead: one or two sentences of the opening message's own text (greetings skipped);
// - decision: the latest vote thread of the proposal among `vote_threads`, with its tally and
//   result mail;
// - support / oppose: one entry per person, for the proposal as a whole: the proposer; votes
//   (+1 / -1, the last one counts); stated sides in replies to the proposal ("I support", "-1",
//   "I object", "looks reasonable"), read only in the opening sentences of a reply to the
//   proposal or with an explicit vote token, never in questions; and replies that side with
//   someone ("+1 to what X said", "I agree" under X's mail) take X's side;
// - the holders of every position get the side their holder takes on the proposal;
// - arguments: the first positions marked recurring (AnalyzePositions ranks them).
// `threads` are the threads the proposal's thread ids name (null: corpus.threads; Analyze
// passes its discussion threads, with branches cut out). Deterministic; reads texts one
// message at a time.
void Summarize(const Corpus& corpus, const Proposal& p, const SummaryContext& context,
               const SummaryOptions& options, Discussion* d);

}  // namespace quorum::analyze
