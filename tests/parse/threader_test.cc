// SPDX-License-Identifier: Apache-2.0
// Table-driven threading tests: input rows (id, in_reply_to, refs), expected forest as a string.
#include "parse/threader.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <sstream>

using namespace quorum;
using namespace quorum::parse;

namespace {

struct Row {
  std::string id;
  std::string irt;
  std::vector<std::string> refs;
  int64_t date = 0;
};

std::vector<Message> Make(const std::vector<Row>& rows) {
  std::vector<Message> ms;
  for (const Row& r : rows) {
    Message m;
    m.message_id = r.id;
    m.in_reply_to = r.irt;
    m.references = r.refs;
    m.date = MailDate{r.date ? r.date : 1000 + static_cast<int64_t>(ms.size()), 0, true};
    ms.push_back(m);
  }
  return ms;
}

// "a(b(c) d) e": children in parentheses, ghosts marked with '?'.
std::string Dump(const std::vector<Thread>& threads) {
  std::ostringstream out;
  for (size_t ti = 0; ti < threads.size(); ++ti) {
    const Thread& t = threads[ti];
    if (ti) out << ' ';
    int depth = 0;
    for (size_t i = 0; i < t.nodes.size(); ++i) {
      const ThreadNode& n = t.nodes[i];
      while (depth > n.depth) {
        out << ')';
        --depth;
      }
      if (i > 0 && n.depth > t.nodes[i - 1].depth) {
        out << '(';
        depth = n.depth;
      } else if (i > 0) {
        out << ' ';
      }
      out << n.message_id << (n.message < 0 ? "?" : "");
    }
    while (depth-- > 0) out << ')';
  }
  return out.str();
}

std::string Forest(const std::vector<Row>& rows) { return Dump(BuildThreads(Make(rows))); }

}  // namespace

TEST_CASE("threader: the JWZ cases", "[parse][threader]") {
  CHECK(Forest({{"a", "", {}}, {"b", "a", {"a"}}, {"c", "b", {"a", "b"}}, {"d", "a", {"a"}}}) ==
        "a(b(c) d)");
  // A missing parent becomes a ghost root; its children stay together.
  CHECK(Forest({{"b", "x", {"x"}}, {"c", "x", {"x"}}}) == "x?(b c)");
  // A References chain with absent middles links ghosts in order.
  CHECK(Forest({{"c", "", {"a", "b"}}}) == "a?(b?(c))");
  // In-Reply-To wins over the last References entry when they disagree.
  CHECK(Forest({{"a", "", {}}, {"b", "", {}}, {"c", "b", {"a"}}}) == "a(b(c))");
  // A message that lists itself, or its own id as parent.
  CHECK(Forest({{"a", "a", {"a"}}}) == "a");
  // Junk In-Reply-To ("y") is dropped by the header parser; here an unknown id is a ghost.
  CHECK(Forest({{"a", "", {}}, {"b", "", {}}}) == "a b");
}

TEST_CASE("threader: cycles are broken, nothing is lost", "[parse][threader]") {
  // a says its parent is b, b says its parent is a (notmuch corpora/broken/loop).
  std::string s = Forest({{"a", "b", {"b"}}, {"b", "a", {"a"}}});
  CHECK((s == "a(b)" || s == "b(a)"));
  // Three-cycle through References.
  std::vector<Thread> t =
      BuildThreads(Make({{"a", "c", {"c"}}, {"b", "a", {"a"}}, {"c", "b", {"b"}}}));
  size_t nodes = 0;
  for (const auto& th : t) nodes += th.nodes.size();
  CHECK(nodes == 3);
}

TEST_CASE("threader: reversed References still give one thread", "[parse][threader]") {
  std::string s = Forest({{"a", "", {}}, {"b", "a", {"a"}}, {"c", "b", {"b", "a"}}});
  CHECK(s == "a(b(c))");
}

TEST_CASE("threader: output does not depend on input order", "[parse][threader]") {
  std::vector<Row> rows;
  for (int i = 0; i < 60; ++i) {
    Row r{"m" + std::to_string(i), "", {}, 5000 + i};
    if (i > 0) {
      int parent = (i * 7) % i;
      r.irt = "m" + std::to_string(parent);
      r.refs = {"m0", r.irt};
    }
    rows.push_back(r);
  }
  std::string expected = Forest(rows);
  std::mt19937 rng(7);
  for (int k = 0; k < 10; ++k) {
    std::shuffle(rows.begin(), rows.end(), rng);
    CHECK(Forest(rows) == expected);
  }
}

TEST_CASE("threader: a 100,000-deep reply chain needs no recursion", "[parse][threader]") {
  std::vector<Message> ms(100000);
  for (size_t i = 0; i < ms.size(); ++i) {
    ms[i].message_id = "m" + std::to_string(i);
    ms[i].date = MailDate{static_cast<int64_t>(i), 0, true};
    if (i) ms[i].in_reply_to = "m" + std::to_string(i - 1);
  }
  std::vector<quorum::Thread> t = BuildThreads(ms);
  REQUIRE(t.size() == 1);
  CHECK(t[0].nodes.back().depth == 99999);
  CHECK(t[0].message_count == 100000);
}
