// SPDX-License-Identifier: Apache-2.0
// WriteFileAtomic: mkstemp in the target's directory, write, fsync, rename, fsync the directory.
#include "core/atomic_write.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace quorum {
namespace {

Error IoError(const std::string& path, const char* what) {
  return Error{ErrorCode::kIo, "report: " + path + ": " + what + ": " + std::strerror(errno)};
}

}  // namespace

Status WriteFileAtomic(const std::string& path, std::string_view bytes) {
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string tmpl = dir + "/.quorum-tmp-" + name + "-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  int fd = mkstemp(buf.data());
  if (fd < 0) return IoError(path, "cannot create temp file");
  std::string tmp(buf.data());
  fchmod(fd, 0644);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Error e = IoError(path, "write failed");
      close(fd);
      unlink(tmp.c_str());
      return e;
    }
    done += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0 || close(fd) != 0) {
    Error e = IoError(path, "fsync failed");
    unlink(tmp.c_str());
    return e;
  }
  if (rename(tmp.c_str(), path.c_str()) != 0) {
    Error e = IoError(path, "rename failed");
    unlink(tmp.c_str());
    return e;
  }
  int dfd = open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
  return Status();
}

}  // namespace quorum
