// SPDX-License-Identifier: Apache-2.0
// Digest computation and the state file (nlohmann_json stays inside report/).
#include "report/digest.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/time.h"

namespace quorum::report {
namespace {

std::string VoteKey(const VoteThread& t, const Vote& v) { return t.thread_id + " " + v.message_id; }

std::string BindingWord(const Vote& v) {
  if (!v.binding.has_value()) return "";
  return *v.binding ? " (binding)" : " (non-binding)";
}

}  // namespace

ReportState StateOf(const ReportModel& model) {
  ReportState s;
  for (const auto& p : model.proposals) s.proposals.insert(p.id);
  for (const auto& t : model.vote_threads) {
    for (const auto& v : t.votes) {
      if (!v.superseded) s.votes.insert(VoteKey(t, v));
    }
    if (t.status != VoteStatus::kOpen) s.decided.insert(t.thread_id);
  }
  return s;
}

Digest ComputeDigest(const ReportModel& model, const ReportState* previous, int64_t since) {
  Digest d;
  if (since > 0) {
    d.basis = "since " + FormatIsoDate(since);
  } else {
    d.basis = previous ? "since the last run" : "first run";
  }
  auto is_new = [&](const std::set<std::string>* seen, const std::string& key, int64_t date) {
    if (since > 0) return date >= since;
    return seen == nullptr || seen->count(key) == 0;
  };
  for (const auto& p : model.proposals) {
    int64_t first = 0;
    for (const auto& t : p.threads) {
      if (t.first_date > 0 && (first == 0 || t.first_date < first)) first = t.first_date;
    }
    if (is_new(previous ? &previous->proposals : nullptr, p.id, first)) {
      d.entries.push_back({"new-proposal", p.id, "", "", first, p.title, "new proposal"});
    }
  }
  for (const auto& t : model.vote_threads) {
    for (const auto& v : t.votes) {
      if (v.superseded) continue;
      if (is_new(previous ? &previous->votes : nullptr, VoteKey(t, v), v.date)) {
        std::string who = v.voter.name.empty() ? v.voter.address : v.voter.name;
        d.entries.push_back({"new-vote", t.proposal_id, t.thread_id, v.message_id, v.date,
                             t.subject, who + " voted " + v.value + BindingWord(v)});
      }
    }
    if (t.status != VoteStatus::kOpen &&
        is_new(previous ? &previous->decided : nullptr, t.thread_id, t.closed)) {
      d.entries.push_back({"decided", t.proposal_id, t.thread_id, t.result.message_id, t.closed,
                           t.subject, std::string("the vote ") + ToString(t.status)});
    }
  }
  std::stable_sort(d.entries.begin(), d.entries.end(),
                   [](const DigestEntry& a, const DigestEntry& b) {
                     if (a.date != b.date) return a.date > b.date;
                     if (a.type != b.type) return a.type < b.type;
                     if (a.thread_id != b.thread_id) return a.thread_id < b.thread_id;
                     if (a.proposal_id != b.proposal_id) return a.proposal_id < b.proposal_id;
                     return a.message_id < b.message_id;
                   });
  return d;
}

std::string StateToJson(const ReportState& state) {
  nlohmann::ordered_json j;
  j["schema_version"] = 1;
  j["proposals"] = state.proposals;
  j["votes"] = state.votes;
  j["decided"] = state.decided;
  return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Result<ReportState> StateFromJson(const std::string& json) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return Error{ErrorCode::kInvalidData, "report: state file is not a JSON object"};
  }
  ReportState s;
  const std::pair<const char*, std::set<std::string>*> fields[] = {
      {"proposals", &s.proposals}, {"votes", &s.votes}, {"decided", &s.decided}};
  for (const auto& [name, set] : fields) {
    auto it = j.find(name);
    if (it == j.end() || !it->is_array()) continue;
    for (const auto& e : *it) {
      if (e.is_string()) set->insert(e.get<std::string>());
    }
  }
  return s;
}

}  // namespace quorum::report
