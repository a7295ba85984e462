// SPDX-License-Identifier: Apache-2.0
// Charset conversion to UTF-8 through glibc iconv, limited to an allowlist of charsets.
#pragma once

#include <string>
#include <string_view>

namespace quorum::parse {

// Converts `bytes` in `charset` (a MIME charset name, any case, aliases accepted) to UTF-8.
// Invalid byte sequences become U+FFFD. A charset outside the allowlist or unknown to iconv is
// decoded as Windows-1252 and *known is set false. The result is always valid UTF-8.
std::string ToUtf8(std::string_view bytes, std::string_view charset, bool* known);

// Raw 8-bit text with no charset label: itself when valid UTF-8, else read in `fallback` when
// that is on the allowlist, else as Windows-1252. The result is always valid UTF-8.
std::string RawTextToUtf8(std::string_view raw, std::string_view fallback = {});

// The canonical iconv name for a MIME charset label if it is on the allowlist, else "".
std::string CanonicalCharset(std::string_view label);

}  // namespace quorum::parse
