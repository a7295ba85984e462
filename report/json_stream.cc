// SPDX-License-Identifier: Apache-2.0
// The indented JSON layout of nlohmann's dump(2), written without its per-byte UTF-8 decoder.
#include "report/json_stream.h"

#include <vector>

namespace quorum::report {

void AppendIndented(const nlohmann::ordered_json& root, size_t indent, std::string* out) {
  using Json = nlohmann::ordered_json;
  struct Frame {
    const Json* node;
    Json::const_iterator next;
  };
  std::vector<Frame> stack;
  // Writes a scalar or an empty container whole; opens a non-empty container.
  auto value = [&stack, out](const Json& v) {
    switch (v.type()) {
      case Json::value_t::object:
      case Json::value_t::array:
        if (v.empty()) {
          out->append(v.is_object() ? "{}" : "[]");
        } else {
          out->push_back(v.is_object() ? '{' : '[');
          stack.push_back({&v, v.cbegin()});
        }
        return;
      case Json::value_t::string:
        AppendJsonString(v.get_ref<const std::string&>(), out);
        return;
      case Json::value_t::boolean:
        out->append(v.get<bool>() ? "true" : "false");
        return;
      case Json::value_t::null:
        out->append("null");
        return;
      case Json::value_t::number_integer:
        out->append(std::to_string(v.get<int64_t>()));
        return;
      case Json::value_t::number_unsigned:
        out->append(std::to_string(v.get<uint64_t>()));
        return;
      default:  // floats and the rest: nlohmann's own text
        out->append(v.dump(-1, ' ', false, Json::error_handler_t::replace));
        return;
    }
  };
  value(root);
  while (!stack.empty()) {
    Frame& f = stack.back();
    size_t depth = indent + 2 * stack.size();
    if (f.next == f.node->cend()) {
      out->push_back('\n');
      out->append(depth - 2, ' ');
      out->push_back(f.node->is_object() ? '}' : ']');
      stack.pop_back();
      continue;
    }
    out->append(f.next == f.node->cbegin() ? "\n" : ",\n");
    out->append(depth, ' ');
    if (f.node->is_object()) {
      AppendJsonString(f.next.key(), out);
      out->append(": ");
    }
    const Json& v = *f.next;
    ++f.next;  // before value() may grow the stack and move `f`
    value(v);
  }
}

}  // namespace quorum::report
