// SPDX-License-Identifier: Apache-2.0
// Content checks for downloads.
#include "fetch/content_check.h"

#include <cstdio>
#include <cstring>
#include <vector>

#include "core/hash.h"
#include "core/mbox_format.h"

namespace quorum::fetch {
namespace {

constexpr size_t kMaxLine = 4096;

}  // namespace

void MboxScanner::Feed(std::string_view data) {
  bytes_ += data.size();
  tail_.append(data.substr(data.size() > 3 ? data.size() - 3 : 0));
  if (tail_.size() > 3) tail_.erase(0, tail_.size() - 3);
  while (!data.empty()) {
    const char* nl = static_cast<const char*>(std::memchr(data.data(), '\n', data.size()));
    size_t take = nl ? static_cast<size_t>(nl - data.data()) : data.size();
    if (!line_too_long_) {
      if (line_.size() + take > kMaxLine) {
        line_too_long_ = true;
        line_.clear();
      } else {
        line_.append(data.data(), take);
      }
    }
    if (!nl) return;
    EndLine();
    data.remove_prefix(take + 1);
  }
}

void MboxScanner::EndLine() {
  bool is_from = !line_too_long_ && IsFromLine(line_);
  if (is_from) ++messages_;
  if (!first_done_) {
    first_done_ = true;
    first_is_from_ = is_from;
  }
  line_.clear();
  line_too_long_ = false;
}

void MboxScanner::Finish() {
  if (!line_.empty() || line_too_long_) EndLine();
}

bool MboxScanner::ends_on_message_boundary() const { return EndsOnMessageBoundary(tail_); }

bool EndsOnMessageBoundary(std::string_view tail) {
  return tail.empty() || tail.ends_with("\n\n") || tail.ends_with("\n\r\n");
}

bool FileEndsOnMessageBoundary(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char buf[3];
  size_t n = 0;
  if (std::fseek(f, -3, SEEK_END) == 0 || std::fseek(f, 0, SEEK_SET) == 0) {
    n = std::fread(buf, 1, sizeof buf, f);
  }
  bool ok = !std::ferror(f);
  std::fclose(f);
  return ok && EndsOnMessageBoundary(std::string_view(buf, n));
}

bool ScanMboxFile(const std::string& path, MboxScanner* scanner, std::string* sha256_hex) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  Sha256 sha;
  std::vector<char> buf(1 << 16);
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
    std::string_view chunk(buf.data(), n);
    scanner->Feed(chunk);
    sha.Update(chunk);
  }
  bool ok = !std::ferror(f);
  std::fclose(f);
  scanner->Finish();
  *sha256_hex = sha.HexDigest();
  return ok;
}

namespace {

// A minimal JSON checker: one pass, an explicit stack of open containers.
class JsonChecker {
 public:
  JsonChecker(std::string_view s, std::string_view key) : s_(s), key_(key) {}

  bool Run() {
    SkipWs();
    if (Peek() != '{') return false;
    while (true) {
      SkipWs();
      if (pos_ >= s_.size()) return false;
      char c = s_[pos_];
      if (expect_value_) {
        if (!Value()) return false;
      } else if (c == ',') {
        if (stack_.empty() || after_comma_ || expect_key_) return false;
        ++pos_;
        after_comma_ = true;
        expect_key_ = stack_.back() == '{';
        expect_value_ = stack_.back() == '[';
      } else if (c == '}' || c == ']') {
        if (stack_.empty() || (c == '}') != (stack_.back() == '{') || after_comma_) return false;
        ++pos_;
        stack_.pop_back();
        if (stack_.empty()) {
          SkipWs();
          return pos_ == s_.size() && found_;
        }
      } else if (expect_key_) {
        std::string_view k;
        if (c != '"' || !String(&k)) return false;
        SkipWs();
        if (Peek() != ':') return false;
        ++pos_;
        if (stack_.size() == 1 && k == key_) found_ = true;
        expect_key_ = false;
        expect_value_ = true;
        after_comma_ = false;
      } else {
        return false;
      }
    }
  }

 private:
  char Peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  void SkipWs() {
    while (pos_ < s_.size() && std::strchr(" \t\r\n", s_[pos_]) && s_[pos_] != '\0') ++pos_;
  }

  // Reads one value; an opening bracket pushes a container.
  bool Value() {
    char c = Peek();
    expect_value_ = false;
    after_comma_ = false;
    if (c == '{' || c == '[') {
      if (stack_.size() >= 512) return false;
      stack_.push_back(c);
      ++pos_;
      SkipWs();
      // Empty container, or the first key/value.
      if (Peek() == (c == '{' ? '}' : ']')) return true;
      expect_key_ = c == '{';
      expect_value_ = c == '[';
      return true;
    }
    if (c == '"') {
      std::string_view unused;
      return String(&unused);
    }
    for (std::string_view lit : {"true", "false", "null"}) {
      if (s_.substr(pos_, lit.size()) == lit) {
        pos_ += lit.size();
        return true;
      }
    }
    size_t start = pos_;
    if (Peek() == '-') ++pos_;
    while (pos_ < s_.size() && std::strchr("0123456789+-.eE", s_[pos_]) && s_[pos_] != '\0') ++pos_;
    return pos_ > start && !(pos_ == start + 1 && s_[start] == '-');
  }

  // A string starting at '"'; *out gets the raw (undecoded) contents.
  bool String(std::string_view* out) {
    size_t start = ++pos_;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '\\') {
        pos_ += 2;
        continue;
      }
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c == '"') {
        *out = s_.substr(start, pos_ - start);
        ++pos_;
        return true;
      }
      ++pos_;
    }
    return false;
  }

  std::string_view s_;
  std::string_view key_;
  size_t pos_ = 0;
  std::vector<char> stack_;
  bool expect_key_ = false;
  bool expect_value_ = true;
  bool after_comma_ = false;
  bool found_ = false;
};

}  // namespace

bool IsJsonObjectWithKey(std::string_view json, std::string_view key) {
  return JsonChecker(json, key).Run();
}

}  // namespace quorum::fetch
