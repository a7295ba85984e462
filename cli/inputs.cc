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
                  "threads: files or pieces of one big mbox, then discussions (default: cores)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-messages", opts->max_messages, "fail past N messages (2.5KB each; 0: off)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
}

int JobCount(const InputOptions& opts) {
  return opts.jobs > 0 ? opts.jobs
                       : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

int LoadInputs(const InputOptions& opts, const parse::ParseOptions& parse_options,
               const Context& ctx, parse::Corpus* corpus) {
  parse::CorpusOptions co;
  co.parse = parse_options;
  co.reader.format = ParseMboxFormat(opts.mbox_format).value_or(MboxFormat::kAuto);
  co.recorded_format = fetch::RecordedMboxFormat;  // months that `quorum fetch` stored
  co.jobs = JobCount(opts);
  co.max_messages = opts.max_messages;
  Result<parse::Corpus> read = parse::ReadInputs(opts.paths, co);
  if (!read.ok()) {
    std::fprintf(stderr, "quorum: %s\n", read.error().message.c_str());
    return kExitFailed;
  }
  *corpus = std::move(read).value();
  if (corpus->spill_failures > 0) {
    std::fprintf(stderr, "quorum: %s; the texts of %zu messages stay in memory\n",
                 corpus->spill_error.c_str(), corpus->spill_failures);
  }
  for (const Diagnostic& d : corpus->diagnostics)
    std::fprintf(stderr, "quorum: %s\n", FormatDiagnostic(d).c_str());
  if (ctx.progress) {
    size_t message_diags = 0;
    for (const Message& m : corpus->messages) message_diags += m.diagnostics.size();
    std::fprintf(stderr,
                 "quorum: %zu files, %zu messages (%zu duplicates dropped), %zu diagnostics\n",
                 corpus->files, corpus->messages.size(), corpus->duplicates,
                 message_diags + corpus->diagnostics.size());
    if (corpus->texts) {
      std::fprintf(stderr, "quorum: message texts: %.1f MB in a temporary file in %s\n",
                   static_cast<double>(corpus->texts->bytes()) / 1e6, corpus->texts->dir().c_str());
    }
  }
  // Nothing read, or over the message limit (its diagnostic says so), is a failure.
  parse::InputOutcome outcome = parse::JudgeInputs(*corpus);
  if (outcome == parse::InputOutcome::kComplete) return kExitOk;
  return outcome == parse::InputOutcome::kPartial ? kExitPartial : kExitFailed;
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
