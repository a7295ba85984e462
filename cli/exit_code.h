// SPDX-License-Identifier: Apache-2.0
// Process exit codes: a contract that scripts and cron jobs rely on (see README).
#pragma once

namespace quorum::cli {

enum ExitCode : int {
  kExitOk = 0,       // everything done
  kExitFailed = 1,   // nothing usable written
  kExitUsage = 2,    // bad command line
  kExitPartial = 3,  // some inputs or months failed; everything else written
};

}  // namespace quorum::cli
