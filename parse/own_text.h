// SPDX-License-Identifier: Apache-2.0
// The author's own words: a body without quoted text, attributions, signatures and footers.
#pragma once

#include <string>
#include <string_view>

#include "core/message.h"

namespace quorum::parse {

// Removes from a decoded body (UTF-8, LF line endings):
//  - quoted lines ("> ..."), "On ... wrote:" attributions (several languages, wrapped over two
//    lines), Outlook "-----Original Message-----" and "From:/Sent:/To:/Subject:" blocks with
//    everything after them, top-posted quoted copies without markers where recognisable;
//  - signatures ("-- " and common sign-off blocks), "Sent from my ..." lines;
//  - list footers (ezmlm "To unsubscribe, e-mail: ...") and mirror footers (GitHub
//    "Reply to this email directly...", GitBox "This is an automated message ...", Discourse).
// Keeps the author's own lines even when they start with "From" or follow a quote.
std::string ExtractOwnText(std::string_view body, MirrorKind mirror);

}  // namespace quorum::parse
