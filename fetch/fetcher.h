// SPDX-License-Identifier: Apache-2.0
// The fetch stage: brings list-months (and the Whimsy roster) into a local archive, safely.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/atomic_file.h"
#include "core/result.h"
#include "fetch/http_client.h"
#include "fetch/month.h"
#include "fetch/retry.h"
#include "fetch/source.h"

namespace quorum::fetch {

struct FetchOptions {
  SourceKind source = SourceKind::kPonyMail;
  std::string base_url;                    // Default (empty): DefaultBaseUrl(source)
  bool refresh = false;                    // refetch every month of the range
  bool allow_shrink = false;               // accept a month with fewer messages than held
  uint64_t max_bytes = uint64_t{2} << 30;  // Default: 2 GiB per download, counted as received
  RetryPolicy retry;
};

// What the fetch logic needs from the outside world; tests replace each part.
struct FetchEnv {
  HttpClient* http = nullptr;         // REQUIRED
  std::function<int64_t()> now;       // Default (empty): the system clock, epoch s
  std::function<void(Millis)> sleep;  // Default (empty): std::this_thread::sleep_for
  std::function<double()> random;     // Default (empty): uniform [0,1) from a seeded PRNG
  // Progress: list, month, k (1-based), n, bytes so far. Called often; may be empty.
  std::function<void(const std::string&, const std::string&, size_t, size_t, uint64_t)> progress;
};

enum class MonthOutcome {
  kKept,        // a closed month we hold: not requested
  kUnchanged,   // requested; same bytes as held, nothing written
  kWritten,     // new or changed bytes written
  kFailed,      // see error; the held copy (if any) is untouched
  kIncomplete,  // failed too (see error), but a copy is held: cut mid-message, so incomplete
                // (stored for want of a complete one, or kept); asked for again on every run
};

struct MonthReport {
  YearMonth month;
  std::string url;
  MonthOutcome outcome = MonthOutcome::kKept;
  Error error;         // for kFailed, kIncomplete: "fetch: <list> <month>: <url>: <cause>"
  uint64_t bytes = 0;  // of the copy now held
  uint64_t messages = 0;
  int attempts = 0;  // HTTP requests made
};

// How many months of a list ended each way.
struct MonthTally {
  size_t written = 0;
  size_t unchanged = 0;
  size_t kept = 0;
  size_t failed = 0;      // kFailed and kIncomplete
  size_t incomplete = 0;  // of those, kIncomplete
};

struct ListReport {
  std::string list;
  std::vector<MonthReport> months;
  // kFailed and kIncomplete months.
  size_t failed() const;
  MonthTally Tally() const;
  // True when at least one month of the range is held (written, unchanged, kept or
  // incomplete): the list has something to read.
  bool usable() const;
};

// An archive directory opened for writing: holds the lock, has cleaned stale temp files.
class Archive {
 public:
  // Creates `dir` if needed, takes "<dir>/.quorum.lock" (Error kLocked if another job has it)
  // and removes temp files left by a killed run in `dir` and its list directories.
  static Result<Archive> Open(const std::string& dir);

  const std::string& dir() const { return dir_; }
  // "<dir>/committee-info.json", where FetchRoster keeps the roster.
  std::string roster_path() const { return dir_ + "/committee-info.json"; }

  // Fetches months from..to of `list` (to: default the current month; later months are not
  // asked for). Closed months already held complete are kept; the current and previous month,
  // months held incomplete, and with options.refresh every month, are requested again. Per-month
  // failures are in the report; an Error only for what stops the whole list (a bad range, an
  // unwritable directory).
  Result<ListReport> FetchList(const ListId& list, YearMonth from, std::optional<YearMonth> to,
                               const FetchOptions& options, const FetchEnv& env);

  // Fetches "<base>/public/committee-info.json" (base default https://whimsy.apache.org) into
  // "<dir>/committee-info.json" if it is a JSON object with a "committees" key and differs
  // from the copy held. Returns true when the file was (re)written.
  Result<bool> FetchRoster(const std::string& base_url, const FetchOptions& options,
                           const FetchEnv& env);

 private:
  Archive(std::string dir, DirLock lock) : dir_(std::move(dir)), lock_(std::move(lock)) {}
  std::string dir_;
  DirLock lock_;
};

}  // namespace quorum::fetch
