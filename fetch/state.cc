// SPDX-License-Identifier: Apache-2.0
// State file reading and writing.
#include "fetch/state.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/atomic_file.h"

namespace quorum::fetch {
namespace {

constexpr const char* kHeader =
    "# quorum fetch state v2\n"
    "# month\tformat\tmessages\tbytes\tsha256\tfetched_at\turl\tcomplete\n";

const char* CompletenessName(Completeness c) {
  switch (c) {
    case Completeness::kComplete:
      return "yes";
    case Completeness::kTruncated:
      return "no";
    case Completeness::kUnknown:
      break;
  }
  return "unknown";
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab - start));
    if (tab == std::string::npos) return out;
    start = tab + 1;
  }
}

bool ParseU64(const std::string& s, uint64_t* out) {
  if (s.empty() || s.size() > 19) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

Result<ListState> LoadListState(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return ListState{};
    return Error{ErrorCode::kIo, "cannot read " + path + ": " + std::strerror(errno)};
  }
  ListState state;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = SplitTabs(line);
    // Version 1 lines have 7 fields; version 2 adds `complete`.
    if (f.size() != 7 && f.size() != 8) continue;
    MonthRecord r;
    r.month = f[0];
    r.format = f[1];
    if (!ParseU64(f[2], &r.messages) || !ParseU64(f[3], &r.bytes) || f[4].size() != 64) continue;
    r.sha256 = f[4];
    r.fetched_at = f[5];
    r.url = f[6];
    if (f.size() == 8) {
      if (f[7] == "yes") {
        r.complete = Completeness::kComplete;
      } else if (f[7] == "no") {
        r.complete = Completeness::kTruncated;
      } else if (f[7] != "unknown") {
        continue;
      }
    }
    state[r.month] = r;
  }
  return state;
}

std::string FormatListState(const ListState& state) {
  std::ostringstream out;
  out << kHeader;
  for (const auto& [month, r] : state) {
    out << r.month << '\t' << r.format << '\t' << r.messages << '\t' << r.bytes << '\t' << r.sha256
        << '\t' << r.fetched_at << '\t' << r.url << '\t' << CompletenessName(r.complete) << '\n';
  }
  return out.str();
}

Status SaveListState(const std::string& path, const ListState& state) {
  return WriteFileAtomic(path, FormatListState(state));
}

MboxFormat RecordedMboxFormat(const std::string& mbox_path) {
  std::filesystem::path p(mbox_path);
  if (p.extension() != ".mbox") return MboxFormat::kAuto;
  Result<ListState> state = LoadListState((p.parent_path() / kStateFileName).string());
  if (!state.ok()) return MboxFormat::kAuto;
  auto it = state.value().find(p.stem().string());
  if (it == state.value().end()) return MboxFormat::kAuto;
  return ParseMboxFormat(it->second.format).value_or(MboxFormat::kAuto);
}

}  // namespace quorum::fetch
