// SPDX-License-Identifier: Apache-2.0
// The real Maven dev list (Nov+Dec 2017) against a careful reader's list of positions
// (fixtures/maven-positions.md): recall, precision and side accuracy, asserted at the level
// reached so that a regression fails.
#include <catch2/catch.hpp>
#include <cstdio>
#include <sstream>

#include "positions_test_util.h"
#include "test_util.h"

using namespace quorum;
using quorum::test::Lower;

namespace {

struct ReaderHolder {
  std::string who;  // last word of the name, lower case
  Stance stance;
};

struct ReaderPosition {
  std::string what;
  std::vector<std::string> keys;
  std::vector<ReaderHolder> holders;
};

struct ReaderThread {
  std::string subject;
  std::vector<ReaderPosition> positions;
};

std::string Strip(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  size_t e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, sep)) {
    part = Strip(part);
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

std::vector<ReaderThread> ParseFixture(const std::string& text) {
  std::vector<ReaderThread> out;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) {
      out.push_back({Strip(line.substr(3)), {}});
    } else if (line.rfind("- ", 0) == 0 && !out.empty()) {
      std::vector<std::string> fields = Split(line.substr(2), '|');
      ReaderPosition p;
      p.what = fields.empty() ? "" : fields[0];
      for (size_t i = 1; i < fields.size(); ++i) {
        size_t colon = fields[i].find(':');
        std::string name = Strip(fields[i].substr(0, colon));
        std::vector<std::string> values = Split(fields[i].substr(colon + 1), ';');
        if (name == "keys") {
          for (const std::string& v : values) p.keys.push_back(Lower(v));
          continue;
        }
        Stance st = name == "for"       ? Stance::kFor
                    : name == "against" ? Stance::kAgainst
                                        : Stance::kNeutral;
        for (const std::string& v : values) {
          std::string last = v.substr(v.rfind(' ') + 1);
          p.holders.push_back({Lower(last), st});
        }
      }
      out.back().positions.push_back(p);
    }
  }
  return out;
}

bool KeysMatch(const Position& p, const ReaderPosition& r) {
  // A key matches at the start of a word of a key phrase: "ant" matches "ant tasks" but not
  // "relevant".
  for (const std::string& k : p.keyphrases) {
    std::string lk(1, ' ');
    lk += Lower(k);
    for (const std::string& key : r.keys) {
      std::string needle(1, ' ');
      needle += key;
      if (lk.find(needle) != std::string::npos) return true;
    }
  }
  return false;
}

int SharedHolders(const Position& p, const ReaderPosition& r) {
  int n = 0;
  for (const ReaderHolder& h : r.holders) n += test::FindHolder(p, h.who) != nullptr ? 1 : 0;
  return n;
}

struct Scores {
  double recall = 0, precision = 0, sides = 0;
};

// Compares quorum's discussions with a reader's fixture; prints every position and the figures.
Scores Evaluate(const std::vector<Discussion>& discussions, const std::string& fixture,
                const char* name) {
  std::vector<ReaderThread> reader = ParseFixture(test::ReadFile(test::SourcePath(fixture)));
  REQUIRE(!reader.empty());
  const std::vector<Discussion>& all = discussions;
  int reader_total = 0, found = 0;
  int quorum_total = 0, real = 0;
  int sides_total = 0, sides_right = 0;
  for (const ReaderThread& rt : reader) {
    // The largest discussion whose subject contains the section title.
    const Discussion* d = nullptr;
    for (const Discussion& x : all) {
      if (x.subject.find(rt.subject) != std::string::npos &&
          (d == nullptr || x.messages > d->messages)) {
        d = &x;
      }
    }
    INFO("thread: " << rt.subject);
    REQUIRE(d != nullptr);
    // Recall: a reader's position is found when one of quorum's positions names it (a key
    // phrase contains one of its keys) and holds at least half of its holders.
    for (const ReaderPosition& r : rt.positions) {
      ++reader_total;
      const Position* best = nullptr;
      int best_shared = 0;
      for (const Position& p : d->positions) {
        int shared = SharedHolders(p, r);
        int need = std::max<int>(1, (static_cast<int>(r.holders.size()) + 1) / 2);
        if (KeysMatch(p, r) && shared >= need && shared > best_shared) {
          best = &p;
          best_shared = shared;
        }
      }
      std::printf("  %-5s %s\n", best ? "found" : "-", r.what.c_str());
      if (best == nullptr) continue;
      ++found;
      for (const ReaderHolder& h : r.holders) {
        const PositionHolder* q = test::FindHolder(*best, h.who);
        if (q == nullptr) continue;
        ++sides_total;
        sides_right += q->stance == h.stance ? 1 : 0;
      }
    }
    // Precision: of quorum's recurring positions in the thread (as ranked, at most 10), those
    // that are one of the reader's (named by a key, with at least one of its holders).
    int shown = 0;
    for (const Position& p : d->positions) {
      if (!p.recurring || shown >= 10) continue;
      ++shown;
      ++quorum_total;
      bool ok = false;
      for (const ReaderPosition& r : rt.positions) {
        ok = ok || (KeysMatch(p, r) && SharedHolders(p, r) >= 1);
      }
      real += ok ? 1 : 0;
      std::printf("  %-5s [%s]\n", ok ? "real" : "noise", p.label.c_str());
    }
  }
  Scores sc;
  sc.recall = reader_total ? double(found) / reader_total : 0;
  sc.precision = quorum_total ? double(real) / quorum_total : 0;
  sc.sides = sides_total ? double(sides_right) / sides_total : 0;
  std::printf("%s: recall %d/%d = %.2f, precision %d/%d = %.2f, sides %d/%d = %.2f\n", name, found,
              reader_total, sc.recall, real, quorum_total, sc.precision, sides_right, sides_total,
              sc.sides);
  return sc;
}

}  // namespace

TEST_CASE("positions: Maven dev 2017-11/12 against a reader's list", "[analyze][positions]") {
  const std::string dir = "data/ponymail-unit-tests/";
  test::Analysed a = test::AnalyseFiles({test::SharedPath(dir + "maven-dev-2017-11-listsao.mbox"),
                                         test::SharedPath(dir + "maven-dev-2017-12-listsao.mbox")});
  std::printf("Maven Nov+Dec 2017 (%zu messages): parse+thread %.3f s, positions %.3f s\n",
              a.corpus.messages.size(), a.parse_seconds, a.analyse_seconds);
  // Key phrases are chosen against the list's own vocabulary: words in most of its mail never
  // label a position on their own.
  for (const Discussion& d : a.discussions) {
    for (const Position& p : d.positions) {
      for (const std::string& k : p.keyphrases) {
        CHECK(k != "maven");
        CHECK(k != "release");
        CHECK(k != "apache");
      }
    }
  }
  // Scored the way this fixture was written (per-thread positions, at most 10 shown). The
  // summaries are measured against tests/labels by tools/eval_summaries.py (summary_labels).
  Scores sc =
      Evaluate(a.discussions, "tests/analyze/fixtures/maven-positions.md", "positions vs reader");
  CHECK(sc.recall >= 0.80);
  CHECK(sc.precision >= 0.65);
  CHECK(sc.sides >= 0.70);
}
