// SPDX-License-Identifier: Apache-2.0
// Building the ReportModel from parsed inputs (report/publish.h writes it into --out).
#pragma once

#include <string>
#include <vector>

#include "core/report_model.h"
#include "core/result.h"
#include "core/roster.h"
#include "parse/corpus.h"

namespace quorum::cli {

// Threads, identities, votes and positions over `corpus`, positions with `jobs` threads.
// Moves the messages out of `corpus`.
Result<ReportModel> BuildReportModel(parse::Corpus* corpus, const std::vector<std::string>& inputs,
                                     const Roster* roster, int jobs = 1);

}  // namespace quorum::cli
