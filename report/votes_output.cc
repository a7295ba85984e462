// SPDX-License-Identifier: Apache-2.0
// JSON and text output of vote threads.
#include "report/votes_output.h"

#include <map>
#include <nlohmann/json.hpp>

#include "core/date.h"
#include "report/json_output.h"
#include "report/json_stream.h"
#include "report/votes_json.h"

namespace quorum::report {
namespace {

using nlohmann::ordered_json;

ordered_json BucketJson(const TallyBucket& b) {
  ordered_json j;
  j["+1"] = b.plus;
  j["0"] = b.zero;
  j["-1"] = b.minus;
  ordered_json values = ordered_json::object();
  for (const auto& [v, n] : b.by_value) values[v] = n;
  j["by_value"] = values;
  return j;
}

ordered_json VoteJson(const Vote& v) {
  ordered_json j;
  j["voter"] =
      ordered_json{{"name", v.voter.name},
                   {"address", v.voter.address},
                   {"apache_id", v.voter.apache_id.empty() ? ordered_json(nullptr)
                                                           : ordered_json(v.voter.apache_id)}};
  j["value"] = v.value;
  j["numeric"] = v.numeric;
  j["binding"] = v.binding.has_value() ? ordered_json(*v.binding) : ordered_json(nullptr);
  j["binding_evidence"] = ToString(v.binding_evidence);
  j["declared_binding"] =
      v.declared_binding.has_value() ? ordered_json(*v.declared_binding) : ordered_json(nullptr);
  j["message_id"] = v.message_id;
  j["date"] = DateJson(v.date);
  j["evidence"] = v.evidence;
  j["rule"] = v.rule;
  j["conditional"] = v.conditional;
  j["superseded"] = v.superseded;
  return j;
}

ordered_json StatedJson(const StatedResult& s) {
  ordered_json j;
  ordered_json names = ordered_json::object();
  for (const auto& [v, n] : s.names) names[v] = n;
  j["names"] = names;
  j["binding_names"] = s.binding_names;
  ordered_json counts = ordered_json::object();
  for (const auto& [v, n] : s.counts) counts[v] = n;
  j["counts"] = counts;
  ordered_json bcounts = ordered_json::object();
  for (const auto& [v, n] : s.binding_counts) bcounts[v] = n;
  j["binding_counts"] = bcounts;
  j["quorum_reached"] = s.quorum_reached;
  j["passed"] = s.passed.has_value() ? ordered_json(*s.passed) : ordered_json(nullptr);
  return j;
}

}  // namespace

ordered_json VoteThreadJson(const VoteThread& t) {
  ordered_json j;
  j["thread_id"] = t.thread_id;
  j["subject"] = t.subject;
  j["kind"] = ToString(t.kind);
  j["status"] = ToString(t.status);
  j["status_basis"] = t.status_basis;
  j["computed_outcome"] = t.computed_outcome;
  j["outcome_note"] = t.outcome_note;
  j["list"] = t.list;
  j["committee"] = t.committee;
  j["opened"] = DateJson(t.opened);
  j["closed"] = DateJson(t.closed);
  ordered_json votes = ordered_json::array();
  for (const auto& v : t.votes) votes.push_back(VoteJson(v));
  j["votes"] = votes;
  j["tally"] = ordered_json{{"binding", BucketJson(t.tally.binding)},
                            {"non_binding", BucketJson(t.tally.non_binding)},
                            {"unknown", BucketJson(t.tally.unknown)}};
  if (t.result.message_id.empty()) {
    j["result"] = nullptr;
  } else {
    ordered_json r;
    r["message_id"] = t.result.message_id;
    r["date"] = DateJson(t.result.date);
    r["stated"] = StatedJson(t.result.stated);
    r["agrees"] = t.result.agrees;
    ordered_json diffs = ordered_json::array();
    for (const auto& d : t.result.differences) {
      diffs.push_back(
          ordered_json{{"type", d.type},
                       {"name", d.name},
                       {"detail", d.detail},
                       {"message_id", d.message_id.empty() ? ordered_json(nullptr)
                                                           : ordered_json(d.message_id)}});
    }
    r["differences"] = diffs;
    j["result"] = r;
  }
  j["cancel_message_id"] =
      t.cancel_message_id.empty() ? ordered_json(nullptr) : ordered_json(t.cancel_message_id);
  j["proposal_id"] = t.proposal_id;
  j["flags"] = t.flags;
  return j;
}

namespace {

std::string Dump(const ordered_json& j) {
  return j.dump(2, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace

void WriteVotesJson(const std::vector<VoteThread>& threads, const std::vector<Proposal>& proposals,
                    std::ostream& out) {
  ordered_json j;
  j["schema_version"] = kSchemaVersion;
  ordered_json arr = ordered_json::array();
  for (const auto& t : threads) arr.push_back(VoteThreadJson(t));
  j["vote_threads"] = arr;
  ordered_json ps = ordered_json::array();
  for (const auto& p : proposals) {
    ordered_json pj;
    pj["id"] = p.id;
    pj["title"] = p.title;
    ordered_json ts = ordered_json::array();
    for (const auto& t : p.threads) {
      ts.push_back(ordered_json{{"thread_id", t.thread_id},
                                {"role", t.role},
                                {"subject", t.subject},
                                {"first_date", DateJson(t.first_date)}});
    }
    pj["threads"] = ts;
    ps.push_back(pj);
  }
  j["proposals"] = ps;
  out << Dump(j) << '\n';
}

void WriteVotesText(const std::vector<VoteThread>& threads, std::ostream& out) {
  for (const auto& t : threads) {
    out << t.subject << '\n';
    std::string status = t.status == VoteStatus::kPassed     ? "has passed"
                         : t.status == VoteStatus::kFailed   ? "has failed"
                         : t.status == VoteStatus::kVetoed   ? "was vetoed"
                         : t.status == VoteStatus::kCanceled ? "was canceled"
                                                             : "is open";
    if (t.status_basis == "result-mail") status += " (per the result mail)";
    if (t.status_basis == "computed") status += " (computed from the votes)";
    if (t.status_basis == "cancel-mail") status += " (a cancel mail)";
    if (t.status_basis == "no-result") status += " (no result mail yet)";
    out << "  The " << ToString(t.kind) << " vote " << status
        << ". By the rules the votes give: " << t.computed_outcome << ".\n";
    out << "  Opened " << (t.opened.valid ? FormatIsoUtc(t.opened) : "?") << ", closed "
        << (t.closed.valid ? FormatIsoUtc(t.closed) : "-") << ". Counting: " << t.outcome_note
        << ".\n\n";
    // Names per value and binding class, as a result mail lists them.
    std::map<std::string, std::vector<std::string>> lines;
    for (const auto& v : t.votes) {
      if (v.superseded) continue;
      std::string cls = !v.binding.has_value() ? "binding unknown"
                        : *v.binding           ? "binding"
                                               : "non-binding";
      lines[v.value + " (" + cls + ")"].push_back(v.voter.name);
    }
    for (const auto& [label, names] : lines) {
      out << "  " << label << ": ";
      for (size_t i = 0; i < names.size(); ++i) out << (i ? ", " : "") << names[i];
      out << '\n';
    }
    if (t.votes.empty()) out << "  No votes found.\n";
    if (!t.votes.empty()) out << "\n  Votes, with the line that carries each:\n";
    for (const auto& v : t.votes) {
      out << "    " << v.value << "  " << v.voter.name;
      if (!v.voter.address.empty()) out << " <" << v.voter.address << ">";
      out << "  " << (v.date.valid ? FormatIsoUtc(v.date) : "?") << "  "
          << (v.binding.has_value() ? (*v.binding ? "binding" : "non-binding") : "binding unknown")
          << " (" << ToString(v.binding_evidence) << ")";
      if (v.conditional) out << ", conditional";
      if (v.superseded) out << ", superseded by a later vote";
      out << "\n        \"" << v.evidence << "\"\n";
    }
    if (!t.result.message_id.empty()) {
      out << "\n  Result mail <" << t.result.message_id << ">: "
          << (t.result.agrees ? "agrees with the votes found" : "differs from the votes found")
          << '\n';
      for (const auto& d : t.result.differences) {
        out << "    - " << d.type << ": " << d.name << ": " << d.detail;
        if (!d.message_id.empty()) out << " <" << d.message_id << ">";
        out << '\n';
      }
    }
    if (!t.flags.empty()) {
      out << "  Flags:";
      for (const auto& f : t.flags) out << ' ' << f;
      out << '\n';
    }
    out << '\n';
  }
}

}  // namespace quorum::report
