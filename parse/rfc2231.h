// SPDX-License-Identifier: Apache-2.0
// Structured MIME fields (Content-Type, Content-Disposition) and RFC 2231 parameters, in UTF-8.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quorum::parse {

// Decodes an RFC 2231 extended parameter value ("utf-8'en'na%C3%AFve") to UTF-8.
std::string DecodeRfc2231Value(std::string_view value, bool* had_error);

// A structured MIME field value such as Content-Type or Content-Disposition.
struct MimeField {
  std::string value;  // "text/plain", "attachment": lower case, trimmed, comments removed
  // Parameters in order, names lower case, values decoded to UTF-8 (RFC 2231 continuations
  // "name*0*=" joined and percent-decoded; RFC 2047 words in quoted values decoded).
  std::vector<std::pair<std::string, std::string>> params;
};

// Parses "type/subtype; a=b; c*0*=utf-8''x; c*1=y". Never fails: junk parameters are skipped,
// an unterminated quoted string runs to the end. Linear in the input; sets *had_error on junk.
MimeField ParseMimeField(std::string_view raw, bool* had_error);

// The value of parameter `name` (lower case), or "" when it is absent.
std::string MimeParam(const MimeField& field, std::string_view name);

}  // namespace quorum::parse
