// SPDX-License-Identifier: Apache-2.0
// Busy untagged threads as discussion proposals.
#include "analyze/discussions.h"

#include <algorithm>
#include <set>
#include <string>
#include <unordered_set>

#include "analyze/subject.h"
#include "core/text.h"

namespace quorum::analyze {

void AddUntaggedDiscussions(const std::vector<Message>& messages,
                            const std::vector<Thread>& threads,
                            const std::vector<int>& person_of_message,
                            const DiscussionOptions& options, std::vector<Proposal>* proposals) {
  std::unordered_set<std::string> covered;
  for (const Proposal& p : *proposals) {
    for (const ProposalThread& t : p.threads) covered.insert(t.thread_id);
  }
  for (const Thread& t : threads) {
    if (covered.count(t.id) || t.message_count < options.min_messages) continue;
    std::set<std::string> people;
    for (const ThreadNode& n : t.nodes) {
      if (n.message < 0) continue;
      size_t i = static_cast<size_t>(n.message);
      int person = i < person_of_message.size() ? person_of_message[i] : -1;
      people.insert(person >= 0 ? "#" + std::to_string(person)
                                : AsciiLower(messages[i].from.address));
    }
    if (static_cast<int>(people.size()) < options.min_participants) continue;
    Proposal p;
    p.id = "thread:" + t.id;
    std::string title = ParseSubject(t.subject).title;
    p.title = title.empty() ? t.subject : title;
    p.threads.push_back(ProposalThread{t.id, "discuss", t.subject, t.first_date});
    proposals->push_back(std::move(p));
  }
  std::sort(proposals->begin(), proposals->end(),
            [](const Proposal& a, const Proposal& b) { return a.id < b.id; });
}

}  // namespace quorum::analyze
