// SPDX-License-Identifier: Apache-2.0
// Runs a fetch job: checks it, builds the libcurl client, fetches list by list.
#include "fetch/job.h"

#include <sys/stat.h>

#include <algorithm>
#include <optional>

#include "core/time.h"
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

// When the file at `path` was last written (UTC, ISO 8601), if it exists.
std::optional<std::string> HeldSince(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return FormatIsoUtc(st.st_mtim.tv_sec);
}

// What a roster failure leaves: the copy held, or no roster at all.
std::string RosterNote(const Archive& archive) {
  const std::string path = archive.roster_path();
  if (auto since = HeldSince(path)) {
    return "; kept the roster held (" + path + ", written " + *since + ") for binding status";
  }
  return "; no roster held (" + path +
         "): binding status comes only from result mails and the voters' own (binding), else "
         "it is unknown";
}

}  // namespace

Result<JobOutcome> RunJob(const FetchJob& job, const JobEvents& events,
                          const std::function<void(const JobOutcome&)>& after) {
  Result<std::vector<Checked>> checked = CheckLists(job);
  if (!checked.ok()) return checked.error();
  bool loopback = false;
  for (const std::string* url : {&job.base_url, &job.roster_url}) {
    if (url->empty()) continue;
    auto base = CheckBaseUrl(*url);
    if (!base.ok()) return Error{ErrorCode::kUsage, "fetch: " + base.error().message};
    loopback = loopback || base.value().loopback;
  }
  CurlClientOptions co;
  co.allow_http = loopback;
  co.low_speed_time_s = job.timeout_s;
  co.connect_timeout_ms = std::min(15, job.timeout_s) * 1000L;
  Result<std::unique_ptr<HttpClient>> http = MakeCurlHttpClient(co);
  if (!http.ok()) return Error{http.error().code, "fetch: " + http.error().message};
  FetchEnv env;
  env.http = http.value().get();
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
  if (job.roster || job.refresh_roster) {
    FetchOptions fo;
    fo.retry.max_attempts = job.attempts;
    std::string base = job.roster_url;
    if (base.empty() && job.lists.empty()) base = job.base_url;
    auto roster = archive.value().FetchRoster(base, fo, env);
    bool held = HeldSince(archive.value().roster_path()).has_value();
    if (job.roster || (!roster.ok() && !held)) {
      ++out.items;
      out.failed += !roster.ok();
    }
    if (!roster.ok()) {
      fail(Error{roster.error().code, roster.error().message + RosterNote(archive.value())});
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
