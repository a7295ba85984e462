// SPDX-License-Identifier: Apache-2.0
// quorum.sqlite: messages, threads, proposals, vote threads, votes, positions
// (docs/output-schema.md).
#pragma once

#include <string>
#include <vector>

#include "core/report_model.h"
#include "core/result.h"
#include "report/proposal_view.h"

namespace quorum::report {

// Builds the database in a temp file beside `path` (core/atomic_file.h: a name unique to this
// process), in one transaction with foreign keys on, then commits it over `path` (fsync,
// rename, fsync of the directory), or removes it when `path` already holds the same bytes. On
// any error the temp file is removed, `path` is untouched and the error names `path`'s file
// name and, for SQLite errors, the statement that failed.
Status WriteSqlite(const ReportModel& model, const std::vector<ProposalView>& views,
                   const std::string& path);

}  // namespace quorum::report
