// SPDX-License-Identifier: Apache-2.0
// The one write policy of quorum: every output file (fetched months, state files, report pages,
// report.json, quorum.sqlite) is replaced atomically, and a directory lock keeps jobs apart.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace quorum {

// Every temp file we create starts with this prefix, so a later run can remove leftovers.
inline constexpr std::string_view kTempPrefix = ".quorum-tmp-";

// When the directory entry of a replaced file is made durable. kNow: the directory is fsynced
// after each rename. kLater: the caller calls SyncDirectory once after many files (a report's
// pages): each file's data is still fsynced before its rename, so a crash leaves the old or the
// new version of every file, never a torn one; only the order in which renames reach the disk
// is open until SyncDirectory.
enum class DirSync { kNow, kLater };

// A file being written next to its final name. The destructor removes it unless Commit()
// succeeded. Move-only.
class TempFile {
 public:
  // Creates "<dir>/.quorum-tmp-<stem>-<pid>-XXXXXX" (mode 0666 & ~umask): unique per process
  // and per call, so two jobs writing the same target never share a temp file.
  static Result<TempFile> Create(const std::string& dir, std::string_view stem);
  // A TempFile beside `final_path` (same directory, so the rename is atomic).
  static Result<TempFile> Beside(const std::string& final_path);
  TempFile(TempFile&& other) noexcept;
  TempFile& operator=(TempFile&& other) noexcept;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile();

  const std::string& path() const { return path_; }
  // Appends all of `data`; false (errno kept) on a write error such as a full disk.
  bool Write(std::string_view data);
  // fsync, close, rename over `final_path` (same directory), fsync the directory (kNow).
  Status Commit(const std::string& final_path, DirSync sync = DirSync::kNow);
  // Commit, unless `final_path` already holds exactly these bytes: then the temp file is
  // removed and `final_path` (and its mtime) left alone. True when `final_path` was replaced.
  Result<bool> CommitIfChanged(const std::string& final_path, DirSync sync = DirSync::kNow);
  // Closes and removes the file now.
  void Discard();

 private:
  TempFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_ = -1;
};

// The directory part of `path` ("." when it has none).
std::string DirOf(const std::string& path);

// Replaces `path` with `bytes` through a TempFile.
Status WriteFileAtomic(const std::string& path, std::string_view bytes,
                       DirSync sync = DirSync::kNow);

// WriteFileAtomic unless `path` already holds exactly `bytes`: a nightly re-run on unchanged
// mail leaves the files (and their mtimes) alone. True when `path` was replaced.
Result<bool> WriteIfChanged(const std::string& path, std::string_view bytes,
                            DirSync sync = DirSync::kNow);

// fsyncs directory `dir`: the renames into it so far are durable (after DirSync::kLater).
Status SyncDirectory(const std::string& dir);

// Receives one piece of a file being produced; an Error stops the production.
using PieceSink = std::function<Status(std::string_view piece)>;

// WriteIfChanged for a file produced piece by piece: `produce` hands its pieces to the sink,
// they go to a temp file beside `path` (in 1 MiB writes), which then replaces `path` unless
// `path` already holds the same bytes. Memory: one piece and the write buffer, whatever the
// size of the file. An Error from `produce` is returned as is and `path` is untouched.
Result<bool> StreamIfChanged(const std::string& path,
                             const std::function<Status(const PieceSink&)>& produce);

// Removes files named kTempPrefix* in `dir` (not recursive). Returns how many were removed.
// Call it only while holding the DirLock of `dir`: then every such file is a leftover.
Result<int> RemoveStaleTemps(const std::string& dir);

// An exclusive, non-blocking flock on a lock file in a directory, held until destruction. The
// lock dies with the process, so a killed job never leaves the directory locked.
class DirLock {
 public:
  // Takes "<dir>/<name>". When another process holds it: Error kLocked reading
  // "<what> locked by another job: <dir>/<name>".
  static Result<DirLock> Acquire(const std::string& dir, std::string_view name = ".quorum.lock",
                                 std::string_view what = "archive");
  DirLock(DirLock&& other) noexcept;
  DirLock& operator=(DirLock&& other) noexcept;
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;
  ~DirLock();

 private:
  explicit DirLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace quorum
