// SPDX-License-Identifier: Apache-2.0
// report.json: proposals with their votes, positions, participants and timeline
// (docs/output-schema.md).
#pragma once

#include <string>
#include <vector>

#include "core/report_model.h"
#include "report/digest.h"
#include "report/proposal_view.h"

namespace quorum::report {

// The whole document, pretty-printed with a trailing newline. Invalid UTF-8 becomes U+FFFD.
std::string RenderReportJson(const ReportModel& model, const std::vector<ProposalView>& views,
                             const Digest& digest);

}  // namespace quorum::report
