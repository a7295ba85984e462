// SPDX-License-Identifier: Apache-2.0
// Diagnostics: what was wrong with the input, where, and why. Bad input never aborts a run.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace quorum {

// Where a message (or a problem) sits: the input file and the byte offset in it.
// For a .gz file the offset is into the decompressed stream.
struct SourceRef {
  std::string file;
  uint64_t offset = 0;
};

// One problem found in the input. `code` is a short stable kebab-case token that scripts may
// match ("bad-date", "mime-depth-limit", ...; see docs/output-schema.md); `detail` is for people.
struct Diagnostic {
  SourceRef where;
  std::string code;
  std::string detail;
};

// "file:offset: code: detail", the form printed on stderr.
std::string FormatDiagnostic(const Diagnostic& d);

using Diagnostics = std::vector<Diagnostic>;

}  // namespace quorum
