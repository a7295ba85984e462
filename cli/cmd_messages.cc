// SPDX-License-Identifier: Apache-2.0
// `quorum messages PATH... [--format jsonl]`: one JSON object per message.
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/exit_code.h"
#include "cli/inputs.h"
#include "report/json_output.h"

namespace quorum::cli {

void RegisterMessages(CLI::App* app, Context* ctx) {
  auto opts = std::make_shared<InputOptions>();
  auto format = std::make_shared<std::string>("jsonl");
  CLI::App* cmd =
      app->add_subcommand("messages", "print every message as one JSON object per line");
  AddInputOptions(cmd, opts.get());
  cmd->add_option("--format", *format, "output format")->check(CLI::IsMember({"jsonl"}));
  cmd->callback([opts, format, ctx] {
    parse::ParseOptions po;
    po.keep_body = false;
    parse::Corpus corpus;
    int rc = LoadInputs(*opts, po, *ctx, &corpus);
    if (rc == kExitFailed) {
      ctx->exit_code = rc;
      return;
    }
    std::ios::sync_with_stdio(false);
    report::WriteMessagesJsonl(&corpus, std::cout, JobCount(*opts));
    std::cout.flush();
    ctx->exit_code = std::cout ? rc : kExitFailed;
  });
}

}  // namespace quorum::cli
