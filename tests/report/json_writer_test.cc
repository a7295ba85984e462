// SPDX-License-Identifier: Apache-2.0
// JsonWriter must write what nlohmann's dump() writes for the same values: `quorum messages`
// output stays byte-identical to the tree-built lines it replaced.
#include "report/json_writer.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "report/json_output.h"
#include "report/json_stream.h"
#include "tests/message_builder.h"

using namespace quorum;
using namespace quorum::report;
using nlohmann::ordered_json;

namespace {

std::string Dump(const ordered_json& j) {
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace

TEST_CASE("JsonWriter strings escape as nlohmann does", "[json]") {
  std::string all_bytes;
  for (int c = 0; c < 256; ++c) all_bytes.push_back(static_cast<char>(c));
  const std::vector<std::string> cases = {
      "",
      "plain",
      "quote \" backslash \\ slash /",
      "\b\f\n\r\t\x01\x1f\x7f",
      std::string("nul\0inside", 10),
      "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
      "bad \xff byte",
      "truncated \xe2\x82",
      "overlong \xc0\xaf",
      "surrogate \xed\xa0\x80",
      all_bytes,
  };
  for (const std::string& s : cases) {
    std::string out;
    AppendJsonString(s, &out);
    CHECK(out == Dump(ordered_json(s)));
  }
}

TEST_CASE("JsonWriter objects, arrays and numbers match dump()", "[json]") {
  std::string out;
  JsonWriter j(&out);
  j.BeginObject();
  j.Key("a").Int(-5).Key("b").Uint(18446744073709551615ULL).Key("c").Bool(true);
  j.Key("d").Null().Key("e").BeginArray().EndArray().Key("f").BeginObject().EndObject();
  j.Key("g").BeginArray().String("x").Int(0).BeginObject().Key("k").Bool(false).EndObject();
  j.EndArray().EndObject();
  ordered_json t;
  t["a"] = -5;
  t["b"] = 18446744073709551615ULL;
  t["c"] = true;
  t["d"] = nullptr;
  t["e"] = ordered_json::array();
  t["f"] = ordered_json::object();
  t["g"] = ordered_json::array({"x", 0, ordered_json{{"k", false}}});
  CHECK(out == Dump(t));
}

TEST_CASE("a message line has the documented shape", "[json]") {
  Message m = test::Mail("a@b")
                  .From("Ann \"Q\" Lee", "ann@example.org")
                  .Subject("[VOTE] \xff release")
                  .Text("+1\n\tthanks")
                  .Build();
  m.references = {"r1@x", "r2@x"};
  m.mirror.kind = MirrorKind::kGitHub;
  m.mirror.repo = "apache/maven";
  m.mirror.number = -1;
  m.diagnostics.push_back(Diagnostic{SourceRef{"f\xff.mbox", 7}, "bad-date", "d"});
  std::string line;
  AppendMessageJsonLine(m, "root@x", "", &line);
  ordered_json parsed = ordered_json::parse(line);
  CHECK(parsed["message_id"] == "a@b");
  CHECK(parsed["person"].is_null());
  CHECK(parsed["references"].size() == 2);
  CHECK(parsed["mirror"]["number"] == -1);
  CHECK(parsed["diagnostics"][0]["offset"] == 7);
  // Round trip: the same keys in the same order, dumped by nlohmann, are the same bytes.
  CHECK(Dump(parsed) + "\n" == line);
}

TEST_CASE("AppendIndented writes what dump(2) writes, at any indent", "[json]") {
  ordered_json t;
  t["s"] = "caf\xc3\xa9 \"q\" \n bad \xff";
  t["n"] = -3;
  t["u"] = 7u;
  t["b"] = false;
  t["z"] = nullptr;
  t["f"] = 0.5;
  t["empty_a"] = ordered_json::array();
  t["empty_o"] = ordered_json::object();
  t["nested"] = ordered_json::array(
      {ordered_json::array({1, ordered_json::array()}), ordered_json{{"k", {{"deep", "x"}}}}});
  const std::string whole = t.dump(2, ' ', false, ordered_json::error_handler_t::replace);
  CHECK(DumpIndented(t) == whole);
  // Moved right by 4: every line after the first.
  std::string shifted = "    ";
  AppendIndented(t, 4, &shifted);
  std::string want = "    ";
  for (char c : whole) {
    want.push_back(c);
    if (c == '\n') want.append(4, ' ');
  }
  CHECK(shifted == want);
  CHECK(DumpIndented(ordered_json::array()) == "[]");
  CHECK(DumpIndented(ordered_json("x")) == "\"x\"");
}

TEST_CASE("an indented JsonWriter writes what AppendIndented writes", "[json]") {
  ordered_json t;
  t["s"] = "caf\xc3\xa9 \"q\" \n bad \xff";
  t["n"] = -3;
  t["u"] = 7u;
  t["b"] = false;
  t["z"] = nullptr;
  t["empty_a"] = ordered_json::array();
  t["empty_o"] = ordered_json::object();
  t["nested"] = ordered_json::array(
      {ordered_json::array({1, ordered_json::array()}), ordered_json{{"k", {{"deep", "x"}}}}});
  for (size_t indent : {0, 4}) {
    std::string want;
    AppendIndented(t, indent, &want);
    std::string out;
    JsonWriter j(&out, indent);
    j.BeginObject();
    j.Key("s").String("caf\xc3\xa9 \"q\" \n bad \xff").Key("n").Int(-3).Key("u").Uint(7);
    j.Key("b").Bool(false).Key("z").Null();
    j.Key("empty_a").BeginArray().EndArray().Key("empty_o").BeginObject().EndObject();
    j.Key("nested").BeginArray().BeginArray().Int(1).BeginArray().EndArray().EndArray();
    j.BeginObject().Key("k").BeginObject().Key("deep").String("x").EndObject().EndObject();
    j.EndArray().EndObject();
    CHECK(out == want);
  }
  std::string empty;
  JsonWriter(&empty, 2).BeginArray().EndArray();
  CHECK(empty == "[]");
}
