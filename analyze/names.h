// SPDX-License-Identifier: Apache-2.0
// Names in votes and result mails: words of a folded name, does a stated name mean a person.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/author.h"  // FoldName

namespace quorum::analyze {

// The words of a FoldName() result.
std::vector<std::string> NameWords(std::string_view folded);

// Does `stated` (a name in a result mail: "Herve", "Hervé BOUTEMY", "olamy") name the person
// known by `names` and `addresses`?
bool NameMatches(std::string_view stated, const std::vector<std::string>& names,
                 const std::vector<std::string>& addresses);

}  // namespace quorum::analyze
