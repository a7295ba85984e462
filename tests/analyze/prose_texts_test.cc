// SPDX-License-Identifier: Apache-2.0
// ProseTexts: every message's sentences, split once, are what ProseSentences gives, whether
// they are kept in memory or in a store beside spilled texts.
#include "analyze/prose_texts.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "analyze/positions_text.h"
#include "test_util.h"

using namespace quorum;

namespace {

std::vector<Message> Messages() {
  std::vector<std::string> texts = {
      "I think we should drop Java 7. It is old.\n\nWhat do others think?\n",
      "",
      "> quoted line\nOn Mon, Bob wrote:\n+1, sounds good to me.\n-- \nsig\n",
      "A long line that goes on\nand on over a wrapped line, then stops.\n- item one\n"
      "- item two\n",
      "Only code:\n    int x = 1;\n",
  };
  std::vector<Message> out;
  for (size_t i = 0; i < texts.size(); ++i) {
    Message m;
    m.message_id = "m" + std::to_string(i) + "@x";
    m.text = texts[i];
    m.body = texts[i];
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

TEST_CASE("ProseTexts in memory gives each message's ProseSentences", "[prose_texts]") {
  std::vector<Message> messages = Messages();
  analyze::ProseTexts prose(messages, nullptr);
  for (size_t i = 0; i < messages.size(); ++i) {
    CHECK(prose.Sentences(i) == analyze::ProseSentences(messages[i].text));
  }
  CHECK(prose.Sentences(messages.size()).empty());
}

TEST_CASE("ProseTexts beside spilled texts gives the same sentences", "[prose_texts]") {
  std::vector<Message> messages = Messages();
  std::vector<std::vector<std::string>> expected;
  for (const Message& m : messages) expected.push_back(analyze::ProseSentences(m.text));
  test::TempDir dir;
  Result<std::shared_ptr<TextStore>> store = TextStore::Create(dir.path());
  REQUIRE(store.ok());
  for (Message& m : messages) REQUIRE(store.value()->Spill(&m).ok());
  analyze::ProseTexts prose(messages, store.value().get());
  for (size_t i = 0; i < messages.size(); ++i) CHECK(prose.Sentences(i) == expected[i]);
  CHECK(expected[0].size() >= 2);  // several sentences of one message come apart again
}
