// SPDX-License-Identifier: Apache-2.0
#include "core/process.h"

#include <malloc.h>
#include <signal.h>

namespace quorum {

void SetUpProcess() {
  signal(SIGPIPE, SIG_IGN);
  // Keep up to 256 MiB of free heap before trimming, grow the heap 64 MiB at a time, and serve
  // blocks up to 32 MiB from the heap rather than from a fresh mmap each time. The heap then
  // stays at the run's peak, which is what a batch job wants.
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

}  // namespace quorum
