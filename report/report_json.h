// SPDX-License-Identifier: Apache-2.0
// report.json: proposals with their votes, positions, participants and timeline
// (docs/output-schema.md).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/report_model.h"
#include "core/result.h"
#include "report/digest.h"
#include "report/proposal_view.h"

namespace quorum::report {

// The whole document, pretty-printed with a trailing newline, handed to `write` piece by piece
// (one proposal at a time), stopping at the first failure. Invalid UTF-8 becomes U+FFFD.
Status WriteReportJson(const ReportModel& model, const std::vector<ProposalView>& views,
                       const Digest& digest, const std::function<Status(std::string_view)>& write);
// The same document as one string (tests, small inputs).
std::string RenderReportJson(const ReportModel& model, const std::vector<ProposalView>& views,
                             const Digest& digest);

}  // namespace quorum::report
