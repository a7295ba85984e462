// SPDX-License-Identifier: Apache-2.0
// TextStore: where the decoded body and own text of messages go while a big input is analysed,
// so that memory holds per-message metadata only (docs/scale.md). An unlinked temporary file:
// nothing is left behind, whatever happens to the process.
#pragma once

#include <atomic>
#include <cstdint>
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
  // and they all keep their texts. The block's own texts come first, one after the other, and
  // then its bodies, so that reading every text in turn is a sequential read (StoreCursor).
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

  // Up to `size` bytes at `offset` into `out`, for read-ahead: returns how many were read, and
  // a short read is not an error here.
  size_t ReadUpTo(uint64_t offset, char* out, size_t size) const;

  uint64_t bytes() const { return end_.load(); }
  // The bytes that are certainly written: bytes() when no write is under way, else 0 (a range
  // reserved by a write still in flight must not be read ahead). For StoreCursor.
  uint64_t settled_bytes() const;
  uint64_t read_errors() const { return read_errors_.load(); }
  // pread(2) calls made so far (ReadAt, ReadUpTo): what read-ahead saves.
  uint64_t reads() const { return reads_.load(); }
  const std::string& dir() const { return dir_; }

 private:
  TextStore(int fd, std::string dir) : fd_(fd), dir_(std::move(dir)) {}

  // Counts a write from before its range is reserved until its bytes are in the file.
  class Writing;

  int fd_ = -1;
  std::string dir_;
  std::atomic<uint64_t> end_{0};
  std::atomic<int> writing_{0};
  mutable std::atomic<uint64_t> read_errors_{0};
  mutable std::atomic<uint64_t> reads_{0};
};

// Reads a TextStore for one thread, with read-ahead: a read that starts at, or a little after,
// where the one before it ended fetches a window of the bytes that follow, and later reads
// inside the window cost no system call. A pass in store order (every message's text in turn,
// a discussion's messages in index order) then makes a few large reads instead of one per
// message; a scattered pass makes plain reads. The window grows from 16 KiB to 256 KiB while
// reads stay sequential.
class StoreCursor {
 public:
  explicit StoreCursor(const TextStore* store) : store_(store) {}
  const TextStore* store() const { return store_; }
  // `size` bytes at `offset`, as TextStore::ReadAt gives them.
  void Read(uint64_t offset, uint32_t size, std::string* out);

 private:
  const TextStore* store_;
  std::string window_;  // store bytes [window_at_, window_at_ + window_.size())
  uint64_t window_at_ = 0;
  uint64_t next_ = UINT64_MAX;  // where the previous read ended
  uint32_t ahead_ = 0;          // the next window's size; 0: not reading sequentially
};

// The body and own text of a message wherever they are: in the Message (small inputs, tests)
// or in a TextStore. The returned reference stays valid until the next call of the same kind.
class TextReader {
 public:
  explicit TextReader(const TextStore* store) : store_(store), cursor_(store) {}
  const std::string& Text(const Message& m);
  const std::string& Body(const Message& m);

 private:
  const TextStore* store_;
  StoreCursor cursor_;
  std::string text_;
  std::string body_;
};

}  // namespace quorum
