// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: threading over arbitrary id / In-Reply-To / References sequences.
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "parse/threader.h"

using namespace quorum;
using namespace quorum::parse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Each message takes 4 bytes: own id, in-reply-to, and two references, from a small id
  // alphabet so that collisions, self-references and cycles are common.
  std::vector<Message> ms;
  std::set<std::string> used;
  for (size_t i = 0; i + 4 <= size && ms.size() < 2000; i += 4) {
    Message m;
    m.message_id = "m" + std::to_string(data[i] % 64);
    if (!used.insert(m.message_id).second) continue;  // ids are unique after LoadCorpus
    if (data[i + 1] & 0x80) m.in_reply_to = "m" + std::to_string(data[i + 1] % 64);
    for (size_t k = 2; k < 4; ++k) {
      if (data[i + k] & 0x80) m.references.push_back("m" + std::to_string(data[i + k] % 64));
    }
    m.date = MailDate{static_cast<int64_t>(data[i + 1]), 0, (data[i + 2] & 1) != 0};
    ms.push_back(std::move(m));
  }
  std::vector<Thread> threads = BuildThreads(ms);
  // Invariants: every message exactly once; parents precede children; depths consistent.
  std::vector<int> seen(ms.size(), 0);
  for (const Thread& t : threads) {
    for (size_t n = 0; n < t.nodes.size(); ++n) {
      const ThreadNode& node = t.nodes[n];
      if (node.message >= 0) ++seen[static_cast<size_t>(node.message)];
      if (n == 0 ? node.parent != -1 : (node.parent < 0 || static_cast<size_t>(node.parent) >= n))
        abort();
      if (n > 0 && node.depth != t.nodes[static_cast<size_t>(node.parent)].depth + 1) abort();
    }
  }
  for (int s : seen) {
    if (s != 1) abort();
  }
  return 0;
}
