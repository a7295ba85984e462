// SPDX-License-Identifier: Apache-2.0
// ProseTexts: every message's prose sentences, split once for all the analyses that read them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/message.h"
#include "core/text_store.h"

namespace quorum::analyze {

// The prose sentences (ProseSentences) of the own text of every message. The positions
// vocabulary, the discussions and the summaries each read them; splitting is the dear part, so
// it is done once. A message's sentences are kept as one string, joined by '\n' (a sentence
// never holds one). When the texts are spilled to a TextStore, the sentences go to a store of
// their own in the same directory and memory holds 16 bytes a message; otherwise (small inputs,
// tests) they stay in memory. If that store cannot be made or written, they stay in memory too.
class ProseTexts {
 public:
  // Reads the texts one message at a time through `texts` (null: every Message holds its own).
  ProseTexts(const std::vector<Message>& messages, const TextStore* texts);

  // The sentences of message `index`, as ProseSentences gives them. Thread-safe.
  std::vector<std::string> Sentences(size_t index) const;

 private:
  struct Entry {
    uint64_t offset = 0;  // in store_ when stored, else in memory_
    uint32_t size = 0;
    bool stored = false;
  };
  void Flush(std::string* pending, size_t first, size_t end);

  std::shared_ptr<TextStore> store_;  // null: everything in memory_
  bool writable_ = true;              // false after a failed write: the rest goes to memory_
  std::vector<Entry> entries_;
  std::string memory_;
};

}  // namespace quorum::analyze
