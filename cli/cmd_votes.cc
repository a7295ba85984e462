// SPDX-License-Identifier: Apache-2.0
// `quorum votes PATH... [--roster FILE] [--format json|text]`: vote threads, tallies, outcomes.
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "analyze/analysis.h"
#include "cli/command.h"
#include "cli/exit_code.h"
#include "cli/inputs.h"
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
    parse::ParseOptions po;
    parse::Corpus corpus;
    int rc = LoadInputs(*opts, po, *ctx, &corpus);
    if (rc == kExitFailed) {
      ctx->exit_code = rc;
      return;
    }
    analyze::AnalysisOptions ao;
    ao.roster = roster ? &*roster : nullptr;
    ao.positions = false;
    Result<Analysis> analysis = analyze::Analyze(corpus, ao);
    if (!analysis.ok()) {
      std::fprintf(stderr, "quorum: %s\n", analysis.error().message.c_str());
      ctx->exit_code = kExitFailed;
      return;
    }
    const Analysis& va = analysis.value();
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
