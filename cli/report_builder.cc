// SPDX-License-Identifier: Apache-2.0
// The report model: threads, identities, votes and positions over a parsed corpus.
#include "cli/report_builder.h"

#include <vector>

#include "analyze/analysis.h"

namespace quorum::cli {

Result<ReportModel> BuildReportModel(parse::Corpus* corpus, const std::vector<std::string>& inputs,
                                     const Roster* roster, int jobs) {
  analyze::AnalysisOptions options;
  options.roster = roster;
  options.jobs = jobs;
  Result<Analysis> analysis = analyze::Analyze(*corpus, options);
  if (!analysis.ok()) return analysis.error();
  return MakeReportModel(std::move(*corpus), std::move(analysis).value(), inputs);
}

}  // namespace quorum::cli
