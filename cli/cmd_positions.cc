// SPDX-License-Identifier: Apache-2.0
// `quorum positions PATH... [--format json|text]`: recurring positions per discussion.
#include <iostream>
#include <memory>

#include "analyze/positions.h"
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
    // One discussion per thread until proposals (groups of threads) exist; AnalyzePositions
    // takes any grouping.
    std::vector<Discussion> discussions =
        analyze::AnalyzePositions(corpus.messages, threads, analyze::OneGroupPerThread(threads));
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
