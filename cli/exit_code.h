// SPDX-License-Identifier: Apache-2.0
// Process exit codes: a contract that scripts and cron jobs rely on (see README).
#pragma once

#include "core/result.h"

namespace quorum::cli {

enum ExitCode : int {
  kExitOk = 0,       // everything done
  kExitFailed = 1,   // nothing usable written
  kExitUsage = 2,    // bad command line
  kExitPartial = 3,  // some inputs or months failed; everything else written
};

// The exit code of a command that stopped on `error`: bad input is usage, an output written
// in part is partial, anything else means nothing usable was written.
inline int ExitCodeOf(const Error& error) {
  switch (error.code) {
    case ErrorCode::kUsage:
      return kExitUsage;
    case ErrorCode::kPartial:
      return kExitPartial;
    default:
      return kExitFailed;
  }
}

}  // namespace quorum::cli
