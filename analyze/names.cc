// SPDX-License-Identifier: Apache-2.0
// Name matching for votes: first names, reordered words, apache ids and mailboxes.
#include "analyze/names.h"

#include <algorithm>

#include "analyze/apache_ids.h"

namespace quorum::analyze {

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

}  // namespace quorum::analyze
