// SPDX-License-Identifier: Apache-2.0
// The project's own sample archive (data/sample, fictional): the RFC mirrored from GitHub and
// its [DISCUSS] thread give the sides data/sample/README.md describes.
#include <catch2/catch.hpp>

#include "positions_test_util.h"
#include "test_util.h"

using namespace quorum;
using quorum::test::FindHolder;

namespace {

const Discussion* BySubject(const std::vector<Discussion>& ds, const std::string& part) {
  for (const Discussion& d : ds) {
    if (d.subject.find(part) != std::string::npos) return &d;
  }
  return nullptr;
}

bool HasEdge(const Discussion& d, const std::string& from, const std::string& to,
             AgreementKind kind) {
  for (const Agreement& e : d.agreements) {
    if (e.from_name.find(from) != std::string::npos && e.to_name.find(to) != std::string::npos &&
        e.kind == kind) {
      return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("positions: sample RFC on GitHub, for and against", "[analyze][positions]") {
  test::Analysed a = test::AnalyseFiles({test::SourcePath("data/sample/dev-example-2024-05.mbox"),
                                         test::SourcePath("data/sample/dev-example-2024-06.mbox")});
  const Discussion* rfc = BySubject(a.discussions, "[RFC] Module Incubation Stage (PR #42)");
  REQUIRE(rfc != nullptr);
  // One recurring position holds Dana against and most of Bob, Carlos and Fatima for.
  bool found = false;
  for (const Position& p : rfc->positions) {
    if (!p.recurring) continue;
    const PositionHolder* dana = FindHolder(p, "Okafor");
    int for_side = 0;
    for (const char* who : {"Bob Lee", "Ramírez", "Haddad"}) {
      const PositionHolder* h = FindHolder(p, who);
      for_side += h != nullptr && h->stance == Stance::kFor ? 1 : 0;
    }
    if (dana != nullptr && dana->stance == Stance::kAgainst && for_side >= 2) found = true;
  }
  CHECK(found);
  // Mirrored authors are people, not the GitHub robot.
  for (const Position& p : rfc->positions) {
    for (const PositionHolder& h : p.holders) CHECK_FALSE(h.name.empty());
  }
  CHECK(HasEdge(*rfc, "Carlos", "Bob Lee", AgreementKind::kAgree));
  CHECK(HasEdge(*rfc, "Dana", "Alice", AgreementKind::kDisagree));

  const Discussion* discuss = BySubject(a.discussions, "[DISCUSS] Adopt the Module Incubation");
  REQUIRE(discuss != nullptr);
  CHECK(HasEdge(*discuss, "Erik", "Dana", AgreementKind::kAgree));
  CHECK(HasEdge(*discuss, "Grace", "Dana", AgreementKind::kAgree));
  // Dana's triage rule is a recurring position others join.
  bool triage = false;
  for (const Position& p : discuss->positions) {
    bool names = false;
    for (const std::string& k : p.keyphrases)
      names = names || k.find("triage") != std::string::npos;
    if (names && p.recurring && p.participants >= 2 && FindHolder(p, "Okafor") != nullptr) {
      triage = true;
    }
  }
  CHECK(triage);
}
