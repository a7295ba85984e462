// SPDX-License-Identifier: Apache-2.0
// MIME body decoding through mimetic: pick the text the author wrote and decode it to UTF-8.
// The only file set that includes mimetic.
#pragma once

#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "parse/headers.h"

namespace quorum::parse {

struct MimeLimits {
  int max_depth = 100;       // deeper parts are kept as opaque leaves: "mime-depth-limit"
  size_t max_parts = 10000;  // further parts are skipped: "mime-part-limit"
  // Larger messages are truncated: "message-truncated". Equal to ReaderOptions' cap, so that
  // one message never costs more than ~64 MiB of memory in all (docs/parsing.md).
  size_t max_message_bytes = 4 << 20;
  size_t max_text_bytes = 2 << 20;  // decoded text beyond this is dropped: "body-truncated"
};

struct BodyText {
  std::string text;          // UTF-8, LF line endings
  std::string content_type;  // of the chosen part, lower case ("text/plain", "text/html",
                             // "text/enriched"); empty when there is no text
  bool from_html = false;    // true when the text was reduced from HTML
};

// Walks the MIME tree of `raw` (a whole message: headers + body; `headers` already parsed from
// it) and returns the best text: the first text/plain part outside attachments, else the first
// text/html reduced to text, else the first text/enriched reduced to text, else empty. Handles
// base64, quoted-printable, charsets, format=flowed (RFC 3676). Problems become diagnostics
// relative to `base`. Attachments: Content-Disposition "attachment", or any filename (disposition
// filename= or Content-Type name=). message/rfc822 parts are never the body. Unlabelled 8-bit text
// is UTF-8 when valid, else Windows-1252. Non-empty text always ends with "\n". Diagnostics:
// "mime-depth-limit", "mime-part-limit", "message-truncated", "body-truncated", "mime-bad-boundary"
// (multipart without a usable boundary: kept as one opaque part), "unknown-charset", "mime-error"
// (a library threw; the result is then empty). Never throws.
BodyText ExtractBodyText(std::string_view raw, const HeaderBlock& headers, const MimeLimits& limits,
                         const SourceRef& base, Diagnostics* diags);

// The same result as ExtractBodyText, always through the whole MIME tree. ExtractBodyText reads
// a message that is not a multipart without building a tree; tests compare the two.
BodyText ExtractBodyTextFullTree(std::string_view raw, const HeaderBlock& headers,
                                 const MimeLimits& limits, const SourceRef& base,
                                 Diagnostics* diags);

// Reduces an HTML fragment to readable text (block elements to line breaks, entities decoded,
// script/style dropped). Input and output are UTF-8.
std::string HtmlToText(std::string_view html);

}  // namespace quorum::parse
