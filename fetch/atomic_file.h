// SPDX-License-Identifier: Apache-2.0
// Crash-safe file replacement (temp file in the same directory, fsync, rename, fsync dir) and
// the archive lock.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace quorum::fetch {

// Every temp file we create starts with this prefix, so a later run can remove leftovers.
inline constexpr std::string_view kTempPrefix = ".quorum-tmp-";

// A file being written next to its final name. The destructor removes it unless Commit()
// succeeded. Move-only.
class TempFile {
 public:
  // Creates "<dir>/.quorum-tmp-<stem>-XXXXXX" (mode 0644 after umask).
  static Result<TempFile> Create(const std::string& dir, std::string_view stem);
  TempFile(TempFile&& other) noexcept;
  TempFile& operator=(TempFile&& other) noexcept;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile();

  const std::string& path() const { return path_; }
  // Appends all of `data`; false (errno kept) on a write error such as a full disk.
  bool Write(std::string_view data);
  // fsync, close, rename over `final_path` (same directory), fsync the directory.
  Status Commit(const std::string& final_path);
  // Closes and removes the file now.
  void Discard();

 private:
  TempFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_ = -1;
};

// Replaces `path` with `bytes` through a TempFile.
Status WriteFileAtomic(const std::string& path, std::string_view bytes);

// Removes files named kTempPrefix* in `dir` (not recursive). Returns how many were removed.
Result<int> RemoveStaleTemps(const std::string& dir);

// An exclusive, non-blocking flock on "<dir>/.quorum.lock", held until destruction. The lock
// dies with the process, so a killed job never leaves the archive locked.
class DirLock {
 public:
  // Error kLocked (naming the lock file) when another process holds it.
  static Result<DirLock> Acquire(const std::string& dir);
  DirLock(DirLock&& other) noexcept;
  DirLock& operator=(DirLock&& other) noexcept;
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;
  ~DirLock();

 private:
  explicit DirLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace quorum::fetch
