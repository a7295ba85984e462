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
#include "report/json_writer.h"

namespace quorum::report {

// A date as JSON: ISO 8601 UTC text (core/date.h), or null for no date.
inline nlohmann::ordered_json DateJson(const MailDate& d) {
  return d.valid ? nlohmann::ordered_json(FormatIsoUtc(d)) : nlohmann::ordered_json(nullptr);
}

// The same date through a JsonWriter.
inline void WriteDate(const MailDate& d, JsonWriter* w) {
  d.valid ? w->String(FormatIsoUtc(d)) : w->Null();
}

// Appends `j` as nlohmann's dump(2) writes it (invalid UTF-8 becomes U+FFFD: it must never abort
// a run), byte for byte, with every line after the first moved right by `indent` spaces. Faster
// than dump(), which decodes every string's UTF-8 a byte at a time; iterative (an explicit
// stack), so no depth of value can overflow the call stack.
void AppendIndented(const nlohmann::ordered_json& j, size_t indent, std::string* out);

inline std::string DumpIndented(const nlohmann::ordered_json& j) {
  std::string out;
  AppendIndented(j, 0, &out);
  return out;
}

// A top-level object written member by member; Array members element by element. Call
// Finish() after at least one member.
class DocumentWriter {
 public:
  explicit DocumentWriter(const std::function<Status(std::string_view)>& write) : write_(write) {}

  void Member(const std::string& key, const nlohmann::ordered_json& value) {
    std::string text = Open(key);
    AppendIndented(value, 2, &text);
    Emit(text);
  }
  // An array member whose elements come one at a time from `next(i)`.
  template <typename Next>
  void Array(const std::string& key, size_t count, const Next& next) {
    Elements(key, count, [&](size_t i, std::string* text) { AppendIndented(next(i), 4, text); });
  }
  // The same, each element written straight into the text by `write(i, &writer)` (a
  // JsonWriter at the element's indentation), without building a tree first.
  template <typename Write>
  void WrittenArray(const std::string& key, size_t count, const Write& write) {
    Elements(key, count, [&](size_t i, std::string* text) {
      JsonWriter element(text, 4);
      write(i, &element);
    });
  }
  Status Finish() {
    Emit("\n}\n");
    return status_;
  }

 private:
  std::string Open(const std::string& key) {
    std::string s = first_ ? "{\n  " : ",\n  ";
    first_ = false;
    AppendJsonString(key, &s);
    return s + ": ";
  }
  // The array member `key`: `append(i, &text)` adds element i at indentation 4.
  template <typename Append>
  void Elements(const std::string& key, size_t count, const Append& append) {
    if (count == 0) {
      Emit(Open(key) + "[]");
      return;
    }
    Emit(Open(key) + "[\n");
    std::string text;
    for (size_t i = 0; i < count && status_.ok(); ++i) {
      text.assign("    ");
      append(i, &text);
      text += i + 1 < count ? ",\n" : "\n";
      Emit(text);
    }
    Emit("  ]");
  }
  void Emit(const std::string& text) {
    if (status_.ok()) status_ = write_(text);
  }

  const std::function<Status(std::string_view)>& write_;
  Status status_;
  bool first_ = true;
};

}  // namespace quorum::report
