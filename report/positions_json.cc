// SPDX-License-Identifier: Apache-2.0
// The JSON of positions, agreements and summaries (one home for both outputs that write them).
#include "report/positions_json.h"

namespace quorum::report {

// Members in the order docs/output-schema.md gives.
void WritePositionJson(const Position& p, JsonWriter* w) {
  w->BeginObject();
  w->Key("label").String(p.label);
  w->Key("label_message_id").String(p.label_message_id);
  w->Key("keyphrases").BeginArray();
  for (const std::string& k : p.keyphrases) w->String(k);
  w->EndArray();
  w->Key("holders").BeginArray();
  for (const PositionHolder& h : p.holders) {
    w->BeginObject();
    w->Key("name").String(h.name);
    w->Key("address").String(h.address);
    w->Key("stance").String(StanceName(h.stance));
    w->Key("message_ids").BeginArray();
    for (const std::string& id : h.message_ids) w->String(id);
    w->EndArray();
    w->Key("quote").String(h.quote);
    w->Key("conditional").Bool(h.conditional);
    w->EndObject();
  }
  w->EndArray();
  w->Key("messages").Int(p.messages);
  w->Key("participants").Int(p.participants);
  w->Key("recurring").Bool(p.recurring);
  w->EndObject();
}

void WriteAgreementJson(const Agreement& a, JsonWriter* w) {
  w->BeginObject();
  w->Key("from").BeginObject().Key("name").String(a.from_name);
  w->Key("address").String(a.from_address).EndObject();
  w->Key("to").BeginObject().Key("name").String(a.to_name);
  w->Key("address").String(a.to_address).EndObject();
  w->Key("kind").String(AgreementKindName(a.kind));
  w->Key("message_id").String(a.message_id);
  w->Key("quote").String(a.quote);
  w->EndObject();
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

void WriteSideJson(const SideTaker& s, JsonWriter* w) {
  w->BeginObject();
  w->Key("name").String(s.name);
  w->Key("address").String(s.address);
  w->Key("message_id").String(s.message_id);
  w->Key("quote").String(s.quote);
  w->Key("basis").String(s.basis);
  w->EndObject();
}

void WriteBucket(int plus, int zero, int minus, JsonWriter* w) {
  w->BeginObject().Key("+1").Int(plus).Key("0").Int(zero).Key("-1").Int(minus).EndObject();
}

}  // namespace

void WriteSummaryJson(const Discussion& d, JsonWriter* w) {
  const Summary& s = d.summary;
  w->BeginObject();
  w->Key("lead").String(s.lead);
  w->Key("lead_message_id").String(s.lead_message_id);
  w->Key("decision");
  if (s.has_decision) {
    const Decision& x = s.decision;
    w->BeginObject();
    w->Key("status").String(x.status);
    w->Key("thread_id").String(x.thread_id);
    w->Key("subject").String(x.subject);
    w->Key("tally").BeginObject();
    w->Key("binding");
    WriteBucket(x.binding_plus, x.binding_zero, x.binding_minus, w);
    w->Key("non_binding");
    WriteBucket(x.non_binding_plus, x.non_binding_zero, x.non_binding_minus, w);
    w->EndObject();
    w->Key("result_message_id").String(x.result_message_id);
    w->EndObject();
  } else {
    w->Null();
  }
  w->Key("support").BeginArray();
  for (const SideTaker& t : s.support) WriteSideJson(t, w);
  w->EndArray();
  w->Key("oppose").BeginArray();
  for (const SideTaker& t : s.oppose) WriteSideJson(t, w);
  w->EndArray();
  std::vector<int> shown = ArgumentIndices(d);
  w->Key("arguments").BeginArray();
  for (int i : shown) WritePositionJson(d.positions[static_cast<size_t>(i)], w);
  w->EndArray();
  w->Key("also_raised").Uint(d.positions.size() - shown.size());
  w->EndObject();
}

}  // namespace quorum::report
