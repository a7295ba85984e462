// SPDX-License-Identifier: Apache-2.0
// The mbox From_ separator line, shared by fetch/ (to count messages) and parse/ (to split).
#pragma once

#include <cstddef>
#include <string_view>

namespace quorum {

// True when `line` (without its line ending) is a real mbox separator: "From ", an envelope
// sender, then an asctime-style date holding an hh:mm time and a four-digit year after it
// (the rule of git mailsplit's is_from_line). A body line such as "From time to time" or
// "From my perspective, ..." is not a separator.
bool IsFromLine(std::string_view line);

// Number of From_ separator lines in an mbox byte stream (0 for an empty stream).
size_t CountMboxMessages(std::string_view bytes);

}  // namespace quorum
