// SPDX-License-Identifier: Apache-2.0
// `quorum messages PATH... [--format jsonl]`: one JSON object per message.
#include <iostream>
#include <memory>
#include <unordered_map>

#include "cli/command.h"
#include "cli/exit_code.h"
#include "cli/inputs.h"
#include "parse/threader.h"
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
    std::vector<Thread> threads = parse::BuildThreads(corpus.messages);
    std::vector<const std::string*> root(corpus.messages.size(), nullptr);
    for (const Thread& t : threads) {
      for (const ThreadNode& n : t.nodes) {
        if (n.message >= 0) root[static_cast<size_t>(n.message)] = &t.id;
      }
    }
    std::ios::sync_with_stdio(false);
    for (size_t i = 0; i < corpus.messages.size(); ++i) {
      report::WriteMessageJsonLine(corpus.messages[i],
                                   root[i] ? *root[i] : corpus.messages[i].message_id, std::cout);
    }
    std::cout.flush();
    ctx->exit_code = std::cout ? rc : kExitFailed;
  });
}

}  // namespace quorum::cli
