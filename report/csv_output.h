// SPDX-License-Identifier: Apache-2.0
// votes.csv: one row per vote, RFC 4180, every field quoted, safe against formula injection.
#pragma once

#include <string>
#include <string_view>

#include "core/report_model.h"

namespace quorum::report {

// One CSV field: always double-quoted, inner quotes doubled. When `text` is mail-derived free
// text (`guard`) and starts with = + - @ TAB or CR, a ' is put in front so spreadsheets do not
// run it as a formula (OWASP "CSV injection").
std::string CsvField(std::string_view text, bool guard);

// Header row plus one row per vote of every vote thread (superseded votes included, marked),
// CRLF line ends (RFC 4180). Columns in docs/output-schema.md.
std::string RenderVotesCsv(const ReportModel& model);

}  // namespace quorum::report
