// SPDX-License-Identifier: Apache-2.0
// Spilling message texts to a TextStore (what every command does on real input) changes
// nothing in what the analysis finds: votes and positions of the Maven months are identical
// with the texts in memory and with them on disk.
#include <catch2/catch.hpp>
#include <sstream>

#include "analyze/analysis.h"
#include "parse/corpus.h"
#include "report/positions_output.h"
#include "report/votes_output.h"
#include "test_util.h"

using namespace quorum;

namespace {

struct Outputs {
  std::string votes;
  std::string positions;
  size_t messages_with_text_in_memory = 0;
};

Outputs Analyse(bool spill, int jobs = 1) {
  std::vector<parse::InputFile> inputs = {
      {test::SharedPath("data/ponymail-unit-tests/maven-dev-2017-11-listsao.mbox")},
      {test::SharedPath("data/ponymail-unit-tests/maven-dev-2017-12-listsao.mbox")}};
  parse::CorpusOptions options;
  std::shared_ptr<TextStore> store;
  if (spill) {
    auto made = TextStore::Create();
    REQUIRE(made.ok());
    store = made.value();
    options.spill = store.get();
  }
  options.jobs = 2;
  parse::Corpus corpus = parse::LoadCorpus(inputs, options);
  REQUIRE(corpus.messages.size() > 300);
  REQUIRE(corpus.spill_failures == 0);
  Outputs out;
  for (const Message& m : corpus.messages) {
    if (!m.text.empty() || !m.body.empty()) ++out.messages_with_text_in_memory;
  }
  corpus.texts = store;
  analyze::AnalysisOptions ao;
  ao.jobs = jobs;
  Result<Analysis> a = analyze::Analyze(corpus, ao);
  REQUIRE(a.ok());
  std::ostringstream votes;
  report::WriteVotesJson(a.value().vote_threads, a.value().proposals, votes);
  out.votes = votes.str();
  std::vector<Discussion> ds;
  for (const Discussion& d : a.value().discussions) {
    if (!d.thread_ids.empty()) ds.push_back(d);
  }
  std::ostringstream positions;
  report::WritePositionsJson(ds, positions);
  out.positions = positions.str();
  if (store) CHECK(store->read_errors() == 0);
  return out;
}

}  // namespace

TEST_CASE("votes and positions are the same with texts spilled to disk", "[spill]") {
  Outputs held = Analyse(false);
  Outputs spilled = Analyse(true);
  CHECK(held.messages_with_text_in_memory > 300);
  CHECK(spilled.messages_with_text_in_memory == 0);
  CHECK(held.votes.find("\"votes\"") != std::string::npos);
  CHECK(held.positions.size() > 10000);
  CHECK(spilled.votes == held.votes);
  CHECK(spilled.positions == held.positions);
}

TEST_CASE("positions are the same with one and with two threads", "[spill]") {
  Outputs one = Analyse(true, 1);
  Outputs two = Analyse(true, 2);
  Outputs many = Analyse(false, 7);
  CHECK(one.positions.size() > 10000);
  CHECK(two.positions == one.positions);
  CHECK(many.positions == one.positions);
}
