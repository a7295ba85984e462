// SPDX-License-Identifier: Apache-2.0
// Internal to report/: one vote thread as JSON, shared by `quorum votes` and report.json.
#pragma once

#include <nlohmann/json.hpp>

#include "core/vote.h"

namespace quorum::report {

// The vote-thread object of docs/output-schema.md ("quorum votes").
nlohmann::ordered_json VoteThreadJson(const VoteThread& t);

}  // namespace quorum::report
