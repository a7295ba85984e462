// SPDX-License-Identifier: Apache-2.0
// Crash-safe file replacement for report outputs: temp file beside the target, fsync, rename.
//
// A stop-gap until fetch/atomic_file.h (issue 3) moves to core/; same contract: after a crash
// a reader sees either the old file or the new one, never a torn one.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace quorum {

// Writes `bytes` to "<dir of path>/.quorum-tmp-<name>-XXXXXX", fsyncs it, renames it over
// `path` and fsyncs the directory. On failure the temp file is removed and `path` is untouched.
Status WriteFileAtomic(const std::string& path, std::string_view bytes);

}  // namespace quorum
