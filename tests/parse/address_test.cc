// SPDX-License-Identifier: Apache-2.0
// Tests of From:/address-list parsing: forms, encoded names, junk, size.
#include "parse/address.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/text.h"

using namespace quorum;
using namespace quorum::parse;

namespace {

struct Case {
  const char* in;
  const char* name;
  const char* address;
};

const Case kFrom[] = {
    {"Name <a@b.org>", "Name", "a@b.org"},
    {"\"Last, First\" <a@b.org>", "Last, First", "a@b.org"},
    {"a@b.org (Name)", "Name", "a@b.org"},
    {"a@b.org", "", "a@b.org"},
    {"<a@b.org>", "", "a@b.org"},
    {"  Name   With  Spaces  <a@b.org>", "Name With Spaces", "a@b.org"},
    {"=?UTF-8?Q?Herv=C3=A9?= BOUTEMY <hboutemy@apache.org>", "Hervé BOUTEMY",
     "hboutemy@apache.org"},
    {"\"=?UTF-8?Q?Herv=C3=A9?= BOUTEMY\" <x@y>", "Hervé BOUTEMY", "x@y"},  // in quotes
    {"=?utf-8?Q?Doe,_John?= <j@d.org>", "Doe, John", "j@d.org"},           // raw comma in word
    {"=?utf-8?Q?Doe=2C_John?= <j@d.org>", "Doe, John", "j@d.org"},
    {"=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>", "André Pirard",
     "PIRARD@vm1.ulg.ac.be"},
    {"\"a@b.org\" <a@b.org>", "a@b.org", "a@b.org"},  // address as display name
    {"alice@example.com <bob@example.com>", "alice@example.com", "bob@example.com"},
    {"john at example.com", "", "john@example.com"},  // archive obfuscation
    {"John <john at example.com>", "John", "john@example.com"},
    {"\"Joe \\\"Q\\\" Public\" <jq@x.org>", "Joe \"Q\" Public", "jq@x.org"},
    {"Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>", "Pete", "pete@silly.test"},
    {"<@route1,@route2:user@host.org>", "", "user@host.org"},
    {"A Group: Ed <ed@x.org>, Bo <bo@x.org>;", "Ed", "ed@x.org"},
    {"undisclosed-recipients:;", "", ""},
    {"caf\xC3\xA9 <c@x.org>", "café", "c@x.org"},  // raw UTF-8
    {"caf\xE9 <c@x.org>", "café", "c@x.org"},      // raw Latin-1
    {"<caf\xE9@x.org>", "", "café@x.org"},         // raw Latin-1 address: valid UTF-8 out
    {"\"login (via GitHub)\" <git@apache.org>", "login (via GitHub)", "git@apache.org"},
    {"MAILER-DAEMON", "", "MAILER-DAEMON"},
    {"John Smith", "John Smith", ""},  // a name and no address
    {"", "", ""},
    {"<@[0", "", ""},  // GMime PR #9
    {"0@[", "", "0@["},
    {"\"unterminated <a@b>", "unterminated <a@b>", ""},
    {"Name <a@b.org", "Name", "a@b.org"},  // unterminated angle
};

}  // namespace

TEST_CASE("address: From forms", "[parse][address]") {
  for (const Case& c : kFrom) {
    INFO("input: " << c.in);
    Address a = ParseFrom(c.in);
    CHECK(a.name == c.name);
    CHECK(a.address == c.address);
  }
}

TEST_CASE("address: lists", "[parse][address]") {
  auto v = ParseAddressList("a@x.org, \"B, b\" <b@x.org>; c@x.org (C), junk junk, <d@x.org>");
  REQUIRE(v.size() == 4);
  CHECK(v[0].address == "a@x.org");
  CHECK(v[1].name == "B, b");
  CHECK(v[2].name == "C");
  CHECK(v[3].address == "d@x.org");
  CHECK(ParseAddressList("a@x, b@x, c@x", 2).size() == 2);
}

TEST_CASE("address: hostile inputs finish without recursion", "[parse][address]") {
  // Their cost is measured by the benchmark, not here: a timed unit test is flaky by design.
  auto parse = [](const std::string& s, size_t* count) {
    *count = ParseAddressList(s, 1000000).size();
    ParseFrom(s);
  };
  size_t n = 0;
  parse(std::string(99999, ':'), &n);  // GMime #15
  CHECK(n == 0);
  parse(std::string(1000000, ';'), &n);  // Mutt CVE-2021-3181
  CHECK(n == 0);
  parse(std::string(100000, '(') + "a@b", &n);
  parse(std::string(100000, '<'), &n);
  parse(std::string(100000, '"'), &n);
  std::string many;
  for (int i = 0; i < 100000; ++i) many += "u" + std::to_string(i) + "@example.org, ";
  parse(many, &n);
  CHECK(n == 100000);
  CHECK(ParseAddressList(many).size() == 10000);  // default cap
}

TEST_CASE("address: mutated values never crash and always give valid UTF-8", "[parse][address]") {
  uint64_t state = 0x853C49E6748FEA9Bull;
  auto next = [&state]() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  const char* pieces[] = {"\"", "\\", "(",  ")",   "<",    ">",    ",",    ";", ":", "@",
                          " ",  "=?", "?=", "?Q?", "\xE9", "\xC3", " at ", "[", "]", "."};
  for (int round = 0; round < 20000; ++round) {
    std::string v = kFrom[next() % (sizeof(kFrom) / sizeof(kFrom[0]))].in;
    int edits = 1 + static_cast<int>(next() % 6);
    for (int e = 0; e < edits; ++e) {
      size_t at = v.empty() ? 0 : next() % (v.size() + 1);
      if (next() % 3 == 0 && at < v.size()) {
        v.erase(at, 1 + next() % 4);
      } else {
        v.insert(at, pieces[next() % (sizeof(pieces) / sizeof(pieces[0]))]);
      }
    }
    for (const Address& a : ParseAddressList(v)) {
      if (!IsValidUtf8(a.name) || !IsValidUtf8(a.address)) FAIL("list: " << v);
    }
    Address f = ParseFrom(v);
    if (!IsValidUtf8(f.name) || !IsValidUtf8(f.address)) FAIL("from: " << v);
  }
  SUCCEED();
}
