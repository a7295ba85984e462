// SPDX-License-Identifier: Apache-2.0
// Runs fetch jobs for the CLI: their options, progress and failures on stderr, exit codes.
#include "cli/fetch_job.h"

#include <cstdio>

#include "cli/exit_code.h"

namespace quorum::cli {
namespace {

void PrintError(const std::string& message, bool* progress_line) {
  if (*progress_line) std::fputc('\n', stderr);
  *progress_line = false;
  std::fprintf(stderr, "quorum: %s\n", message.c_str());
}

}  // namespace

int WorstExit(int a, int b) {
  auto rank = [](int rc) {
    return rc == kExitUsage ? 3 : rc == kExitFailed ? 2 : rc == kExitPartial ? 1 : 0;
  };
  return rank(a) >= rank(b) ? a : b;
}

void AddFetchOptions(CLI::App* cmd, fetch::FetchJob* job) {
  cmd->add_option("--archive", job->archive, "archive directory (default: archive)");
  cmd->add_option("--source", job->source, "ponymail (lists.apache.org, default) or modmbox")
      ->check(CLI::IsMember({"ponymail", "modmbox"}));
  cmd->add_option("--base-url", job->base_url,
                  "replace the archive host, e.g. a mirror (http only for loopback hosts)");
  cmd->add_option("--roster-url", job->roster_url, "replace the Whimsy host (roster)");
  cmd->add_flag("--refresh", job->refresh, "refetch every month of the range");
  cmd->add_flag("--allow-shrink", job->allow_shrink,
                "accept a month holding fewer messages than the copy held");
  cmd->add_option("--timeout", job->timeout_s,
                  "seconds of stalled transfer (< 1 KiB/s) before giving up (default 60)")
      ->check(CLI::Range(1, 3600));
  cmd->add_option("--attempts", job->attempts, "tries per month, retries included (default 5)")
      ->check(CLI::Range(1, 20));
}

int RunFetchJob(const fetch::FetchJob& job, const Context& ctx,
                const std::function<int(const std::vector<std::string>& lists)>& after) {
  bool progress_line = false;
  fetch::JobEvents events;
  events.failure = [&progress_line](const Error& e) { PrintError(e.message, &progress_line); };
  if (ctx.progress) {
    events.progress = [&progress_line](const std::string& list, const std::string& month, size_t k,
                                       size_t n, uint64_t bytes) {
      std::fprintf(stderr, "\rquorum: fetch %s %s (%zu/%zu) %.1f MiB   ", list.c_str(),
                   month.c_str(), k, n, static_cast<double>(bytes) / (1 << 20));
      progress_line = true;
    };
    events.list_done = [&progress_line](const std::string& list, const fetch::MonthTally& t) {
      if (progress_line) std::fputc('\n', stderr);
      progress_line = false;
      std::fprintf(stderr, "quorum: fetch %s: %zu written, %zu unchanged, %zu kept, %zu failed\n",
                   list.c_str(), t.written, t.unchanged, t.kept, t.failed);
    };
    events.roster_done = [](bool written) {
      std::fprintf(stderr, "quorum: fetch roster: %s\n", written ? "written" : "unchanged");
    };
  }
  int rc = kExitOk;
  auto then = [&](const fetch::JobOutcome& o) {
    if (progress_line) std::fputc('\n', stderr);
    progress_line = false;
    rc = o.failed == 0 ? kExitOk : (o.nothing_usable() ? kExitFailed : kExitPartial);
    if (after) rc = WorstExit(rc, after(o.usable));
  };
  Result<fetch::JobOutcome> outcome = fetch::RunJob(job, events, then);
  if (!outcome.ok()) {
    PrintError(outcome.error().message, &progress_line);
    return outcome.error().code == ErrorCode::kUsage ? kExitUsage : kExitFailed;
  }
  return rc;
}

}  // namespace quorum::cli
