// SPDX-License-Identifier: Apache-2.0
// Proposal, news or code review (report/classify.h).
#include "report/classify.h"

#include <set>

#include "core/text.h"

namespace quorum::report {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

bool IsBot(std::string_view name, std::string_view address) {
  std::string n = AsciiLower(name);
  std::string local = AsciiLower(address.substr(0, address.find('@')));
  static constexpr std::string_view kBots[] = {
      "asfgit",  "asf-ci",     "asf github bot", "github-actions", "dependabot",
      "codecov", "codecov-io", "sonarcloud",     "jenkins",        "buildbot",
      "gitbox",  "asfbot",     "travis-ci",      "coveralls",      "renovate"};
  for (std::string_view b : kBots) {
    if (n == b || local == b || n.rfind(std::string(b) + "[", 0) == 0) return true;
  }
  return EndsWith(n, "[bot]") || EndsWith(n, "-bot") || EndsWith(n, " bot") ||
         EndsWith(local, "-bot");
}

Classification Classify(const ReportModel& model, const ProposalView& view) {
  Classification c;
  if (!view.vote_threads.empty()) return c;
  const Proposal& p = model.proposals[static_cast<size_t>(view.proposal)];
  bool all_announce = !p.threads.empty(), all_mirror = !p.threads.empty();
  for (const auto& t : p.threads) {
    all_announce = all_announce && t.role == "announce";
    all_mirror = all_mirror && t.role == "mirror";
  }
  std::string title = AsciiLower(p.title);
  while (!title.empty() && (title.back() == ' ' || title.back() == '.' || title.back() == '!')) {
    title.pop_back();
  }
  if (all_announce || EndsWith(title, " released")) {
    c.kind = ProposalClass::kNews;
    return c;
  }
  constexpr std::string_view kGitHub = "github:";
  size_t hash = p.id.rfind('#');
  if (!all_mirror || p.id.rfind(kGitHub, 0) != 0 || hash == std::string::npos ||
      hash <= kGitHub.size()) {
    return c;
  }
  if (view.messages.empty()) return c;
  std::set<std::string> people;
  for (int mi : view.messages) {
    const Message& m = model.messages[static_cast<size_t>(mi)];
    if (!IsBot(m.from.name, m.from.address)) people.insert(AuthorKey(model, mi));
  }
  bool objection =
      static_cast<size_t>(view.proposal) < model.proposal_positions.size() &&
      !model.proposal_positions[static_cast<size_t>(view.proposal)].summary.oppose.empty();
  if (people.size() >= 3 || (people.size() >= 2 && objection)) return c;
  c.kind = ProposalClass::kCodeReview;
  c.repository = p.id.substr(kGitHub.size(), hash - kGitHub.size());
  const Message& first = model.messages[static_cast<size_t>(view.messages.front())];
  c.issue = first.mirror.item == "issues" ||
            (first.mirror.item.empty() && title.find(" issue #") != std::string::npos);
  return c;
}

}  // namespace quorum::report
