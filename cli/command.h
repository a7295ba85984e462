// SPDX-License-Identifier: Apache-2.0
// The subcommand table: each command registers its options and the function that runs it.
#pragma once

#include <CLI/CLI.hpp>

namespace quorum::cli {

// State shared by main and the command that runs.
struct Context {
  int exit_code = 0;
  bool progress = false;  // stderr is a terminal and --quiet was not given
  bool quiet = false;     // --quiet: no progress, no closing figures
};

// Each Register* adds one subcommand to `app`; its callback sets ctx->exit_code.
void RegisterMessages(CLI::App* app, Context* ctx);
void RegisterThreads(CLI::App* app, Context* ctx);
void RegisterVotes(CLI::App* app, Context* ctx);
void RegisterPositions(CLI::App* app, Context* ctx);
void RegisterFetch(CLI::App* app, Context* ctx);  // cli/cmd_fetch.cc
void RegisterRun(CLI::App* app, Context* ctx);    // cli/cmd_run.cc
void RegisterReport(CLI::App* app, Context* ctx);

}  // namespace quorum::cli
