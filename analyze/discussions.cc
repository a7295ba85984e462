// SPDX-License-Identifier: Apache-2.0
// Busy untagged threads as discussion proposals.
#include "analyze/discussions.h"

#include <algorithm>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "analyze/subject.h"
#include "core/text.h"

namespace quorum::analyze {

namespace {

constexpr int64_t kOrphanWindow = 60 * 86400;  // a broken reply joins a thread this recent

// The people who wrote the real messages of `t`, by person (or address when none is known).
void AddPeople(const std::vector<Message>& messages, const std::vector<int>& person_of_message,
               const Thread& t, std::set<std::string>* people) {
  for (const ThreadNode& n : t.nodes) {
    if (n.message < 0) continue;
    size_t i = static_cast<size_t>(n.message);
    int person = i < person_of_message.size() ? person_of_message[i] : -1;
    people->insert(person >= 0 ? "#" + std::to_string(person)
                               : AsciiLower(messages[i].from.address));
  }
}

}  // namespace

void AddUntaggedDiscussions(const std::vector<Message>& messages,
                            const std::vector<Thread>& threads,
                            const std::vector<int>& person_of_message,
                            const DiscussionOptions& options, std::vector<Proposal>* proposals) {
  std::unordered_set<std::string> covered;
  for (const Proposal& p : *proposals) {
    for (const ProposalThread& t : p.threads) covered.insert(t.thread_id);
  }
  // Threads in date order; a thread whose root is a reply ("Re: X") to a message the archive
  // lacks (a mail client that dropped References, a message without a Message-ID) joins the
  // latest earlier thread titled X: readers see one discussion, not four.
  std::vector<size_t> order(threads.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&threads](size_t a, size_t b) {
    return threads[a].first_date < threads[b].first_date;
  });
  struct Group {
    std::vector<size_t> threads;
    int messages = 0;
  };
  std::vector<Group> groups;
  std::unordered_map<std::string, size_t> group_of_title;  // lower-cased title -> group
  for (size_t ti : order) {
    const Thread& t = threads[ti];
    if (covered.count(t.id)) continue;
    SubjectInfo info = ParseSubject(t.subject);
    std::string key = AsciiLower(info.title);
    auto it = key.empty() ? group_of_title.end() : group_of_title.find(key);
    if (info.reply && it != group_of_title.end()) {
      Group& g = groups[it->second];
      // Sorted by date: an undated thread follows only undated ones, so it always joins.
      const MailDate& before = threads[g.threads.back()].first_date;
      if (!t.first_date.valid ||
          (before.valid && t.first_date.epoch - before.epoch <= kOrphanWindow)) {
        g.threads.push_back(ti);
        g.messages += t.message_count;
        continue;
      }
    }
    groups.push_back(Group{{ti}, t.message_count});
    if (!key.empty()) group_of_title[key] = groups.size() - 1;
  }
  for (const Group& g : groups) {
    if (g.messages < options.min_messages) continue;
    std::set<std::string> people;
    for (size_t ti : g.threads) AddPeople(messages, person_of_message, threads[ti], &people);
    if (static_cast<int>(people.size()) < options.min_participants) continue;
    const Thread& first = threads[g.threads.front()];
    Proposal p;
    p.id = "thread:" + first.id;
    std::string title = ParseSubject(first.subject).title;
    p.title = title.empty() ? first.subject : title;
    for (size_t ti : g.threads) {
      const Thread& t = threads[ti];
      p.threads.push_back(ProposalThread{t.id, "discuss", t.subject, t.first_date});
    }
    p.branched_from = first.branched_from;
    proposals->push_back(std::move(p));
  }
  std::sort(proposals->begin(), proposals->end(),
            [](const Proposal& a, const Proposal& b) { return a.id < b.id; });
}

}  // namespace quorum::analyze
