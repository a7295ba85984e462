// SPDX-License-Identifier: Apache-2.0
// ProseTexts: every message's prose sentences, split once for all the analyses that read them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/message.h"
#include "core/text_store.h"

namespace quorum::analyze {

// Bytes an analysis derives from each message's text and reads again later (its sentences, its
// words): kept in a TextStore of their own beside spilled texts, so that memory holds 16 bytes
// a message, or in memory when the texts are not spilled (small inputs, tests) or that store
// cannot be made or written.
class MessageBlobs {
 public:
  // Room for `count` messages; `texts` is where the texts are spilled (null: none).
  MessageBlobs(size_t count, const TextStore* texts);
  // Sets message `index`'s bytes; indices must come in increasing order. Call Finish() after
  // the last one.
  void Add(size_t index, std::string_view blob);
  void Finish();
  // Message `index`'s bytes (empty when none). Thread-safe. With a cursor from Cursor() (one
  // per thread), reads in index order are read ahead; a cursor on another store is not used.
  void Get(size_t index, std::string* out, StoreCursor* cursor = nullptr) const;
  StoreCursor Cursor() const { return StoreCursor(store_.get()); }

 private:
  struct Entry {
    uint64_t offset = 0;  // in store_ when stored, else in memory_
    uint32_t size = 0;
    bool stored = false;
  };
  void Flush();

  std::shared_ptr<TextStore> store_;  // null: everything in memory_
  bool writable_ = true;              // false after a failed write: the rest goes to memory_
  std::vector<Entry> entries_;
  std::string memory_;
  std::string pending_;  // Add()ed since the last Flush
  std::vector<size_t> pending_index_;
};

// The prose sentences (ProseSentences) of the own text of every message. The positions
// vocabulary, the discussions and the summaries each read them; splitting is the dear part, so
// it is done once. A message's sentences are kept joined by '\n' (a sentence never holds one)
// in MessageBlobs.
class ProseTexts {
 public:
  // Reads the texts one message at a time through `texts` (null: every Message holds its own).
  ProseTexts(const std::vector<Message>& messages, const TextStore* texts);

  // The sentences of message `index`, as ProseSentences gives them. Thread-safe; `cursor` as
  // for MessageBlobs::Get.
  std::vector<std::string> Sentences(size_t index, StoreCursor* cursor = nullptr) const;
  StoreCursor Cursor() const { return joined_.Cursor(); }

 private:
  MessageBlobs joined_;
};

}  // namespace quorum::analyze
