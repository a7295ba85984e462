// SPDX-License-Identifier: Apache-2.0
// Streaming mbox reader: a bounded buffer over read(2) or zlib, split on strict From_ lines.
#include "parse/mbox_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include "core/mbox_format.h"

namespace quorum::parse {
namespace {

constexpr size_t kChunk = 4 << 20;        // largest read
constexpr size_t kFirstChunk = 64 << 10;  // first read: small files need no big buffer

// Why a read stopped before the end of the file: the diagnostic code and what happened.
struct ReadProblem {
  std::string code;  // "read-error", "truncated-gzip" or "corrupt-gzip"
  std::string detail;
};

// A byte source: a plain file descriptor or a gzip stream.
class Source {
 public:
  ~Source() {
    if (gz_) gzclose(gz_);
    if (fd_ >= 0) close(fd_);
  }
  // Reads the file from `begin` up to `end` (a plain file only; the whole file by default).
  Status Open(const std::string& path, uint64_t begin = 0, uint64_t end = UINT64_MAX) {
    fd_ = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return Error{ErrorCode::kIo, "parse: " + path + ": " + strerror(errno)};
    left_ = end - begin;
    if (begin > 0 && lseek(fd_, static_cast<off_t>(begin), SEEK_SET) < 0) {
      return Error{ErrorCode::kIo, "parse: " + path + ": " + strerror(errno)};
    }
    unsigned char magic[2] = {0, 0};
    ssize_t n = pread(fd_, magic, 2, 0);
    if (n == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
      if (begin > 0 || end != UINT64_MAX) {
        return Error{ErrorCode::kInvalidData, "parse: " + path + ": a gzip file has no ranges"};
      }
      gz_ = gzdopen(fd_, "rb");
      if (!gz_) return Error{ErrorCode::kIo, "parse: " + path + ": cannot open gzip stream"};
      fd_ = -1;  // owned by gz_ now
      gzbuffer(gz_, 1 << 20);
    }
    return Status::Ok();
  }
  // Reads up to n bytes; returns 0 at the end, -1 when the data stops before the end of the
  // file (with *problem set): a read error, or a gzip stream that is cut or corrupt.
  long Read(char* buf, size_t n, ReadProblem* problem) {
    if (gz_) {
      int r = gzread(gz_, buf, static_cast<unsigned>(n));
      if (r > 0) return r;
      // zlib reports a stream cut short as a clean end (0) with Z_BUF_ERROR pending, and
      // corrupt data as -1 with Z_DATA_ERROR.
      int code = Z_OK;
      const char* msg = gzerror(gz_, &code);
      if (r == 0 && code != Z_BUF_ERROR) return 0;
      // zlib names the stream "<fd:N>: ..."; the caller names the file.
      std::string_view why = msg ? msg : "";
      if (size_t colon = why.find(": "); why.starts_with("<fd:") && colon != why.npos) {
        why.remove_prefix(colon + 2);
      }
      if (code == Z_BUF_ERROR) {
        *problem = {"truncated-gzip", "the gzip stream ends early (" + std::string(why) +
                                          "): the file is incomplete"};
      } else if (code == Z_ERRNO || code == Z_MEM_ERROR) {
        *problem = {"read-error", std::string(why)};
      } else {
        *problem = {"corrupt-gzip", "corrupt gzip data (" + std::string(why) +
                                        "): the rest of the file is not read"};
      }
      return -1;
    }
    n = static_cast<size_t>(std::min<uint64_t>(n, left_));
    if (n == 0) return 0;
    for (;;) {
      ssize_t r = read(fd_, buf, n);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) *problem = {"read-error", strerror(errno)};
      if (r > 0) left_ -= static_cast<uint64_t>(r);
      return r;
    }
  }

 private:
  int fd_ = -1;
  gzFile gz_ = nullptr;
  uint64_t left_ = UINT64_MAX;  // bytes of the range not read yet
};

// True when a header block ends in `bytes` (an empty line), so that a message cut after it
// still has all its header fields.
bool HeaderBlockEnds(std::string_view bytes) {
  return bytes.starts_with("\n") || bytes.starts_with("\r\n") ||
         bytes.find("\n\n") != std::string_view::npos ||
         bytes.find("\n\r\n") != std::string_view::npos;
}

// A file that is not an mbox is one message only if it starts like one: a header field
// (RFC 5322 field name: printable ASCII but ':', then ':', or obsolete spaces before it), after
// an envelope line that is not a strict From_ line ("From - "), if any, and no NUL byte in its
// header block (looked at up to 4 KiB). A README, an XML file or an image is not mail.
bool StartsLikeMessage(std::string_view bytes) {
  if (bytes.starts_with("From ")) bytes.remove_prefix(std::min(bytes.size(), bytes.find('\n') + 1));
  size_t name = 0;
  while (name < bytes.size() && bytes[name] > ' ' && bytes[name] < 127 && bytes[name] != ':') {
    ++name;
  }
  size_t colon = name;
  while (colon < bytes.size() && (bytes[colon] == ' ' || bytes[colon] == '\t')) ++colon;
  if (name == 0 || colon >= bytes.size() || bytes[colon] != ':') return false;
  std::string_view head = bytes.substr(0, 4096);
  if (size_t blank = head.find("\n\n"); blank != head.npos) head = head.substr(0, blank);
  return head.find('\0') == std::string_view::npos;
}

// The first `before` + "From " in [p, p + n), or nullptr. memchr for the 'F', which is rare
// enough in mail to beat memmem three to one.
const char* FindFrom(const char* p, size_t n, char before) {
  const char* end = p + n;
  for (const char* q = p + 1; q + 5 <= end;) {
    q = static_cast<const char*>(memchr(q, 'F', static_cast<size_t>(end - q)));
    if (!q || q + 5 > end) return nullptr;
    if (q[-1] == before && memcmp(q + 1, "rom ", 4) == 0) return q - 1;
    ++q;
  }
  return nullptr;
}

class Reader final : public MboxReader {
 public:
  Reader(std::string path, const ReaderOptions& options) : path_(std::move(path)), opt_(options) {}

  Status Init(uint64_t begin = 0, uint64_t end = UINT64_MAX) {
    if (Status s = src_.Open(path_, begin, end); !s.ok()) return s;
    base_ = begin;
    Fill();
    // Decide what the file is from its first line.
    std::string_view first = LineAt(0);
    if (IsFromLine(first)) {
      single_ = false;
    } else {
      size_t p = FindSeparator(0);
      single_ = p == std::string::npos;
      if (!single_) {
        pending_diags_.push_back(
            Diagnostic{SourceRef{path_, 0}, "junk-before-first-message",
                       std::to_string(p) + " bytes before the first From_ line skipped"});
        start_ = p;
      }
    }
    format_ = opt_.format;
    if (!single_ && format_ == MboxFormat::kAuto) format_ = GuessFormat();
    return Status::Ok();
  }

  MboxFormat format() const override { return format_; }

  bool Next(RawMessage* msg, Diagnostics* diags) override {
    for (Diagnostic& d : pending_diags_) diags->push_back(std::move(d));
    pending_diags_.clear();
    if (done_) return false;
    if (single_) return NextSingle(msg, diags);
    // Skip empty tails.
    if (start_ >= end_ && eof_) {
      done_ = true;
      return false;
    }
    // start_ is at a From_ line. Find the end of that line.
    size_t line_end = FindLineEnd(start_);
    uint64_t msg_offset = base_ + start_;
    from_line_.assign(buf_.data() + start_, line_end - start_);
    if (!from_line_.empty() && from_line_.back() == '\r') from_line_.pop_back();
    size_t body_start = line_end < end_ ? line_end + 1 : end_;
    // Find the next separator, refilling as needed; cut over-long messages.
    bool truncated = false;
    trunc_.clear();
    size_t scan = body_start;
    size_t next;
    for (;;) {
      next = FindSeparator(scan);
      if (next != std::string::npos) break;
      if (eof_) {
        next = end_;
        break;
      }
      // Need more data. Resume at the last line start (its "\nFrom " may be incomplete).
      const void* nl = memrchr(buf_.data() + scan, '\n', end_ - scan);
      size_t resume = nl ? static_cast<size_t>(static_cast<const char*>(nl) - buf_.data())
                         : (truncated ? end_ : scan);
      if (!truncated && end_ - body_start > opt_.max_message_bytes) {
        // Keep the first max_message_bytes; the rest is only scanned for the next separator.
        truncated = true;
        trunc_.assign(buf_.data() + body_start, opt_.max_message_bytes);
      }
      size_t shift = Compact(truncated ? resume : start_);
      body_start = body_start >= shift ? body_start - shift : 0;
      scan = resume - shift;
      Fill();
    }
    uint64_t size = (base_ + next) - msg_offset;
    std::string_view bytes;
    if (truncated) {
      bytes = trunc_;
      diags->push_back(Diagnostic{SourceRef{path_, msg_offset}, "message-truncated",
                                  "message of " + std::to_string(size) + " bytes cut to " +
                                      std::to_string(opt_.max_message_bytes)});
    } else {
      bytes = std::string_view(buf_.data() + body_start, next - body_start);
      if (bytes.size() > opt_.max_message_bytes) {
        truncated = true;
        bytes = bytes.substr(0, opt_.max_message_bytes);
        diags->push_back(Diagnostic{SourceRef{path_, msg_offset}, "message-truncated",
                                    "message of " + std::to_string(size) + " bytes cut to " +
                                        std::to_string(opt_.max_message_bytes)});
      }
    }
    msg->bytes = Unescape(bytes);
    msg->from_line = from_line_;
    msg->offset = msg_offset;
    msg->size = size;
    msg->truncated = truncated;
    msg->ended_early = false;
    start_ = next;
    if (next >= end_ && eof_) done_ = true;
    return done_ ? KeepLast(msg, diags) : true;
  }

 private:
  bool NextSingle(RawMessage* msg, Diagnostics* diags) {
    // The whole file is one message: read it up to the cap, count the rest.
    uint64_t total = end_;
    while (!eof_ && end_ <= opt_.max_message_bytes) Fill();
    bool truncated = false;
    if (end_ > opt_.max_message_bytes) {
      truncated = true;
      total = end_;
      buf_.resize(opt_.max_message_bytes);
      end_ = buf_.size();
      ReadProblem problem;
      std::string sink(kChunk, '\0');
      long n;
      while ((n = src_.Read(sink.data(), sink.size(), &problem)) > 0) {
        total += static_cast<uint64_t>(n);
      }
      if (n < 0) Stopped(problem, total);
    } else {
      total = end_;
    }
    done_ = true;
    // Problems met while reading (Next() handed on only those of Init()).
    for (Diagnostic& d : pending_diags_) diags->push_back(std::move(d));
    pending_diags_.clear();
    if (truncated) {
      diags->push_back(Diagnostic{SourceRef{path_, 0}, "message-truncated",
                                  "message of " + std::to_string(total) + " bytes cut to " +
                                      std::to_string(opt_.max_message_bytes)});
    }
    if (end_ == 0) {
      if (!cut_) {
        diags->push_back(Diagnostic{SourceRef{path_, 0}, "empty-file", "file holds no message"});
      }
      return false;
    }
    msg->bytes = std::string_view(buf_.data(), end_);
    if (!StartsLikeMessage(msg->bytes)) {
      diags->push_back(Diagnostic{SourceRef{path_, 0}, "not-a-message",
                                  "neither an mbox nor a mail message (no header field at its "
                                  "start, or NUL bytes in its header): skipped"});
      return false;
    }
    msg->from_line = {};
    msg->offset = 0;
    msg->size = total;
    msg->truncated = truncated;
    msg->ended_early = false;
    return KeepLast(msg, diags);
  }

  // Judges the last message of the input. When the data stopped early (cut_: a cut or corrupt
  // .gz, a read error) or, in an mbox, the file ends mid-line inside the message's header block
  // (a plain file cut short), the message is incomplete. Cut in its body, it is kept and flagged
  // (`message-truncated`). Cut in its header block, it is dropped with a diagnostic: its id,
  // sender or date may be missing, and it would be a phantom. Returns whether to hand it on.
  bool KeepLast(RawMessage* msg, Diagnostics* diags) {
    for (Diagnostic& d : pending_diags_) diags->push_back(std::move(d));  // why it stopped
    pending_diags_.clear();
    // A message cut at the size cap is judged by that cap: its kept part may hold no empty
    // line (a header block of megabytes), yet the message went on in the file.
    if (msg->truncated) return true;
    bool headers_whole = HeaderBlockEnds(msg->bytes);
    if (!cut_ && (single_ || headers_whole || msg->bytes.ends_with('\n'))) return true;
    if (headers_whole) {
      msg->truncated = true;
      msg->ended_early = true;
      return true;
    }
    diags->push_back(Diagnostic{SourceRef{path_, msg->offset}, "incomplete-message",
                                "the file ends inside this message's header block: dropped"});
    return false;
  }

  // Records why the data stopped at decompressed offset `offset` before the end of the file.
  void Stopped(const ReadProblem& problem, uint64_t offset) {
    pending_diags_.push_back(Diagnostic{SourceRef{path_, offset}, problem.code, problem.detail});
    cut_ = true;
  }

  // Reads one more chunk into the buffer (sets eof_ at the end or on error).
  void Fill() {
    if (eof_) return;
    // Reads grow geometrically up to kChunk, so a small file costs a small buffer.
    size_t want = std::min(kChunk, std::max(kFirstChunk, end_));
    if (buf_.size() < end_ + want) buf_.resize(end_ + want);
    ReadProblem problem;
    long n = src_.Read(buf_.data() + end_, want, &problem);
    if (n < 0) {
      Stopped(problem, base_ + end_);
      eof_ = true;
    } else if (n == 0) {
      eof_ = true;
    } else {
      end_ += static_cast<size_t>(n);
    }
  }

  // Drops buffer bytes before `from`; returns how far everything moved.
  size_t Compact(size_t from) {
    if (from == 0) return 0;
    memmove(buf_.data(), buf_.data() + from, end_ - from);
    end_ -= from;
    base_ += from;
    if (start_ >= from)
      start_ -= from;
    else
      start_ = 0;
    return from;
  }

  std::string_view LineAt(size_t pos) {
    size_t e = FindLineEnd(pos);
    return std::string_view(buf_.data() + pos, e - pos);
  }

  size_t FindLineEnd(size_t pos) {
    for (;;) {
      const void* nl = memchr(buf_.data() + pos, '\n', end_ - pos);
      if (nl) return static_cast<size_t>(static_cast<const char*>(nl) - buf_.data());
      if (eof_ || end_ - pos > (1 << 20)) return end_;  // a From_ line is never this long
      size_t shift = Compact(std::min(pos, start_));
      pos -= shift;
      Fill();
    }
  }

  // Position of the next From_ separator line at or after `from` (which must be a line start or
  // inside a line), or npos when the buffered data holds none. Needs whole lines: a candidate at
  // the very end of the buffer is only judged once its line is complete or the file ended.
  size_t FindSeparator(size_t from) {
    size_t pos = from;
    while (pos + 6 <= end_) {
      // The next line that starts with "From ": a memchr for 'F' over the buffer is several
      // times faster than a memchr per line (mail lines are short) or memmem.
      const char* hit = FindFrom(buf_.data() + pos, end_ - pos, '\n');
      if (!hit) return std::string::npos;
      size_t line = static_cast<size_t>(hit - buf_.data()) + 1;
      const void* nl = memchr(buf_.data() + line, '\n', end_ - line);
      // An incomplete line: wait for more data, unless it is too long to be a From_ line.
      if (!nl && !eof_ && end_ - line < 4096) return std::string::npos;
      size_t le = nl ? static_cast<size_t>(static_cast<const char*>(nl) - buf_.data()) : end_;
      if (IsFromLine(std::string_view(buf_.data() + line, le - line))) return line;
      pos = line;
    }
    return std::string::npos;
  }

  MboxFormat GuessFormat() {
    // mbox-vm.apache.org and Pony Mail Foal (which invents "From MAILER-DAEMON" lines) write
    // mboxrd; mod_mbox and the old Lua Pony Mail wrote mboxo. Judged from the buffered part.
    std::string_view head(buf_.data() + start_, end_ - start_);
    if (head.find("archiver=mbox-vm.apache.org") != std::string_view::npos)
      return MboxFormat::kMboxrd;
    if (head.starts_with("From MAILER-DAEMON ") ||
        head.find("\nFrom MAILER-DAEMON ") != std::string_view::npos) {
      return MboxFormat::kMboxrd;
    }
    return MboxFormat::kMboxo;
  }

  // Undoes From_ quoting: mboxrd strips one '>' from every ">+From " line; mboxo turns
  // ">From " into "From " and leaves deeper quoting alone. Copies only when needed.
  std::string_view Unescape(std::string_view bytes) {
    if (!FindFrom(bytes.data(), bytes.size(), '>')) return bytes;
    unescaped_.clear();
    unescaped_.reserve(bytes.size());
    size_t pos = 0;
    while (pos < bytes.size()) {
      size_t nl = bytes.find('\n', pos);
      size_t end = nl == std::string_view::npos ? bytes.size() : nl + 1;
      std::string_view line = bytes.substr(pos, end - pos);
      if (!line.empty() && line[0] == '>') {
        size_t k = line.find_first_not_of('>');
        bool quoted_from = k != std::string_view::npos && line.compare(k, 5, "From ") == 0;
        if (quoted_from && (format_ == MboxFormat::kMboxrd || k == 1)) line.remove_prefix(1);
      }
      unescaped_.append(line);
      pos = end;
    }
    return unescaped_;
  }

  std::string path_;
  ReaderOptions opt_;
  Source src_;
  std::string buf_;
  size_t start_ = 0;   // start of the unconsumed data (a From_ line) in buf_
  size_t end_ = 0;     // end of valid data in buf_
  uint64_t base_ = 0;  // file offset of buf_[0]
  bool eof_ = false;
  bool cut_ = false;  // the data stopped before the end of the file (see Stopped())
  bool done_ = false;
  bool single_ = false;
  MboxFormat format_ = MboxFormat::kAuto;
  std::string from_line_;
  std::string trunc_;
  std::string unescaped_;
  Diagnostics pending_diags_;
};

}  // namespace

Result<std::unique_ptr<MboxReader>> MboxReader::Open(const std::string& path,
                                                     const ReaderOptions& options) {
  auto r = std::make_unique<Reader>(path, options);
  if (Status s = r->Init(); !s.ok()) return s.error();
  return std::unique_ptr<MboxReader>(std::move(r));
}

Result<std::unique_ptr<MboxReader>> MboxReader::OpenRange(const std::string& path,
                                                          const ReaderOptions& options,
                                                          uint64_t begin, uint64_t end) {
  auto r = std::make_unique<Reader>(path, options);
  if (Status s = r->Init(begin, end); !s.ok()) return s.error();
  return std::unique_ptr<MboxReader>(std::move(r));
}

std::vector<uint64_t> MboxCutPoints(const std::string& path, size_t parts, uint64_t min_part_bytes,
                                    uint64_t* size) {
  std::vector<uint64_t> cuts{0};
  *size = 0;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return cuts;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return cuts;
  }
  const uint64_t file_size = static_cast<uint64_t>(st.st_size);
  *size = file_size;
  constexpr size_t kWindow = 256 << 10;
  std::string window(kWindow, '\0');
  auto read_at = [&](uint64_t at) -> std::string_view {
    ssize_t n;
    do {
      n = pread(fd, window.data(), window.size(), static_cast<off_t>(at));
    } while (n < 0 && errno == EINTR);
    return std::string_view(window.data(), n > 0 ? static_cast<size_t>(n) : 0);
  };
  // Only a file whose first line is a From_ line is cut (Reader::Init decides the rest), and
  // never a gzip stream.
  std::string_view head = read_at(0);
  size_t first_nl = head.find('\n');
  bool mbox = first_nl != std::string_view::npos && IsFromLine(head.substr(0, first_nl)) &&
              !(head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
                static_cast<unsigned char>(head[1]) == 0x8b);
  if (!mbox || parts < 2 || file_size < 2 * min_part_bytes) {
    close(fd);
    return cuts;
  }
  const uint64_t step = std::max<uint64_t>(min_part_bytes, file_size / parts);
  // The first From_ line that starts after `from`: a line start whose whole line is in view.
  uint64_t from = step;
  while (from + min_part_bytes < file_size) {
    uint64_t cut = 0;
    uint64_t at = from - 1;  // a '\n' at from - 1 makes `from` a line start
    while (cut == 0 && at < file_size) {
      std::string_view w = read_at(at);
      if (w.empty()) break;
      size_t pos = 0;
      size_t resume = w.size();  // where the next window starts (a line without its end)
      for (;;) {
        size_t nl = w.find('\n', pos);
        if (nl == std::string_view::npos) break;
        size_t line = nl + 1;
        size_t end = w.find('\n', line);
        if (end == std::string_view::npos) {
          resume = nl;  // judge this line again with more of it in view
          break;
        }
        if (w.compare(line, 5, "From ") == 0 && IsFromLine(w.substr(line, end - line))) {
          cut = at + line;
          break;
        }
        pos = line;
      }
      if (cut == 0) at += resume > 0 ? resume : w.size();
    }
    if (cut == 0 || cut + min_part_bytes / 4 >= file_size) break;
    cuts.push_back(cut);
    from = cut + step;
  }
  close(fd);
  return cuts;
}

}  // namespace quorum::parse
