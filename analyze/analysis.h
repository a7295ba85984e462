// SPDX-License-Identifier: Apache-2.0
// The one analysis entry point: votes, proposals and positions of a Corpus, in one pass.
#pragma once

#include "analyze/discussions.h"
#include "analyze/positions.h"
#include "analyze/summary.h"
#include "core/analysis.h"
#include "core/corpus.h"
#include "core/report_model.h"
#include "core/result.h"
#include "core/roster.h"

namespace quorum::analyze {

struct AnalysisOptions {
  const Roster* roster = nullptr;  // PMC rosters for binding status; null: none
  bool positions = true;           // false: votes and proposals only (`quorum votes`)
  int jobs = 1;                    // discussions analysed at once; the result does not depend on it
  DiscussionOptions discussions;   // which untagged threads are discussions of their own
  PositionOptions position_options;  // its `jobs` is replaced by `jobs` above
  SummaryOptions summary;
};

// Finds the vote threads (votes, binding status, outcome, result check), groups threads into
// proposals (untagged busy discussions included), and, when asked, the positions of each
// proposal's discussion (all of its threads together). Every command that prints votes,
// proposals or positions calls this, so they agree. Fails only when the vote patterns do not
// compile (an internal error). Deterministic.
Result<Analysis> Analyze(const Corpus& corpus, const AnalysisOptions& options = {});

// The report model of `corpus` (read from `inputs`): its analysis with `roster` (may be null),
// positions with `jobs` threads. Moves the messages out of `corpus`.
Result<ReportModel> AnalyzeForReport(Corpus* corpus, const std::vector<std::string>& inputs,
                                     const Roster* roster, int jobs = 1);

}  // namespace quorum::analyze
