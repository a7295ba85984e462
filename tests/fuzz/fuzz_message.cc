// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: one message through headers, MIME, charsets, own text and mirror detection.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/text.h"
#include "parse/headers.h"
#include "parse/message_parser.h"
#include "parse/mime.h"

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
  // The single-part shortcut must give what the whole-tree walk gives.
  Diagnostics d1, d2;
  HeaderBlock h = ParseHeaderBlock(raw.bytes, opt.header_limits, SourceRef{"fuzz", 0}, &d1);
  d1.clear();
  BodyText fast = ExtractBodyText(raw.bytes, h, opt.mime_limits, SourceRef{"fuzz", 0}, &d1);
  BodyText full = ExtractBodyTextFullTree(raw.bytes, h, opt.mime_limits, SourceRef{"fuzz", 0}, &d2);
  if (fast.text != full.text || fast.content_type != full.content_type ||
      fast.from_html != full.from_html || d1.size() != d2.size())
    abort();
  return 0;
}
