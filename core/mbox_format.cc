// SPDX-License-Identifier: Apache-2.0
// From_ line recognition.
#include "core/mbox_format.h"

#include <cstring>

#include "core/text.h"

namespace quorum {
const char* MboxFormatName(MboxFormat format) {
  switch (format) {
    case MboxFormat::kMboxo:
      return "mboxo";
    case MboxFormat::kMboxrd:
      return "mboxrd";
    case MboxFormat::kAuto:
      break;
  }
  return "auto";
}

std::optional<MboxFormat> ParseMboxFormat(std::string_view name) {
  if (name == "auto") return MboxFormat::kAuto;
  if (name == "mboxo") return MboxFormat::kMboxo;
  if (name == "mboxrd") return MboxFormat::kMboxrd;
  return std::nullopt;
}

bool IsFromLine(std::string_view line) {
  if (!line.starts_with("From ")) return false;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  // Find an hh:mm time, then a 4-digit year somewhere after it. The envelope sender may hold
  // anything (even a ':'), so scan the whole line.
  for (size_t i = 6; i + 4 < line.size(); ++i) {
    if (line[i + 1] != ':' && line[i + 2] != ':') continue;
    size_t colon = line[i + 2] == ':' ? i + 2 : i + 1;
    size_t h = colon;  // digits before the colon
    while (h > 0 && IsDigit(line[h - 1])) --h;
    if (colon - h < 1 || colon - h > 2) continue;
    if (colon + 2 >= line.size() || !IsDigit(line[colon + 1]) || !IsDigit(line[colon + 2])) {
      continue;
    }
    if (h == 0 || line[h - 1] != ' ') continue;
    // Year: four digits starting with 19 or 20 (or 1970 from Foal's default), standing alone.
    for (size_t j = colon + 3; j + 4 <= line.size(); ++j) {
      if ((j == 0 || !IsDigit(line[j - 1])) && IsDigit(line[j]) && IsDigit(line[j + 1]) &&
          IsDigit(line[j + 2]) && IsDigit(line[j + 3]) &&
          (j + 4 == line.size() || !IsDigit(line[j + 4])) &&
          ((line[j] == '1' && line[j + 1] == '9') || (line[j] == '2' && line[j + 1] == '0'))) {
        return true;
      }
    }
    return false;
  }
  return false;
}

size_t CountMboxMessages(std::string_view bytes) {
  size_t count = 0;
  size_t pos = 0;
  while (pos < bytes.size()) {
    const char* nl = static_cast<const char*>(memchr(bytes.data() + pos, '\n', bytes.size() - pos));
    size_t end = nl ? static_cast<size_t>(nl - bytes.data()) : bytes.size();
    if (bytes[pos] == 'F' && IsFromLine(bytes.substr(pos, end - pos))) ++count;
    pos = end + 1;
  }
  return count;
}

}  // namespace quorum
