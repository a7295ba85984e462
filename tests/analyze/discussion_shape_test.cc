// SPDX-License-Identifier: Apache-2.0
// Discussions as readers see them: patch series are one proposal, new-topic replies branch off.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "analyze/analysis.h"
#include "analyze/branches.h"
#include "analyze/series.h"
#include "parse/corpus.h"
#include "parse/threader.h"
#include "test_util.h"

using namespace quorum;
using namespace quorum::analyze;

namespace {

Message Mail(const std::string& id, const std::string& from, int64_t minute,
             const std::string& subject, const std::string& parent = "") {
  Message m;
  m.message_id = id;
  m.from = Address{from, from + "@example.org"};
  m.from_header = m.from;
  m.date = MailDate{1700000000 + minute * 60, 0, true};
  m.subject = subject;
  m.in_reply_to = parent;
  if (!parent.empty()) m.references = {parent};
  m.list_id = "dev.example.org";
  m.body = m.text = "Some text from " + from + " about " + subject + ".";
  return m;
}

Analysis Run(std::vector<Message> messages) {
  Corpus corpus;
  corpus.messages = std::move(messages);
  corpus.threads = parse::BuildThreads(corpus.messages);
  AnalysisOptions options;
  options.positions = false;
  Result<Analysis> a = Analyze(corpus, options);
  REQUIRE(a.ok());
  return std::move(a).value();
}

const Proposal* Find(const Analysis& a, const std::string& id) {
  for (const Proposal& p : a.proposals) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

Analysis RunFiles(const std::vector<std::string>& paths) {
  Result<parse::InputList> in = parse::ListInputs(paths);
  REQUIRE(in.ok());
  parse::CorpusOptions co;
  parse::Corpus corpus = parse::LoadCorpus(in.value().files, co);
  REQUIRE(!corpus.messages.empty());
  AnalysisOptions options;
  options.positions = false;
  Result<Analysis> a = Analyze(corpus, options);
  REQUIRE(a.ok());
  return std::move(a).value();
}

std::vector<std::string> Ids(const Analysis& a) {
  std::vector<std::string> ids;
  for (const Proposal& p : a.proposals) ids.push_back(p.id);
  return ids;
}

}  // namespace

TEST_CASE("ParsePatchSubject reads part, total, version and tags", "[series]") {
  PatchSubject a = ParsePatchSubject("[RFC][PATCH 06/10] cifs: define inode-level cache");
  CHECK(a.patch);
  CHECK_FALSE(a.reply);
  CHECK(a.part == 6);
  CHECK(a.total == 10);
  CHECK(a.version == 1);
  CHECK(a.title == "cifs: define inode-level cache");
  PatchSubject b = ParsePatchSubject("[notmuch] [PATCH v2 1/2]  lib/message:\tAdd");
  CHECK(b.patch);
  CHECK(b.version == 2);
  CHECK(b.part == 1);
  CHECK(b.title == "lib/message: Add");
  PatchSubject c = ParsePatchSubject("Re: [PATCHv3 net-next 0/4] tcp: x");
  CHECK(c.reply);
  CHECK(c.version == 3);
  CHECK(c.part == 0);
  CHECK(c.tags == "net-next");
  CHECK_FALSE(ParsePatchSubject("[VOTE] Release 1/2 of it").patch);
  CHECK(ParsePatchSubject("[PATCH] one fix").part == -1);
}

TEST_CASE("A --no-thread patch series with replies is one proposal", "[series]") {
  std::vector<Message> m = {
      Mail("c@x", "alice", 0, "[PATCH v2 0/3] widgets: faster frobnication"),
      Mail("p1@x", "alice", 1, "[PATCH v2 1/3] widgets: add a cache"),
      Mail("p2@x", "alice", 2, "[PATCH v2 2/3] widgets: use the cache"),
      Mail("p3@x", "alice", 3, "[PATCH v2 3/3] widgets: document the cache"),
      Mail("r1@x", "bob", 60, "Re: [PATCH v2 1/3] widgets: add a cache", "p1@x"),
      Mail("r2@x", "alice", 90, "Re: [PATCH v2 1/3] widgets: add a cache", "r1@x"),
      Mail("r3@x", "carol", 120, "Re: [PATCH v2 2/3] widgets: use the cache", "p2@x"),
      // A different series by the same author a week later stays apart.
      Mail("q1@x", "alice", 10080, "[PATCH v2 1/2] gadgets: other"),
      Mail("q2@x", "alice", 10081, "[PATCH v2 2/2] gadgets: more"),
  };
  Analysis a = Run(m);
  const Proposal* p = Find(a, "series:c@x");
  REQUIRE(p != nullptr);
  CHECK(p->title == "widgets: faster frobnication");
  REQUIRE(p->threads.size() == 4);
  CHECK(p->threads[0].thread_id == "c@x");
  CHECK(p->threads[1].thread_id == "p1@x");
  for (const Proposal& q : a.proposals) {
    CHECK(q.id.find("p1@x") == std::string::npos);  // no proposal of its own for a part
  }
  CHECK(Find(a, "series:q1@x") == nullptr);  // one author, no replies: not a discussion
}

TEST_CASE("A series without its cover letter is titled by its first part", "[series]") {
  std::vector<Message> m = {
      Mail("p2@x", "alice", 1, "[RFC][PATCH 02/03] a: two"),
      Mail("p1@x", "alice", 0, "[RFC][PATCH 01/03] a: one"),
      Mail("p3@x", "alice", 2, "[RFC][PATCH 03/03] a: three"),
      Mail("r@x", "bob", 30, "Re: [RFC][PATCH 03/03] a: three", "p3@x"),
  };
  Analysis a = Run(m);
  const Proposal* p = Find(a, "series:p1@x");
  REQUIRE(p != nullptr);
  CHECK(p->title == "a: one");
  CHECK(p->threads.size() == 3);
  CHECK(a.proposals.size() == 1);
}

TEST_CASE("The lkml and notmuch patch series are one proposal each", "[series]") {
  Analysis a = RunFiles({test::SharedPath("data/notmuch-corpora/lkml")});
  const Proposal* cifs = Find(a, "series:1277220005-3322-1-git-send-email-sjayaraman@suse.de");
  REQUIRE(cifs != nullptr);
  CHECK(cifs->title == "cifs: local caching support using FS-Cache");
  CHECK(cifs->threads.size() == 11);
  const Proposal* semi = Find(a, "series:cover.1289789604.git.joe@perches.com");
  REQUIRE(semi != nullptr);
  CHECK(semi->title == "remove unnecessary semicolons");
  const Proposal* flags =
      Find(a, "series:1258848661-4660-1-git-send-email-stefan@datenfreihafen.org");
  REQUIRE(flags != nullptr);
  CHECK(flags->title == "lib/message: Add function to get maildir flags.");
  for (const std::string& id : Ids(a)) {
    for (const ProposalThread& t : cifs->threads) {
      CHECK(id != "thread:" + t.thread_id);  // no part is a proposal of its own
    }
  }
}

TEST_CASE("StartsNewTopic: short rules", "[branches]") {
  // Reply noise, list tags, white space: same topic.
  CHECK_FALSE(StartsNewTopic("Git migration next steps", "Re: Git migration next steps"));
  CHECK_FALSE(StartsNewTopic("Re: Re: X y z", "RE: Re: AW: X y z"));
  CHECK_FALSE(StartsNewTopic("[notmuch] foo bar", "Re: foo\tbar"));
  // Vote tags changing is the vote analysis' business.
  CHECK_FALSE(StartsNewTopic("[VOTE] Release Maven 3.5.3", "[RESULT] [VOTE] Release Maven 3.5.3"));
  // A typo fixed, a subject cut short, a word added: same topic.
  CHECK_FALSE(StartsNewTopic("Git migraton next steps", "Re: Git migration next steps"));
  CHECK_FALSE(StartsNewTopic("Re: maven-archiver build on Jenkins - Test Failures",
                             "Re: maven-archiver build on Jenkins - Test"));
  // The next part of a patch series is not a new topic.
  CHECK_FALSE(StartsNewTopic("[PATCH 1/2] lib/message: x", "[PATCH 2/2] notmuch-new: y"));
  // New topics.
  CHECK(StartsNewTopic("Re: Git migration next steps", "[IMPORTANT] Re: Git migration next steps"));
  CHECK(StartsNewTopic("Maven 4.0.0", "Dropping Java 7 (was: Maven 4.0.0)"));
  CHECK(StartsNewTopic("Maven 4.0.0", "rfc: a new release train"));
  CHECK(StartsNewTopic("Re: maven-archiver build on Jenkins - Test Failures",
                       "plexus-archiver / plexus-util Issue"));
  // Keeping the new subject is not a further branch.
  CHECK_FALSE(StartsNewTopic("[IMPORTANT] Re: Git migration next steps",
                             "Re: [IMPORTANT] Re: Git migration next steps"));
  CHECK_FALSE(StartsNewTopic("Dropping Java 7 (was: Maven 4.0.0)",
                             "Re: Dropping Java 7 (was: Maven 4.0.0)"));
}

TEST_CASE("A reply that keeps the subject does not branch", "[branches]") {
  std::vector<Message> m = {
      Mail("a@x", "alice", 0, "Maven 4.0.0"),
      Mail("b@x", "bob", 1, "Re: Maven 4.0.0", "a@x"),
      Mail("c@x", "carol", 2, "Re: Re: Maven 4.0.0", "b@x"),
      Mail("d@x", "alice", 3, "RE: Maven 4.0.0", "c@x"),
  };
  Analysis a = Run(m);
  CHECK(a.branches.empty());
  REQUIRE(a.proposals.size() == 1);
  CHECK(a.proposals[0].id == "thread:a@x");
  CHECK(a.proposals[0].branched_from.empty());
}

TEST_CASE("A was-subject with replies branches off as its own discussion", "[branches]") {
  std::vector<Message> m = {
      Mail("a@x", "alice", 0, "Maven 4.0.0"),
      Mail("b@x", "bob", 1, "Re: Maven 4.0.0", "a@x"),
      Mail("c@x", "carol", 2, "Re: Maven 4.0.0", "b@x"),
      Mail("d@x", "dave", 3, "Dropping Java 7 (was: Maven 4.0.0)", "b@x"),
      Mail("e@x", "alice", 4, "Re: Dropping Java 7 (was: Maven 4.0.0)", "d@x"),
      Mail("f@x", "bob", 5, "Re: Dropping Java 7 (was: Maven 4.0.0)", "e@x"),
      // A lone off-topic reply is too small to branch.
      Mail("g@x", "erin", 6, "Something else entirely", "c@x"),
  };
  Analysis a = Run(m);
  REQUIRE(a.branches.size() == 1);
  const Thread& b = a.branches[0];
  CHECK(b.id == "d@x");
  CHECK(b.branched_from == "a@x");
  CHECK(b.message_count == 3);
  CHECK(b.nodes[0].parent == -1);
  CHECK(b.nodes[0].depth == 0);
  const Proposal* parent = Find(a, "thread:a@x");
  REQUIRE(parent != nullptr);  // a, b, c, g: 4 messages, 4 people
  const Proposal* branch = Find(a, "thread:d@x");
  REQUIRE(branch != nullptr);
  CHECK(branch->branched_from == "a@x");
  CHECK(branch->title == "Dropping Java 7 (was: Maven 4.0.0)");
}

TEST_CASE("Maven: the IMPORTANT reply to Git migration next steps is its own discussion",
          "[branches]") {
  Analysis a =
      RunFiles({test::SharedPath("data/ponymail-unit-tests/maven-dev-2017-11-listsao.mbox"),
                test::SharedPath("data/ponymail-unit-tests/maven-dev-2017-12-listsao.mbox")});
  const Proposal* branch = Find(a, "thread:op.zbb50hckkdkhrr@desktop-2khsk44.mshome.net");
  REQUIRE(branch != nullptr);
  CHECK(branch->branched_from == "1900558.GFx9QlfaE2@giga");
  const Proposal* parent = Find(a, "thread:1900558.GFx9QlfaE2@giga");
  REQUIRE(parent != nullptr);
  CHECK(parent->branched_from.empty());
  bool found = false;
  for (const Thread& t : a.branches) {
    if (t.id != "op.zbb50hckkdkhrr@desktop-2khsk44.mshome.net") continue;
    found = true;
    CHECK(t.message_count >= 30);
  }
  CHECK(found);
}
