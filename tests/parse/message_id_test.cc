// SPDX-License-Identifier: Apache-2.0
// Tests of Message-ID normalisation and reference extraction.
#include "parse/message_id.h"

#include <catch2/catch.hpp>

using namespace quorum::parse;

TEST_CASE("message-id: normalised forms", "[parse][message_id]") {
  CHECK(NormalizeMessageId(" <abc@example.org> ") == "abc@example.org");
  CHECK(NormalizeMessageId("abc@example.org") == "abc@example.org");
  CHECK(NormalizeMessageId("<a b@c>") == "ab@c");
  CHECK(NormalizeMessageId("") == "");
  CHECK(NormalizeMessageId("junk") == "");
}

TEST_CASE("message-id: references tolerate junk", "[parse][message_id]") {
  using V = std::vector<std::string>;
  CHECK(ExtractMessageIds("<a@x> <b@x>\n <c@x>") == V{"a@x", "b@x", "c@x"});
  CHECK(ExtractMessageIds("Your message of \"Tue, 1 Jan\" <a@x>") == V{"a@x"});
  CHECK(ExtractMessageIds("<y>") == V{});
  CHECK(ExtractMessageIds("<a@x> <a@x>") == V{"a@x"});
  CHECK(ExtractMessageIds("<<a@x>") == V{"a@x"});
  CHECK(ExtractMessageIds("(comment) <a@x>") == V{"a@x"});
}

TEST_CASE("message-id: 10,000 references keep the root and the parent end", "[parse][message_id]") {
  std::string refs;
  for (int i = 0; i < 10000; ++i) refs += "<m" + std::to_string(i) + "@x> ";
  auto ids = ExtractMessageIds(refs, 1000);
  REQUIRE(ids.size() == 1000);
  CHECK(ids.front() == "m0@x");
  CHECK(ids.back() == "m9999@x");
}
