// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: one message through headers, MIME, charsets, own text and mirror detection.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/text.h"
#include "parse/message_parser.h"

using namespace quorum;
using namespace quorum::parse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  RawMessage raw;
  raw.bytes = std::string_view(reinterpret_cast<const char*>(data), size);
  raw.size = size;
  ParseOptions opt;
  Message m = ParseMessage(raw, "fuzz", opt);
  // Everything quorum emits must be valid UTF-8 and the id non-empty.
  if (m.message_id.empty()) abort();
  for (const std::string* s : {&m.subject, &m.from.name, &m.text, &m.body}) {
    if (!IsValidUtf8(*s)) abort();
  }
  return 0;
}
