// SPDX-License-Identifier: Apache-2.0
// `quorum threads PATH... [--format json|text]`: the thread forest.
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/exit_code.h"
#include "cli/inputs.h"
#include "report/json_output.h"

namespace quorum::cli {

void RegisterThreads(CLI::App* app, Context* ctx) {
  auto opts = std::make_shared<InputOptions>();
  auto format = std::make_shared<std::string>("json");
  CLI::App* cmd = app->add_subcommand("threads", "print the thread forest");
  AddInputOptions(cmd, opts.get());
  cmd->add_option("--format", *format, "output format")->check(CLI::IsMember({"json", "text"}));
  cmd->callback([opts, format, ctx] {
    parse::ParseOptions po;
    po.decode_body = false;  // threading needs headers only
    parse::Corpus corpus;
    int rc = LoadInputs(*opts, po, *ctx, &corpus);
    if (rc == kExitFailed) {
      ctx->exit_code = rc;
      return;
    }
    const std::vector<Thread>& threads = corpus.threads;
    std::ios::sync_with_stdio(false);
    if (*format == "text") {
      report::WriteThreadsText(threads, corpus.messages, std::cout);
    } else {
      report::WriteThreadsJson(threads, corpus.messages, std::cout);
    }
    std::cout.flush();
    ctx->exit_code = std::cout ? rc : kExitFailed;
  });
}

}  // namespace quorum::cli
