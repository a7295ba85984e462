// SPDX-License-Identifier: Apache-2.0
#include "core/text_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace quorum {

Result<std::shared_ptr<TextStore>> TextStore::Create(const std::string& dir) {
  std::string d = dir;
  if (d.empty()) {
    const char* env = std::getenv("TMPDIR");
    d = env != nullptr && *env != '\0' ? env : "/tmp";
  }
  // O_TMPFILE: a file with no name at all. Some file systems lack it; then a named temp file
  // that is unlinked at once.
  int fd = ::open(d.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
    std::string tmpl = d + "/.quorum-text-XXXXXX";
    std::vector<char> path(tmpl.begin(), tmpl.end());
    path.push_back('\0');
    fd = ::mkostemp(path.data(), O_CLOEXEC);
    if (fd >= 0) ::unlink(path.data());
  }
  if (fd < 0) {
    return Error{ErrorCode::kIo, "text store: cannot create a temporary file in " + d + ": " +
                                     std::strerror(errno)};
  }
  return std::shared_ptr<TextStore>(new TextStore(fd, d));
}

TextStore::~TextStore() {
  if (fd_ >= 0) ::close(fd_);
}

namespace {

// pwrite(2) of all of `data` at `offset`; 0, or the errno of the failure (ENOSPC for a write
// that makes no progress).
int WriteAt(int fd, std::string_view data, uint64_t offset) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n =
        ::pwrite(fd, data.data() + done, data.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? errno : ENOSPC;
    done += static_cast<size_t>(n);
  }
  return 0;
}

}  // namespace

Status TextStore::Spill(Message* m) {
  // Body, then text, in a range reserved for this message: no copy, no lock.
  const uint64_t at = end_.fetch_add(m->body.size() + m->text.size());
  int err = WriteAt(fd_, m->body, at);
  if (err == 0) err = WriteAt(fd_, m->text, at + m->body.size());
  if (err != 0) {
    // The reserved range stays a hole; the message keeps its text.
    return Error{ErrorCode::kIo, "text store: write to a temporary file in " + dir_ +
                                     " failed: " + std::strerror(err)};
  }
  m->stored = StoredText{at, static_cast<uint32_t>(m->body.size()),
                         static_cast<uint32_t>(m->text.size()), true};
  std::string().swap(m->body);
  std::string().swap(m->text);
  return Status();
}

Result<uint64_t> TextStore::Append(std::string_view data) {
  const uint64_t at = end_.fetch_add(data.size());
  int err = WriteAt(fd_, data, at);
  if (err != 0) {
    return Error{ErrorCode::kIo, "text store: write to a temporary file in " + dir_ +
                                     " failed: " + std::strerror(err)};
  }
  return at;
}

Status TextStore::SpillAll(const std::vector<Message*>& messages) {
  uint64_t total = 0;
  for (const Message* m : messages) total += m->body.size() + m->text.size();
  const uint64_t at = end_.fetch_add(total);
  // Body, then text, of each message in turn, in as few pwritev calls as IOV_MAX allows.
  std::vector<struct iovec> iov;
  iov.reserve(std::min<size_t>(2 * messages.size(), IOV_MAX));
  uint64_t done = 0;
  int err = 0;
  auto flush = [&]() {
    size_t first = 0;
    while (first < iov.size() && err == 0) {
      ssize_t n = ::pwritev(fd_, iov.data() + first, static_cast<int>(iov.size() - first),
                            static_cast<off_t>(at + done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        err = n < 0 ? errno : ENOSPC;
        break;
      }
      done += static_cast<uint64_t>(n);
      size_t left = static_cast<size_t>(n);  // skip what was written, maybe part of an iovec
      while (first < iov.size() && left >= iov[first].iov_len) left -= iov[first++].iov_len;
      if (left > 0) {
        iov[first].iov_base = static_cast<char*>(iov[first].iov_base) + left;
        iov[first].iov_len -= left;
      }
    }
    iov.clear();
  };
  for (Message* m : messages) {
    for (std::string* part : {&m->body, &m->text}) {
      if (part->empty()) continue;
      if (iov.size() == IOV_MAX) flush();
      iov.push_back(iovec{part->data(), part->size()});
    }
  }
  flush();
  if (err != 0) {
    // The reserved range stays a hole; the messages keep their texts.
    return Error{ErrorCode::kIo, "text store: write to a temporary file in " + dir_ +
                                     " failed: " + std::strerror(err)};
  }
  uint64_t offset = at;
  for (Message* m : messages) {
    m->stored = StoredText{offset, static_cast<uint32_t>(m->body.size()),
                           static_cast<uint32_t>(m->text.size()), true};
    offset += m->body.size() + m->text.size();
    std::string().swap(m->body);
    std::string().swap(m->text);
  }
  return Status();
}

void TextStore::ReadAt(uint64_t offset, uint32_t size, std::string* out) const {
  out->resize(size);
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::pread(fd_, out->data() + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      read_errors_.fetch_add(1);
      out->clear();
      return;
    }
    done += static_cast<size_t>(n);
  }
}

void TextStore::ReadBody(const StoredText& at, std::string* out) const {
  ReadAt(at.offset, at.body_size, out);
}

void TextStore::ReadText(const StoredText& at, std::string* out) const {
  ReadAt(at.offset + at.body_size, at.text_size, out);
}

const std::string& TextReader::Text(const Message& m) {
  if (!m.stored.spilled || store_ == nullptr) return m.text;
  store_->ReadText(m.stored, &text_);
  return text_;
}

const std::string& TextReader::Body(const Message& m) {
  if (!m.stored.spilled || store_ == nullptr) return m.body;
  store_->ReadBody(m.stored, &body_);
  return body_;
}

}  // namespace quorum
