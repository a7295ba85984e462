// SPDX-License-Identifier: Apache-2.0
// Roster: who sat on which PMC since when (from Whimsy's committee-info.json), as a plain value.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace quorum {

struct RosterMember {
  std::string id;    // Apache id ("olamy")
  std::string name;  // public name
  std::string date;  // "YYYY-MM-DD" the member joined the PMC; empty when unknown
};

// committee name ("maven", "incubator") -> members sorted by id.
struct Roster {
  std::map<std::string, std::vector<RosterMember>> committees;
};

}  // namespace quorum
