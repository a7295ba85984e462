// SPDX-License-Identifier: Apache-2.0
// Compact JSON written straight into a string, for outputs with one object per message, where
// building an nlohmann tree per line cost more than parsing the message.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quorum::report {

// Appends JSON text to *out, byte for byte what nlohmann's dump() (compact, UTF-8 kept,
// invalid UTF-8 replaced) writes for the same values. Members must be written as Key() then
// one value; the writer adds the commas.
class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}
  // Indented instead: what AppendIndented (report/json_stream.h) writes for the same values,
  // nlohmann's dump(2) with every line after the first moved right by `indent` spaces.
  JsonWriter(std::string* out, size_t indent) : out_(out), pretty_(true), indent_(indent) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Uint(uint64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();

 private:
  void BeforeValue();

  void Close(char bracket);

  std::string* out_;
  bool pretty_ = false;
  size_t indent_ = 0;
  std::vector<bool> has_member_;  // per open container: something was written into it
  std::vector<bool> is_object_;   // per open container (pretty: opened at its first member)
  bool after_key_ = false;
};

// `s` as a JSON string literal, as nlohmann's dump() writes it.
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace quorum::report
