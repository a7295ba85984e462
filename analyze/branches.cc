// SPDX-License-Identifier: Apache-2.0
// Branch detection on subjects and the cutting of branch subtrees out of their threads.
#include "analyze/branches.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "analyze/series.h"
#include "core/text.h"

namespace quorum::analyze {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

// A subject cut into what matters for topic changes.
struct Shape {
  std::string core;            // lower-cased, spaces folded, no prefixes, tags or "(was: ...)"
  std::set<std::string> tags;  // lower-cased bracket groups and "rfc:"-style prefixes
  bool was = false;            // "(was: ...)" / "(was ...)" / "[was: ...]" at the end
};

// Tags that mark a reply as a new topic when a reply adds them.
bool AttentionTag(const std::string& tag) {
  static const std::set<std::string> kTags = {"important", "urgent",  "rfc",       "heads up",
                                              "heads-up",  "headsup", "attention", "alert",
                                              "warning",   "ot",      "off-topic", "offtopic"};
  return kTags.count(tag) > 0;
}

size_t ReplyPrefixLength(std::string_view s) {
  static const char* const kWords[] = {"re", "fw", "fwd", "aw", "sv", "wg", "antw"};
  size_t i = 0;
  while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z'))) ++i;
  bool known = false;
  for (const char* w : kWords) known = known || s.substr(0, i) == w;
  if (!known) return 0;
  if (i < s.size() && (s[i] == '[' || s[i] == '^')) {
    size_t j = i + 1;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j < s.size() && s[j] == ']') ++j;
    i = j;
  }
  while (i < s.size() && s[i] == ' ') ++i;
  return i < s.size() && s[i] == ':' ? i + 1 : 0;
}

Shape ShapeOf(std::string_view subject) {
  std::string s;
  for (char c : subject) {
    if (IsSpace(c)) {
      if (!s.empty() && s.back() != ' ') s += ' ';
    } else {
      s += AsciiLower(c);
    }
  }
  Shape out;
  std::string_view rest = s;
  bool progress = true;
  while (progress) {
    progress = false;
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (size_t n = ReplyPrefixLength(rest); n > 0) {
      rest.remove_prefix(n);
      progress = true;
    } else if (!rest.empty() && rest.front() == '[') {
      size_t close = rest.find(']');
      if (close == std::string_view::npos) break;
      out.tags.insert(std::string(Trim(rest.substr(1, close - 1))));
      rest.remove_prefix(close + 1);
      progress = true;
    } else if (rest.rfind("rfc:", 0) == 0) {
      out.tags.insert("rfc");
      rest.remove_prefix(4);
      progress = true;
    }
  }
  std::string core(Trim(rest));
  // "(was: old)" or "[was: old]" at the end (perhaps cut off by a mailer).
  for (const char* marker : {"(was:", "(was ", "[was:", "[was "}) {
    size_t at = core.rfind(marker);
    if (at != std::string::npos && at > 0) {
      out.was = true;
      core = std::string(Trim(std::string_view(core).substr(0, at)));
      break;
    }
  }
  out.core = std::move(core);
  return out;
}

std::set<std::string> Words(std::string_view s) {
  std::set<std::string> out;
  std::string w;
  for (char c : s) {
    if (IsAlnum(c)) {
      w += c;
    } else if (!w.empty()) {
      out.insert(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.insert(std::move(w));
  return out;
}

// Levenshtein distance, capped at `cap + 1` (only small distances matter).
size_t EditDistance(std::string_view a, std::string_view b, size_t cap) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > cap) return cap + 1;
  std::vector<size_t> row(a.size() + 1);
  for (size_t i = 0; i <= a.size(); ++i) row[i] = i;
  for (size_t j = 1; j <= b.size(); ++j) {
    size_t diag = row[0];
    row[0] = j;
    size_t best = row[0];
    for (size_t i = 1; i <= a.size(); ++i) {
      size_t up = row[i];
      row[i] = std::min({row[i] + 1, row[i - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
      best = std::min(best, row[i]);
    }
    if (best > cap) return cap + 1;
  }
  return row[a.size()];
}

// Same topic: equal, one cut short from the other, a typo apart, or half the words shared.
bool SameTopic(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const std::string& shorter = a.size() < b.size() ? a : b;
  const std::string& longer = a.size() < b.size() ? b : a;
  if (shorter.size() >= 8 && longer.compare(0, shorter.size(), shorter) == 0) return true;
  size_t cap = std::max<size_t>(2, longer.size() / 5);
  if (EditDistance(a, b, cap) <= cap) return true;
  std::set<std::string> wa = Words(a);
  std::set<std::string> wb = Words(b);
  size_t common = 0;
  for (const std::string& w : wa) common += wb.count(w);
  size_t all = wa.size() + wb.size() - common;
  return all > 0 && common * 2 >= all;
}

}  // namespace

bool StartsNewTopic(std::string_view parent, std::string_view child) {
  if (ParsePatchSubject(child).patch) return false;  // a part of the parent's series
  Shape c = ShapeOf(child);
  if (c.core.empty()) return false;
  Shape p = ShapeOf(parent);
  if (c.was) return !SameTopic(c.core, p.core);
  for (const std::string& tag : c.tags) {
    if (AttentionTag(tag) && !p.tags.count(tag)) return true;
  }
  if (p.core.empty()) return false;
  return !SameTopic(c.core, p.core);
}

BranchSplit SplitBranches(const std::vector<Message>& messages, const std::vector<Thread>& threads,
                          const std::unordered_set<std::string>& skip, int min_messages) {
  BranchSplit out;
  out.threads.reserve(threads.size());
  std::vector<Thread> branches;
  for (const Thread& t : threads) {
    size_t n = t.nodes.size();
    if (n < 2 || skip.count(t.id)) {
      out.threads.push_back(t);
      continue;
    }
    // Nearest real ancestor of each node (-1: none).
    std::vector<int> real_up(n, -1);
    std::vector<bool> candidate(n, false);
    for (size_t i = 1; i < n; ++i) {
      int parent = t.nodes[i].parent;
      if (parent < 0) continue;
      const ThreadNode& pn = t.nodes[static_cast<size_t>(parent)];
      real_up[i] = pn.message >= 0 ? parent : real_up[static_cast<size_t>(parent)];
      const ThreadNode& node = t.nodes[i];
      if (node.message < 0 || real_up[i] < 0) continue;
      const Message& m = messages[static_cast<size_t>(node.message)];
      if (m.mirror.kind != MirrorKind::kNone) continue;
      const ThreadNode& an = t.nodes[static_cast<size_t>(real_up[i])];
      candidate[i] = StartsNewTopic(messages[static_cast<size_t>(an.message)].subject, m.subject);
    }
    // Children come after their parents: count subtrees bottom-up, nested branches excluded.
    std::vector<int> count(n, 0);
    std::vector<bool> branch(n, false);
    bool any = false;
    for (size_t i = n; i-- > 1;) {
      if (t.nodes[i].message >= 0) ++count[i];
      if (candidate[i] && count[i] >= min_messages) {
        branch[i] = true;
        any = true;
      } else if (t.nodes[i].parent >= 0) {
        count[static_cast<size_t>(t.nodes[i].parent)] += count[i];
      }
    }
    if (!any) {
      out.threads.push_back(t);
      continue;
    }
    // Each node's discussion root: itself when it is a branch, else its parent's.
    std::vector<size_t> owner(n, 0);
    for (size_t i = 1; i < n; ++i) {
      owner[i] = branch[i] ? i : owner[static_cast<size_t>(t.nodes[i].parent)];
    }
    std::vector<int> new_index(n, -1);
    std::vector<Thread> parts;  // [0]: the cut thread, then branches in node order
    std::vector<size_t> part_of_root(n, 0);
    for (size_t i = 0; i < n; ++i) {
      if (i != 0 && !branch[i]) continue;
      part_of_root[i] = parts.size();
      Thread part;
      if (i == 0) {
        part.id = t.id;
        part.subject = t.subject;
        part.branched_from = t.branched_from;
      } else {
        part.id = t.nodes[i].message_id;
        part.subject = messages[static_cast<size_t>(t.nodes[i].message)].subject;
        part.branched_from = parts[part_of_root[owner[static_cast<size_t>(t.nodes[i].parent)]]].id;
      }
      parts.push_back(std::move(part));
    }
    for (size_t i = 0; i < n; ++i) {
      Thread& part = parts[part_of_root[owner[i]]];
      ThreadNode node = t.nodes[i];
      node.depth -= t.nodes[owner[i]].depth;
      node.parent = owner[i] == i ? -1 : new_index[static_cast<size_t>(t.nodes[i].parent)];
      new_index[i] = static_cast<int>(part.nodes.size());
      part.nodes.push_back(std::move(node));
      if (t.nodes[i].message < 0) continue;
      ++part.message_count;
      const MailDate& d = messages[static_cast<size_t>(t.nodes[i].message)].date;
      if (!d.valid) continue;
      if (!part.first_date.valid || d < part.first_date) part.first_date = d;
      part.last_date = std::max(part.last_date, d);
    }
    out.threads.push_back(std::move(parts[0]));
    for (size_t k = 1; k < parts.size(); ++k) branches.push_back(std::move(parts[k]));
  }
  std::sort(branches.begin(), branches.end(), [](const Thread& a, const Thread& b) {
    if (a.first_date != b.first_date) return a.first_date < b.first_date;
    return a.id < b.id;
  });
  out.branches = branches.size();
  for (Thread& b : branches) out.threads.push_back(std::move(b));
  return out;
}

}  // namespace quorum::analyze
