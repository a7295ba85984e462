// SPDX-License-Identifier: Apache-2.0
// `quorum votes PATH... [--roster FILE] [--format json|text]`: vote threads, tallies, outcomes.
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "analyze/votes.h"
#include "cli/command.h"
#include "cli/exit_code.h"
#include "cli/inputs.h"
#include "parse/identity.h"
#include "parse/threader.h"
#include "report/votes_output.h"

namespace quorum::cli {
void RegisterVotes(CLI::App* app, Context* ctx) {
  auto opts = std::make_shared<InputOptions>();
  auto format = std::make_shared<std::string>("json");
  auto roster_path = std::make_shared<std::string>();
  CLI::App* cmd = app->add_subcommand(
      "votes", "every vote thread with its votes, tally, outcome and result-mail check");
  AddInputOptions(cmd, opts.get());
  cmd->add_option("--format", *format, "output format")->check(CLI::IsMember({"json", "text"}));
  cmd->add_option("--roster", *roster_path, "Whimsy committee-info.json (PMC rosters)");
  cmd->callback([opts, format, roster_path, ctx] {
    // Environment first: a roster that cannot be read fails the run before any parsing.
    std::optional<Roster> roster;
    if (!LoadRosterOption(*roster_path, &roster)) {
      ctx->exit_code = kExitFailed;
      return;
    }
    analyze::VotePatterns patterns;
    if (!patterns.ok()) {
      std::fprintf(stderr, "quorum: %s\n", patterns.error().c_str());
      ctx->exit_code = kExitFailed;
      return;
    }
    parse::ParseOptions po;
    parse::Corpus corpus;
    int rc = LoadInputs(*opts, po, *ctx, &corpus);
    if (rc == kExitFailed) {
      ctx->exit_code = rc;
      return;
    }
    std::vector<Thread> threads = parse::BuildThreads(corpus.messages);
    std::vector<Person> people = parse::MergeIdentities(corpus.messages);
    std::vector<int> person_of_message = parse::PersonOfMessages(corpus.messages, people);
    analyze::VoteAnalysis va =
        analyze::AnalyzeVotes(corpus.messages, threads, people, person_of_message,
                              roster ? &*roster : nullptr, patterns, corpus.texts.get());
    std::ios::sync_with_stdio(false);
    if (*format == "text") {
      report::WriteVotesText(va.vote_threads, std::cout);
    } else {
      report::WriteVotesJson(va.vote_threads, va.proposals, std::cout);
    }
    std::cout.flush();
    ctx->exit_code = std::cout ? rc : kExitFailed;
  });
}

}  // namespace quorum::cli
