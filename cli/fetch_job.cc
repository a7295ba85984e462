// SPDX-License-Identifier: Apache-2.0
// Runs fetch jobs for the CLI: validates input, builds the libcurl client, reports.
#include "cli/fetch_job.h"

#include <cstdio>
#include <optional>

#include "cli/exit_code.h"
#include "fetch/curl_http_client.h"
#include "fetch/fetcher.h"

namespace quorum::cli {
namespace {

struct Checked {
  fetch::ListId list;
  fetch::YearMonth from;
  std::optional<fetch::YearMonth> to;
  fetch::SourceKind source;
};

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

void AddFetchOptions(CLI::App* cmd, FetchJob* job) {
  cmd->add_option("--archive", job->archive, "archive directory (default: archive)");
  cmd->add_option("--source", job->source, "ponymail (lists.apache.org, default) or modmbox")
      ->check(CLI::IsMember({"ponymail", "modmbox"}));
  cmd->add_option("--base-url", job->base_url,
                  "replace the archive host, e.g. a mirror (http only for loopback hosts)");
  cmd->add_flag("--refresh", job->refresh, "refetch every month of the range");
  cmd->add_flag("--allow-shrink", job->allow_shrink,
                "accept a month holding fewer messages than the copy held");
  cmd->add_option("--timeout", job->timeout_s,
                  "seconds of stalled transfer (< 1 KiB/s) before giving up (default 60)")
      ->check(CLI::Range(1, 3600));
  cmd->add_option("--attempts", job->attempts, "tries per month, retries included (default 5)")
      ->check(CLI::Range(1, 20));
}

int RunFetchJob(const FetchJob& job, const Context& ctx,
                const std::function<int(const std::vector<std::string>& lists)>& after) {
  // Check everything before touching the network or the archive.
  std::vector<Checked> checked;
  for (const ListJob& lj : job.lists) {
    auto list = fetch::ParseListId(lj.list);
    if (!list.ok()) {
      std::fprintf(stderr, "quorum: fetch: %s\n", list.error().message.c_str());
      return kExitUsage;
    }
    auto from = fetch::ParseYearMonth(lj.from);
    std::optional<fetch::YearMonth> to;
    if (!lj.to.empty()) to = fetch::ParseYearMonth(lj.to);
    if (!from || (!lj.to.empty() && !to)) {
      std::fprintf(stderr, "quorum: fetch: %s: bad month '%s': expected YYYY-MM\n", lj.list.c_str(),
                   (!from ? lj.from : lj.to).c_str());
      return kExitUsage;
    }
    auto source = fetch::ParseSourceKind(lj.source.empty() ? job.source : lj.source);
    if (!source) {
      std::fprintf(stderr, "quorum: fetch: %s: bad source '%s': ponymail or modmbox\n",
                   lj.list.c_str(), lj.source.c_str());
      return kExitUsage;
    }
    checked.push_back({list.value(), *from, to, *source});
  }
  bool loopback = false;
  if (!job.base_url.empty()) {
    auto base = fetch::NormalizeBaseUrl(job.base_url);
    if (!base.ok()) {
      std::fprintf(stderr, "quorum: fetch: %s\n", base.error().message.c_str());
      return kExitUsage;
    }
    loopback = fetch::IsLoopbackUrl(base.value());
    if (!loopback && !base.value().starts_with("https://")) {
      std::fprintf(stderr, "quorum: fetch: base url %s: plain http only for loopback hosts\n",
                   base.value().c_str());
      return kExitUsage;
    }
  }

  fetch::CurlClientOptions co;
  co.allow_http = loopback;
  co.low_speed_time_s = job.timeout_s;
  co.connect_timeout_ms = std::min(15, job.timeout_s) * 1000L;
  auto http = fetch::MakeCurlHttpClient(co);
  fetch::FetchEnv env;
  env.http = http.get();
  bool progress_line = false;
  if (ctx.progress) {
    env.progress = [&progress_line](const std::string& list, const std::string& month, size_t k,
                                    size_t n, uint64_t bytes) {
      std::fprintf(stderr, "\rquorum: fetch %s %s (%zu/%zu) %.1f MiB   ", list.c_str(),
                   month.c_str(), k, n, static_cast<double>(bytes) / (1 << 20));
      progress_line = true;
    };
  }

  auto archive = fetch::Archive::Open(job.archive);
  if (!archive.ok()) {
    PrintError(archive.error().message, &progress_line);
    return archive.error().code == ErrorCode::kUsage ? kExitUsage : kExitFailed;
  }
  size_t items = 0, failed = 0;
  std::vector<std::string> usable;
  for (const Checked& c : checked) {
    fetch::FetchOptions fo;
    fo.source = c.source;
    fo.base_url = job.base_url;
    fo.refresh = job.refresh;
    fo.allow_shrink = job.allow_shrink;
    fo.retry.max_attempts = job.attempts;
    auto report = archive.value().FetchList(c.list, c.from, c.to, fo, env);
    if (!report.ok()) {
      PrintError(report.error().message, &progress_line);
      if (report.error().code == ErrorCode::kUsage) return kExitUsage;
      ++items;
      ++failed;
      continue;
    }
    size_t written = 0, unchanged = 0, kept = 0;
    for (const fetch::MonthReport& m : report.value().months) {
      ++items;
      switch (m.outcome) {
        case fetch::MonthOutcome::kFailed:
          ++failed;
          PrintError(m.error.message, &progress_line);
          break;
        case fetch::MonthOutcome::kWritten:
          ++written;
          break;
        case fetch::MonthOutcome::kUnchanged:
          ++unchanged;
          break;
        case fetch::MonthOutcome::kKept:
          ++kept;
          break;
      }
    }
    if (report.value().failed() < report.value().months.size()) usable.push_back(c.list.Full());
    if (ctx.progress) {
      if (progress_line) std::fputc('\n', stderr);
      progress_line = false;
      std::fprintf(stderr, "quorum: fetch %s: %zu written, %zu unchanged, %zu kept, %zu failed\n",
                   c.list.Full().c_str(), written, unchanged, kept, report.value().failed());
    }
  }
  if (job.roster) {
    fetch::FetchOptions fo;
    fo.retry.max_attempts = job.attempts;
    ++items;
    auto roster = archive.value().FetchRoster(job.base_url, fo, env);
    if (!roster.ok()) {
      ++failed;
      PrintError(roster.error().message, &progress_line);
    } else if (ctx.progress) {
      std::fprintf(stderr, "quorum: fetch roster: %s\n", roster.value() ? "written" : "unchanged");
    }
  }
  if (progress_line) std::fputc('\n', stderr);
  int rc = failed == 0 ? kExitOk : (failed == items ? kExitFailed : kExitPartial);
  if (after) rc = WorstExit(rc, after(usable));
  return rc;
}

}  // namespace quorum::cli
