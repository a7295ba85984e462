// SPDX-License-Identifier: Apache-2.0
// RFC 2047 encoded words and RFC 2231 parameters, decoded to UTF-8.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quorum::parse {

// Decodes every encoded word (=?charset?B|Q?...?=) in an unstructured header value.
// Whitespace between adjacent encoded words is dropped; adjacent words in the same charset are
// joined before charset conversion, so a multibyte character split across words survives.
// Raw 8-bit bytes outside encoded words are taken as UTF-8 when valid, else as Windows-1252.
// Malformed words are left as written. Sets *had_error when something could not be decoded
// (unknown charset, bad base64); the output is always valid UTF-8.
std::string DecodeHeaderText(std::string_view value, bool* had_error);

// As above, but raw 8-bit text that is not valid UTF-8 is read in `raw_charset` (typically the
// charset of the message body, which unlabelled headers usually share) when that charset is
// on the allowlist; else as Windows-1252.
std::string DecodeHeaderText(std::string_view value, std::string_view raw_charset, bool* had_error);

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
