// SPDX-License-Identifier: Apache-2.0
// The mbox From_ separator line and the mbox dialects, shared by fetch/ (which counts messages
// and records each month's dialect) and parse/ (which splits and unescapes).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace quorum {

// How ">From " lines in message bodies are escaped.
enum class MboxFormat {
  kAuto,    // decide per file: mboxrd for mbox-vm and Foal (MAILER-DAEMON) exports, else mboxo
  kMboxo,   // ">From " lines are unescaped once; ">>From " lines are left alone
  kMboxrd,  // every ">+From " line loses one '>'
};

// "auto", "mboxo" or "mboxrd" (the names of --mbox-format and of fetch's state file).
const char* MboxFormatName(MboxFormat format);
std::optional<MboxFormat> ParseMboxFormat(std::string_view name);

// True when `line` (without its line ending) is a real mbox separator: "From ", an envelope
// sender, then an asctime-style date holding an hh:mm time and a four-digit year after it
// (the rule of git mailsplit's is_from_line). A body line such as "From time to time" or
// "From my perspective, ..." is not a separator.
bool IsFromLine(std::string_view line);

// Number of From_ separator lines in an mbox byte stream (0 for an empty stream).
size_t CountMboxMessages(std::string_view bytes);

}  // namespace quorum
