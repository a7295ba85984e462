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

// Raised before a write reserves its range and lowered once the bytes are written, so that
// settled_bytes() never counts a reserved range that is still a hole.
class TextStore::Writing {
 public:
  explicit Writing(std::atomic<int>* count) : count_(count) { count_->fetch_add(1); }
  ~Writing() { count_->fetch_sub(1); }
  Writing(const Writing&) = delete;
  Writing& operator=(const Writing&) = delete;

 private:
  std::atomic<int>* count_;
};

uint64_t TextStore::settled_bytes() const {
  // end_ first: a write that reserves after this load raised writing_ before it, so either it
  // is seen below or its range lies past `end`.
  const uint64_t end = end_.load();
  return writing_.load() == 0 ? end : 0;
}

Status TextStore::Spill(Message* m) {
  // Body, then text, in a range reserved for this message: no copy, no lock.
  Writing writing(&writing_);
  const uint64_t at = end_.fetch_add(m->body.size() + m->text.size());
  int err = WriteAt(fd_, m->body, at);
  if (err == 0) err = WriteAt(fd_, m->text, at + m->body.size());
  if (err != 0) {
    // The reserved range stays a hole; the message keeps its text.
    return Error{ErrorCode::kIo, "text store: write to a temporary file in " + dir_ +
                                     " failed: " + std::strerror(err)};
  }
  m->stored = StoredText{at, at + m->body.size(), static_cast<uint32_t>(m->body.size()),
                         static_cast<uint32_t>(m->text.size()), true};
  std::string().swap(m->body);
  std::string().swap(m->text);
  return Status();
}

Result<uint64_t> TextStore::Append(std::string_view data) {
  Writing writing(&writing_);
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
  Writing writing(&writing_);
  const uint64_t at = end_.fetch_add(total);
  // Every text, then every body, in as few pwritev calls as IOV_MAX allows.
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
  for (bool texts : {true, false}) {
    for (Message* m : messages) {
      std::string* part = texts ? &m->text : &m->body;
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
  uint64_t text_at = at;
  uint64_t body_at = at;
  for (const Message* m : messages) body_at += m->text.size();
  for (Message* m : messages) {
    m->stored = StoredText{body_at, text_at, static_cast<uint32_t>(m->body.size()),
                           static_cast<uint32_t>(m->text.size()), true};
    body_at += m->body.size();
    text_at += m->text.size();
    std::string().swap(m->body);
    std::string().swap(m->text);
  }
  return Status();
}

void TextStore::ReadAt(uint64_t offset, uint32_t size, std::string* out) const {
  out->resize(size);
  size_t done = 0;
  while (done < size) {
    reads_.fetch_add(1);
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

size_t TextStore::ReadUpTo(uint64_t offset, char* out, size_t size) const {
  size_t done = 0;
  while (done < size) {
    reads_.fetch_add(1);
    ssize_t n = ::pread(fd_, out + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  return done;
}

void TextStore::ReadBody(const StoredText& at, std::string* out) const {
  ReadAt(at.offset, at.body_size, out);
}

void TextStore::ReadText(const StoredText& at, std::string* out) const {
  ReadAt(at.text_offset, at.text_size, out);
}

namespace {

constexpr uint32_t kFirstWindow = 16 << 10;
constexpr uint32_t kLargestWindow = 256 << 10;
// A read that starts at most this far past the end of the one before still counts as
// sequential (a message skipped in a pass): its window starts at the read, not at the gap.
constexpr uint64_t kSequentialGap = 4 << 10;

}  // namespace

void StoreCursor::Read(uint64_t offset, uint32_t size, std::string* out) {
  if (offset >= window_at_ && offset - window_at_ <= window_.size() &&
      size <= window_.size() - (offset - window_at_)) {
    out->assign(window_, offset - window_at_, size);
    next_ = offset + size;
    return;
  }
  const bool sequential = offset >= next_ && offset - next_ <= kSequentialGap;
  next_ = offset + size;
  ahead_ = sequential ? std::min(std::max(ahead_ * 2, kFirstWindow), kLargestWindow) : 0;
  const uint64_t settled = store_->settled_bytes();
  const uint64_t want =
      std::min<uint64_t>(std::max(ahead_, size), settled > offset ? settled - offset : 0);
  if (ahead_ == 0 || want <= size) {
    store_->ReadAt(offset, size, out);
    return;
  }
  window_.resize(want);
  window_.resize(store_->ReadUpTo(offset, window_.data(), want));
  window_at_ = offset;
  if (window_.size() < size) {  // a short read: the plain one says what went wrong
    store_->ReadAt(offset, size, out);
    return;
  }
  out->assign(window_, 0, size);
}

const std::string& TextReader::Text(const Message& m) {
  if (!m.stored.spilled || store_ == nullptr) return m.text;
  cursor_.Read(m.stored.text_offset, m.stored.text_size, &text_);
  return text_;
}

const std::string& TextReader::Body(const Message& m) {
  if (!m.stored.spilled || store_ == nullptr) return m.body;
  cursor_.Read(m.stored.offset, m.stored.body_size, &body_);
  return body_;
}

}  // namespace quorum
