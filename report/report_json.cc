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

ordered_json ProposalJson(const ReportModel& model, const ProposalView& v) {
  const Proposal& p = model.proposals[static_cast<size_t>(v.proposal)];
  ordered_json j;
  j["id"] = p.id;
  j["title"] = p.title;
  j["kind"] = v.kind;
  j["status"] = v.status;
  j["page"] = v.file;
  ordered_json threads = ordered_json::array();
  for (const auto& t : p.threads) {
    ordered_json thread = ordered_json::object();
    thread["thread_id"] = t.thread_id;
    thread["role"] = t.role;
    thread["subject"] = t.subject;
    thread["first_date"] = DateJson(t.first_date);
    threads.push_back(std::move(thread));
  }
  j["threads"] = std::move(threads);
  j["branched_from"] =
      p.branched_from.empty() ? ordered_json(nullptr) : ordered_json(p.branched_from);
  ordered_json vote_threads = ordered_json::array();
  ordered_json votes = ordered_json::array();
  for (int ti : v.vote_threads) {
    const VoteThread& t = model.vote_threads[static_cast<size_t>(ti)];
    vote_threads.push_back(t.thread_id);
    for (const auto& vote : t.votes) {
      ordered_json voter = ordered_json::object();
      voter["name"] = vote.voter.name;
      voter["address"] = vote.voter.address;
      ordered_json one = ordered_json::object();
      one["thread_id"] = t.thread_id;
      one["voter"] = std::move(voter);
      one["value"] = vote.value;
      one["binding"] = vote.binding ? ordered_json(*vote.binding) : ordered_json(nullptr);
      one["binding_evidence"] = ToString(vote.binding_evidence);
      one["superseded"] = vote.superseded;
      one["message_id"] = vote.message_id;
      one["date"] = DateJson(vote.date);
      votes.push_back(std::move(one));
    }
  }
  j["vote_threads"] = std::move(vote_threads);
  j["votes"] = std::move(votes);
  const Discussion none;
  const Discussion& d = static_cast<size_t>(v.proposal) < model.proposal_positions.size()
                            ? model.proposal_positions[static_cast<size_t>(v.proposal)]
                            : none;
  j["summary"] = SummaryJson(d);
  ordered_json positions = ordered_json::array();
  for (const auto& pos : d.positions) positions.push_back(PositionJson(pos));
  j["positions"] = std::move(positions);
  j["participants"] = v.participants;
  ordered_json per_day = ordered_json::object();
  for (const auto& [day, n] : v.per_day) per_day[day] = n;
  ordered_json timeline = ordered_json::object();
  timeline["first_date"] = DateJson(v.first_date);
  timeline["last_date"] = DateJson(v.last_date);
  timeline["messages"] = v.messages.size();
  timeline["per_day"] = std::move(per_day);
  j["timeline"] = std::move(timeline);
  return j;
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
  doc.Array("proposals", views.size(), [&](size_t i) { return ProposalJson(model, views[i]); });
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
