// SPDX-License-Identifier: Apache-2.0
// Formatting of diagnostics for people.
#include "core/diagnostics.h"

namespace quorum {

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out = d.where.file;
  out += ':';
  out += std::to_string(d.where.offset);
  out += ": ";
  out += d.code;
  if (!d.detail.empty()) {
    out += ": ";
    out += d.detail;
  }
  return out;
}

}  // namespace quorum
