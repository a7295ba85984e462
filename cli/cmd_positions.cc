// SPDX-License-Identifier: Apache-2.0
// `quorum positions PATH... [--format json|text]`: recurring positions per discussion.
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analyze/positions.h"
#include "analyze/votes.h"
#include "cli/command.h"
#include "cli/exit_code.h"
#include "cli/inputs.h"
#include "parse/identity.h"
#include "parse/threader.h"
#include "report/positions_output.h"

namespace quorum::cli {

void RegisterPositions(CLI::App* app, Context* ctx) {
  auto opts = std::make_shared<InputOptions>();
  auto format = std::make_shared<std::string>("json");
  CLI::App* cmd =
      app->add_subcommand("positions", "print the recurring positions of each discussion");
  AddInputOptions(cmd, opts.get());
  cmd->add_option("--format", *format, "output format")->check(CLI::IsMember({"json", "text"}));
  cmd->callback([opts, format, ctx] {
    parse::ParseOptions po;  // positions need the decoded body and the own text
    parse::Corpus corpus;
    int rc = LoadInputs(*opts, po, *ctx, &corpus);
    if (rc == kExitFailed) {
      ctx->exit_code = rc;
      return;
    }
    std::vector<Thread> threads = parse::BuildThreads(corpus.messages);
    // One discussion per thread, plus one per proposal that spans several threads (the GitHub
    // PR, [DISCUSS], [VOTE] and [RESULT] of one decision, as the vote analysis groups them).
    std::vector<analyze::ThreadGroup> groups = analyze::OneGroupPerThread(threads);
    std::map<std::vector<std::string>, const Proposal*> proposal_of;
    analyze::VotePatterns patterns;
    analyze::VoteAnalysis votes;
    if (patterns.ok()) {
      votes = analyze::AnalyzeVotes(corpus.messages, threads, {}, {}, nullptr, patterns,
                                    corpus.texts.get());
      std::map<std::string, int> thread_index;
      for (size_t i = 0; i < threads.size(); ++i) thread_index[threads[i].id] = static_cast<int>(i);
      for (const Proposal& p : votes.proposals) {
        analyze::ThreadGroup g;
        std::vector<std::string> ids;
        for (const ProposalThread& pt : p.threads) {
          auto it = thread_index.find(pt.thread_id);
          if (it == thread_index.end()) continue;
          g.push_back(it->second);
          ids.push_back(pt.thread_id);
        }
        if (g.size() < 2) continue;  // a one-thread proposal is that thread's discussion
        groups.push_back(std::move(g));
        proposal_of[ids] = &p;
      }
    }
    // One person behind several addresses (list mail and its GitHub mirror) holds one side.
    std::vector<int> person_of_message =
        parse::PersonOfMessages(corpus.messages, parse::MergeIdentities(corpus.messages));
    analyze::PositionOptions position_options;
    position_options.jobs = JobCount(*opts);
    std::vector<Discussion> discussions = analyze::AnalyzePositions(
        corpus.messages, threads, groups, position_options, person_of_message, corpus.texts.get());
    for (Discussion& d : discussions) {
      auto it = proposal_of.find(d.thread_ids);
      if (it == proposal_of.end()) continue;
      d.proposal_id = it->second->id;
      d.subject = it->second->title;
    }
    std::ios::sync_with_stdio(false);
    if (*format == "text") {
      report::WritePositionsText(discussions, std::cout);
    } else {
      report::WritePositionsJson(discussions, std::cout);
    }
    std::cout.flush();
    ctx->exit_code = std::cout ? rc : kExitFailed;
  });
}

}  // namespace quorum::cli
