// SPDX-License-Identifier: Apache-2.0
// Joining proposals with threads and messages; per-day activity; participants.
#include "report/proposal_view.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "core/text.h"
#include "core/time.h"
#include "report/html_escape.h"

namespace quorum::report {

std::string AuthorName(const ReportModel& model, int i) {
  size_t u = static_cast<size_t>(i);
  if (u < model.person_of_message.size()) {
    int p = model.person_of_message[u];
    if (p >= 0 && static_cast<size_t>(p) < model.people.size() &&
        !model.people[static_cast<size_t>(p)].name.empty()) {
      return model.people[static_cast<size_t>(p)].name;
    }
  }
  const Message& m = model.messages[u];
  return m.from.name.empty() ? m.from.address : m.from.name;
}

std::string AuthorKey(const ReportModel& model, int i) {
  size_t u = static_cast<size_t>(i);
  if (u < model.person_of_message.size()) {
    int p = model.person_of_message[u];
    if (p >= 0 && static_cast<size_t>(p) < model.people.size()) {
      return model.people[static_cast<size_t>(p)].id;
    }
  }
  return AsciiLower(model.messages[u].from.address);
}

std::string ListAddress(const std::string& list_id) {
  size_t dot = list_id.find('.');
  if (dot == std::string::npos || dot == 0) return "";
  return list_id.substr(0, dot) + "@" + list_id.substr(dot + 1);
}

std::string ArchiveSearchUrl(const std::string& list_id, const std::string& message_id) {
  std::string list = ListAddress(list_id);
  if (list.empty() || message_id.empty()) return "";
  return SafeUrl("https://lists.apache.org/list?" + UrlEncode(list) +
                 ":lte=100y:" + UrlEncode(message_id));
}

std::vector<ProposalView> BuildProposalViews(const ReportModel& model) {
  std::unordered_map<std::string, int> thread_by_id;
  for (size_t i = 0; i < model.threads.size(); ++i) {
    thread_by_id.emplace(model.threads[i].id, static_cast<int>(i));
  }
  for (size_t i = 0; i < model.branches.size(); ++i) {
    thread_by_id.emplace(model.branches[i].id, static_cast<int>(model.threads.size() + i));
  }
  std::unordered_map<std::string, std::vector<int>> votes_by_proposal;
  for (size_t i = 0; i < model.vote_threads.size(); ++i) {
    votes_by_proposal[model.vote_threads[i].proposal_id].push_back(static_cast<int>(i));
  }
  std::vector<ProposalView> views;
  views.reserve(model.proposals.size());
  for (size_t pi = 0; pi < model.proposals.size(); ++pi) {
    const Proposal& p = model.proposals[pi];
    ProposalView v;
    v.proposal = static_cast<int>(pi);
    v.file = "p/" + SafeFileName(p.id) + ".html";
    for (const auto& pt : p.threads) {
      auto it = thread_by_id.find(pt.thread_id);
      if (it != thread_by_id.end() &&
          std::find(v.threads.begin(), v.threads.end(), it->second) == v.threads.end()) {
        v.threads.push_back(it->second);
      }
    }
    auto vt = votes_by_proposal.find(p.id);
    if (vt != votes_by_proposal.end()) v.vote_threads = vt->second;
    if (!v.vote_threads.empty()) {
      const VoteThread& last = model.vote_threads[static_cast<size_t>(v.vote_threads.back())];
      v.kind = ToString(last.kind);
      v.status = ToString(last.status);
    }
    std::set<int> seen;
    for (int ti : v.threads) {
      for (const auto& node : ThreadAt(model, ti).nodes) {
        if (node.message >= 0 && seen.insert(node.message).second)
          v.messages.push_back(node.message);
      }
    }
    std::stable_sort(v.messages.begin(), v.messages.end(), [&](int a, int b) {
      const Message& ma = model.messages[static_cast<size_t>(a)];
      const Message& mb = model.messages[static_cast<size_t>(b)];
      if (ma.date != mb.date) return ma.date < mb.date;
      return ma.message_id < mb.message_id;
    });
    std::map<std::string, std::string> people;  // key -> name
    for (int mi : v.messages) {
      const Message& m = model.messages[static_cast<size_t>(mi)];
      if (m.date.valid) {
        if (!v.first_date.valid || m.date < v.first_date) v.first_date = m.date;
        v.last_date = std::max(v.last_date, m.date);
        ++v.per_day[FormatIsoDay(m.date)];
      }
      people.emplace(AuthorKey(model, mi), AuthorName(model, mi));
    }
    for (const auto& [key, name] : people) v.participants.push_back(name);
    std::sort(v.participants.begin(), v.participants.end());
    views.push_back(std::move(v));
  }
  std::stable_sort(views.begin(), views.end(), [&](const ProposalView& a, const ProposalView& b) {
    if (a.last_date != b.last_date) return a.last_date > b.last_date;
    return model.proposals[static_cast<size_t>(a.proposal)].id <
           model.proposals[static_cast<size_t>(b.proposal)].id;
  });
  return views;
}

}  // namespace quorum::report
