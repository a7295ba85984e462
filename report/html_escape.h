// SPDX-License-Identifier: Apache-2.0
// Making mail text safe for HTML pages: escaping, visible controls, URL and file-name allowlists.
#pragma once

#include <string>
#include <string_view>

namespace quorum::report {

// Escapes `text` (UTF-8, possibly invalid) for HTML text and quoted attribute values alike:
// & < > " ' become entities; invalid UTF-8 becomes U+FFFD; C0 controls other than LF and TAB,
// DEL, C1 controls, and the bidirectional overrides and isolates (U+202A-U+202E,
// U+2066-U+2069, "Trojan Source"), and noncharacters (U+FFFE, U+FFFF, U+FDD0-U+FDEF, ...,
// which XML forbids) are shown as visible escapes such as "\u202E" instead of being emitted
// raw. The output is valid in HTML and in XML 1.0 (the Atom feed).
std::string EscapeHtml(std::string_view text);

// `url` when it is an absolute http, https or mailto URL without spaces, controls, quotes or
// angle brackets; "" otherwise. The result still needs EscapeHtml inside an attribute.
std::string SafeUrl(std::string_view url);

// A file name made from mail-derived text: only [A-Za-z0-9._-], runs of anything else folded to
// one '-', no leading '.' or '-', at most `max_len` characters; when anything was changed or
// cut, the first 10 hex digits of the SHA-256 of the original are appended so that different
// inputs never collide. Never empty, never "." or "..", never a path.
std::string SafeFileName(std::string_view text, size_t max_len = 80);

// Percent-encodes everything but unreserved characters (RFC 3986).
std::string UrlEncode(std::string_view text);

}  // namespace quorum::report
