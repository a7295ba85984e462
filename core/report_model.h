// SPDX-License-Identifier: Apache-2.0
// ReportModel: everything `quorum report` renders, bundled as plain values.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/analysis.h"
#include "core/corpus.h"
#include "core/message.h"
#include "core/person.h"
#include "core/position.h"
#include "core/proposal.h"
#include "core/text_store.h"
#include "core/thread.h"
#include "core/vote.h"

namespace quorum {

struct ReportModel {
  std::vector<std::string> inputs;  // the PATH... arguments, as given
  std::vector<Message> messages;
  // Where the messages' bodies and own texts are when they were spilled (read them with
  // TextReader); null when every Message holds its own.
  std::shared_ptr<const TextStore> texts;
  std::vector<Thread> threads;  // built from `messages`
  // Discussions analyze/ cut out of `threads` where a reply turned to a new topic
  // (Analysis::branches); `threads` still hold every message.
  std::vector<Thread> branches;
  std::vector<Person> people;
  std::vector<int> person_of_message;    // index into `people` per message, -1 when none
  std::vector<VoteThread> vote_threads;  // by opened date, then thread id
  std::vector<Proposal> proposals;       // by id
  // The positions of each proposal's discussion, parallel to `proposals` (an empty Discussion
  // when none were found or the positions analysis did not run).
  std::vector<Discussion> proposal_positions;
  int file_diagnostics = 0;  // problems with whole input files (unreadable, junk, empty)
};

// The model of a report: the corpus and its analysis moved in, with the inputs as given.
inline ReportModel MakeReportModel(Corpus&& corpus, Analysis&& analysis,
                                   std::vector<std::string> inputs) {
  ReportModel m;
  m.inputs = std::move(inputs);
  m.file_diagnostics = static_cast<int>(corpus.diagnostics.size());
  m.messages = std::move(corpus.messages);
  m.texts = std::move(corpus.texts);
  m.threads = std::move(corpus.threads);
  m.people = std::move(corpus.people);
  m.person_of_message = std::move(corpus.person_of_message);
  m.vote_threads = std::move(analysis.vote_threads);
  m.proposals = std::move(analysis.proposals);
  m.proposal_positions = std::move(analysis.discussions);
  m.branches = std::move(analysis.branches);
  return m;
}

// Thread `i` of the index space of ProposalView::threads: `threads`, then `branches`.
inline const Thread& ThreadAt(const ReportModel& m, int i) {
  size_t k = static_cast<size_t>(i);
  return k < m.threads.size() ? m.threads[k] : m.branches[k - m.threads.size()];
}

}  // namespace quorum
