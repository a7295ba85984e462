// SPDX-License-Identifier: Apache-2.0
// Recurring positions: claims grouped across messages and people, with holders and stances.
#pragma once

#include <vector>

#include "analyze/prose_texts.h"
#include "core/message.h"
#include "core/position.h"
#include "core/text_store.h"
#include "core/thread.h"

namespace quorum::analyze {

// Tuning knobs; the defaults are the ones docs/positions.md describes and the tests measure.
struct PositionOptions {
  double pair_threshold = 0.3;      // cosine of two claims' TF-IDF vectors to link them
  double merge_threshold = 0.15;    // cosine of two groups' centroids to merge them
  int min_messages = 3;             // a discussion is analysed when it has this many messages...
  int min_participants = 2;         // ...or this many participants
  double same_person_factor = 0.5;  // pair_threshold is this much lower for one person's claims
  int max_positions = 0;            // per discussion, after ranking; 0: all
  double background_max_df = 0.1;   // terms in more than this share of all messages are
  int background_min_docs = 50;     // background words when the input has this many messages
  int jobs = 1;  // discussions analysed at once (threads); the result does not depend on it
  int max_arguments = 8;  // positions marked recurring (shown as arguments), at most
  // Per message index, when not null: kVoteProcedure for vote calls, result and cancel mails
  // (procedure, never a position), kVoteReply for replies in a vote thread (their bare vote
  // lines belong to the tally; reasons given with a vote are claims).
  const std::vector<char>* vote_roles = nullptr;
};

constexpr char kVoteProcedure = 1;
constexpr char kVoteReply = 2;

// A discussion to analyse: indices into the thread vector. One thread, or the threads of one
// proposal ([DISCUSS] + [VOTE] + [RESULT]) once something groups them.
using ThreadGroup = std::vector<int>;

// {0}, {1}, ... : every thread is its own discussion.
std::vector<ThreadGroup> OneGroupPerThread(const std::vector<Thread>& threads);

// Finds the positions of every group that is worth analysing (>= min_messages messages or
// >= min_participants participants). The background vocabulary is all of `messages`. Uses
// Message::text (own words), Message::body (to see what a short reply quotes), Message::from.
// Deterministic; no recursion; roughly O(n log n) in the number of sentences. `texts` is where
// spilled texts are (null: every Message holds its own). `prose` is every message's sentences
// when the caller has split them already (null: split here, once); they are read one message at
// a time for the vocabulary, then one group at a time, so memory holds one discussion's.
// `person_of_message`, when not empty, says who wrote each message (an index per message from
// identity merging, -1 unknown); otherwise people are told apart by address, and by display
// name behind mirror robots (notifications@github.com, git@apache.org).
std::vector<Discussion> AnalyzePositions(const std::vector<Message>& messages,
                                         const std::vector<Thread>& threads,
                                         const std::vector<ThreadGroup>& groups,
                                         const PositionOptions& options = {},
                                         const std::vector<int>& person_of_message = {},
                                         const TextStore* texts = nullptr,
                                         const ProseTexts* prose = nullptr);

}  // namespace quorum::analyze
