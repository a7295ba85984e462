// SPDX-License-Identifier: Apache-2.0
// The fetch job shared by `quorum fetch` and `quorum run`: options, checks, output, exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "cli/command.h"

namespace quorum::cli {

struct ListJob {
  std::string list;    // "dev@tvm.apache.org"
  std::string from;    // "2022-07"
  std::string to;      // "" = the current month
  std::string source;  // "" = FetchJob::source
};

struct FetchJob {
  std::vector<ListJob> lists;
  std::string archive = "archive";
  std::string source = "ponymail";
  std::string base_url;  // "" = the source's own host
  bool refresh = false;
  bool allow_shrink = false;
  bool roster = false;  // also fetch Whimsy's committee-info.json
  int timeout_s = 60;   // a transfer making < 1 KiB/s for this long is abandoned
  int attempts = 5;     // tries per month, first one included
};

// The more severe of two exit codes: usage, then failed, then partial, then ok.
int WorstExit(int a, int b);

// Adds --archive, --source, --base-url, --refresh, --allow-shrink, --timeout, --attempts.
void AddFetchOptions(CLI::App* cmd, FetchJob* job);

// Fetches every list of `job` (and the roster if asked) under the archive lock, prints one
// line per failure on stderr ("quorum: fetch: <list> <month>: <url>: <cause>") and progress
// when ctx.progress. Then, still under the lock, calls `after` (may be empty) with the lists
// that have something usable. Returns kExitOk, kExitPartial, kExitFailed or kExitUsage.
int RunFetchJob(const FetchJob& job, const Context& ctx,
                const std::function<int(const std::vector<std::string>& lists)>& after);

}  // namespace quorum::cli
