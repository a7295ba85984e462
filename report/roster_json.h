// SPDX-License-Identifier: Apache-2.0
// Reads Whimsy's committee-info.json into a core Roster (nlohmann stays inside report/).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "core/roster.h"

namespace quorum::report {

// Parses committee-info.json text: committees.<pmc>.roster{id:{name,date}}. Malformed JSON or
// a missing "committees" object is an kInvalidData error naming `origin`.
Result<Roster> ParseRosterJson(std::string_view json, const std::string& origin);

// Reads and parses a file; an unreadable file is a kIo error.
Result<Roster> LoadRosterFile(const std::string& path);

}  // namespace quorum::report
