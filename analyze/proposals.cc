// SPDX-License-Identifier: Apache-2.0
// Proposal grouping: tags threads by subject and joins them into proposals (union-find).
#include "analyze/proposals.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <string_view>

namespace quorum::analyze {
namespace {

int FindRoot(std::vector<int>* parent, int x) {
  while ((*parent)[x] != x) {
    (*parent)[x] = (*parent)[(*parent)[x]];
    x = (*parent)[x];
  }
  return x;
}

// Fills the subject facts of `ti` (its first message known) and appends it to `out` when tagged.
bool Tag(const std::vector<Message>& ms, TaggedThread ti, std::vector<TaggedThread>* out) {
  ti.si = ParseSubject(ms[ti.first].subject);
  const Mirror& mirror = ms[ti.first].mirror;
  if (ti.si.mirror_number == 0 && mirror.kind != MirrorKind::kNone && mirror.number > 0) {
    ti.si.mirror_repo = mirror.repo;
    ti.si.mirror_number = mirror.number;
  }
  // "apache/tvm-rfcs" (GitHub) and "tvm-rfcs" (GitBox) name the same repository.
  size_t slash = ti.si.mirror_repo.rfind('/');
  if (slash != std::string::npos) ti.si.mirror_repo = ti.si.mirror_repo.substr(slash + 1);
  ti.mirror_prefix = mirror.kind == MirrorKind::kDiscourse ? "discourse:" : "github:";
  // In an RFC repository the PR number is the RFC number ("[VOTE] ... (RFC #42)").
  constexpr std::string_view kRfcs = "-rfcs";
  const std::string& repo = ti.si.mirror_repo;
  if (ti.si.numbered_id.empty() && ti.si.mirror_number > 0 && repo.size() > kRfcs.size() &&
      repo.ends_with(kRfcs)) {
    ti.si.numbered_id = "RFC-" + std::to_string(ti.si.mirror_number);
  }
  ti.date = ms[ti.first].date;
  const SubjectInfo& si = ti.si;
  if (si.cancel) {
    ti.role = "cancel";
  } else if (si.result) {
    ti.role = "result";
  } else if (si.vote) {
    ti.role = si.reply ? "stray-vote" : "vote";
  } else if (si.discuss) {
    ti.role = "discuss";
  } else if (si.announce) {
    ti.role = "announce";
  } else if (si.mirror_number > 0 || !si.numbered_id.empty()) {
    ti.role = "mirror";
  } else {
    return false;
  }
  out->push_back(ti);
  return true;
}

}  // namespace

std::vector<TaggedThread> TagThreads(const std::vector<Message>& ms,
                                     const std::vector<Thread>& threads) {
  std::vector<TaggedThread> out;
  for (size_t t = 0; t < threads.size(); ++t) {
    const std::vector<ThreadNode>& nodes = threads[t].nodes;
    TaggedThread ti;
    ti.index = static_cast<int>(t);
    ti.id = threads[t].id;
    ti.node_end = nodes.size();
    for (const auto& n : nodes) {
      if (n.message >= 0) {
        ti.first = n.message;
        break;
      }
    }
    if (ti.first < 0) continue;
    ti.root_real = !nodes.empty() && nodes[0].message == ti.first;
    bool tagged = Tag(ms, ti, &out);
    const std::string& role = tagged ? out.back().role : std::string();
    if (role == "vote" || role == "stray-vote" || role == "result" || role == "cancel") continue;
    for (size_t k = 1; k < nodes.size(); ++k) {
      if (nodes[k].message < 0) continue;
      SubjectInfo si = ParseSubject(ms[nodes[k].message].subject);
      if (!si.vote || si.reply || si.result || si.cancel) continue;
      TaggedThread sub;
      sub.index = static_cast<int>(t);
      sub.id = ms[nodes[k].message].message_id;
      sub.first = nodes[k].message;
      sub.root_real = true;
      sub.inner = true;
      sub.node_begin = k;
      sub.node_end = k + 1;
      while (sub.node_end < nodes.size() && nodes[sub.node_end].depth > nodes[k].depth) {
        ++sub.node_end;
      }
      Tag(ms, sub, &out);
      k = sub.node_end - 1;
    }
  }
  return out;
}

std::vector<std::vector<size_t>> GroupProposals(const std::vector<TaggedThread>& tagged) {
  std::vector<int> parent(tagged.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto join = [&](size_t a, size_t b) {
    int ra = FindRoot(&parent, static_cast<int>(a)), rb = FindRoot(&parent, static_cast<int>(b));
    if (ra != rb) parent[std::max(ra, rb)] = std::min(ra, rb);
  };
  // Keys first (numbered ids, mirror items, versioned titles need equal word sets), so that
  // only unversioned tagged titles are compared pairwise.
  std::map<std::string, size_t> first_with_key;
  auto join_key = [&](const std::string& key, size_t i) {
    auto [it, inserted] = first_with_key.emplace(key, i);
    if (!inserted) join(it->second, i);
  };
  std::vector<size_t> unversioned;
  std::vector<std::vector<std::string>> tokens(tagged.size());
  for (size_t i = 0; i < tagged.size(); ++i) {
    const SubjectInfo& si = tagged[i].si;
    if (!si.numbered_id.empty()) join_key("n:" + si.numbered_id, i);
    if (si.mirror_number > 0) {
      join_key(
          "m:" + tagged[i].mirror_prefix + si.mirror_repo + "#" + std::to_string(si.mirror_number),
          i);
    }
    if (tagged[i].role == "mirror") continue;  // untagged mirror items join by number only
    tokens[i] = TitleTokens(si.title);
    if (tokens[i].size() < 2) continue;
    if (HasVersion(tokens[i])) {
      std::string key = "t:";
      for (const auto& t : tokens[i]) key += t + " ";
      join_key(key, i);
    } else {
      unversioned.push_back(i);
    }
  }
  for (size_t a = 0; a < unversioned.size(); ++a) {
    for (size_t b = a + 1; b < unversioned.size(); ++b) {
      if (SameProposalTokens(tokens[unversioned[a]], tokens[unversioned[b]])) {
        join(unversioned[a], unversioned[b]);
      }
    }
  }
  std::map<int, std::vector<size_t>> groups;
  for (size_t i = 0; i < tagged.size(); ++i)
    groups[FindRoot(&parent, static_cast<int>(i))].push_back(i);
  std::vector<std::vector<size_t>> out;
  for (auto& [root, members] : groups) {
    std::sort(members.begin(), members.end(), [&](size_t a, size_t b) {
      if (tagged[a].date != tagged[b].date) return tagged[a].date < tagged[b].date;
      return tagged[a].id < tagged[b].id;
    });
    out.push_back(std::move(members));
  }
  return out;
}

std::string ProposalIdOf(const TaggedThread& head) {
  if (!head.si.numbered_id.empty()) return head.si.numbered_id;
  if (head.si.mirror_number > 0) {
    return head.mirror_prefix + head.si.mirror_repo + "#" + std::to_string(head.si.mirror_number);
  }
  return head.id;
}

}  // namespace quorum::analyze
