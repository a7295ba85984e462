// SPDX-License-Identifier: Apache-2.0
// The JSON of positions, agreements and summaries (one home for both outputs that write them).
#include "report/positions_json.h"

namespace quorum::report {

using nlohmann::ordered_json;

// Objects are filled member by member, nested values moved in: a braced initializer list copies
// every nested value once more at each level.
ordered_json PositionJson(const Position& p) {
  ordered_json holders = ordered_json::array();
  for (const PositionHolder& h : p.holders) {
    ordered_json holder = ordered_json::object();
    holder["name"] = h.name;
    holder["address"] = h.address;
    holder["stance"] = StanceName(h.stance);
    holder["message_ids"] = h.message_ids;
    holder["quote"] = h.quote;
    holder["conditional"] = h.conditional;
    holders.push_back(std::move(holder));
  }
  ordered_json j = ordered_json::object();
  j["label"] = p.label;
  j["label_message_id"] = p.label_message_id;
  j["keyphrases"] = p.keyphrases;
  j["holders"] = std::move(holders);
  j["messages"] = p.messages;
  j["participants"] = p.participants;
  j["recurring"] = p.recurring;
  return j;
}

ordered_json AgreementJson(const Agreement& a) {
  return ordered_json{{"from", ordered_json{{"name", a.from_name}, {"address", a.from_address}}},
                      {"to", ordered_json{{"name", a.to_name}, {"address", a.to_address}}},
                      {"kind", AgreementKindName(a.kind)},
                      {"message_id", a.message_id},
                      {"quote", a.quote}};
}

std::string DecisionText(const Decision& x) {
  std::string out = x.status + ": " + std::to_string(x.binding_plus) + " binding +1";
  if (x.non_binding_plus) out += ", " + std::to_string(x.non_binding_plus) + " non-binding +1";
  int minus = x.binding_minus + x.non_binding_minus;
  if (minus == 0) {
    out += ", no -1";
  } else if (x.binding_minus == minus) {
    out += ", " + std::to_string(minus) + " binding -1";
  } else {
    out += ", " + std::to_string(minus) + " -1";
    if (x.binding_minus) out += " (" + std::to_string(x.binding_minus) + " binding)";
  }
  return out;
}

std::vector<int> ArgumentIndices(const Discussion& d) {
  std::vector<int> out;
  const int n = static_cast<int>(d.positions.size());
  for (int i : d.summary.arguments) {
    if (i >= 0 && i < n) out.push_back(i);
  }
  if (!d.summary.arguments.empty()) return out;
  for (int i = 0; i < n && out.size() < kMaxArguments; ++i) {
    if (d.positions[static_cast<size_t>(i)].recurring) out.push_back(i);
  }
  return out;
}

namespace {

ordered_json SideJson(const SideTaker& s) {
  ordered_json j = ordered_json::object();
  j["name"] = s.name;
  j["address"] = s.address;
  j["message_id"] = s.message_id;
  j["quote"] = s.quote;
  j["basis"] = s.basis;
  return j;
}

ordered_json Bucket(int plus, int zero, int minus) {
  return ordered_json{{"+1", plus}, {"0", zero}, {"-1", minus}};
}

}  // namespace

ordered_json SummaryJson(const Discussion& d) {
  const Summary& s = d.summary;
  ordered_json decision(nullptr);
  if (s.has_decision) {
    const Decision& x = s.decision;
    decision = ordered_json{
        {"status", x.status},
        {"thread_id", x.thread_id},
        {"subject", x.subject},
        {"tally", ordered_json{{"binding", Bucket(x.binding_plus, x.binding_zero, x.binding_minus)},
                               {"non_binding", Bucket(x.non_binding_plus, x.non_binding_zero,
                                                      x.non_binding_minus)}}},
        {"result_message_id", x.result_message_id}};
  }
  ordered_json support = ordered_json::array();
  for (const SideTaker& t : s.support) support.push_back(SideJson(t));
  ordered_json oppose = ordered_json::array();
  for (const SideTaker& t : s.oppose) oppose.push_back(SideJson(t));
  ordered_json arguments = ordered_json::array();
  std::vector<int> shown = ArgumentIndices(d);
  for (int i : shown) arguments.push_back(PositionJson(d.positions[static_cast<size_t>(i)]));
  ordered_json j = ordered_json::object();
  j["lead"] = s.lead;
  j["lead_message_id"] = s.lead_message_id;
  j["decision"] = std::move(decision);
  j["support"] = std::move(support);
  j["oppose"] = std::move(oppose);
  j["arguments"] = std::move(arguments);
  j["also_raised"] = d.positions.size() - shown.size();
  return j;
}

}  // namespace quorum::report
