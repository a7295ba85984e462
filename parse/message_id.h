// SPDX-License-Identifier: Apache-2.0
// Message-ID normalisation and extraction from In-Reply-To / References.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quorum::parse {

// The normalised id of a Message-ID value: the first <...> token without brackets and spaces;
// a bare token that looks like local@domain when there are no brackets; "" when none.
std::string NormalizeMessageId(std::string_view value);

// Every <...> id in a References or In-Reply-To value, in order, normalised, duplicates removed.
// Junk between ids (comments, "Your message of ...", a lone "y") is ignored. Keeps at most
// `max_ids` (the first and the last ones, the parent end matters most).
std::vector<std::string> ExtractMessageIds(std::string_view value, size_t max_ids = 1000);

}  // namespace quorum::parse
