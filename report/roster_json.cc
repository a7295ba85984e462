// SPDX-License-Identifier: Apache-2.0
// committee-info.json -> Roster; nlohmann exceptions are caught here, at the boundary.
#include "report/roster_json.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace quorum::report {

namespace {

Result<Roster> Parse(std::string_view json, const std::string& origin) {
  nlohmann::json j = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return Error{ErrorCode::kInvalidData, "roster: " + origin + ": not valid JSON"};
  }
  auto committees = j.find("committees");
  if (committees == j.end() || !committees->is_object()) {
    return Error{ErrorCode::kInvalidData, "roster: " + origin + ": no \"committees\" object"};
  }
  Roster roster;
  for (auto it = committees->begin(); it != committees->end(); ++it) {
    if (!it->is_object()) continue;
    auto r = it->find("roster");
    if (r == it->end() || !r->is_object()) continue;
    std::vector<RosterMember>& members = roster.committees[it.key()];
    for (auto m = r->begin(); m != r->end(); ++m) {
      RosterMember rm;
      rm.id = m.key();
      if (m->is_object()) {
        auto name = m->find("name");
        if (name != m->end() && name->is_string()) rm.name = name->get<std::string>();
        auto date = m->find("date");
        if (date != m->end() && date->is_string()) rm.date = date->get<std::string>();
      }
      members.push_back(std::move(rm));
    }
    std::sort(members.begin(), members.end(),
              [](const RosterMember& a, const RosterMember& b) { return a.id < b.id; });
  }
  return roster;
}

}  // namespace

Result<Roster> ParseRosterJson(std::string_view json, const std::string& origin) {
  try {
    return Parse(json, origin);
  } catch (const nlohmann::json::exception& e) {
    return Error{ErrorCode::kInvalidData, "roster: " + origin + ": " + e.what()};
  }
}

Result<Roster> LoadRosterFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{ErrorCode::kIo, "roster: " + path + ": cannot open"};
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Error{ErrorCode::kIo, "roster: " + path + ": read failed"};
  return ParseRosterJson(ss.str(), path);
}

}  // namespace quorum::report
