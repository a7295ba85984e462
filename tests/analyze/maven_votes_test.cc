// SPDX-License-Identifier: Apache-2.0
// The real Maven dev list, Nov and Dec 2017, in its three archive variants: the nine vote
// threads, every explicit vote (from our own reading of each reply), statuses, result checks.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "analyze/analysis.h"
#include "analyze/votes.h"
#include "parse/corpus.h"
#include "test_util.h"

using namespace quorum;
using namespace quorum::analyze;

namespace {

struct ExpectedVote {
  const char* address;  // the From: address of the reply (stable across variants)
  const char* value;
};

struct ExpectedThread {
  const char* subject;  // the call's subject, exactly
  VoteStatus status;
  std::vector<ExpectedVote> votes;
  std::vector<const char*> prose;  // names a result mail counts whose reply has no vote token
  bool closed_early;               // result mail less than 72 hours after the call
};

constexpr const char* kRobert = "rfscholte@apache.org";
constexpr const char* kHerve = "herve.boutemy@free.fr";
constexpr const char* kOlivier = "olamy@apache.org";
constexpr const char* kMark = "org.apache.maven.user@io7m.com";
constexpr const char* kKarl = "khmarbaise@gmx.de";

// Read by hand, reply by reply (see docs/votes.md, "Maven 2017 reading"). Not votes, on
// purpose: Martijn Verburg's "Non binding but it works well for me" (prose), Robert Scholte's
// "I assume I can translate this to a +1..." and "Still wating for one Maven PMC vote.",
// Andreas Sewe's test reports (prose), Tamás Cservenák's in-thread "Vote passed with +1's
// from: ..." tally, Hervé's "one vote still missing...", Bernd Eckenfels' and Brian Fox's
// questions, Mark Raynsford's take-2 discussion ("I'd vote to release, but ...").
const std::vector<ExpectedThread>& Expected() {
  static const std::vector<ExpectedThread> table = {
      {"[VOTE] Release Apache Maven JDeprScan Plugin version 3.0.0-alpha-1",
       VoteStatus::kPassed,
       {{kRobert, "+1"}, {kHerve, "+1"}, {"aheritier@gmail.com", "+1"}, {kOlivier, "+1"}},
       {"Martijn Verburg"},
       false},
      {"[VOTE] Release Apache Maven Javadoc Plugin version 3.0.0",
       VoteStatus::kCanceled,
       {{kMark, "-1"}},
       {},
       false},
      {"[VOTE] Release Apache Maven Javadoc Plugin version 3.0.0 (take 2)",
       VoteStatus::kCanceled,
       {},
       {},
       false},
      {"[VOTE] Release Maven Indexer 6.0.0",
       VoteStatus::kPassed,
       {{"skygo@apache.org", "+1"},
        {"manfred@simpligility.com", "+1"},
        {kRobert, "+1"},
        {kHerve, "+1"},
        {kOlivier, "+1"}},
       {"Andreas"},
       false},
      {"[VOTE] Release Apache Maven Javadoc Plugin version 3.0.0 (take 3)",
       VoteStatus::kPassed,
       {{kMark, "+1"}, {kRobert, "+1"}, {kHerve, "+1"}, {kOlivier, "+1"}},
       {},
       true},
      {"[VOTE] Release Apache Maven Doxia version 1.8",
       VoteStatus::kPassed,
       {{kHerve, "+1"},
        {kRobert, "+1"},
        {"paranoiabla@gmail.com", "+1"},
        {"1983-01-06@gmx.net", "+1"}},
       {},
       false},
      {"[VOTE] Release Apache Maven Doxia Sitetools version 1.8",
       VoteStatus::kPassed,
       {{kRobert, "+1"}, {"michaelo@apache.org", "+1"}, {kKarl, "+1"}, {kHerve, "+1"}},
       {},
       false},
      {"[VOTE] Release Apache Maven PDF Plugin version 1.4",
       VoteStatus::kPassed,
       {{kRobert, "+1"}, {kKarl, "+1"}, {kHerve, "+1"}},
       {},
       false},
      {"[VOTE] Release Apache Maven Site Plugin version 3.7",
       VoteStatus::kPassed,
       {{kOlivier, "+1"},
        {kRobert, "+1"},
        {"michaelo@apache.org", "+1"},
        {kKarl, "+1"},
        {kHerve, "+1"}},
       {},
       false},
  };
  return table;
}

std::string Lower(std::string s) {
  for (auto& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}

VoteAnalysis Analyze(const std::string& variant) {
  std::vector<parse::InputFile> in;
  for (const char* month : {"11", "12"}) {
    in.push_back({test::SharedPath(std::string("data/ponymail-unit-tests/maven-dev-2017-") + month +
                                   "-" + variant + ".mbox")});
  }
  parse::CorpusOptions co;
  co.jobs = 2;
  parse::Corpus corpus = parse::LoadCorpus(in, co);
  REQUIRE(corpus.messages.size() > 500);
  AnalysisOptions options;
  options.positions = false;
  Result<Analysis> a = analyze::Analyze(corpus, options);
  REQUIRE(a.ok());
  return VoteAnalysis{std::move(a.value().vote_threads), std::move(a.value().proposals)};
}

std::string Collapse(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  }
  return out;
}

const VoteThread* Find(const VoteAnalysis& va, const std::string& subject) {
  for (const auto& t : va.vote_threads) {
    if (Collapse(t.subject) == subject) return &t;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("maven 2017: nine vote threads, every explicit vote, right status and result check",
          "[analyze][maven][shared]") {
  for (const char* variant : {"listsao", "mailarchivesao", "mboxvm"}) {
    DYNAMIC_SECTION(variant) {
      VoteAnalysis va = Analyze(variant);
      CHECK(va.vote_threads.size() == Expected().size());
      int tp = 0, fp = 0, fn = 0;
      for (const ExpectedThread& e : Expected()) {
        INFO(variant << ": " << e.subject);
        const VoteThread* t = Find(va, e.subject);
        REQUIRE(t != nullptr);
        CHECK(t->kind == VoteKind::kRelease);
        CHECK(t->status == e.status);
        std::multiset<std::pair<std::string, std::string>> want, got;
        for (const auto& v : e.votes) want.insert({v.address, v.value});
        for (const auto& v : t->votes) {
          if (!v.superseded) got.insert({Lower(v.voter.address), v.value});
        }
        CHECK(got == want);
        for (const auto& g : got) (want.count(g) ? tp : fp)++;
        for (const auto& w : want) fn += got.count(w) ? 0 : 1;
        // Result check: only the expected prose votes differ.
        if (e.status == VoteStatus::kPassed) {
          REQUIRE_FALSE(t->result.message_id.empty());
          CHECK(t->status_basis == "result-mail");
          std::set<std::string> prose, other;
          for (const auto& d : t->result.differences) {
            if (d.type == "possible-prose-vote") {
              prose.insert(d.name);
            } else {
              other.insert(d.type + ": " + d.name + ": " + d.detail);
            }
          }
          CHECK(other.empty());
          CHECK(prose == std::set<std::string>(e.prose.begin(), e.prose.end()));
          CHECK(t->result.agrees == e.prose.empty());
          bool early =
              std::find(t->flags.begin(), t->flags.end(), "closed-before-72h") != t->flags.end();
          CHECK(early == e.closed_early);
          CHECK(t->computed_outcome == "passed");
        } else {
          CHECK(t->result.message_id.empty());
          CHECK_FALSE(t->cancel_message_id.empty());
        }
      }
      CHECK(fp == 0);
      CHECK(fn == 0);
      CHECK(tp == 30);
      WARN(variant << ": explicit votes: " << tp << " found correctly, " << fp << " false, " << fn
                   << " missed");
    }
  }
}

TEST_CASE("maven 2017: binding evidence without a roster", "[analyze][maven][shared]") {
  VoteAnalysis va = Analyze("listsao");
  const VoteThread* indexer = Find(va, "[VOTE] Release Maven Indexer 6.0.0");
  REQUIRE(indexer != nullptr);
  // The header-less [RESULT] with a differently worded subject is found.
  CHECK(Collapse(indexer->subject) == "[VOTE] Release Maven Indexer 6.0.0");
  CHECK_FALSE(indexer->result.message_id.empty());
  CHECK(indexer->result.stated.binding_names ==
        std::vector<std::string>{"Olivier", "Herve", "Robert"});
  for (const auto& v : indexer->votes) {
    std::string a = Lower(v.voter.address);
    INFO(a);
    if (a == kRobert || a == kHerve || a == kOlivier) {
      CHECK(v.binding == true);
      CHECK(v.binding_evidence == BindingEvidence::kResultMail);
    } else if (a == "skygo@apache.org") {
      CHECK(v.binding == false);  // "+1 (non-binding)"
      CHECK(v.binding_evidence == BindingEvidence::kDeclared);
    } else {
      CHECK_FALSE(v.binding.has_value());
      CHECK(v.binding_evidence == BindingEvidence::kNone);
    }
  }
  CHECK(indexer->tally.binding.plus == 3);
  // The three Javadoc takes are one proposal.
  std::set<std::string> javadoc;
  for (const auto& t : va.vote_threads) {
    if (t.subject.find("Javadoc") != std::string::npos) javadoc.insert(t.proposal_id);
  }
  CHECK(javadoc.size() == 1);
  // The canceled first take kept Mark Raynsford's declared non-binding -1.
  const VoteThread* take1 = Find(va, "[VOTE] Release Apache Maven Javadoc Plugin version 3.0.0");
  REQUIRE(take1 != nullptr);
  REQUIRE(take1->votes.size() == 1);
  CHECK(take1->votes[0].binding == false);
  CHECK(take1->votes[0].evidence == "-1 (non-binding)");
}

TEST_CASE("maven 2017: the three archive variants give the same answers",
          "[analyze][maven][shared]") {
  // (subject, voter address, value, binding, evidence line, status) per variant.
  auto summary = [](const VoteAnalysis& va) {
    std::vector<std::string> out;
    for (const auto& t : va.vote_threads) {
      std::string head = Collapse(t.subject) + "|" + ToString(t.status) + "|" + t.computed_outcome +
                         "|" + (t.result.agrees ? "agrees" : "differs");
      out.push_back(head);
      for (const auto& v : t.votes) {
        out.push_back(head + "|" + Lower(v.voter.address) + "|" + v.value + "|" +
                      ToString(v.binding_evidence) + "|" + v.evidence +
                      (v.superseded ? "|superseded" : ""));
      }
      for (const auto& d : t.result.differences) out.push_back(head + "|" + d.type + "|" + d.name);
    }
    return out;
  };
  auto listsao = summary(Analyze("listsao"));
  CHECK(summary(Analyze("mailarchivesao")) == listsao);
  CHECK(summary(Analyze("mboxvm")) == listsao);
}
