// SPDX-License-Identifier: Apache-2.0
// Analyze(): vote analysis, untagged discussions, then positions per proposal.
#include "analyze/analysis.h"

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "analyze/branches.h"
#include "analyze/prose_texts.h"
#include "analyze/series.h"
#include "analyze/summary.h"
#include "analyze/votes.h"

namespace quorum::analyze {
namespace {

// The threads of each proposal as a discussion to analyse: indices into `threads`, each once,
// in the proposal's order. `owner[g]` is the proposal of group g (proposals whose threads are
// all unknown get no group).
std::vector<ThreadGroup> ProposalGroups(const std::vector<Proposal>& proposals,
                                        const std::vector<Thread>& threads,
                                        std::vector<size_t>* owner) {
  std::unordered_map<std::string, int> thread_index;
  for (size_t i = 0; i < threads.size(); ++i) {
    thread_index.emplace(threads[i].id, static_cast<int>(i));
  }
  std::vector<ThreadGroup> groups;
  for (size_t pi = 0; pi < proposals.size(); ++pi) {
    ThreadGroup g;
    for (const ProposalThread& pt : proposals[pi].threads) {
      auto it = thread_index.find(pt.thread_id);
      if (it == thread_index.end() || std::find(g.begin(), g.end(), it->second) != g.end()) {
        continue;
      }
      g.push_back(it->second);
    }
    if (g.empty()) continue;
    groups.push_back(std::move(g));
    owner->push_back(pi);
  }
  return groups;
}

// Per message: kVoteProcedure for vote calls, result and cancel mails, kVoteReply for the other
// messages of vote threads, 0 elsewhere (PositionOptions::vote_roles).
std::vector<char> VoteRoles(const Corpus& corpus, const std::vector<VoteThread>& vote_threads) {
  std::vector<char> roles(corpus.messages.size(), 0);
  if (vote_threads.empty()) return roles;
  std::unordered_map<std::string, size_t> thread_of;
  for (size_t i = 0; i < corpus.threads.size(); ++i) thread_of.emplace(corpus.threads[i].id, i);
  std::unordered_map<std::string, int> index_of;
  for (size_t i = 0; i < corpus.messages.size(); ++i) {
    index_of.emplace(corpus.messages[i].message_id, static_cast<int>(i));
  }
  auto mark = [&](const std::string& id, char role) {
    auto it = index_of.find(id);
    if (it != index_of.end()) roles[static_cast<size_t>(it->second)] = role;
  };
  for (const VoteThread& vt : vote_threads) {
    auto it = thread_of.find(vt.thread_id);
    if (it != thread_of.end()) {
      for (const ThreadNode& n : corpus.threads[it->second].nodes) {
        if (n.message >= 0) roles[static_cast<size_t>(n.message)] = kVoteReply;
      }
    }
    mark(vt.thread_id, kVoteProcedure);
    if (!vt.result.message_id.empty()) mark(vt.result.message_id, kVoteProcedure);
    if (!vt.cancel_message_id.empty()) mark(vt.cancel_message_id, kVoteProcedure);
  }
  return roles;
}

}  // namespace

Result<Analysis> Analyze(const Corpus& corpus, const AnalysisOptions& options) {
  VotePatterns patterns;
  if (!patterns.ok()) return Error{ErrorCode::kInternal, "analyze: " + patterns.error()};
  Analysis out;
  VoteAnalysis va =
      AnalyzeVotes(corpus.messages, corpus.threads, corpus.people, corpus.person_of_message,
                   options.roster, patterns, corpus.texts.get());
  out.vote_threads = std::move(va.vote_threads);
  out.proposals = std::move(va.proposals);
  // Discussions as readers see them: a reply that turns to a new topic starts a discussion of
  // its own (vote threads stay whole, their grouping is the vote analysis'), and a patch
  // series spread over threads is one proposal. parse's threads stay as they are.
  std::unordered_set<std::string> vote_covered;
  for (const Proposal& p : out.proposals) {
    for (const ProposalThread& t : p.threads) vote_covered.insert(t.thread_id);
  }
  BranchSplit split = SplitBranches(corpus.messages, corpus.threads, vote_covered);
  const std::vector<Thread>& threads = split.threads;
  AddPatchSeries(corpus.messages, threads, corpus.person_of_message, options.discussions,
                 &out.proposals);
  AddUntaggedDiscussions(corpus.messages, threads, corpus.person_of_message, options.discussions,
                         &out.proposals);
  out.branches.assign(threads.end() - static_cast<std::ptrdiff_t>(split.branches), threads.end());
  out.discussions.resize(out.proposals.size());
  if (!options.positions) return out;

  // One discussion per proposal: all its threads ([DISCUSS], takes, [RESULT], the GitHub PR).
  std::vector<size_t> owner;
  std::vector<ThreadGroup> groups = ProposalGroups(out.proposals, threads, &owner);
  PositionOptions po = options.position_options;
  po.jobs = options.jobs;
  po.max_arguments = options.summary.max_arguments;
  std::vector<char> vote_roles = VoteRoles(corpus, out.vote_threads);
  po.vote_roles = &vote_roles;
  // AnalyzePositions returns only the groups worth analysing, in group order; match each back
  // to its group by its thread ids.
  std::map<std::vector<std::string>, size_t> proposal_of;
  for (size_t g = 0; g < groups.size(); ++g) {
    std::vector<std::string> ids;
    for (int t : groups[g]) ids.push_back(threads[static_cast<size_t>(t)].id);
    std::sort(ids.begin(), ids.end());
    proposal_of.emplace(std::move(ids), owner[g]);
  }
  // Every message's sentences, split once for the positions and the summaries.
  ProseTexts prose(corpus.messages, corpus.texts.get());
  std::vector<Discussion> found = AnalyzePositions(
      corpus.messages, threads, groups, po, corpus.person_of_message, corpus.texts.get(), &prose);
  for (Discussion& d : found) {
    std::vector<std::string> ids = d.thread_ids;
    std::sort(ids.begin(), ids.end());
    auto it = proposal_of.find(ids);
    if (it == proposal_of.end()) continue;
    const Proposal& p = out.proposals[it->second];
    d.proposal_id = p.id;
    d.subject = p.title;
    out.discussions[it->second] = std::move(d);
  }
  // Every proposal gets a summary, also those too small for positions of their own.
  SummaryContext context(threads, out.vote_threads);
  context.prose = &prose;
  for (size_t i = 0; i < out.proposals.size(); ++i) {
    Summarize(corpus, out.proposals[i], context, options.summary, &out.discussions[i]);
  }
  return out;
}

Result<ReportModel> AnalyzeForReport(Corpus* corpus, const std::vector<std::string>& inputs,
                                     const Roster* roster, int jobs) {
  AnalysisOptions options;
  options.roster = roster;
  options.jobs = jobs;
  Result<Analysis> analysis = Analyze(*corpus, options);
  if (!analysis.ok()) return analysis.error();
  return MakeReportModel(std::move(*corpus), std::move(analysis).value(), inputs);
}

}  // namespace quorum::analyze
