// SPDX-License-Identifier: Apache-2.0
// The real Maven dev list (Nov/Dec 2017, three archive variants): message ids match Pony Mail's
// expected output, the variants agree, and threads match a strict References threader.
#include <catch2/catch.hpp>
#include <cstdio>
#include <map>
#include <regex>
#include <set>

#include "parse/corpus.h"
#include "parse/mbox_reader.h"
#include "parse/message_parser.h"
#include "parse/threader.h"
#include "test_util.h"

using namespace quorum;
using namespace quorum::parse;

namespace {

const char* kDir = "data/ponymail-unit-tests/";

std::string MavenPath(const std::string& month, const std::string& variant) {
  return test::SharedPath(std::string(kDir) + "maven-dev-2017-" + month + "-" + variant + ".mbox");
}

// Message-IDs in file order from Pony Mail's expected-yaml (ids without brackets; '' if none).
std::vector<std::string> ExpectedIds(const std::string& variant) {
  std::string yaml = test::ReadFile(test::SharedPath(
      std::string(kDir) + "expected-yaml/par-maven-dev-2017-11-" + variant + ".yaml"));
  std::vector<std::string> ids;
  std::regex re(R"(message-id: (?:<(.*)>|''))");
  for (auto it = std::sregex_iterator(yaml.begin(), yaml.end(), re); it != std::sregex_iterator();
       ++it) {
    ids.push_back((*it)[1].str());
  }
  return ids;
}

std::vector<Message> ReadRaw(const std::string& path) {
  auto reader = MboxReader::Open(path, {});
  REQUIRE(reader.ok());
  ParseOptions po;
  po.decode_body = false;
  std::vector<Message> out;
  RawMessage raw;
  Diagnostics d;
  while (reader.value()->Next(&raw, &d)) out.push_back(ParseMessage(raw, path, po));
  return out;
}

Corpus Load(const std::vector<std::string>& paths, bool decode = false) {
  std::vector<InputFile> in;
  for (const auto& p : paths) in.push_back(InputFile{p});
  CorpusOptions co;
  co.parse.decode_body = decode;
  co.jobs = 2;
  return LoadCorpus(in, co);
}

std::set<std::string> Ids(const Corpus& c) {
  std::set<std::string> ids;
  for (const Message& m : c.messages) ids.insert(m.message_id);
  return ids;
}

}  // namespace

TEST_CASE("maven: every message and Message-ID as Pony Mail reads them", "[parse][maven]") {
  for (const char* variant : {"listsao", "mailarchivesao", "mboxvm"}) {
    INFO(variant);
    std::vector<std::string> expected = ExpectedIds(variant);
    std::vector<Message> got = ReadRaw(MavenPath("11", variant));
    CHECK(expected.size() == (std::string(variant) == "listsao" ? 320u : 317u));
    REQUIRE(got.size() == expected.size());
    for (size_t i = 0; i < got.size(); ++i) {
      INFO("message " << i);
      if (expected[i].empty()) {
        CHECK(got[i].synthetic_id);
      } else {
        CHECK(got[i].message_id == expected[i]);
      }
    }
  }
}

TEST_CASE("maven: the three archive variants of a month agree", "[parse][maven]") {
  for (const char* month : {"11", "12"}) {
    INFO(month);
    Corpus a = Load({MavenPath(month, "listsao")});
    Corpus b = Load({MavenPath(month, "mailarchivesao")});
    Corpus c = Load({MavenPath(month, "mboxvm")});
    CHECK(Ids(a) == Ids(b));
    CHECK(Ids(b) == Ids(c));
    // lists.apache.org holds three extra copies in November, one in December: duplicates.
    CHECK(a.duplicates == (std::string(month) == "11" ? 3u : 1u));
    CHECK(b.duplicates == 0);
    // All three together: still one copy of each message, none reused.
    Corpus all = Load({MavenPath(month, "listsao"), MavenPath(month, "mailarchivesao"),
                       MavenPath(month, "mboxvm")});
    CHECK(Ids(all) == Ids(a));
    CHECK(all.reused_ids == 0);
    CHECK(all.messages.size() == a.messages.size());
  }
}

TEST_CASE("maven: threads match a strict References threader and no message is lost",
          "[parse][maven]") {
  std::vector<std::string> paths = {MavenPath("11", "listsao"), MavenPath("12", "listsao")};
  Corpus corpus = Load(paths);
  std::vector<Thread> threads = BuildThreads(corpus.messages);

  // Every message in exactly one thread.
  std::map<std::string, std::string> thread_of;  // message id -> thread id
  size_t real_nodes = 0;
  for (const Thread& t : threads) {
    for (const ThreadNode& n : t.nodes) {
      if (n.message < 0) continue;
      ++real_nodes;
      CHECK(thread_of.emplace(n.message_id, t.id).second);
    }
  }
  CHECK(real_nodes == corpus.messages.size());

  // Independent reference: Python's email package with union-find over References.
  std::string cmd = "python3 '" + test::SourcePath("tools/strict_threads.py") + "' '" + paths[0] +
                    "' '" + paths[1] + "'";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string json;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) json.append(buf, n);
  REQUIRE(pclose(p) == 0);
  std::map<std::string, std::string> component;
  std::regex kv(R"re("([^"]+)": "([^"]+)")re");
  for (auto it = std::sregex_iterator(json.begin(), json.end(), kv); it != std::sregex_iterator();
       ++it) {
    component[(*it)[1].str()] = (*it)[2].str();
  }
  REQUIRE(component.size() > 500);
  // Same partition: two messages share a thread here iff they share a component there.
  std::map<std::string, std::string> comp_to_thread;
  std::map<std::string, std::string> thread_to_comp;
  size_t compared = 0;
  for (const auto& [mid, comp] : component) {
    auto t = thread_of.find(mid);
    REQUIRE(t != thread_of.end());
    auto [a, inserted_a] = comp_to_thread.emplace(comp, t->second);
    auto [b, inserted_b] = thread_to_comp.emplace(t->second, comp);
    INFO(mid);
    CHECK(a->second == t->second);
    CHECK(b->second == comp);
    ++compared;
  }
  CHECK(compared + 1 == corpus.messages.size());  // the one message without a Message-ID
  CHECK(threads.size() == thread_to_comp.size() + 1);
}

TEST_CASE("maven: the busy discussions have the sizes a reader counts", "[parse][maven]") {
  Corpus corpus = Load({MavenPath("11", "listsao"), MavenPath("12", "listsao")});
  std::vector<Thread> threads = BuildThreads(corpus.messages);
  std::map<std::string, int> size_of;
  for (const Thread& t : threads)
    size_of[t.subject] = std::max(size_of[t.subject], t.message_count);
  CHECK(size_of["Maven 4.0.0"] == 41);
  CHECK(size_of["Git migration next steps"] == 42);
}
