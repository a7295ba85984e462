// SPDX-License-Identifier: Apache-2.0
// Atomic replace as in GLib's G_FILE_SET_CONTENTS_CONSISTENT: without the fsyncs a crash can
// leave a zero-length file under the final name (Pillai et al., OSDI '14).
#include "core/atomic_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <utility>
#include <vector>

namespace quorum {
namespace {

Error IoError(const std::string& what, const std::string& path, int err) {
  return Error{ErrorCode::kIo, what + " " + path + ": " + std::strerror(err)};
}

}  // namespace

Status SyncDirectory(const std::string& dir) {
  int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoError("cannot open directory", dir, errno);
  int rc = fsync(fd);
  int err = errno;
  close(fd);
  if (rc != 0) return IoError("cannot fsync directory", dir, err);
  return Status::Ok();
}

namespace {

std::string BaseOf(const std::string& path) { return path.substr(path.rfind('/') + 1); }

// True when the regular file at `b` holds the same bytes as the file at `a`; false when either
// is unreadable or `b` is not a regular file.
bool SameFileContent(const std::string& a, const std::string& b) {
  struct stat sa, sb;
  if (stat(a.c_str(), &sa) != 0 || stat(b.c_str(), &sb) != 0) return false;
  if (!S_ISREG(sb.st_mode) || sa.st_size != sb.st_size) return false;
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  if (!fa || !fb) return false;
  std::vector<char> ba(1 << 16), bb(1 << 16);
  while (true) {
    fa.read(ba.data(), static_cast<std::streamsize>(ba.size()));
    fb.read(bb.data(), static_cast<std::streamsize>(bb.size()));
    if (fa.gcount() != fb.gcount()) return false;
    if (fa.gcount() == 0) return true;
    if (!std::equal(ba.begin(), ba.begin() + fa.gcount(), bb.begin())) return false;
  }
}

// The whole file at `path`, or false when it is not a readable regular file.
bool ReadWholeFile(const std::string& path, std::string* bytes) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  bytes->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

std::string DirOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

Result<TempFile> TempFile::Beside(const std::string& final_path) {
  return Create(DirOf(final_path), BaseOf(final_path));
}

Result<TempFile> TempFile::Create(const std::string& dir, std::string_view stem) {
  // mkostemp's random suffix is unique within the directory; the pid says whose it is.
  std::string tmpl = dir + "/" + std::string(kTempPrefix) + std::string(stem) + "-" +
                     std::to_string(getpid()) + "-XXXXXX";
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

Status TempFile::Commit(const std::string& final_path, DirSync sync) {
  if (fsync(fd_) != 0) return IoError("cannot fsync", path_, errno);
  int rc = close(fd_);
  fd_ = -1;
  if (rc != 0) return IoError("cannot close", path_, errno);
  if (rename(path_.c_str(), final_path.c_str()) != 0) {
    return IoError("cannot rename to", final_path, errno);
  }
  path_.clear();  // nothing left to remove
  return sync == DirSync::kNow ? SyncDirectory(DirOf(final_path)) : Status::Ok();
}

Result<bool> TempFile::CommitIfChanged(const std::string& final_path, DirSync sync) {
  if (SameFileContent(path_, final_path)) {
    Discard();
    return false;
  }
  if (Status s = Commit(final_path, sync); !s.ok()) return s.error();
  return true;
}

void TempFile::Discard() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
  if (!path_.empty()) unlink(path_.c_str());
  path_.clear();
}

Status WriteFileAtomic(const std::string& path, std::string_view bytes, DirSync sync) {
  auto tmp = TempFile::Beside(path);
  if (!tmp.ok()) return tmp.error();
  if (!tmp.value().Write(bytes)) return IoError("cannot write", tmp.value().path(), errno);
  return tmp.value().Commit(path, sync);
}

Result<bool> WriteIfChanged(const std::string& path, std::string_view bytes, DirSync sync) {
  std::string old;
  if (ReadWholeFile(path, &old) && old == bytes) return false;
  if (Status s = WriteFileAtomic(path, bytes, sync); !s.ok()) return s.error();
  return true;
}

Result<bool> StreamIfChanged(const std::string& path,
                             const std::function<Status(const PieceSink&)>& produce) {
  Result<TempFile> tmp = TempFile::Beside(path);
  if (!tmp.ok()) return tmp.error();
  TempFile& file = tmp.value();
  std::string buffer;
  auto flush = [&]() -> Status {
    if (!file.Write(buffer)) return IoError("cannot write", file.path(), errno);
    buffer.clear();
    return Status();
  };
  Status s = produce([&](std::string_view piece) -> Status {
    buffer += piece;
    return buffer.size() >= (1u << 20) ? flush() : Status();
  });
  if (s.ok()) s = flush();
  if (!s.ok()) return s.error();  // the temp file is removed with `tmp`
  return file.CommitIfChanged(path);
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

Result<DirLock> DirLock::Acquire(const std::string& dir, std::string_view name,
                                 std::string_view what) {
  std::string path = dir + "/" + std::string(name);
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return IoError("cannot open lock", path, errno);
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    close(fd);
    if (err == EWOULDBLOCK) {
      return Error{ErrorCode::kLocked, std::string(what) + " locked by another job: " + path};
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

}  // namespace quorum
