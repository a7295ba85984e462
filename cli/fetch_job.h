// SPDX-License-Identifier: Apache-2.0
// The fetch job shared by `quorum fetch` and `quorum run`: options, progress, exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "fetch/job.h"

namespace quorum::cli {

// The more severe of two exit codes: usage, then failed, then partial, then ok.
int WorstExit(int a, int b);

// Adds --archive, --source, --base-url, --roster-url, --refresh, --allow-shrink, --timeout,
// --attempts.
void AddFetchOptions(CLI::App* cmd, fetch::FetchJob* job);

// Runs `job` (fetch/job.h), printing one line per failure on stderr ("quorum: fetch: <list>
// <month>: <url>: <cause>") and progress when ctx.progress. Then, still under the archive
// lock, calls `after` (may be empty) with the lists that have something usable. Returns
// kExitOk, kExitPartial, kExitFailed or kExitUsage.
int RunFetchJob(const fetch::FetchJob& job, const Context& ctx,
                const std::function<int(const std::vector<std::string>& lists)>& after);

}  // namespace quorum::cli
