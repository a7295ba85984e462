// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: HTML escaping, URL allowlist and file names hold their promises on any bytes.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/text.h"
#include "report/html_escape.h"

using namespace quorum;
using namespace quorum::report;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string e = EscapeHtml(in);
  if (!IsValidUtf8(e)) abort();
  for (unsigned char c : e) {
    if (c == '<' || c == '>' || c == '"' || c == '\'') abort();
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) abort();
  }
  if (e.find("\xE2\x80\xAE") != std::string::npos) abort();  // no raw RLO
  std::string u = SafeUrl(in);
  if (!u.empty() && u.find_first_of(" \"'<>\n\r") != std::string::npos) abort();
  std::string f = SafeFileName(in);
  if (f.empty() || f.size() > 80 || f[0] == '.' || f[0] == '-' ||
      f.find('/') != std::string::npos) {
    abort();
  }
  return 0;
}
