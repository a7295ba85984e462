// SPDX-License-Identifier: Apache-2.0
// The rules of vote analysis that need no thread context: names, own-text lines, committees,
// kinds of decision and the outcome rules.
#include "analyze/rules.h"

#include <algorithm>
#include <set>

#include "core/text.h"

namespace quorum::analyze {

std::string ApacheIdOf(std::string_view lower_address) {
  constexpr std::string_view kSuffix = "@apache.org";
  if (lower_address.size() > kSuffix.size() &&
      lower_address.substr(lower_address.size() - kSuffix.size()) == kSuffix) {
    return std::string(lower_address.substr(0, lower_address.size() - kSuffix.size()));
  }
  return {};
}

std::vector<std::string> NameWords(std::string_view folded) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : folded) {
    if (c == ' ') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

bool NameMatches(std::string_view stated, const std::vector<std::string>& names,
                 const std::vector<std::string>& addresses) {
  std::string s = FoldName(stated);
  if (s.empty()) return false;
  std::vector<std::string> sw = NameWords(s);
  std::vector<std::string> candidates;
  for (const auto& n : names) candidates.push_back(FoldName(n));
  for (const auto& a : addresses) {
    std::string local = a.substr(0, a.find('@'));
    if (s == FoldName(local)) return true;  // apache id or mailbox
    if (!ApacheIdOf(a).empty() && s == ApacheIdOf(a)) return true;
    candidates.push_back(FoldName(local));  // "herve.boutemy" -> "herve boutemy"
  }
  for (const auto& c : candidates) {
    if (c.empty()) continue;
    if (c == s) return true;
    std::vector<std::string> cw = NameWords(c);
    if (sw.size() == 1 && !cw.empty() && cw[0] == sw[0]) return true;  // first name
    // "Last, First" or reordered words.
    std::vector<std::string> a = sw, b = cw;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    if (a.size() >= 2 && a == b) return true;
  }
  return false;
}

std::vector<std::string_view> VoteLines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    start = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
  }
  return out;
}

std::string CommitteeFromListId(std::string_view list_id) {
  std::string l = AsciiLower(Trim(list_id));
  if (!l.empty() && l.front() == '<') l.erase(0, 1);
  if (!l.empty() && l.back() == '>') l.pop_back();
  constexpr std::string_view kIncubator = ".incubator.apache.org";
  constexpr std::string_view kApache = ".apache.org";
  if (l.size() > kIncubator.size() && l.substr(l.size() - kIncubator.size()) == kIncubator) {
    return "incubator";
  }
  if (l.size() <= kApache.size() || l.substr(l.size() - kApache.size()) != kApache) return {};
  std::string head = l.substr(0, l.size() - kApache.size());
  size_t dot = head.rfind('.');
  return dot == std::string::npos ? head : head.substr(dot + 1);
}

std::string PodlingFromListId(std::string_view list_id) {
  std::string l = AsciiLower(Trim(list_id));
  if (!l.empty() && l.front() == '<') l.erase(0, 1);
  if (!l.empty() && l.back() == '>') l.pop_back();
  constexpr std::string_view kIncubator = ".incubator.apache.org";
  if (l.size() <= kIncubator.size() || l.substr(l.size() - kIncubator.size()) != kIncubator) {
    return {};
  }
  std::string head = l.substr(0, l.size() - kIncubator.size());
  size_t dot = head.rfind('.');
  std::string name = dot == std::string::npos ? head : head.substr(dot + 1);
  return name == "general" || dot == std::string::npos ? std::string() : name;
}

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
