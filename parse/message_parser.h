// SPDX-License-Identifier: Apache-2.0
// Turns one raw message into a Message: headers, decoding, body text, own text, mirror.
#pragma once

#include <string>

#include "core/message.h"
#include "parse/mbox_reader.h"
#include "parse/mime.h"

namespace quorum::parse {

struct ParseOptions {
  bool decode_body = true;  // false: headers only (fast path for threading), body/text stay empty
  bool keep_body = true;    // false: drop Message::body after own text is extracted
  HeaderLimits header_limits;
  MimeLimits mime_limits;
};

// Parses one raw message read from `file`. Never fails: a message with unreadable parts still
// yields a Message, with diagnostics. A missing Message-ID is replaced by a stable id derived
// from the content ("quorum-<sha256 prefix>@synthetic"), with synthetic_id set.
Message ParseMessage(const RawMessage& raw, const std::string& file, const ParseOptions& options);

}  // namespace quorum::parse
