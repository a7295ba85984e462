// SPDX-License-Identifier: Apache-2.0
// Building the ReportModel from parsed inputs, and writing every report output into --out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/report_model.h"
#include "core/result.h"
#include "core/roster.h"
#include "parse/corpus.h"

namespace quorum::cli {

// Threads, identities, votes and positions over `corpus`, positions with `jobs` threads.
// Moves the messages out of `corpus`.
Result<ReportModel> BuildReportModel(parse::Corpus* corpus, const std::vector<std::string>& inputs,
                                     const Roster* roster, int jobs = 1);

// Writes the site, report.json, votes.csv and quorum.sqlite into `out` (created if missing),
// each file atomically, index.html after the pages it links to, and the state file last.
// `since` > 0 makes the digest cover everything from that date instead of the last run.
// Prints progress when ctx.progress and the figures unless ctx.quiet.
Status WriteReport(const ReportModel& model, const std::string& out, int64_t since,
                   const Context& ctx);

}  // namespace quorum::cli
