// SPDX-License-Identifier: Apache-2.0
// The one JSON shape of a discussion's positions and summary, used by `quorum positions` and
// report.json alike (docs/output-schema.md, docs/positions.md). Each is written straight into
// the output (a JsonWriter): there are thousands of positions, and trees of them cost more than
// the analysis that found them.
#pragma once

#include <string>
#include <vector>

#include "core/position.h"
#include "report/json_writer.h"

namespace quorum::report {

// {"label", "label_message_id", "keyphrases", "holders": [{"name", "address", "stance",
// "message_ids", "quote", "conditional"}], "messages", "participants", "recurring"}.
void WritePositionJson(const Position& p, JsonWriter* w);

// {"from": {"name", "address"}, "to": {...}, "kind", "message_id", "quote"}.
void WriteAgreementJson(const Agreement& a, JsonWriter* w);

// {"lead", "lead_message_id", "decision": null | {"status", "thread_id", "subject", "tally":
// {"binding": {"+1", "0", "-1"}, "non_binding": {...}}, "result_message_id"}, "support":
// [{"name", "address", "message_id", "quote", "basis"}], "oppose": [...], "arguments":
// [positions, as WritePositionJson, in summary order], "also_raised": N}.
void WriteSummaryJson(const Discussion& d, JsonWriter* w);

// "passed: 4 binding +1, 1 non-binding +1, no -1" (or "1 binding -1", "2 -1 (1 binding)").
std::string DecisionText(const Decision& x);

// The positions shown as the discussion's arguments, best first: Summary::arguments (indices
// checked), or, when the summary names none (it was not computed), the first kMaxArguments
// positions marked recurring. Every output (JSON, text, HTML) shows the same ones.
inline constexpr size_t kMaxArguments = 8;
std::vector<int> ArgumentIndices(const Discussion& d);

}  // namespace quorum::report
