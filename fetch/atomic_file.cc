// SPDX-License-Identifier: Apache-2.0
// Atomic replace as in GLib's G_FILE_SET_CONTENTS_CONSISTENT: without the fsyncs a crash can
// leave a zero-length file under the final name (Pillai et al., OSDI '14).
#include "fetch/atomic_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace quorum::fetch {
namespace {

Error IoError(const std::string& what, const std::string& path, int err) {
  return Error{ErrorCode::kIo, what + " " + path + ": " + std::strerror(err)};
}

std::string DirOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

Status FsyncDir(const std::string& dir) {
  int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoError("cannot open directory", dir, errno);
  int rc = fsync(fd);
  int err = errno;
  close(fd);
  if (rc != 0) return IoError("cannot fsync directory", dir, err);
  return Status::Ok();
}

}  // namespace

Result<TempFile> TempFile::Create(const std::string& dir, std::string_view stem) {
  std::string tmpl = dir + "/" + std::string(kTempPrefix) + std::string(stem) + "-XXXXXX";
  int fd = mkostemp(tmpl.data(), O_CLOEXEC);
  if (fd < 0) return IoError("cannot create temp file in", dir, errno);
  // mkstemp makes 0600; archives are ordinary files, readable like any other output.
  mode_t mask = umask(0);
  umask(mask);
  (void)fchmod(fd, 0666 & ~mask);
  return TempFile(std::move(tmpl), fd);
}

TempFile::TempFile(TempFile&& other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)) {
  other.path_.clear();
}

TempFile& TempFile::operator=(TempFile&& other) noexcept {
  if (this != &other) {
    Discard();
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
    other.path_.clear();
  }
  return *this;
}

TempFile::~TempFile() { Discard(); }

bool TempFile::Write(std::string_view data) {
  while (!data.empty()) {
    ssize_t n = write(fd_, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

Status TempFile::Commit(const std::string& final_path) {
  if (fsync(fd_) != 0) return IoError("cannot fsync", path_, errno);
  int rc = close(fd_);
  fd_ = -1;
  if (rc != 0) return IoError("cannot close", path_, errno);
  if (rename(path_.c_str(), final_path.c_str()) != 0) {
    return IoError("cannot rename to", final_path, errno);
  }
  path_.clear();  // nothing left to remove
  return FsyncDir(DirOf(final_path));
}

void TempFile::Discard() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
  if (!path_.empty()) unlink(path_.c_str());
  path_.clear();
}

Status WriteFileAtomic(const std::string& path, std::string_view bytes) {
  std::string name = path.substr(path.rfind('/') + 1);
  auto tmp = TempFile::Create(DirOf(path), name);
  if (!tmp.ok()) return tmp.error();
  if (!tmp.value().Write(bytes)) return IoError("cannot write", tmp.value().path(), errno);
  return tmp.value().Commit(path);
}

Result<int> RemoveStaleTemps(const std::string& dir) {
  DIR* d = opendir(dir.c_str());
  if (!d) {
    if (errno == ENOENT) return 0;
    return IoError("cannot read directory", dir, errno);
  }
  int removed = 0;
  while (dirent* e = readdir(d)) {
    std::string_view name = e->d_name;
    if (name.substr(0, kTempPrefix.size()) != kTempPrefix) continue;
    std::string path = dir + "/" + std::string(name);
    if (unlink(path.c_str()) == 0) ++removed;
  }
  closedir(d);
  return removed;
}

Result<DirLock> DirLock::Acquire(const std::string& dir) {
  std::string path = dir + "/.quorum.lock";
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return IoError("cannot open lock", path, errno);
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    close(fd);
    if (err == EWOULDBLOCK) {
      return Error{ErrorCode::kLocked, "archive locked by another job: " + path};
    }
    return IoError("cannot lock", path, err);
  }
  return DirLock(fd);
}

DirLock::DirLock(DirLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

DirLock& DirLock::operator=(DirLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

DirLock::~DirLock() {
  if (fd_ >= 0) close(fd_);  // closing the last descriptor releases the flock
}

}  // namespace quorum::fetch
