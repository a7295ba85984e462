// SPDX-License-Identifier: Apache-2.0
// RFC 2047 encoded words in header text, decoded to UTF-8 (RFC 2231 parameters: rfc2231.h).
#pragma once

#include <string>
#include <string_view>

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

}  // namespace quorum::parse
