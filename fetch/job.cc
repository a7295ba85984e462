// SPDX-License-Identifier: Apache-2.0
// Runs a fetch job: checks it, builds the libcurl client, fetches list by list.
#include "fetch/job.h"

#include <algorithm>
#include <optional>

#include "fetch/curl_http_client.h"

namespace quorum::fetch {
namespace {

struct Checked {
  ListId list;
  YearMonth from;
  std::optional<YearMonth> to;
  SourceKind source;
};

Result<std::vector<Checked>> CheckLists(const FetchJob& job) {
  std::vector<Checked> checked;
  for (const ListJob& lj : job.lists) {
    auto list = ParseListId(lj.list);
    if (!list.ok()) return Error{ErrorCode::kUsage, "fetch: " + list.error().message};
    auto from = ParseYearMonth(lj.from);
    std::optional<YearMonth> to;
    if (!lj.to.empty()) to = ParseYearMonth(lj.to);
    if (!from || (!lj.to.empty() && !to)) {
      return Error{ErrorCode::kUsage, "fetch: " + lj.list + ": bad month '" +
                                          (!from ? lj.from : lj.to) + "': expected YYYY-MM"};
    }
    auto source = ParseSourceKind(lj.source.empty() ? job.source : lj.source);
    if (!source) {
      return Error{ErrorCode::kUsage,
                   "fetch: " + lj.list + ": bad source '" + lj.source + "': ponymail or modmbox"};
    }
    checked.push_back({list.value(), *from, to, *source});
  }
  return checked;
}

}  // namespace

Result<JobOutcome> RunJob(const FetchJob& job, const JobEvents& events,
                          const std::function<void(const JobOutcome&)>& after) {
  Result<std::vector<Checked>> checked = CheckLists(job);
  if (!checked.ok()) return checked.error();
  bool loopback = false;
  if (!job.base_url.empty()) {
    auto base = CheckBaseUrl(job.base_url);
    if (!base.ok()) return Error{ErrorCode::kUsage, "fetch: " + base.error().message};
    loopback = base.value().loopback;
  }
  CurlClientOptions co;
  co.allow_http = loopback;
  co.low_speed_time_s = job.timeout_s;
  co.connect_timeout_ms = std::min(15, job.timeout_s) * 1000L;
  auto http = MakeCurlHttpClient(co);
  FetchEnv env;
  env.http = http.get();
  env.progress = events.progress;
  auto archive = Archive::Open(job.archive);
  if (!archive.ok()) return archive.error();
  auto fail = [&events](const Error& e) {
    if (events.failure) events.failure(e);
  };
  JobOutcome out;
  for (const Checked& c : checked.value()) {
    FetchOptions fo;
    fo.source = c.source;
    fo.base_url = job.base_url;
    fo.refresh = job.refresh;
    fo.allow_shrink = job.allow_shrink;
    fo.retry.max_attempts = job.attempts;
    auto report = archive.value().FetchList(c.list, c.from, c.to, fo, env);
    if (!report.ok()) {
      if (report.error().code == ErrorCode::kUsage) return report.error();
      fail(report.error());
      ++out.items;
      ++out.failed;
      continue;
    }
    for (const MonthReport& m : report.value().months) {
      if (m.outcome == MonthOutcome::kFailed || m.outcome == MonthOutcome::kIncomplete) {
        fail(m.error);
      }
    }
    MonthTally tally = report.value().Tally();
    out.items += report.value().months.size();
    out.failed += tally.failed;
    out.incomplete += tally.incomplete;
    if (report.value().usable()) out.usable.push_back(c.list.Full());
    if (events.list_done) events.list_done(c.list.Full(), tally);
  }
  if (job.roster) {
    FetchOptions fo;
    fo.retry.max_attempts = job.attempts;
    ++out.items;
    auto roster = archive.value().FetchRoster(job.base_url, fo, env);
    if (!roster.ok()) {
      ++out.failed;
      fail(roster.error());
    } else if (events.roster_done) {
      events.roster_done(roster.value());
    }
  }
  if (after) after(out);
  return out;
}

std::string MboxFormatOfLists(const FetchJob& job, const std::vector<std::string>& lists) {
  std::string format;
  for (const std::string& list : lists) {
    for (const ListJob& lj : job.lists) {
      auto id = ParseListId(lj.list);
      auto kind = ParseSourceKind(lj.source.empty() ? job.source : lj.source);
      if (!id.ok() || id.value().Full() != list || !kind) continue;
      std::string f = MboxFormatOf(*kind);
      format = format.empty() || format == f ? f : "auto";
    }
  }
  return format;
}

}  // namespace quorum::fetch
