// SPDX-License-Identifier: Apache-2.0
// RFC 5322 Date parsing, with the obsolete forms (RFC 5322 section 4.3) and common junk.
#pragma once

#include <string_view>

#include "core/message.h"

namespace quorum::parse {

// Parses a Date: header value. Accepts "Tue, 28 Nov 2017 21:04:45 +0000", no weekday, two- and
// three-digit years, named zones (GMT, UT, EST, ..., military), missing seconds, comments, extra
// spaces, "28 Nov 2017 21:04:45 GMT+01:00" and similar. Returns valid=false when no date-time
// can be found.
MailDate ParseDate(std::string_view value);

// Parses the asctime-style date of an mbox From_ line ("Wed Nov  1 06:04:52 2017"), as UTC.
MailDate ParseFromLineDate(std::string_view from_line);

}  // namespace quorum::parse
