// SPDX-License-Identifier: Apache-2.0
// Writing one big JSON document piece by piece, byte-identical to dumping it whole with
// indent 2, so that only one element of its big arrays is in memory at a time.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace quorum::report {

// A date as JSON: ISO 8601 UTC text (core/date.h), or null for no date.
inline nlohmann::ordered_json DateJson(const MailDate& d) {
  return d.valid ? nlohmann::ordered_json(FormatIsoUtc(d)) : nlohmann::ordered_json(nullptr);
}

// Invalid UTF-8 becomes U+FFFD: it must never abort a run (json.hpp would throw).
inline std::string DumpIndented(const nlohmann::ordered_json& j) {
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

// `text` (one dumped value) moved right by `by` spaces on every line after its first. A dumped
// string never holds a raw newline, so every '\n' is a line break of the layout.
inline std::string Indent(const std::string& text, size_t by) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    out.push_back(c);
    if (c == '\n') out.append(by, ' ');
  }
  return out;
}

// A top-level object written member by member; Array members element by element. Call
// Finish() after at least one member.
class DocumentWriter {
 public:
  explicit DocumentWriter(const std::function<Status(std::string_view)>& write) : write_(write) {}

  void Member(const std::string& key, const nlohmann::ordered_json& value) {
    Emit(Open(key) + Indent(DumpIndented(value), 2));
  }
  // An array member whose elements come one at a time from `next(i)`.
  template <typename Next>
  void Array(const std::string& key, size_t count, const Next& next) {
    if (count == 0) {
      Emit(Open(key) + "[]");
      return;
    }
    Emit(Open(key) + "[\n");
    for (size_t i = 0; i < count && status_.ok(); ++i) {
      Emit("    " + Indent(DumpIndented(next(i)), 4) + (i + 1 < count ? ",\n" : "\n"));
    }
    Emit("  ]");
  }
  Status Finish() {
    Emit("\n}\n");
    return status_;
  }

 private:
  std::string Open(const std::string& key) {
    std::string s = first_ ? "{\n  " : ",\n  ";
    first_ = false;
    return s + DumpIndented(nlohmann::ordered_json(key)) + ": ";
  }
  void Emit(const std::string& text) {
    if (status_.ok()) status_ = write_(text);
  }

  const std::function<Status(std::string_view)>& write_;
  Status status_;
  bool first_ = true;
};

}  // namespace quorum::report
