// SPDX-License-Identifier: Apache-2.0
// Publishing a report: every file of a ReportModel written into --out under the write policy
// (core/atomic_file.h), with the output lock, write-if-changed and the digest's state file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/report_model.h"
#include "core/result.h"

namespace quorum::report {

// The lock file that keeps two reports out of one output directory at a time.
inline constexpr const char* kReportLockFile = ".quorum-report.lock";
// What the last report wrote, for the next run's digest.
inline constexpr const char* kReportStateFile = ".quorum-report-state.json";

// The one check of an output directory given on the command line (`report --out`, `run --out`
// and `out` in a run config): Error kUsage for an empty path, which would put the site in "/".
Status CheckOutDir(const std::string& out);

struct PublishOptions {
  // Set: the digest covers everything dated from that epoch on (any epoch), not the last run.
  std::optional<int64_t> since;
  bool progress = false;  // "N/M pages" on stderr
  bool quiet = false;     // no closing figures on stderr
};

// Writes the site, report.json, votes.csv and quorum.sqlite into `out` (created if missing),
// each file atomically and only if its bytes changed, index.html after the pages it links to,
// and the state file last. Holds kReportLockFile in `out` throughout and first removes the
// temp files a killed run left there.
// Errors: kUsage (bad `out`), kLocked (another report holds `out`; the message names the lock
// file), kPartial when some files were already in place when a later one failed (the message
// names the file that failed), any other code when nothing was written.
Status WriteReport(const ReportModel& model, const std::string& out,
                   const PublishOptions& options = {});

}  // namespace quorum::report
