// SPDX-License-Identifier: Apache-2.0
// RFC 5322 header block: split a raw message into unfolded header fields and the body.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"

namespace quorum::parse {

// The views of a field point into the raw message that the block was parsed from, or (a folded
// value) into the block itself: a HeaderBlock must not outlive that message.
struct HeaderField {
  std::string_view name;   // as written (case kept); compare with IEquals
  std::string_view value;  // raw bytes, unfolded (CRLF/LF + WSP replaced by the WSP), trimmed
};

// Limits that keep a hostile header block cheap (see ../shared/docs/reliability.md,
// mime4j/public-inbox).
struct HeaderLimits {
  size_t max_fields = 1000;            // further fields are ignored: "header-field-limit"
  size_t max_field_bytes = 64 * 1024;  // a longer field is truncated: "header-field-truncated"
  size_t max_block_bytes = 1 << 20;    // the rest of the block is skipped: "header-block-limit"
};

struct HeaderBlock {
  HeaderBlock() = default;
  HeaderBlock(HeaderBlock&&) = default;  // a deque's elements stay put when it is moved
  HeaderBlock& operator=(HeaderBlock&&) = default;
  HeaderBlock(const HeaderBlock&) = delete;  // a copy's fields would view the original
  HeaderBlock& operator=(const HeaderBlock&) = delete;

  std::vector<HeaderField> fields;
  size_t body_offset = 0;  // offset of the body within the raw message (after the blank line)
  std::deque<std::string> unfolded;  // the values of folded fields, which `fields` view
};

// Parses the header block at the start of `raw` (which must not include the From_ line).
// Never fails: junk lines become diagnostics with `where` offsets relative to `base`.
HeaderBlock ParseHeaderBlock(std::string_view raw, const HeaderLimits& limits,
                             const SourceRef& base, Diagnostics* diags);
// The block views `raw`: a temporary string would leave it dangling.
HeaderBlock ParseHeaderBlock(std::string&& raw, const HeaderLimits& limits, const SourceRef& base,
                             Diagnostics* diags) = delete;

// The value of the first field called `name` (case-insensitive), or nullptr.
const std::string_view* FindHeader(const HeaderBlock& block, std::string_view name);

}  // namespace quorum::parse
