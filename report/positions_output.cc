// SPDX-License-Identifier: Apache-2.0
// JSON and text output of positions (`quorum positions`), the shape in docs/positions.md.
#include "report/positions_output.h"

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "report/json_output.h"
#include "report/json_stream.h"
#include "report/positions_json.h"

namespace quorum::report {
namespace {

std::string Who(const std::string& name, const std::string& address) {
  return name.empty() ? address : name;
}

void WriteSides(const char* title, const std::vector<SideTaker>& sides, std::ostream& out) {
  if (sides.empty()) return;
  out << "  " << title << ":";
  for (size_t i = 0; i < sides.size(); ++i) {
    out << (i ? ", " : " ") << Who(sides[i].name, sides[i].address);
    if (!sides[i].basis.empty()) out << " (" << sides[i].basis << ")";
  }
  out << '\n';
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
  doc.WrittenArray("discussions", discussions.size(), [&](size_t i, JsonWriter* w) {
    const Discussion& d = discussions[i];
    w->BeginObject();
    w->Key("thread_ids").BeginArray();
    for (const std::string& id : d.thread_ids) w->String(id);
    w->EndArray();
    w->Key("proposal");
    d.proposal_id.empty() ? w->Null() : w->String(d.proposal_id);
    w->Key("branched_from");
    auto branch = branched_from.find(d.proposal_id);
    branch == branched_from.end() ? w->Null() : w->String(branch->second);
    w->Key("subject").String(d.subject);
    w->Key("messages").Int(d.messages);
    w->Key("participants").Int(d.participants);
    w->Key("summary");
    WriteSummaryJson(d, w);
    w->Key("positions").BeginArray();
    for (const Position& p : d.positions) WritePositionJson(p, w);
    w->EndArray();
    w->Key("agreements").BeginArray();
    for (const Agreement& a : d.agreements) WriteAgreementJson(a, w);
    w->EndArray();
    w->EndObject();
  });
  Status s = doc.Finish();
  (void)s;  // the stream's own state reports write errors to the caller
}

void WritePositionsText(const std::vector<Discussion>& discussions, std::ostream& out,
                        const BranchedFrom& branched_from) {
  for (const Discussion& d : discussions) {
    const Summary& s = d.summary;
    if (d.positions.empty() && d.agreements.empty() && s.lead.empty() && !s.has_decision &&
        s.support.empty() && s.oppose.empty()) {
      continue;
    }
    out << "== " << (d.proposal_id.empty() ? "" : "[proposal " + d.proposal_id + "] ") << d.subject
        << "  (" << d.messages << " messages, " << d.participants << " people)\n";
    auto branch = branched_from.find(d.proposal_id);
    if (branch != branched_from.end()) out << "  (branched from thread " << branch->second << ")\n";
    if (!s.lead.empty()) {
      out << "  Lead: \"" << s.lead << "\"" << (s.lead_author.empty() ? "" : " -- " + s.lead_author)
          << '\n';
    }
    if (s.has_decision) out << "  Decision: " << DecisionText(s.decision) << '\n';
    WriteSides("For", s.support, out);
    WriteSides("Against", s.oppose, out);
    std::vector<int> arguments = ArgumentIndices(d);
    if (!arguments.empty()) out << "  Main arguments:\n";
    int n = 0;
    for (int i : arguments) {
      const Position& p = d.positions[static_cast<size_t>(i)];
      out << "  " << ++n << ". \"" << p.label << "\"  (" << p.participants << " people, "
          << p.messages << " messages)\n";
      for (const PositionHolder& h : p.holders) {
        out << "      " << StanceName(h.stance) << (h.conditional ? " (if)" : "") << "  "
            << Who(h.name, h.address) << " <" << h.address << ">  \"" << h.quote << "\"\n";
      }
    }
    size_t also = d.positions.size() - arguments.size();
    if (also > 0) out << "  also raised: " << also << " (see --format json)\n";
    out << '\n';
  }
}

void WritePositions(Analysis&& analysis, bool text, std::ostream& out) {
  std::vector<Discussion> discussions;
  for (Discussion& d : analysis.discussions) {
    if (!d.thread_ids.empty()) discussions.push_back(std::move(d));
  }
  BranchedFrom branched_from;
  for (const Proposal& p : analysis.proposals) {
    if (!p.branched_from.empty()) branched_from.emplace(p.id, p.branched_from);
  }
  if (text) {
    WritePositionsText(discussions, out, branched_from);
  } else {
    WritePositionsJson(discussions, out, branched_from);
  }
}

}  // namespace quorum::report
