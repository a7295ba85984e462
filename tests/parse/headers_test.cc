// SPDX-License-Identifier: Apache-2.0
// Tests of header block splitting, unfolding and limits.
#include "parse/headers.h"

#include <catch2/catch.hpp>

using namespace quorum;
using namespace quorum::parse;

TEST_CASE("headers: fields are unfolded and the body offset found", "[parse][headers]") {
  std::string raw = "Subject: a long\r\n subject\r\nFrom: A <a@b>\r\n\r\nbody\r\n";
  Diagnostics d;
  HeaderBlock b = ParseHeaderBlock(raw, {}, {"f", 0}, &d);
  REQUIRE(b.fields.size() == 2);
  CHECK(b.fields[0].value == "a long subject");
  CHECK(*FindHeader(b, "from") == "A <a@b>");
  CHECK(raw.substr(b.body_offset) == "body\r\n");
  CHECK(d.empty());
}

TEST_CASE("headers: junk lines become diagnostics, parsing goes on", "[parse][headers]") {
  std::string raw = "Subject: x\nthis is junk\nTo: y\n\nbody";
  Diagnostics d;
  HeaderBlock b = ParseHeaderBlock(raw, {}, {"f", 100}, &d);
  CHECK(b.fields.size() == 2);
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "bad-header-line");
  CHECK(d[0].where.offset == 111);
}

TEST_CASE("headers: a million fields are capped", "[parse][headers]") {
  std::string raw;
  for (int i = 0; i < 5000; ++i) raw += "X-A: b\n";
  raw += "\nbody";
  Diagnostics d;
  HeaderLimits lim;
  HeaderBlock b = ParseHeaderBlock(raw, lim, {"f", 0}, &d);
  CHECK(b.fields.size() == lim.max_fields);
  CHECK(raw.substr(b.body_offset) == "body");
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "header-field-limit");
}

TEST_CASE("headers: an over-long field is truncated once", "[parse][headers]") {
  std::string raw =
      "References: " + std::string(70000, 'x') + "\n " + std::string(100, 'y') + "\n\n";
  Diagnostics d;
  HeaderBlock b = ParseHeaderBlock(raw, {}, {"f", 0}, &d);
  REQUIRE(b.fields.size() == 1);
  CHECK(b.fields[0].value.size() <= HeaderLimits{}.max_field_bytes);
  CHECK(d.size() == 1);
}

TEST_CASE("headers: a message without a blank line is all headers", "[parse][headers]") {
  std::string raw = "Subject: x";
  Diagnostics d;
  HeaderBlock b = ParseHeaderBlock(raw, {}, {"f", 0}, &d);
  CHECK(b.fields.size() == 1);
  CHECK(b.body_offset == raw.size());
}
