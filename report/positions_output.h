// SPDX-License-Identifier: Apache-2.0
// JSON and text output of positions (`quorum positions`), the shape in docs/positions.md.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "core/analysis.h"
#include "core/position.h"

namespace quorum::report {

// Proposal id -> the thread id its discussion branched from (Proposal::branched_from), for
// the discussions that branched off another.
using BranchedFrom = std::map<std::string, std::string>;

// {"schema_version", "discussions": [{"thread_ids", "proposal", "branched_from", "subject",
// "messages", "participants", "positions": [...], "agreements": [...]}]}.
void WritePositionsJson(const std::vector<Discussion>& discussions, std::ostream& out,
                        const BranchedFrom& branched_from = {});

// A readable summary: per discussion, its positions with holders, stances and quotes.
void WritePositionsText(const std::vector<Discussion>& discussions, std::ostream& out,
                        const BranchedFrom& branched_from = {});

// `quorum positions`: one discussion per proposal, as report.json has them (the ones big
// enough to analyse), as JSON or, when `text`, readable.
void WritePositions(Analysis&& analysis, bool text, std::ostream& out);

}  // namespace quorum::report
