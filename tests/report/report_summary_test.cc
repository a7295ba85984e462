// SPDX-License-Identifier: Apache-2.0
// The summary in every output (report.json, positions JSON and text, the proposal page), the
// digest per proposal, and which proposals are news or code review (report/classify.h).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/report_model.h"
#include "report/classify.h"
#include "report/digest.h"
#include "report/positions_output.h"
#include "report/proposal_view.h"
#include "report/report_json.h"
#include "report/site.h"

using namespace quorum;
using namespace quorum::report;

namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kStart = 1512086400;  // 2017-12-01

// A small model built message by message: each thread a proposal of the given role.
struct ModelBuilder {
  ReportModel m;

  // Adds a thread of `authors` (the first opens it, the others reply to it) as a proposal.
  int AddProposal(const std::string& id, const std::string& subject, const std::string& role,
                  const std::vector<std::string>& authors, int64_t day = 0,
                  const Mirror& mirror = {}) {
    Thread t;
    t.subject = subject;
    for (size_t i = 0; i < authors.size(); ++i) {
      Message msg;
      msg.message_id = id + "-m" + std::to_string(i);
      msg.from = {authors[i], authors[i] + "@example.org"};
      msg.date = {kStart + day * kDay + static_cast<int64_t>(i) * 60, 0, true};
      msg.subject = subject;
      msg.text = "text of " + authors[i];
      msg.list_id = "dev.example.apache.org";
      msg.mirror = mirror;
      if (i == 0) t.id = msg.message_id;
      t.nodes.push_back(
          {msg.message_id, i == 0 ? -1 : 0, static_cast<int>(m.messages.size()), i == 0 ? 0 : 1});
      if (!t.first_date.valid) t.first_date = msg.date;
      t.last_date = msg.date;
      m.messages.push_back(msg);
    }
    t.message_count = static_cast<int>(authors.size());
    m.threads.push_back(t);
    Proposal p;
    p.id = id;
    p.title = subject;
    p.threads = {{t.id, role, subject, t.first_date}};
    m.proposals.push_back(p);
    m.proposal_positions.emplace_back();
    return static_cast<int>(m.proposals.size()) - 1;
  }

  // A vote thread on proposal `p` whose votes are the replies of its thread.
  void AddVotes(int p, VoteStatus status, const std::vector<std::string>& values) {
    const Thread& t = m.threads[static_cast<size_t>(p)];
    VoteThread vt;
    vt.thread_id = t.id;
    vt.subject = t.subject;
    vt.proposal_id = m.proposals[static_cast<size_t>(p)].id;
    vt.status = status;
    vt.opened = t.first_date;
    if (status != VoteStatus::kOpen) vt.closed = t.last_date;
    for (size_t i = 0; i < values.size() && i + 1 < t.nodes.size(); ++i) {
      const Message& msg = m.messages[static_cast<size_t>(t.nodes[i + 1].message)];
      Vote v;
      v.voter = {msg.from.name, msg.from.address, "", ""};
      v.value = values[i];
      v.numeric = values[i][0] == '-' ? -1 : 1;
      v.binding = true;
      v.message_id = msg.message_id;
      v.date = msg.date;
      (v.numeric > 0 ? vt.tally.binding.plus : vt.tally.binding.minus)++;
      vt.votes.push_back(v);
    }
    m.vote_threads.push_back(vt);
  }
};

Position MakePosition(const std::string& label, bool recurring, const std::string& holder,
                      Stance stance) {
  Position p;
  p.label = label;
  p.label_message_id = "label-" + label;
  p.recurring = recurring;
  p.messages = 2;
  p.participants = 1;
  p.holders.push_back(
      {holder, holder + "@example.org", stance, {"rfc-m1"}, "quote " + label, false});
  return p;
}

// An RFC discussion of three people with a hand-made summary: lead, one for, one against, two
// arguments (the second position first), one position also raised, a passed vote.
ModelBuilder SummarizedModel() {
  ModelBuilder b;
  int p = b.AddProposal("RFC-7", "RFC-7: nightly builds", "discuss", {"ann", "bob", "cat"});
  Discussion& d = b.m.proposal_positions[static_cast<size_t>(p)];
  d.proposal_id = "RFC-7";
  d.subject = "RFC-7: nightly builds";
  d.positions = {MakePosition("Nightly builds cost little", true, "bob", Stance::kFor),
                 MakePosition("The sponsor triages failures", true, "cat", Stance::kAgainst),
                 MakePosition("Once only", false, "ann", Stance::kNeutral)};
  Summary& s = d.summary;
  s.lead = "We propose nightly builds for every branch.";
  s.lead_message_id = "RFC-7-m0";
  s.lead_author = "ann";
  s.has_decision = true;
  s.decision.status = "passed";
  s.decision.thread_id = "RFC-7-m0";
  s.decision.binding_plus = 4;
  s.decision.non_binding_plus = 1;
  s.decision.result_message_id = "result-1";
  s.support = {{"bob", "bob@example.org", "RFC-7-m1", "+1, we support this", "stated"}};
  s.oppose = {{"cat", "cat@example.org", "RFC-7-m2", "I object to nightly", "stated"}};
  s.arguments = {1, 0};
  s.also_raised = 1;
  return b;
}

}  // namespace

TEST_CASE("report.json: proposals[].summary has the documented shape", "[report][summary]") {
  ModelBuilder b = SummarizedModel();
  auto views = BuildProposalViews(b.m);
  nlohmann::json j = nlohmann::json::parse(RenderReportJson(b.m, views, Digest{}));
  const nlohmann::json& s = j["proposals"][0]["summary"];
  CHECK(s["lead"] == "We propose nightly builds for every branch.");
  CHECK(s["lead_message_id"] == "RFC-7-m0");
  CHECK(s["decision"]["status"] == "passed");
  CHECK(s["decision"]["tally"]["binding"]["+1"] == 4);
  CHECK(s["decision"]["tally"]["non_binding"]["+1"] == 1);
  CHECK(s["decision"]["tally"]["binding"]["-1"] == 0);
  CHECK(s["decision"]["result_message_id"] == "result-1");
  REQUIRE(s["support"].size() == 1);
  for (const char* key : {"name", "address", "message_id", "quote", "basis"}) {
    CHECK(s["support"][0].contains(key));
  }
  CHECK(s["oppose"][0]["name"] == "cat");
  REQUIRE(s["arguments"].size() == 2);  // in summary order, as whole positions
  CHECK(s["arguments"][0]["label"] == "The sponsor triages failures");
  CHECK(s["arguments"][0]["label_message_id"] == "label-The sponsor triages failures");
  CHECK(s["arguments"][1]["recurring"] == true);
  CHECK(s["also_raised"] == 1);
  const nlohmann::json& positions = j["proposals"][0]["positions"];
  REQUIRE(positions.size() == 3);
  CHECK(positions[2]["recurring"] == false);
  CHECK(positions[0].contains("label_message_id"));

  // No summary computed: empty fields, null decision, never a missing key.
  b.m.proposal_positions[0].summary = Summary();
  j = nlohmann::json::parse(RenderReportJson(b.m, views, Digest{}));
  const nlohmann::json& e = j["proposals"][0]["summary"];
  CHECK(e["lead"] == "");
  CHECK(e["decision"].is_null());
  CHECK(e["support"].empty());
  CHECK(e["arguments"].size() == 2);  // the recurring positions, in their order
  CHECK(e["arguments"][0]["label"] == "Nightly builds cost little");
}

TEST_CASE("quorum positions: the summary in JSON and in a readable text block",
          "[report][summary]") {
  ModelBuilder b = SummarizedModel();
  std::ostringstream json;
  WritePositionsJson(b.m.proposal_positions, json);
  nlohmann::json j = nlohmann::json::parse(json.str());
  CHECK(j["discussions"][0]["summary"]["arguments"][0]["label"] == "The sponsor triages failures");
  // The same JSON as report.json's, from the same function.
  auto views = BuildProposalViews(b.m);
  nlohmann::json r = nlohmann::json::parse(RenderReportJson(b.m, views, Digest{}));
  CHECK(r["proposals"][0]["summary"] == j["discussions"][0]["summary"]);
  CHECK(r["proposals"][0]["positions"] == j["discussions"][0]["positions"]);

  std::ostringstream text;
  WritePositionsText(b.m.proposal_positions, text);
  std::string t = text.str();
  INFO(t);
  size_t lead = t.find("Lead: \"We propose nightly builds for every branch.\" -- ann");
  size_t decision = t.find("Decision: passed: 4 binding +1, 1 non-binding +1, no -1");
  size_t support = t.find("For: bob (stated)");
  size_t oppose = t.find("Against: cat (stated)");
  size_t first = t.find("1. \"The sponsor triages failures\"");
  size_t second = t.find("2. \"Nightly builds cost little\"");
  size_t also = t.find("also raised: 1");
  CHECK(lead != std::string::npos);
  CHECK(lead < decision);
  CHECK(decision < support);
  CHECK(support < oppose);
  CHECK(oppose < first);
  CHECK(first < second);
  CHECK(second < also);
  CHECK(also != std::string::npos);
  CHECK(t.find("against  cat <cat@example.org>") != std::string::npos);
}

TEST_CASE("report site: the proposal page opens with the summary", "[report][summary][site]") {
  ModelBuilder b = SummarizedModel();
  auto views = BuildProposalViews(b.m);
  auto files = RenderSite(b.m, views, Digest{});
  const std::string& page = files[1].bytes;
  REQUIRE(files[1].path.rfind("p/", 0) == 0);
  size_t summary = page.find("<section class=\"summary\"");
  REQUIRE(summary != std::string::npos);
  CHECK(summary < page.find("<h2>Timeline</h2>"));
  CHECK(summary < page.find("<article"));
  CHECK(page.find("<blockquote class=\"lead\">We propose nightly builds for every branch."
                  "</blockquote>") > summary);
  // The lead and the sides link to their messages on the page, which carry those anchors.
  CHECK(page.find("href=\"#m-RFC-7-m0\"") != std::string::npos);
  CHECK(page.find("id=\"m-RFC-7-m0\"") != std::string::npos);
  CHECK(page.find("Passed: 4 binding +1, 1 non-binding +1, no -1") != std::string::npos);
  size_t for_list = page.find("For (1)");
  size_t against_list = page.find("Against (1)");
  size_t arguments = page.find("Main arguments");
  size_t also = page.find("Also raised (1)");
  CHECK(summary < for_list);
  CHECK(for_list < against_list);
  CHECK(against_list < arguments);
  CHECK(arguments < also);
  CHECK(page.find("The sponsor triages failures") < page.find("Nightly builds cost little"));
  CHECK(also < page.find("<h2>Timeline</h2>"));
  CHECK(page.find("<details class=\"also\">") != std::string::npos);
  CHECK(page.find("\n\n") == std::string::npos);

  // Before the summary analysis: no lead, no sides, no decision; no empty heading either.
  b.m.proposal_positions[0].summary = Summary();
  b.m.proposal_positions[0].positions.resize(1);
  b.m.proposal_positions[0].positions[0].recurring = false;
  std::string bare = RenderSite(b.m, views, Digest{})[1].bytes;
  CHECK(bare.find("blockquote class=\"lead\"") == std::string::npos);
  CHECK(bare.find("For (") == std::string::npos);
  CHECK(bare.find("Main arguments") == std::string::npos);
  CHECK(bare.find("Also raised (1)") != std::string::npos);
  CHECK(bare.find("\n\n") == std::string::npos);
}

TEST_CASE("report classify: announcements are news, quiet mirrors are code review",
          "[report][classify]") {
  ModelBuilder b;
  Mirror pr{MirrorKind::kGitBox, "maven-surefire", "pull", 12, "", ""};
  b.AddProposal("ann-1", "Apache Maven Site Plugin 3.7 Released", "announce", {"herve"});
  b.AddProposal("rel-1", "Foo 1.0 Released", "discuss", {"herve", "bob"});
  b.AddProposal("github:maven-surefire#12", "maven-surefire pull request #12: fix", "mirror",
                {"tibor", "asfgit", "eolivelli", "ASF GitHub Bot"}, 0, pr);
  b.AddProposal("github:maven-surefire#13", "maven-surefire pull request #13: argue", "mirror",
                {"tibor", "eolivelli", "rmannibucau"}, 0, pr);
  b.AddProposal("RFC-9", "RFC-9 in a mirrored PR", "mirror", {"tibor"}, 0, pr);
  b.AddProposal("vote-1", "[VOTE] Release Foo 1.0", "vote", {"herve", "bob"});
  b.AddVotes(5, VoteStatus::kOpen, {"+1"});
  auto views = BuildProposalViews(b.m);
  std::map<std::string, Classification> by_id;
  for (const auto& v : views)
    by_id[b.m.proposals[static_cast<size_t>(v.proposal)].id] = Classify(b.m, v);
  CHECK(by_id["ann-1"].kind == ProposalClass::kNews);
  CHECK(by_id["rel-1"].kind == ProposalClass::kNews);
  CHECK(by_id["github:maven-surefire#12"].kind == ProposalClass::kCodeReview);
  CHECK(by_id["github:maven-surefire#12"].repository == "maven-surefire");
  CHECK(by_id["github:maven-surefire#13"].kind == ProposalClass::kProposal);  // three people
  CHECK(by_id["RFC-9"].kind == ProposalClass::kProposal);
  CHECK(by_id["vote-1"].kind == ProposalClass::kProposal);
  // The digest: news apart, the PR folded into one code review line per repository.
  Digest d = ComputeDigest(b.m, views, nullptr, std::nullopt);
  int news = 0, reviews = 0, proposals = 0;
  for (const auto& e : d.entries) {
    if (e.type == "news") ++news;
    if (e.type == "code-review") {
      ++reviews;
      CHECK(e.repository == "maven-surefire");
      CHECK(e.detail == "1 pull request; 4 messages");
    }
    if (e.type == "proposal") ++proposals;
  }
  CHECK(news == 2);
  CHECK(reviews == 1);
  CHECK(proposals == 3);  // #13, RFC-9, the vote
  // The index says the same.
  std::string index = RenderSite(b.m, views, d).back().bytes;
  CHECK(index.find("<h2 id=\"news\">News</h2>") != std::string::npos);
  // Two people and an objection: a debate.
  b.m.proposal_positions[2].summary.oppose.push_back({"eolivelli", "e@x", "", "-1", "stated"});
  for (const auto& v : views) {
    if (v.proposal == 2) CHECK(Classify(b.m, v).kind == ProposalClass::kProposal);
  }
  Mirror untyped{MirrorKind::kGitBox, "maven-surefire", "", 165, "", ""};
  ModelBuilder issue;
  issue.AddProposal("github:maven-surefire#165", "maven-surefire issue #165: Merge master",
                    "mirror", {"tibor"}, 0, untyped);
  auto issue_views = BuildProposalViews(issue.m);
  CHECK(Classify(issue.m, issue_views[0]).kind == ProposalClass::kCodeReview);
  CHECK(Classify(issue.m, issue_views[0]).issue);
  CHECK(!by_id["github:maven-surefire#12"].issue);
  CHECK(IsBot("ASF GitHub Bot", "git@apache.org"));
  CHECK(IsBot("dependabot[bot]", "x@example.org"));
  CHECK(IsBot("", "asfgit@apache.org"));
  CHECK(!IsBot("Robert Scholte", "rfscholte@apache.org"));
}

TEST_CASE("report digest: one entry per proposal that changed, saying what changed",
          "[report][digest]") {
  ModelBuilder b;
  int vote = b.AddProposal("v", "[VOTE] Release Foo 1.0", "vote", {"rm", "a", "b", "c"});
  b.AddVotes(vote, VoteStatus::kOpen, {"+1"});
  b.AddProposal("talk", "Git migration", "discuss", {"x", "y"});
  auto views = BuildProposalViews(b.m);
  ReportState before = StateOf(b.m, views);

  // Two more votes (one -1), the vote passes, and two new replies in the discussion.
  ModelBuilder later = b;
  later.m.vote_threads.clear();
  later.AddVotes(vote, VoteStatus::kPassed, {"+1", "+1", "-1"});
  later.m.vote_threads[0].result.message_id = "result";
  for (int k = 0; k < 2; ++k) {
    Message msg = later.m.messages.back();
    msg.message_id = "talk-new" + std::to_string(k);
    msg.date.epoch += 3600;
    later.m.threads[1].nodes.push_back(
        {msg.message_id, 0, static_cast<int>(later.m.messages.size()), 1});
    later.m.messages.push_back(msg);
  }
  auto later_views = BuildProposalViews(later.m);
  Digest d = ComputeDigest(later.m, later_views, &before, std::nullopt);
  REQUIRE(d.entries.size() == 2);
  const DigestEntry* v = nullptr;
  const DigestEntry* talk = nullptr;
  for (const auto& e : d.entries) (e.proposal_id == "v" ? v : talk) = &e;
  REQUIRE(v != nullptr);
  REQUIRE(talk != nullptr);
  CHECK(v->type == "proposal");
  CHECK(v->vote);
  CHECK(v->detail == "passed: 2 binding +1, 1 binding -1; 2 new votes; new objection from c");
  CHECK(v->message_id == "result");
  CHECK(talk->detail == "2 new messages in the discussion");
  CHECK(!talk->vote);

  // An open vote with new votes says the tally so far.
  later.m.vote_threads[0].status = VoteStatus::kOpen;
  d = ComputeDigest(later.m, later_views, &before, std::nullopt);
  for (const auto& e : d.entries) {
    if (e.proposal_id == "v") {
      CHECK(e.detail == "2 new votes, 2 binding +1, 1 binding -1 so far; new objection from c");
    }
  }

  // First run: every proposal new, once each.
  Digest first = ComputeDigest(b.m, views, nullptr, std::nullopt);
  REQUIRE(first.entries.size() == 2);
  for (const auto& e : first.entries) {
    if (e.proposal_id == "talk") CHECK(e.detail == "new discussion, 2 messages from 2 people");
  }
  // A state from before message counts: no flood of "new messages".
  ReportState old = before;
  old.messages.clear();
  old.has_message_counts = false;
  CHECK(ComputeDigest(b.m, views, &old, std::nullopt).entries.empty());
  // The feed has one entry per digest entry.
  auto files = RenderSite(later.m, later_views, d);
  const std::string& feed = files[files.size() - 2].bytes;
  size_t entries = 0;
  for (size_t at = feed.find("<entry>"); at != std::string::npos; at = feed.find("<entry>", at + 1))
    ++entries;
  CHECK(entries == d.entries.size());
}
