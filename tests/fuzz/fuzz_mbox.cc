// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: mbox splitting and From_ unescaping over arbitrary bytes, both variants.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "parse/mbox_reader.h"

using namespace quorum;
using namespace quorum::parse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The reader opens paths; an anonymous memory file gives it one without touching the disk.
  int fd = memfd_create("fuzz-mbox", 0);
  if (fd < 0) return 0;
  if (write(fd, data, size) != static_cast<ssize_t>(size)) {
    close(fd);
    return 0;
  }
  std::string path = "/proc/self/fd/" + std::to_string(fd);
  for (MboxFormat f : {MboxFormat::kMboxo, MboxFormat::kMboxrd}) {
    ReaderOptions opt;
    opt.format = f;
    opt.max_message_bytes = 4096;  // exercise truncation
    auto reader = MboxReader::Open(path, opt);
    if (!reader.ok()) break;
    RawMessage m;
    Diagnostics d;
    uint64_t last = 0;
    size_t n = 0;
    while (reader.value()->Next(&m, &d)) {
      // Invariants: offsets increase, messages lie inside the input, caps hold.
      if (n > 0 && m.offset <= last) abort();
      if (m.offset > size || m.bytes.size() > opt.max_message_bytes) abort();
      last = m.offset;
      ++n;
    }
  }
  close(fd);
  return 0;
}
