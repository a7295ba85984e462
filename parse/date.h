// SPDX-License-Identifier: Apache-2.0
// RFC 5322 Date parsing, with the obsolete forms (RFC 5322 section 4.3) and common junk.
#pragma once

#include <string_view>

#include "core/message.h"

namespace quorum::parse {

// Parses a Date: header value. Accepts "Tue, 28 Nov 2017 21:04:45 +0000", no weekday, two- and
// three-digit years, named zones (GMT, UT, EST, ..., military), missing seconds, comments, extra
// spaces, "28 Nov 2017 21:04:45 GMT+01:00" and similar. Two-digit years 00-49 are 20xx, 50-99
// 19xx, three-digit years + 1900; four-digit years are as written ("0001" is year 1). Returns
// valid=false when no date-time can be found, or when it falls outside years 1-9999 in UTC or
// in its own time ("31 Dec 9999 23:59:59 -1400"): then *out_of_range, when given, is set.
MailDate ParseDate(std::string_view value, bool* out_of_range = nullptr);

// Parses the asctime-style date of an mbox From_ line ("Wed Nov  1 06:04:52 2017"), as UTC,
// with ParseDate's year rules.
MailDate ParseFromLineDate(std::string_view from_line);

}  // namespace quorum::parse
