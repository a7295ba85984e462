// SPDX-License-Identifier: Apache-2.0
// Tests of identity merging: name normalisation, robot addresses, union-find clusters, real names.
#include "parse/identity.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "../test_util.h"
#include "core/author.h"
#include "mini_mbox.h"
#include "parse/mirror.h"

using namespace quorum;
using quorum::parse::FindPerson;
using quorum::parse::MergeIdentities;
using quorum::parse::NormalizePersonName;
using quorum::parse::Person;

namespace {

std::vector<Message> Mails(std::vector<Address> froms) {
  std::vector<Message> out;
  for (Address& a : froms) {
    Message m;
    m.from = std::move(a);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

TEST_CASE("identity: names are folded, reordered and cleaned", "[parse][identity]") {
  CHECK(NormalizePersonName("Hervé BOUTEMY") == "herve boutemy");
  CHECK(NormalizePersonName("Boutemy, Hervé") == "herve boutemy");
  CHECK(NormalizePersonName("\"Robert Scholte\"") == "robert scholte");
  CHECK(NormalizePersonName("  Rory  O'Donnell ") == "rory odonnell");
  CHECK(NormalizePersonName("Łukasz Ćwik") == "lukasz cwik");
  CHECK(NormalizePersonName("Jörg Straße") == "jorg strasse");
  CHECK(NormalizePersonName("Jean-Baptiste Onofré") == "jean baptiste onofre");
  CHECK(NormalizePersonName("张 三") == "张 三");
}

TEST_CASE("identity: robot suffixes are not part of the name", "[parse][identity]") {
  CHECK(NormalizePersonName("Tibor Digana (JIRA)") == "tibor digana");
  CHECK(NormalizePersonName("Alice Zhang via Apache TVM Discuss") == "alice zhang");
  CHECK(NormalizePersonName("Alice Zhang (via GitHub)") == "alice zhang");
  CHECK(NormalizePersonName("tqchen (via GitHub)") == "");
}

TEST_CASE("identity: one-word names and addresses are not names", "[parse][identity]") {
  CHECK(NormalizePersonName("sebb") == "");
  CHECK(NormalizePersonName("alice@example.org") == "");
  CHECK(NormalizePersonName("") == "");
  CHECK(NormalizePersonName("J.") == "");
  CHECK(NormalizePersonName("michael-o") == "");
  CHECK(NormalizePersonName("Jean-Baptiste") == "");
}

TEST_CASE("identity: robot addresses", "[parse][identity]") {
  CHECK(IsRobotAddress("notifications@github.com"));
  CHECK(IsRobotAddress("no...@github.com.INVALID"));
  CHECK(IsRobotAddress("noreply@github.com.invalid"));
  CHECK(IsRobotAddress("git@apache.org"));
  CHECK(IsRobotAddress("git@git.apache.org"));
  CHECK(IsRobotAddress("JIRA@apache.org"));
  CHECK(IsRobotAddress("gitbox@apache.org"));
  CHECK(IsRobotAddress("no-reply@example.org"));
  CHECK_FALSE(IsRobotAddress("alice@apache.org"));
  CHECK_FALSE(IsRobotAddress("gitlover@example.org"));
}

TEST_CASE("identity: the same address in any case is one person", "[parse][identity]") {
  auto people =
      MergeIdentities(Mails({{"Alice", "Alice@Example.org"}, {"A.", "alice@example.org"}}));
  REQUIRE(people.size() == 1);
  CHECK(people[0].id == "alice@example.org");
  CHECK(people[0].addresses == std::vector<std::string>{"alice@example.org"});
  CHECK(people[0].names == std::vector<std::string>{"A.", "Alice"});
}

TEST_CASE("identity: equal two-word names merge across addresses", "[parse][identity]") {
  auto people = MergeIdentities(Mails({{"Hervé BOUTEMY", "herve@free.example"},
                                       {"Hervé BOUTEMY", "herve@free.example"},
                                       {"Herve Boutemy", "hboutemy@apache.org"}}));
  REQUIRE(people.size() == 1);
  CHECK(people[0].id == "hboutemy@apache.org");
  CHECK(people[0].name == "Hervé BOUTEMY");  // the most frequent spelling
  CHECK(people[0].addresses.size() == 2);
}

TEST_CASE("identity: one-word names never merge", "[parse][identity]") {
  auto people = MergeIdentities(Mails({{"sebb", "sebb@a.example"}, {"sebb", "sebb@b.example"}}));
  CHECK(people.size() == 2);
}

TEST_CASE("identity: merging is transitive", "[parse][identity]") {
  auto people = MergeIdentities(Mails({{"Alice Zhang", "a1@x.example"},
                                       {"Zhang, Alice", "a2@x.example"},
                                       {"A. Zhang", "a2@x.example"},
                                       {"A Zhang", "a3@x.example"}}));
  // a1 -name- a2 -address- "A. Zhang" -name "a zhang"- a3.
  REQUIRE(people.size() == 1);
  CHECK(people[0].addresses.size() == 3);
}

TEST_CASE("identity: robot addresses never merge people", "[parse][identity]") {
  auto people = MergeIdentities(Mails({{"Alice Zhang", "notifications@github.com"},
                                       {"Bob Lee", "notifications@github.com"},
                                       {"tqchen", "git@apache.org"},
                                       {"masahi", "git@apache.org"}}));
  CHECK(people.size() == 4);
  for (const Person& p : people) CHECK(p.addresses.empty());
}

TEST_CASE("identity: a mirrored comment joins the person's own mail by name", "[parse][identity]") {
  auto people = MergeIdentities(Mails({{"Alice Zhang", "notifications@github.com"},
                                       {"Alice Zhang", "alicez@apache.org"},
                                       {"Alice Zhang (via GitHub)", "git@apache.org"}}));
  REQUIRE(people.size() == 1);
  CHECK(people[0].id == "alicez@apache.org");
  CHECK(people[0].addresses == std::vector<std::string>{"alicez@apache.org"});
  CHECK(people[0].keys.size() == 3);
}

TEST_CASE("identity: different people stay apart", "[parse][identity]") {
  auto people = MergeIdentities(Mails({{"Alice Zhang", "alice@x.example"},
                                       {"Alice Zhao", "alice@y.example"},
                                       {"Bob Lee", "bob@x.example"}}));
  CHECK(people.size() == 3);
}

TEST_CASE("identity: output is deterministic and sorted by id", "[parse][identity]") {
  std::vector<Address> froms = {
      {"Carol Diaz", "c@x.example"},     {"Bob Lee", "b@x.example"},
      {"Bob Lee", "bob@y.example"},      {"Dan Wu", "notifications@github.com"},
      {"Carol Diaz", "carol@z.example"}, {"Eve", "e@x.example"}};
  auto a = MergeIdentities(Mails(froms));
  std::reverse(froms.begin(), froms.end());
  auto b = MergeIdentities(Mails(froms));
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].id == b[i].id);
    CHECK(a[i].name == b[i].name);
    CHECK(a[i].keys == b[i].keys);
    if (i > 0) CHECK(a[i - 1].id < a[i].id);
  }
}

TEST_CASE("identity: FindPerson by address and by robot name", "[parse][identity]") {
  auto people = MergeIdentities(
      Mails({{"Alice Zhang", "alice@x.example"}, {"Bob Lee", "notifications@github.com"}}));
  REQUIRE(people.size() == 2);
  int alice = FindPerson(people, {"whoever", "ALICE@x.example"});
  int bob = FindPerson(people, {"Bob Lee", "notifications@github.com"});
  REQUIRE(alice >= 0);
  REQUIRE(bob >= 0);
  CHECK(people[alice].name == "Alice Zhang");
  CHECK(people[bob].name == "Bob Lee");
  CHECK(FindPerson(people, {"Carol", "notifications@github.com"}) == -1);
  CHECK(FindPerson(people, {"", "nobody@x.example"}) == -1);
}

TEST_CASE("identity: empty input and empty addresses", "[parse][identity]") {
  CHECK(MergeIdentities({}).empty());
  auto people = MergeIdentities(Mails({{"", ""}, {"Alice Zhang", ""}, {"Alice Zhang", "a@x"}}));
  REQUIRE(people.size() == 1);
  CHECK(people[0].id == "a@x");
}

// ---- The Maven dev list, Nov + Dec 2017 ----

TEST_CASE("identity (maven): Hervé Boutemy is one person, others stay apart",
          "[parse][identity][real]") {
  std::vector<Message> msgs;
  std::set<std::string> raw_identities;
  for (const char* file : {"data/ponymail-unit-tests/maven-dev-2017-11-listsao.mbox",
                           "data/ponymail-unit-tests/maven-dev-2017-12-listsao.mbox"}) {
    for (const test::MiniMessage& mm : test::SplitMbox(test::ReadFile(test::SharedPath(file)))) {
      Message m;
      m.from_header = test::ParseFrom(mm.Header("From"));
      std::string mid = mm.Header("Message-ID");  // any case
      m.from = parse::DetectMirror(mm.headers, m.from_header, mm.Header("Subject"), mid,
                                   test::TextBody(mm), &m.mirror);
      raw_identities.insert(AsciiLower(m.from.address) + "|" + m.from.name);
      msgs.push_back(std::move(m));
    }
  }
  auto people = MergeIdentities(msgs);
  WARN("maven nov+dec 2017: " << msgs.size() << " mails, " << raw_identities.size()
                              << " distinct (address, name) identities -> " << people.size()
                              << " persons");

  // Checked by hand: Michael Osipov, Robert Scholte, Rob Tompkins, Tamás Cservenák, Enrico
  // Olivelli, Hervé Boutemy, Russell Gold and Tibor Digana each write from two addresses.
  CHECK(std::count_if(people.begin(), people.end(),
                      [](const Person& p) { return p.addresses.size() > 1; }) == 8);
  int herve = FindPerson(people, {"", "herve.boutemy@free.fr"});
  REQUIRE(herve >= 0);
  const Person& h = people[herve];
  CHECK(std::count(h.addresses.begin(), h.addresses.end(), "hboutemy@apache.org") == 1);
  CHECK(std::count(h.addresses.begin(), h.addresses.end(), "herve.boutemy@free.fr") == 1);
  CHECK(h.name == "Hervé BOUTEMY");
  // His GitBox login is a different identity: logins are not names (documented limit).
  CHECK(FindPerson(people, {"hboutemy", "git@apache.org"}) != herve);

  int robert = FindPerson(people, {"", "rfscholte@apache.org"});
  int stephen = FindPerson(people, {"", "stephen.alan.connolly@gmail.com"});
  REQUIRE(robert >= 0);
  REQUIRE(stephen >= 0);
  CHECK(robert != stephen);
  CHECK(robert != herve);
  // Two Tibor Digana addresses share the name.
  CHECK(FindPerson(people, {"", "tibordigana@apache.org"}) ==
        FindPerson(people, {"", "tibor.digana@googlemail.com"}));
  // No person collects many addresses (a runaway merge would).
  for (const Person& p : people) CHECK(p.addresses.size() <= 3);
}
