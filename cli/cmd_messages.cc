// SPDX-License-Identifier: Apache-2.0
// `quorum messages PATH... [--format jsonl]`: one JSON object per message.
#include <iostream>
#include <memory>
#include <unordered_map>

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
    std::vector<const std::string*> root(corpus.messages.size(), nullptr);
    for (const Thread& t : corpus.threads) {
      for (const ThreadNode& n : t.nodes) {
        if (n.message >= 0) root[static_cast<size_t>(n.message)] = &t.id;
      }
    }
    const std::vector<Person>& people = corpus.people;
    const std::vector<int>& person = corpus.person_of_message;
    static const std::string kNone;
    std::ios::sync_with_stdio(false);
    TextReader texts(corpus.texts.get());
    for (size_t i = 0; i < corpus.messages.size(); ++i) {
      Message& m = corpus.messages[i];
      if (m.stored.spilled) m.text = texts.Text(m);  // one message's text in memory at a time
      report::WriteMessageJsonLine(
          m, root[i] ? *root[i] : m.message_id,
          person[i] >= 0 ? people[static_cast<size_t>(person[i])].id : kNone, std::cout);
      if (m.stored.spilled) std::string().swap(m.text);
    }
    std::cout.flush();
    ctx->exit_code = std::cout ? rc : kExitFailed;
  });
}

}  // namespace quorum::cli
