// SPDX-License-Identifier: Apache-2.0
// report.json writer.
#include "report/report_json.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/time.h"
#include "report/json_output.h"
#include "report/json_stream.h"
#include "report/positions_json.h"
#include "report/votes_json.h"

namespace quorum::report {
namespace {

using nlohmann::ordered_json;

void WriteProposalJson(const ReportModel& model, const ProposalView& v, JsonWriter* w) {
  const Proposal& p = model.proposals[static_cast<size_t>(v.proposal)];
  w->BeginObject();
  w->Key("id").String(p.id);
  w->Key("title").String(p.title);
  w->Key("kind").String(v.kind);
  w->Key("status").String(v.status);
  w->Key("page").String(v.file);
  w->Key("threads").BeginArray();
  for (const auto& t : p.threads) {
    w->BeginObject();
    w->Key("thread_id").String(t.thread_id);
    w->Key("role").String(t.role);
    w->Key("subject").String(t.subject);
    w->Key("first_date");
    WriteDate(t.first_date, w);
    w->EndObject();
  }
  w->EndArray();
  w->Key("branched_from");
  p.branched_from.empty() ? w->Null() : w->String(p.branched_from);
  w->Key("vote_threads").BeginArray();
  for (int ti : v.vote_threads) w->String(model.vote_threads[static_cast<size_t>(ti)].thread_id);
  w->EndArray();
  w->Key("votes").BeginArray();
  for (int ti : v.vote_threads) {
    const VoteThread& t = model.vote_threads[static_cast<size_t>(ti)];
    for (const auto& vote : t.votes) {
      w->BeginObject();
      w->Key("thread_id").String(t.thread_id);
      w->Key("voter").BeginObject();
      w->Key("name").String(vote.voter.name);
      w->Key("address").String(vote.voter.address);
      w->EndObject();
      w->Key("value").String(vote.value);
      w->Key("binding");
      vote.binding ? w->Bool(*vote.binding) : w->Null();
      w->Key("binding_evidence").String(ToString(vote.binding_evidence));
      w->Key("superseded").Bool(vote.superseded);
      w->Key("message_id").String(vote.message_id);
      w->Key("date");
      WriteDate(vote.date, w);
      w->EndObject();
    }
  }
  w->EndArray();
  const Discussion none;
  const Discussion& d = static_cast<size_t>(v.proposal) < model.proposal_positions.size()
                            ? model.proposal_positions[static_cast<size_t>(v.proposal)]
                            : none;
  w->Key("summary");
  WriteSummaryJson(d, w);
  w->Key("positions").BeginArray();
  for (const auto& pos : d.positions) WritePositionJson(pos, w);
  w->EndArray();
  w->Key("participants").BeginArray();
  for (const std::string& name : v.participants) w->String(name);
  w->EndArray();
  w->Key("timeline").BeginObject();
  w->Key("first_date");
  WriteDate(v.first_date, w);
  w->Key("last_date");
  WriteDate(v.last_date, w);
  w->Key("messages").Uint(v.messages.size());
  w->Key("per_day").BeginObject();
  for (const auto& [day, n] : v.per_day) w->Key(day).Int(n);
  w->EndObject();
  w->EndObject();
  w->EndObject();
}

}  // namespace

Status WriteReportJson(const ReportModel& model, const std::vector<ProposalView>& views,
                       const Digest& digest, const std::function<Status(std::string_view)>& write) {
  DocumentWriter doc(write);
  doc.Member("schema_version", kSchemaVersion);
  doc.Member("generated_from", model.inputs);
  MailDate newest;
  int diagnostics = model.file_diagnostics;
  for (const auto& m : model.messages) {
    newest = std::max(newest, m.date);
    diagnostics += static_cast<int>(m.diagnostics.size());
  }
  doc.Member("as_of", DateJson(newest));
  size_t vote_count = 0;
  for (const auto& t : model.vote_threads) vote_count += t.votes.size();
  doc.Member("counts", ordered_json{{"messages", model.messages.size()},
                                    {"threads", model.threads.size()},
                                    {"proposals", model.proposals.size()},
                                    {"vote_threads", model.vote_threads.size()},
                                    {"votes", vote_count},
                                    {"diagnostics", diagnostics}});
  doc.WrittenArray("proposals", views.size(),
                   [&](size_t i, JsonWriter* w) { WriteProposalJson(model, views[i], w); });
  doc.Array("vote_threads", model.vote_threads.size(),
            [&](size_t i) { return VoteThreadJson(model.vote_threads[i]); });
  ordered_json entries = ordered_json::array();
  for (const auto& e : digest.entries) {
    entries.push_back(ordered_json{
        {"type", e.type},
        {"proposal_id",
         e.proposal_id.empty() ? ordered_json(nullptr) : ordered_json(e.proposal_id)},
        {"repository", e.repository.empty() ? ordered_json(nullptr) : ordered_json(e.repository)},
        {"thread_id", e.thread_id},
        {"message_id", e.message_id},
        {"date", DateJson(e.date)},
        {"title", e.title},
        {"changes", e.changes},
        {"detail", e.detail}});
  }
  doc.Member("digest", ordered_json{{"basis", digest.basis}, {"entries", entries}});
  return doc.Finish();
}

std::string RenderReportJson(const ReportModel& model, const std::vector<ProposalView>& views,
                             const Digest& digest) {
  std::string out;
  Status s = WriteReportJson(model, views, digest, [&out](std::string_view piece) {
    out += piece;
    return Status();
  });
  (void)s;  // appending to a string never fails
  return out;
}

}  // namespace quorum::report
