// SPDX-License-Identifier: Apache-2.0
// Subject parsing by hand (no regex needed): prefixes, bracket tags, mirror decorations, titles.
#include "analyze/subject.h"

#include <algorithm>
#include <set>

#include "core/text.h"

namespace quorum::analyze {
namespace {

// Removes one reply prefix ("Re:", "RE :", "Fwd:", "AW:", "Re[2]:"); returns false when none.
bool StripReplyPrefix(std::string_view* s) {
  static const char* kPrefixes[] = {"re", "fwd", "fw", "aw", "sv", "wg", "antw", "vs"};
  for (const char* p : kPrefixes) {
    std::string_view pv(p);
    if (!IStartsWith(*s, pv)) continue;
    size_t i = pv.size();
    if (i < s->size() && (*s)[i] == '[') {  // Re[2]:
      size_t close = s->find(']', i);
      if (close == std::string_view::npos) continue;
      i = close + 1;
    }
    while (i < s->size() && (*s)[i] == ' ') ++i;
    if (i < s->size() && (*s)[i] == ':') {
      *s = Trim(s->substr(i + 1));
      return true;
    }
  }
  return false;
}

// Applies the tag names found in one bracket group ("VOTE", "RESULT][VOTE" is split earlier).
// Returns false when the group holds no known tag.
bool ApplyTag(std::string_view raw, SubjectInfo* info) {
  std::string t = AsciiLower(Trim(raw));
  std::string compact;
  for (char c : t) {
    if (c != ' ' && c != '-' && c != '_') compact += c;
  }
  if (compact == "vote") return info->vote = true;
  if (compact == "result" || compact == "results") return info->result = true;
  if (compact == "cancel" || compact == "canceled" || compact == "cancelled" ||
      compact == "cancelvote") {
    return info->cancel = true;
  }
  if (compact == "lazy" || compact == "lazyconsensus" || compact == "lazyvote") {
    info->lazy = true;
    return info->vote = true;
  }
  if (compact == "discuss" || compact == "discussion" || compact == "proposal" ||
      compact == "proposed") {
    return info->discuss = true;
  }
  if (compact == "ann" || compact == "announce" || compact == "announcement") {
    return info->announce = true;
  }
  if (compact == "resultvote" || compact == "voteresult") {
    info->vote = true;
    return info->result = true;
  }
  return false;
}

bool LooksLikeRepo(std::string_view s) {
  size_t slash = s.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 >= s.size()) return false;
  if (s.find('/', slash + 1) != std::string_view::npos) return false;
  for (char c : s) {
    if (!(IsAlnum(c) || c == '/' || c == '-' || c == '_' || c == '.')) return false;
  }
  return true;
}

// "(PR #89)", "(#89)", "(Issue #15521)" at the end of a GitHub subject.
void StripGitHubNumber(std::string* title, int64_t* number) {
  std::string_view t = Trim(*title);
  if (t.empty() || t.back() != ')') return;
  size_t open = t.rfind('(');
  if (open == std::string_view::npos) return;
  std::string_view inner = t.substr(open + 1, t.size() - open - 2);
  if (IStartsWith(inner, "pr ")) inner.remove_prefix(3);
  if (IStartsWith(inner, "issue ")) inner.remove_prefix(6);
  if (inner.empty() || inner[0] != '#' || inner.size() < 2) return;
  int64_t n = 0;
  for (size_t i = 1; i < inner.size(); ++i) {
    if (!IsDigit(inner[i]) || n > 1'000'000'000) return;
    n = n * 10 + (inner[i] - '0');
  }
  *number = n;
  *title = std::string(Trim(t.substr(0, open)));
}

// GitBox: "user commented on pull request #12: title" -> number 12, title.
void StripGitBoxAction(std::string* title, int64_t* number) {
  static const char* kMarks[] = {"pull request #", "issue #", "pr #"};
  std::string lower = AsciiLower(*title);
  for (const char* mark : kMarks) {
    size_t at = lower.find(mark);
    if (at == std::string::npos) continue;
    size_t i = at + std::string_view(mark).size();
    int64_t n = 0;
    size_t start = i;
    while (i < lower.size() && IsDigit(lower[i]) && n < 1'000'000'000)
      n = n * 10 + (lower[i++] - '0');
    if (i == start || i >= lower.size() || lower[i] != ':') continue;
    *number = n;
    *title = std::string(Trim(std::string_view(*title).substr(i + 1)));
    return;
  }
}

// "KIP-123", "FLIP 12", "SPIP-3" anywhere in the title.
std::string FindNumberedId(std::string_view title) {
  static const char* kKinds[] = {"kip", "flip", "spip", "hip", "aip",
                                 "fip", "qep",  "sep",  "pep", "rfc"};
  std::string lower = AsciiLower(title);
  for (const char* k : kKinds) {
    std::string_view kv(k);
    size_t pos = 0;
    while ((pos = lower.find(kv, pos)) != std::string::npos) {
      size_t i = pos + kv.size();
      bool left_ok = pos == 0 || !IsAlnum(lower[pos - 1]);
      if (i < lower.size() && (lower[i] == '-' || lower[i] == ' ')) ++i;
      if (i < lower.size() && lower[i] == '#') ++i;  // "RFC #42"
      size_t start = i;
      while (i < lower.size() && IsDigit(lower[i])) ++i;
      if (left_ok && i > start && (i == lower.size() || !IsAlnum(lower[i]))) {
        std::string id;
        for (char c : kv) id += static_cast<char>(c - 'a' + 'A');
        return id + "-" + lower.substr(start, i - start);
      }
      pos += kv.size();
    }
  }
  return {};
}

int FindTake(std::string_view title) {
  std::string lower = AsciiLower(title);
  for (const char* mark : {"take ", "take", "rc", "attempt ", "round "}) {
    size_t pos = 0;
    std::string_view mv(mark);
    while ((pos = lower.find(mv, pos)) != std::string::npos) {
      size_t i = pos + mv.size();
      bool left_ok = pos == 0 || !IsAlnum(lower[pos - 1]) || lower[pos - 1] == '.';
      size_t start = i;
      int n = 0;
      while (i < lower.size() && IsDigit(lower[i]) && n < 10000) n = n * 10 + (lower[i++] - '0');
      if (left_ok && i > start && (i == lower.size() || !IsAlnum(lower[i]))) return n;
      pos += mv.size();
    }
  }
  return -1;
}

bool IsVersion(const std::string& tok) {
  bool digit = false;
  for (char c : tok) digit = digit || IsDigit(c);
  return digit && (tok.find('.') != std::string::npos ||
                   (tok.size() > 1 && tok[0] == 'v' && IsDigit(tok[1])));
}

}  // namespace

SubjectInfo ParseSubject(std::string_view subject) {
  SubjectInfo info;
  std::string_view s = Trim(subject);
  std::string kept;  // unknown bracket groups, kept in the title
  bool gitbox = false;
  for (int guard = 0; guard < 64 && !s.empty(); ++guard) {
    if (StripReplyPrefix(&s)) {
      info.reply = true;
      continue;
    }
    if (s[0] != '[') break;
    size_t close = s.find(']');
    if (close == std::string_view::npos) break;
    std::string_view group = s.substr(1, close - 1);
    s = Trim(s.substr(close + 1));
    if (ApplyTag(group, &info)) continue;
    if (IEquals(Trim(group), "github")) {
      // "[GitHub] [repo] ...": the next group names the repository.
      if (!s.empty() && s[0] == '[') {
        size_t c2 = s.find(']');
        if (c2 != std::string_view::npos) {
          info.mirror_repo = std::string(Trim(s.substr(1, c2 - 1)));
          s = Trim(s.substr(c2 + 1));
        }
      }
      continue;
    }
    if (LooksLikeRepo(Trim(group))) {
      info.mirror_repo = std::string(Trim(group));
      continue;
    }
    if (Trim(group) == "I" || Trim(group) == "PR") {  // GitBox since 2023: "[PR] title [repo]"
      gitbox = true;
      continue;
    }
    if (!kept.empty()) kept += ' ';
    kept += '[';
    kept += std::string(group);
    kept += ']';
  }
  std::string title = kept.empty() ? std::string(s) : kept + " " + std::string(s);
  if (gitbox && !title.empty() && title.back() == ']') {
    size_t open = title.rfind('[');
    if (open != std::string::npos && open > 0) {
      info.mirror_repo =
          std::string(Trim(std::string_view(title).substr(open + 1, title.size() - open - 2)));
      title = std::string(Trim(std::string_view(title).substr(0, open)));
    }
  }
  // Tags written after the title ("Release 1.0 [VOTE]") are rare; tags in the middle after a
  // kept group ("[RFC][VOTE] x") were handled by the loop.
  if (!info.mirror_repo.empty()) {
    StripGitHubNumber(&title, &info.mirror_number);
    if (info.mirror_number == 0) StripGitBoxAction(&title, &info.mirror_number);
  }
  // A GitHub title may itself start with tags: "[apache/tvm] [VOTE] Adopt ...".
  if (!title.empty() && title[0] == '[') {
    std::string_view t = title;
    for (int guard = 0; guard < 16 && !t.empty() && t[0] == '['; ++guard) {
      size_t close = t.find(']');
      if (close == std::string_view::npos || !ApplyTag(t.substr(1, close - 1), &info)) break;
      t = Trim(t.substr(close + 1));
    }
    title = std::string(t);
  }
  std::string collapsed;
  for (char c : title) {
    if (c == '\t' || c == '\r' || c == '\n') c = ' ';
    if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed += c;
  }
  while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  info.title = collapsed;
  info.numbered_id = FindNumberedId(info.title);
  int take = FindTake(info.title);
  info.take_named = take >= 0;
  info.take = take >= 0 ? take : 1;
  return info;
}

std::vector<std::string> TitleTokens(std::string_view title) {
  static const std::set<std::string> kStop = {"apache",
                                              "version",
                                              "vote",
                                              "the",
                                              "a",
                                              "an",
                                              "of",
                                              "for",
                                              "to",
                                              "on",
                                              "and",
                                              "take",
                                              "rc",
                                              "v",
                                              "re",
                                              "candidate",
                                              "attempt",
                                              "round",
                                              "new",
                                              "please",
                                              "result",
                                              "results",
                                              "release-candidate",
                                              "incubating",
                                              "with",
                                              "in"};
  std::vector<std::string> out;
  std::string lower = AsciiLower(title);
  std::string tok;
  auto flush = [&] {
    while (!tok.empty() && (tok.back() == '.' || tok.back() == '-')) tok.pop_back();
    while (!tok.empty() && (tok.front() == '.' || tok.front() == '-')) tok.erase(0, 1);
    bool rc = tok.size() > 2 && tok.starts_with("rc") && IsDigit(tok[2]);
    bool bare_number = !tok.empty() && std::all_of(tok.begin(), tok.end(), IsDigit);
    if (!tok.empty() && !kStop.count(tok) && !rc && !bare_number) out.push_back(tok);
    tok.clear();
  };
  for (size_t i = 0; i < lower.size(); ++i) {
    char c = lower[i];
    bool keep = IsAlnum(c) || static_cast<unsigned char>(c) >= 0x80 ||
                ((c == '.' || c == '-') && !tok.empty());
    if (keep) {
      tok += c;
    } else {
      flush();
    }
  }
  flush();
  // "3.0.0-alpha-1" stays one token; "1.0-rc2" loses its rc suffix.
  for (auto& t : out) {
    if (!IsVersion(t)) continue;
    for (const char* mark : {"-rc", ".rc", "_rc"}) {
      size_t rc = t.find(mark);
      if (rc != std::string::npos && rc + 3 < t.size() && IsDigit(t[rc + 3])) t.erase(rc);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool SameProposalTokens(const std::vector<std::string>& ta, const std::vector<std::string>& tb) {
  if (ta.empty() || tb.empty()) return false;
  std::vector<std::string> va, vb;
  for (const auto& t : ta) {
    if (IsVersion(t)) va.push_back(t);
  }
  for (const auto& t : tb) {
    if (IsVersion(t)) vb.push_back(t);
  }
  if (va != vb) return false;
  // Versioned titles (releases) must name the same thing: "Doxia 1.8" is not "Doxia Sitetools
  // 1.8". Unversioned titles ("[DISCUSS] Adopt X" / "[VOTE] Adopt the X codebase") may differ.
  if (!va.empty()) return ta == tb;
  std::vector<std::string> both;
  std::set_intersection(ta.begin(), ta.end(), tb.begin(), tb.end(), std::back_inserter(both));
  size_t uni = ta.size() + tb.size() - both.size();
  return both.size() * 4 >= uni * 3;
}

bool SameProposalTitle(std::string_view a, std::string_view b) {
  return SameProposalTokens(TitleTokens(a), TitleTokens(b));
}

bool HasVersion(const std::vector<std::string>& tokens) {
  for (const auto& t : tokens) {
    if (IsVersion(t)) return true;
  }
  return false;
}

}  // namespace quorum::analyze
