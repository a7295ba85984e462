// SPDX-License-Identifier: Apache-2.0
// The PATH... arguments and reading options shared by every command that reads archives.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/roster.h"
#include "parse/corpus.h"

namespace quorum::cli {

struct InputOptions {
  std::vector<std::string> paths;
  std::string mbox_format = "auto";
  int jobs = 0;                                      // 0: one per core
  size_t max_messages = parse::kDefaultMaxMessages;  // 0: no limit
};

void AddInputOptions(CLI::App* cmd, InputOptions* opts);

// --jobs as a thread count: the number given, or one per core for 0.
int JobCount(const InputOptions& opts);

// Lists and parses the inputs. Prints file-level problems to stderr. Returns kExitOk, or
// kExitPartial when some input could not be read (or not to its end), or kExitFailed when none
// could or the inputs hold more than --max-messages messages.
int LoadInputs(const InputOptions& opts, const parse::ParseOptions& parse_options,
               const Context& ctx, parse::Corpus* corpus);

// Loads the --roster file (Whimsy committee-info.json) when `path` is not empty. An unreadable
// or malformed roster is an environment failure: the error is printed and false returned (the
// command exits 1 before parsing anything).
bool LoadRosterOption(const std::string& path, std::optional<Roster>* roster);

}  // namespace quorum::cli
