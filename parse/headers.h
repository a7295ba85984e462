// SPDX-License-Identifier: Apache-2.0
// RFC 5322 header block: split a raw message into unfolded header fields and the body.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"

namespace quorum::parse {

struct HeaderField {
  std::string name;   // as written (case kept); compare with IEquals
  std::string value;  // raw bytes, unfolded (CRLF/LF + WSP replaced by the WSP), trimmed
};

// Limits that keep a hostile header block cheap (see ../shared/docs/reliability.md,
// mime4j/public-inbox).
struct HeaderLimits {
  size_t max_fields = 1000;            // further fields are ignored: "header-field-limit"
  size_t max_field_bytes = 64 * 1024;  // a longer field is truncated: "header-field-truncated"
  size_t max_block_bytes = 1 << 20;    // the rest of the block is skipped: "header-block-limit"
};

struct HeaderBlock {
  std::vector<HeaderField> fields;
  size_t body_offset = 0;  // offset of the body within the raw message (after the blank line)
};

// Parses the header block at the start of `raw` (which must not include the From_ line).
// Never fails: junk lines become diagnostics with `where` offsets relative to `base`.
HeaderBlock ParseHeaderBlock(std::string_view raw, const HeaderLimits& limits,
                             const SourceRef& base, Diagnostics* diags);

// The value of the first field called `name` (case-insensitive), or nullptr.
const std::string* FindHeader(const HeaderBlock& block, std::string_view name);

}  // namespace quorum::parse
