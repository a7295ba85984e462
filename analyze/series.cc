// SPDX-License-Identifier: Apache-2.0
// Patch series grouping: cover letter and numbered parts, threaded or sent with --no-thread.
#include "analyze/series.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <unordered_set>
#include <utility>

#include "core/text.h"

namespace quorum::analyze {
namespace {

constexpr int64_t kSeriesWindowSeconds = 3 * 24 * 3600;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Runs of white space become one space; both ends trimmed.
std::string FoldSpaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (IsSpace(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

// Length of a reply prefix ("Re:", "RE[2]:", "Fwd :", "AW:") at the start of `s`, else 0.
size_t ReplyPrefix(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && IsAlpha(s[i])) ++i;
  std::string word = AsciiLower(s.substr(0, i));
  static const std::set<std::string> kWords = {"re", "fw", "fwd", "aw", "sv", "wg", "antw"};
  if (!kWords.count(word)) return 0;
  if (i < s.size() && (s[i] == '[' || s[i] == '^')) {  // "Re[2]:", "Re^2:"
    size_t j = i + 1;
    while (j < s.size() && IsDigit(s[j])) ++j;
    if (j < s.size() && s[j] == ']') ++j;
    i = j;
  }
  while (i < s.size() && s[i] == ' ') ++i;
  return i < s.size() && s[i] == ':' ? i + 1 : 0;
}

// Reads one bracket group's words into `out` when it names PATCH.
void ReadPatchGroup(std::string_view group, PatchSubject* out) {
  std::vector<std::string> words;
  std::string word;
  for (char c : group) {
    if (c == ' ') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += AsciiLower(c);
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  bool patch = false;
  for (const std::string& w : words) {
    if (w == "patch" || (w.rfind("patch", 0) == 0 && w.size() > 6 && w.size() <= 9 && w[5] == 'v' &&
                         AllDigits(std::string_view(w).substr(6)))) {
      patch = true;
    }
  }
  if (!patch) return;
  out->patch = true;
  std::string tags;
  for (const std::string& w : words) {
    std::string_view v = w;
    if (v == "patch" ||
        (v.rfind("patchv", 0) == 0 && v.size() > 6 && v.size() <= 9 && AllDigits(v.substr(6)))) {
      if (v.size() > 6) out->version = std::stoi(std::string(v.substr(6)));
      continue;
    }
    size_t slash = v.find('/');
    if (slash != std::string_view::npos && AllDigits(v.substr(0, slash)) &&
        AllDigits(v.substr(slash + 1)) && slash <= 4 && v.size() - slash <= 5) {
      out->part = std::stoi(std::string(v.substr(0, slash)));
      out->total = std::stoi(std::string(v.substr(slash + 1)));
      continue;
    }
    if (v.size() >= 2 && v.size() <= 4 && v[0] == 'v' && AllDigits(v.substr(1))) {
      out->version = std::stoi(std::string(v.substr(1)));
      continue;
    }
    tags += (tags.empty() ? "" : " ") + w;
  }
  out->tags = std::move(tags);
}

std::string AuthorKey(const std::vector<Message>& messages,
                      const std::vector<int>& person_of_message, size_t i) {
  int person = i < person_of_message.size() ? person_of_message[i] : -1;
  return person >= 0 ? "#" + std::to_string(person) : AsciiLower(messages[i].from.address);
}

// Who sent a part: the display name (an archive may mangle the address of some parts, and
// identities need not have merged them), else the address.
std::string SenderKey(const Message& m) {
  std::string name = AsciiLower(FoldSpaces(m.from.name));
  return name.empty() ? AsciiLower(m.from.address) : name;
}

struct Member {
  size_t thread = 0;
  int message = -1;  // the thread's first real message, a numbered patch mail
  PatchSubject subject;
  MailDate date;
};

}  // namespace

PatchSubject ParsePatchSubject(std::string_view subject) {
  PatchSubject out;
  std::string s = FoldSpaces(subject);
  std::string_view rest = s;
  bool progress = true;
  while (progress && !rest.empty()) {
    progress = false;
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (size_t n = ReplyPrefix(rest); n > 0) {
      out.reply = true;
      rest.remove_prefix(n);
      progress = true;
    } else if (!rest.empty() && rest.front() == '[') {
      size_t close = rest.find(']');
      if (close == std::string_view::npos) break;
      if (!out.patch) ReadPatchGroup(rest.substr(1, close - 1), &out);
      rest.remove_prefix(close + 1);
      progress = true;
    }
  }
  out.title = std::string(Trim(rest));
  if (out.part > out.total) out.part = out.total = -1;
  if (out.total <= 0) out.part = -1, out.total = 0;
  return out;
}

void AddPatchSeries(const std::vector<Message>& messages, const std::vector<Thread>& threads,
                    const std::vector<int>& person_of_message, const DiscussionOptions& options,
                    std::vector<Proposal>* proposals) {
  std::unordered_set<std::string> covered;
  for (const Proposal& p : *proposals) {
    for (const ProposalThread& t : p.threads) covered.insert(t.thread_id);
  }
  // Candidate threads by series key.
  std::map<std::string, std::vector<Member>> by_key;
  for (size_t ti = 0; ti < threads.size(); ++ti) {
    const Thread& t = threads[ti];
    if (covered.count(t.id)) continue;
    int first = -1;
    for (const ThreadNode& n : t.nodes) {
      if (n.message >= 0) {
        first = n.message;
        break;
      }
    }
    if (first < 0) continue;
    const Message& m = messages[static_cast<size_t>(first)];
    PatchSubject ps = ParsePatchSubject(m.subject);
    if (!ps.patch || ps.reply || ps.total < 2 || ps.part < 0) continue;
    // Not the list: a cross-posted series reaches each list's archive through a different one.
    std::string key = SenderKey(m) + '\n' + std::to_string(ps.total) + '\n' +
                      std::to_string(ps.version) + '\n' + ps.tags;
    Member mem{ti, first, std::move(ps), m.date.valid ? m.date : t.first_date};
    by_key[key].push_back(std::move(mem));
  }
  for (auto& [key, members] : by_key) {
    std::sort(members.begin(), members.end(), [&](const Member& a, const Member& b) {
      if (a.date != b.date) return a.date < b.date;
      return threads[a.thread].id < threads[b.thread].id;
    });
    // Split into series: within the window of the first, no part number twice.
    std::vector<std::vector<const Member*>> series;
    std::set<int> parts;
    MailDate start;
    for (const Member& mem : members) {
      // Undated members sort first and make a series of their own.
      bool outside = mem.date.valid != start.valid ||
                     (mem.date.valid && mem.date.epoch - start.epoch > kSeriesWindowSeconds);
      if (series.empty() || outside || parts.count(mem.subject.part)) {
        series.emplace_back();
        parts.clear();
        start = mem.date;
      }
      series.back().push_back(&mem);
      parts.insert(mem.subject.part);
    }
    for (const auto& s : series) {
      int count = 0;
      std::set<std::string> people;
      const Member* lead = s.front();
      for (const Member* mem : s) {
        const Thread& t = threads[mem->thread];
        count += t.message_count;
        for (const ThreadNode& n : t.nodes) {
          if (n.message >= 0) {
            people.insert(AuthorKey(messages, person_of_message, static_cast<size_t>(n.message)));
          }
        }
        if (mem->subject.part < lead->subject.part) lead = mem;
      }
      if (count < options.min_messages ||
          static_cast<int>(people.size()) < options.min_participants) {
        continue;
      }
      Proposal p;
      const Message& lm = messages[static_cast<size_t>(lead->message)];
      p.id = "series:" + lm.message_id;
      p.title = lead->subject.title.empty() ? lm.subject : lead->subject.title;
      for (const Member* mem : s) {
        const Thread& t = threads[mem->thread];
        p.threads.push_back(ProposalThread{t.id, "discuss", t.subject, t.first_date});
      }
      std::sort(p.threads.begin(), p.threads.end(),
                [](const ProposalThread& a, const ProposalThread& b) {
                  if (a.first_date != b.first_date) return a.first_date < b.first_date;
                  return a.thread_id < b.thread_id;
                });
      proposals->push_back(std::move(p));
    }
  }
  std::sort(proposals->begin(), proposals->end(),
            [](const Proposal& a, const Proposal& b) { return a.id < b.id; });
}

}  // namespace quorum::analyze
