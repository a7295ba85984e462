// SPDX-License-Identifier: Apache-2.0
// A fetch job: lists and month ranges to bring into one archive (and the roster), checked
// before any transfer, run under the archive lock with the libcurl client.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "fetch/fetcher.h"

namespace quorum::fetch {

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
  bool roster = false;  // also fetch Whimsy's committee-info.json; a failure fails the job
  // Refresh the roster as well, as `quorum run` does every night: when Whimsy fails (or sends
  // something that is not the roster) the copy held is kept, and that is only a warning.
  bool refresh_roster = false;
  // Whimsy's base URL (the roster is "<base>/public/committee-info.json"). Default (empty):
  // https://whimsy.apache.org, or base_url for a job without lists (`fetch --roster --base-url`).
  std::string roster_url;
  int timeout_s = 60;  // a transfer making < 1 KiB/s for this long is abandoned
  int attempts = 5;    // tries per month, first one included
};

// What a running job tells its caller; every part may be empty.
struct JobEvents {
  decltype(FetchEnv::progress) progress;      // as FetchEnv::progress
  std::function<void(const Error&)> failure;  // a list, month or roster that failed
  std::function<void(const std::string& list, const MonthTally&)> list_done;
  std::function<void(bool written)> roster_done;  // false: unchanged
};

struct JobOutcome {
  // Months tried (a list that failed as a whole counts one), and the roster for `roster`, or
  // for `refresh_roster` when it failed with no copy held.
  size_t items = 0;
  size_t failed = 0;      // of those
  size_t incomplete = 0;  // of the failed months, those holding an incomplete copy (readable)
  // Everything failed and nothing, not even an incomplete month, was stored.
  bool nothing_usable() const { return failed == items && incomplete == 0; }
  std::vector<std::string> usable;  // lists with something to read ("dev@tvm.apache.org")
};

// Checks every list, month, source and the base URLs before touching the network or the
// archive (plain http only for a loopback base URL), then fetches each list and the roster if
// asked, holding the archive lock until `after` (may be empty) has run with the outcome.
// A roster that could not be fetched is reported through events.failure, saying whether a
// copy is held; it counts as failed for `roster`, and for `refresh_roster` only when no copy
// is held (then votes lack roster evidence).
// Errors stop the job: kUsage for a bad job ("fetch: ..."), or the archive that could not be
// opened.
Result<JobOutcome> RunJob(const FetchJob& job, const JobEvents& events,
                          const std::function<void(const JobOutcome&)>& after);

// The mbox dialect the archive holds for `lists` (ListId::Full), known from their sources:
// "mboxo" or "mboxrd" when they agree, "auto" when they do not, "" when none is in the job.
std::string MboxFormatOfLists(const FetchJob& job, const std::vector<std::string>& lists);

}  // namespace quorum::fetch
