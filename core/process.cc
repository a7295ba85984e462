// SPDX-License-Identifier: Apache-2.0
#include "core/process.h"

#include <malloc.h>
#include <signal.h>

// Read by jemalloc, when the quorum binary is linked with it (QUORUM_JEMALLOC), as it starts.
// Its memory is backed by transparent huge pages, so that the per-message metadata of a big
// input costs a few hundred page faults instead of tens of thousands. One arena for all
// threads: what the parse threads freed is then reused by the merge and sort that follow on
// the main thread (with an arena per thread, it faulted in 40 MB afresh). Ignored otherwise.
extern "C" const char* const malloc_conf = "thp:always,metadata_thp:auto,narenas:1";

namespace quorum {

void SetUpProcess() {
  signal(SIGPIPE, SIG_IGN);
  // For glibc malloc (tests, sanitizer builds): keep up to 256 MiB of free heap before
  // trimming, grow the heap 64 MiB at a time, and serve blocks up to 32 MiB from the heap rather
  // than from a fresh mmap each time. The heap then stays at the run's peak, which is what a
  // batch job wants.
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

}  // namespace quorum
