// SPDX-License-Identifier: Apache-2.0
// `quorum positions PATH... [--format json|text]`: recurring positions per proposal.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "analyze/analysis.h"
#include "cli/command.h"
#include "cli/exit_code.h"
#include "cli/inputs.h"
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
    analyze::AnalysisOptions ao;
    ao.jobs = JobCount(*opts);
    Result<Analysis> analysis = analyze::Analyze(corpus, ao);
    if (!analysis.ok()) {
      std::fprintf(stderr, "quorum: %s\n", analysis.error().message.c_str());
      ctx->exit_code = kExitFailed;
      return;
    }
    std::ios::sync_with_stdio(false);
    report::WritePositions(std::move(analysis).value(), *format == "text", std::cout);
    std::cout.flush();
    ctx->exit_code = std::cout ? rc : kExitFailed;
  });
}

}  // namespace quorum::cli
