// SPDX-License-Identifier: Apache-2.0
// The report model: threads, identities, votes and positions over a parsed corpus.
#include "cli/report_builder.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <vector>

#include "analyze/discussions.h"
#include "analyze/positions.h"
#include "analyze/votes.h"
#include "parse/identity.h"
#include "parse/threader.h"

namespace quorum::cli {

Result<ReportModel> BuildReportModel(parse::Corpus* corpus, const std::vector<std::string>& inputs,
                                     const Roster* roster, int jobs) {
  analyze::VotePatterns patterns;
  if (!patterns.ok()) return Error{ErrorCode::kInternal, "analyze: " + patterns.error()};
  ReportModel model;
  model.inputs = inputs;
  model.file_diagnostics = static_cast<int>(corpus->diagnostics.size());
  model.messages = std::move(corpus->messages);
  model.texts = corpus->texts;
  model.threads = parse::BuildThreads(model.messages);
  model.people = parse::MergeIdentities(model.messages);
  model.person_of_message = parse::PersonOfMessages(model.messages, model.people);
  analyze::VoteAnalysis va =
      analyze::AnalyzeVotes(model.messages, model.threads, model.people, model.person_of_message,
                            roster, patterns, model.texts.get());
  model.vote_threads = std::move(va.vote_threads);
  model.proposals = std::move(va.proposals);
  analyze::AddUntaggedDiscussions(model.messages, model.threads, model.person_of_message,
                                  analyze::DiscussionOptions{}, &model.proposals);
  // Positions: one discussion per proposal (all its threads: [DISCUSS], takes, [RESULT], the
  // GitHub PR), matched back by the set of thread ids since only groups worth analysing return.
  model.proposal_positions.resize(model.proposals.size());
  std::unordered_map<std::string, int> thread_index;
  for (size_t i = 0; i < model.threads.size(); ++i) {
    thread_index.emplace(model.threads[i].id, static_cast<int>(i));
  }
  std::vector<analyze::ThreadGroup> groups;
  std::map<std::vector<std::string>, size_t> proposal_of;
  for (size_t pi = 0; pi < model.proposals.size(); ++pi) {
    analyze::ThreadGroup g;
    std::vector<std::string> ids;
    for (const ProposalThread& pt : model.proposals[pi].threads) {
      auto it = thread_index.find(pt.thread_id);
      if (it == thread_index.end() || std::find(g.begin(), g.end(), it->second) != g.end()) {
        continue;
      }
      g.push_back(it->second);
      ids.push_back(pt.thread_id);
    }
    if (g.empty()) continue;
    std::sort(ids.begin(), ids.end());
    proposal_of.emplace(ids, pi);
    groups.push_back(std::move(g));
  }
  analyze::PositionOptions position_options;
  position_options.jobs = jobs;
  std::vector<Discussion> discussions =
      analyze::AnalyzePositions(model.messages, model.threads, groups, position_options,
                                model.person_of_message, model.texts.get());
  for (Discussion& d : discussions) {
    std::vector<std::string> ids = d.thread_ids;
    std::sort(ids.begin(), ids.end());
    auto it = proposal_of.find(ids);
    if (it == proposal_of.end()) continue;
    d.proposal_id = model.proposals[it->second].id;
    model.proposal_positions[it->second] = std::move(d);
  }
  return model;
}

}  // namespace quorum::cli
