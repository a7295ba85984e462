// SPDX-License-Identifier: Apache-2.0
// Reading the inputs of a command, with progress and problem reporting on stderr.
#include "cli/inputs.h"

#include <cstdio>
#include <thread>

#include "cli/exit_code.h"
#include "core/mbox_format.h"
#include "fetch/state.h"
#include "report/roster_json.h"

namespace quorum::cli {

void AddInputOptions(CLI::App* cmd, InputOptions* opts) {
  cmd->add_option("paths", opts->paths,
                  "mbox files (plain or .gz), message files, Maildirs or directories")
      ->required();
  cmd->add_option(
         "--mbox-format", opts->mbox_format,
         "how >From lines are escaped: auto, mboxo (mod_mbox) or mboxrd (lists.apache.org)")
      ->check(CLI::IsMember({"auto", "mboxo", "mboxrd"}));
  cmd->add_option("-j,--jobs", opts->jobs,
                  "threads for parsing files and analysing discussions (default: one per core)")
      ->check(CLI::NonNegativeNumber);
}

int JobCount(const InputOptions& opts) {
  return opts.jobs > 0 ? opts.jobs
                       : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

int LoadInputs(const InputOptions& opts, const parse::ParseOptions& parse_options,
               const Context& ctx, parse::Corpus* corpus) {
  auto inputs = parse::ListInputs(opts.paths);
  if (!inputs.ok()) {
    std::fprintf(stderr, "quorum: %s\n", inputs.error().message.c_str());
    return kExitFailed;
  }
  parse::CorpusOptions co;
  co.parse = parse_options;
  co.reader.format = ParseMboxFormat(opts.mbox_format).value_or(MboxFormat::kAuto);
  co.recorded_format = fetch::RecordedMboxFormat;  // months that `quorum fetch` stored
  co.jobs = JobCount(opts);
  // Bodies and own texts go to a temporary file as they are parsed: memory then follows the
  // number of messages, not the size of the mail (docs/scale.md). Without one, they stay in
  // memory and the run goes on.
  std::shared_ptr<TextStore> store;
  if (parse_options.decode_body) {
    Result<std::shared_ptr<TextStore>> made = TextStore::Create();
    if (made.ok()) {
      store = std::move(made).value();
      co.spill = store.get();
    } else {
      std::fprintf(stderr, "quorum: %s; message texts stay in memory\n",
                   made.error().message.c_str());
    }
  }
  *corpus = parse::LoadCorpus(inputs.value(), co);
  corpus->texts = store;
  if (corpus->spill_failures > 0) {
    std::fprintf(stderr, "quorum: %s; the texts of %zu messages stay in memory\n",
                 corpus->spill_error.c_str(), corpus->spill_failures);
  }
  size_t unreadable = 0;
  for (const Diagnostic& d : corpus->diagnostics) {
    if (d.code == "unreadable-file") ++unreadable;
    std::fprintf(stderr, "quorum: %s\n", FormatDiagnostic(d).c_str());
  }
  if (ctx.progress) {
    size_t message_diags = 0;
    for (const Message& m : corpus->messages) message_diags += m.diagnostics.size();
    std::fprintf(stderr,
                 "quorum: %zu files, %zu messages (%zu duplicates dropped), %zu diagnostics\n",
                 corpus->files, corpus->messages.size(), corpus->duplicates,
                 message_diags + corpus->diagnostics.size());
    if (store) {
      std::fprintf(stderr, "quorum: message texts: %.1f MB in a temporary file in %s\n",
                   static_cast<double>(store->bytes()) / 1e6, store->dir().c_str());
    }
  }
  if (unreadable > 0 && unreadable == inputs.value().size()) return kExitFailed;
  return unreadable > 0 ? kExitPartial : kExitOk;
}

bool LoadRosterOption(const std::string& path, std::optional<Roster>* roster) {
  if (path.empty()) return true;
  Result<Roster> r = report::LoadRosterFile(path);
  if (!r.ok()) {
    std::fprintf(stderr, "quorum: %s\n", r.error().message.c_str());
    return false;
  }
  *roster = std::move(r).value();
  return true;
}

}  // namespace quorum::cli
