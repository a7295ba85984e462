// SPDX-License-Identifier: Apache-2.0
// Process-wide settings, made once at the start of main before any thread exists.
#pragma once

namespace quorum {

// Ignores SIGPIPE (libcurl runs with CURLOPT_NOSIGNAL, so a server closing mid-transfer must be
// an error, not kill the process) and tunes glibc malloc, when the binary uses it, for a batch
// job that allocates and frees many short-lived strings: freed memory is kept for reuse instead
// of being handed back to the kernel and faulted in again (docs/scale.md). The release binary
// links jemalloc, configured in process.cc.
void SetUpProcess();

}  // namespace quorum
