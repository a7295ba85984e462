// SPDX-License-Identifier: Apache-2.0
// JSON and text output of positions (`quorum positions`), the shape in docs/positions.md.
#include "report/positions_output.h"

#include <functional>
#include <nlohmann/json.hpp>

#include "report/json_output.h"
#include "report/json_stream.h"

namespace quorum::report {
namespace {

using nlohmann::ordered_json;

constexpr size_t kTextPositions = 12;  // per discussion in the text view; JSON has them all

ordered_json PositionJson(const Position& p) {
  ordered_json holders = ordered_json::array();
  for (const PositionHolder& h : p.holders) {
    holders.push_back(ordered_json{{"name", h.name},
                                   {"address", h.address},
                                   {"stance", StanceName(h.stance)},
                                   {"message_ids", h.message_ids},
                                   {"quote", h.quote},
                                   {"conditional", h.conditional}});
  }
  return ordered_json{
      {"label", p.label},       {"label_message_id", p.label_message_id},
      {"keyphrases", p.keyphrases},     {"holders", holders},
      {"messages", p.messages}, {"participants", p.participants}, {"recurring", p.recurring}};
}

ordered_json AgreementJson(const Agreement& a) {
  return ordered_json{{"from", ordered_json{{"name", a.from_name}, {"address", a.from_address}}},
                      {"to", ordered_json{{"name", a.to_name}, {"address", a.to_address}}},
                      {"kind", AgreementKindName(a.kind)},
                      {"message_id", a.message_id},
                      {"quote", a.quote}};
}

ordered_json SideJson(const SideTaker& t) {
  return ordered_json{{"name", t.name},
                      {"address", t.address},
                      {"message_id", t.message_id},
                      {"quote", t.quote},
                      {"basis", t.basis}};
}

ordered_json SummaryJson(const Discussion& d) {
  const Summary& s = d.summary;
  ordered_json support = ordered_json::array(), oppose = ordered_json::array(),
               arguments = ordered_json::array();
  for (const SideTaker& t : s.support) support.push_back(SideJson(t));
  for (const SideTaker& t : s.oppose) oppose.push_back(SideJson(t));
  for (int i : s.arguments) arguments.push_back(PositionJson(d.positions[static_cast<size_t>(i)]));
  ordered_json decision = nullptr;
  if (s.has_decision) {
    const Decision& x = s.decision;
    decision = ordered_json{{"status", x.status}, {"thread_id", x.thread_id},
                            {"result_message_id", x.result_message_id}};
  }
  return ordered_json{{"lead", s.lead},         {"lead_message_id", s.lead_message_id},
                      {"decision", decision},   {"support", support},
                      {"oppose", oppose},       {"arguments", arguments},
                      {"also_raised", s.also_raised}};
}

ordered_json BranchedFromJson(const BranchedFrom& branched_from, const std::string& proposal) {
  auto it = branched_from.find(proposal);
  return it == branched_from.end() ? ordered_json(nullptr) : ordered_json(it->second);
}

}  // namespace

void WritePositionsJson(const std::vector<Discussion>& discussions, std::ostream& out,
                        const BranchedFrom& branched_from) {
  // One discussion's JSON in memory at a time (report/json_stream.h).
  std::function<Status(std::string_view)> write = [&out](std::string_view piece) {
    out << piece;
    return Status();
  };
  DocumentWriter doc(write);
  doc.Member("schema_version", kSchemaVersion);
  doc.Array("discussions", discussions.size(), [&](size_t i) {
    const Discussion& d = discussions[i];
    ordered_json positions = ordered_json::array();
    for (const Position& p : d.positions) positions.push_back(PositionJson(p));
    ordered_json agreements = ordered_json::array();
    for (const Agreement& a : d.agreements) agreements.push_back(AgreementJson(a));
    return ordered_json{
        {"thread_ids", d.thread_ids},
        {"proposal", d.proposal_id.empty() ? ordered_json(nullptr) : ordered_json(d.proposal_id)},
        {"branched_from", BranchedFromJson(branched_from, d.proposal_id)},
        {"subject", d.subject},
        {"messages", d.messages},
        {"participants", d.participants},
        {"summary", SummaryJson(d)},
        {"positions", positions},
        {"agreements", agreements}};
  });
  Status s = doc.Finish();
  (void)s;  // the stream's own state reports write errors to the caller
}

void WritePositionsText(const std::vector<Discussion>& discussions, std::ostream& out,
                        const BranchedFrom& branched_from) {
  for (const Discussion& d : discussions) {
    if (d.positions.empty() && d.agreements.empty()) continue;
    out << "== " << (d.proposal_id.empty() ? "" : "[proposal " + d.proposal_id + "] ") << d.subject
        << "  (" << d.messages << " messages, " << d.participants << " people)\n";
    auto branch = branched_from.find(d.proposal_id);
    if (branch != branched_from.end()) out << "  (branched from thread " << branch->second << ")\n";
    size_t shown = 0;
    for (const Position& p : d.positions) {
      if (shown++ == kTextPositions) {
        out << "  ... and " << d.positions.size() - kTextPositions << " more (see --format json)\n";
        break;
      }
      out << "  * " << p.label << (p.recurring ? "" : "  [once]") << "  (" << p.participants
          << " people, " << p.messages << " messages)\n";
      for (const PositionHolder& h : p.holders) {
        out << "      " << StanceName(h.stance) << (h.conditional ? " (if)" : "") << "  " << h.name
            << " <" << h.address << ">  \"" << h.quote << "\"\n";
      }
    }
    for (const Agreement& a : d.agreements) {
      out << "  ~ " << a.from_name << " " << AgreementKindName(a.kind) << "s with " << a.to_name
          << ": \"" << a.quote << "\"\n";
    }
    out << '\n';
  }
}

}  // namespace quorum::report
