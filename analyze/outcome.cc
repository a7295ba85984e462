// SPDX-License-Identifier: Apache-2.0
// Kinds of decision and the outcome rules (release, procedural, strategy, code).
#include "analyze/outcome.h"

#include <set>

#include "analyze/names.h"
#include "core/text.h"

namespace quorum::analyze {

VoteKind ClassifyKind(const SubjectInfo& si, std::string_view committee) {
  std::vector<std::string> words = NameWords(FoldName(si.title));
  if (words.empty()) return VoteKind::kUnknown;
  auto has = [&](std::initializer_list<const char*> set) {
    for (const auto& w : words) {
      for (const char* s : set) {
        if (w == s) return true;
      }
    }
    return false;
  };
  bool tvm = committee == "tvm" || si.mirror_repo.find("tvm") != std::string::npos;
  static const std::set<std::string> kStrategyVerbs = {"adopt",   "establish", "accept",
                                                       "clarify", "approve",   "create"};
  if (tvm && kStrategyVerbs.count(words[0])) return VoteKind::kStrategy;
  if (has({"release", "releases", "rc", "candidate"})) return VoteKind::kRelease;
  for (const auto& w : words) {
    if (w.size() > 2 && w[0] == 'r' && w[1] == 'c' && IsDigit(w[2])) {
      return VoteKind::kRelease;
    }
  }
  if (has({"committer", "committers", "pmc", "ppmc", "chair", "member", "membership", "graduate",
           "graduation", "bylaws", "retire", "rename", "emeritus", "charter"})) {
    return VoteKind::kProcedural;
  }
  if (kStrategyVerbs.count(words[0])) return VoteKind::kProcedural;
  return VoteKind::kCode;
}

Outcome ComputeOutcome(VoteKind kind, const std::vector<Vote>& votes) {
  Outcome o;
  std::vector<const Vote*> counted;
  bool any_known = false;
  for (const auto& v : votes) {
    if (!v.superseded && v.binding == true) any_known = true;
  }
  for (const auto& v : votes) {
    if (v.superseded) continue;
    if (any_known ? v.binding == true : v.binding != false) counted.push_back(&v);
  }
  int plus = 0, minus = 0, veto = 0, unjustified = 0;
  for (const Vote* v : counted) {
    if (v->numeric > 0) plus++;
    if (v->numeric < 0) minus++;
    if (v->value == "-1") (v->justified ? veto : unjustified)++;
  }
  o.note = any_known ? "counted binding votes only"
                     : "no vote has known binding status: counted every vote not declared "
                       "non-binding as binding";
  if (counted.empty()) {
    o.result = "undecided";
    o.note += "; no counted votes";
    return o;
  }
  switch (kind) {
    case VoteKind::kRelease:
      o.result = plus >= 3 && plus > minus ? "passed" : "failed";
      o.note += "; release rule: at least 3 binding +1 and more +1 than -1 (no veto)";
      break;
    case VoteKind::kProcedural:
      o.result = plus > minus ? "passed" : "failed";
      o.note += "; procedural rule: more +1 than -1";
      break;
    case VoteKind::kStrategy:
      o.result = plus >= 3 && plus >= 2 * minus ? "passed" : "failed";
      o.note += "; strategy rule (lazy 2/3): at least 3 binding +1 and twice as many +1 as -1";
      break;
    case VoteKind::kCode:
    case VoteKind::kUnknown:
      if (veto > 0) {
        o.result = "vetoed";
      } else {
        o.result = plus >= 3 ? "passed" : "failed";
      }
      o.note += "; code rule: at least 3 binding +1 and no justified binding -1 (veto)";
      if (unjustified > 0) o.note += "; a -1 without justification is not a veto";
      break;
  }
  return o;
}

}  // namespace quorum::analyze
