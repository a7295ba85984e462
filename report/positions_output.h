// SPDX-License-Identifier: Apache-2.0
// JSON and text output of positions (`quorum positions`), the shape in docs/positions.md.
#pragma once

#include <ostream>
#include <vector>

#include "core/position.h"

namespace quorum::report {

// {"schema_version", "discussions": [{"thread_ids", "subject", "messages", "participants",
// "positions": [...], "agreements": [...]}]}.
void WritePositionsJson(const std::vector<Discussion>& discussions, std::ostream& out);

// A readable summary: per discussion, its positions with holders, stances and quotes.
void WritePositionsText(const std::vector<Discussion>& discussions, std::ostream& out);

}  // namespace quorum::report
