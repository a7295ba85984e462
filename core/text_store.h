// SPDX-License-Identifier: Apache-2.0
// TextStore: where the decoded body and own text of messages go while a big input is analysed,
// so that memory holds per-message metadata only (docs/scale.md). An unlinked temporary file:
// nothing is left behind, whatever happens to the process.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/message.h"
#include "core/result.h"

namespace quorum {

class TextStore {
 public:
  // An anonymous file in `dir` ($TMPDIR, else /tmp, when empty). Fails when none can be made.
  static Result<std::shared_ptr<TextStore>> Create(const std::string& dir = "");
  TextStore(const TextStore&) = delete;
  TextStore& operator=(const TextStore&) = delete;
  ~TextStore();

  // Moves m->body and m->text into the store and marks m->stored. Thread-safe. On a write
  // error (full disk) the message keeps its text in memory and the error is returned.
  Status Spill(Message* m);
  // The same for several messages with one write (pwritev): all of them are stored, or none
  // and they all keep their texts.
  Status SpillAll(const std::vector<Message*>& messages);
  // Read back what Spill stored. Thread-safe. An I/O error leaves `out` empty and is counted.
  void ReadBody(const StoredText& at, std::string* out) const;
  void ReadText(const StoredText& at, std::string* out) const;
  // Appends `data` (anything a stage derives from the texts and wants out of memory too) and
  // returns its offset for ReadAt. Thread-safe. A write error is returned, nothing is stored.
  Result<uint64_t> Append(std::string_view data);
  // `size` bytes at `offset`, as Append stored them. Thread-safe; an I/O error leaves `out`
  // empty and is counted.
  void ReadAt(uint64_t offset, uint32_t size, std::string* out) const;

  uint64_t bytes() const { return end_.load(); }
  uint64_t read_errors() const { return read_errors_.load(); }
  const std::string& dir() const { return dir_; }

 private:
  TextStore(int fd, std::string dir) : fd_(fd), dir_(std::move(dir)) {}

  int fd_ = -1;
  std::string dir_;
  std::atomic<uint64_t> end_{0};
  mutable std::atomic<uint64_t> read_errors_{0};
};

// The body and own text of a message wherever they are: in the Message (small inputs, tests)
// or in a TextStore. The returned reference stays valid until the next call of the same kind.
class TextReader {
 public:
  explicit TextReader(const TextStore* store) : store_(store) {}
  const std::string& Text(const Message& m);
  const std::string& Body(const Message& m);

 private:
  const TextStore* store_;
  std::string text_;
  std::string body_;
};

}  // namespace quorum
