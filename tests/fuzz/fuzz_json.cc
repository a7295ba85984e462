// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: JSON output of hostile strings always parses back, with the same text.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/text.h"
#include "report/json_output.h"

using namespace quorum;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string s(reinterpret_cast<const char*>(data), size);
  Message m;
  m.message_id = s;
  m.subject = s;
  m.from.name = s;
  m.text = s;
  std::ostringstream out;
  report::WriteMessageJsonLine(m, s, s, out);
  std::string line = out.str();
  if (line.empty() || line.back() != '\n') abort();
  line.pop_back();
  if (line.find('\n') != std::string::npos) abort();  // one message, one line
  nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) abort();
  if (IsValidUtf8(s) && j["subject"] != s) abort();  // valid text survives unchanged
  return 0;
}
