// SPDX-License-Identifier: Apache-2.0
// The PATH... arguments and reading options shared by every command that reads archives.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/command.h"
#include "parse/corpus.h"

namespace quorum::cli {

struct InputOptions {
  std::vector<std::string> paths;
  std::string mbox_format = "auto";
  int jobs = 0;  // 0: one per core
};

void AddInputOptions(CLI::App* cmd, InputOptions* opts);

// Lists and parses the inputs. Prints file-level problems to stderr. Returns kExitOk, or
// kExitPartial when some input could not be read, or kExitFailed when none could.
int LoadInputs(const InputOptions& opts, const parse::ParseOptions& parse_options,
               const Context& ctx, parse::Corpus* corpus);

}  // namespace quorum::cli
