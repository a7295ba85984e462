// SPDX-License-Identifier: Apache-2.0
// Compact JSON writer with nlohmann's escaping rules.
#include "report/json_writer.h"

#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/text.h"

namespace quorum::report {

namespace {

// True when some byte of w is below 0x20, '"' or '\\' (bit tricks on eight bytes at a time).
bool AnyToEscape(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  auto has_zero = [](uint64_t x) { return ((x - kOnes) & ~x & kHigh) != 0; };
  // Bytes >= 0x80 (UTF-8) are never escaped; mask them out of the "less than" test.
  uint64_t ascii = w & ~kHigh;
  bool below_space = (((ascii - kOnes * 0x20) & ~w & kHigh) != 0);
  return below_space || has_zero(w ^ (kOnes * '"')) || has_zero(w ^ (kOnes * '\\'));
}

// The offset of the first byte at or after i that JSON needs escaped, or s.size().
size_t NextToEscape(std::string_view s, size_t i) {
  while (i + 8 <= s.size()) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (AnyToEscape(w)) break;
    i += 8;
  }
  for (; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\') return i;
  }
  return s.size();
}

}  // namespace

void AppendJsonString(std::string_view s, std::string* out) {
  if (!IsValidUtf8(s)) {
    // Rare (file names, raw ids): let nlohmann replace the bad bytes exactly as it does elsewhere.
    out->append(nlohmann::json(std::string(s))
                    .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    i = NextToEscape(s, i);
    if (i == s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    out->append(s.data() + start, i - start);
    start = i + 1;
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
  }
  out->append(s.data() + start, s.size() - start);
  out->push_back('"');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_member_.empty()) return;
  if (pretty_) {
    // A container's bracket is written with its first member: an empty one is "{}" or "[]".
    out_->append(has_member_.back() ? ",\n" : is_object_.back() ? "{\n" : "[\n");
    out_->append(indent_ + 2 * has_member_.size(), ' ');
  } else if (has_member_.back()) {
    out_->push_back(',');
  }
  has_member_.back() = true;
}

void JsonWriter::Close(char bracket) {
  if (pretty_) {
    if (has_member_.back()) {
      out_->push_back('\n');
      out_->append(indent_ + 2 * (has_member_.size() - 1), ' ');
    } else {
      out_->push_back(bracket == '}' ? '{' : '[');
    }
  }
  out_->push_back(bracket);
  has_member_.pop_back();
  is_object_.pop_back();
}

JsonWriter& JsonWriter::BeginObject() {
  BeforeValue();
  if (!pretty_) out_->push_back('{');
  has_member_.push_back(false);
  is_object_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::EndObject() {
  Close('}');
  return *this;
}

JsonWriter& JsonWriter::BeginArray() {
  BeforeValue();
  if (!pretty_) out_->push_back('[');
  has_member_.push_back(false);
  is_object_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::EndArray() {
  Close(']');
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  BeforeValue();
  AppendJsonString(key, out_);
  out_->append(pretty_ ? ": " : ":");
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  BeforeValue();
  AppendJsonString(value, out_);
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t value) {
  BeforeValue();
  out_->append(std::to_string(value));
  return *this;
}

JsonWriter& JsonWriter::Uint(uint64_t value) {
  BeforeValue();
  out_->append(std::to_string(value));
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  BeforeValue();
  out_->append(value ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  out_->append("null");
  return *this;
}

}  // namespace quorum::report
