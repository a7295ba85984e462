// SPDX-License-Identifier: Apache-2.0
// Dates in every output (issue 14, item 6): 1969 and the epoch itself keep their dates in
// report.json and SQLite, a year past 9999 never prints, implausible dates get a diagnostic.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "test_util.h"

using quorum::test::ReadFile;
using quorum::test::RunQuorum;
using quorum::test::TempDir;
using quorum::test::WriteFile;

namespace fs = std::filesystem;

namespace {

// One mail of the vote thread; the From_ line says the same time as Date: (UTC).
std::string Mail(const std::string& who, const std::string& from_line_date, const std::string& date,
                 const std::string& id, const std::string& body) {
  std::string m = "From " + who + "@example.org " + from_line_date + "\n";
  std::string name = who;
  name[0] = static_cast<char>(name[0] - 'a' + 'A');
  m += "From: " + name + " <" + who + "@example.org>\n";
  m += std::string("Subject: ") + (id == "call" ? "" : "Re: ") + "[VOTE] Release Example 1.0\n";
  m += "Date: " + date + "\n";
  m += "Message-ID: <" + id + "@example.org>\n";
  if (id != "call") m += "In-Reply-To: <call@example.org>\nReferences: <call@example.org>\n";
  m += "List-Id: <dev.example.apache.org>\n\n" + body + "\n\n";
  return m;
}

// A release vote called in 1969: votes at 1969-12-31T23:59:59Z and at the epoch itself, and one
// dated "31 Dec 9999 23:59:59 -1400" (year 10000 in UTC) delivered on 1970-01-03.
std::string VoteMbox() {
  return Mail("alice", "Wed Dec 31 23:00:00 1969", "Wed, 31 Dec 1969 23:00:00 +0000", "call",
              "Please vote on releasing Example 1.0.\n\n[ ] +1 release it\n[ ] -1 do not") +
         Mail("bob", "Wed Dec 31 23:59:59 1969", "Wed, 31 Dec 1969 18:59:59 -0500", "bob", "+1") +
         Mail("carol", "Thu Jan  1 00:00:00 1970", "Thu, 1 Jan 1970 00:00:00 +0000", "carol",
              "+1 (binding)") +
         Mail("dave", "Sat Jan  3 00:00:00 1970", "Fri, 31 Dec 9999 23:59:59 -1400", "dave",
              "-1, not yet.");
}

// message/voter -> "date|epoch" rows of a query with two key and two value columns.
std::map<std::string, std::string> Rows(const std::string& db_path, const std::string& sql) {
  std::map<std::string, std::string> rows;
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
  while (sqlite3_step(s) == SQLITE_ROW) {
    auto text = [s](int c) {
      const unsigned char* v = sqlite3_column_text(s, c);
      return v ? std::string(reinterpret_cast<const char*>(v)) : std::string("NULL");
    };
    rows[text(0)] = text(1) + "|" + text(2);
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return rows;
}

}  // namespace

TEST_CASE("report dates: 1969 and the epoch keep their dates in report.json and SQLite",
          "[report][date]") {
  TempDir dir;
  WriteFile(dir.path() + "/dev.mbox", VoteMbox());
  auto r =
      RunQuorum("report --quiet '" + dir.path() + "/dev.mbox' --out '" + dir.path() + "/site'");
  REQUIRE(r.exit_code == 0);
  const std::string site = dir.path() + "/site";

  auto report = nlohmann::json::parse(ReadFile(site + "/report.json"));
  CHECK(report["as_of"] == "1970-01-03T00:00:00Z");
  REQUIRE(report["proposals"].size() == 1);
  const auto& p = report["proposals"][0];
  CHECK(p["timeline"]["first_date"] == "1969-12-31T23:00:00Z");
  CHECK(p["timeline"]["last_date"] == "1970-01-03T00:00:00Z");
  CHECK(p["timeline"]["per_day"] ==
        nlohmann::json({{"1969-12-31", 2}, {"1970-01-01", 1}, {"1970-01-03", 1}}));
  std::map<std::string, nlohmann::json> vote_dates;
  for (const auto& v : p["votes"]) vote_dates[v["voter"]["name"]] = v["date"];
  CHECK(vote_dates["Bob"] == "1969-12-31T23:59:59Z");
  CHECK(vote_dates["Carol"] == "1970-01-01T00:00:00Z");
  CHECK(vote_dates["Dave"] == "1970-01-03T00:00:00Z");
  REQUIRE(report["vote_threads"].size() == 1);
  CHECK(report["vote_threads"][0]["opened"] == "1969-12-31T23:00:00Z");

  const std::string db = site + "/quorum.sqlite";
  auto messages = Rows(db, "SELECT message_id, date, epoch FROM messages");
  CHECK(messages["call@example.org"] == "1969-12-31T23:00:00Z|-3600");
  CHECK(messages["bob@example.org"] == "1969-12-31T23:59:59Z|-1");
  CHECK(messages["carol@example.org"] == "1970-01-01T00:00:00Z|0");
  CHECK(messages["dave@example.org"] == "1970-01-03T00:00:00Z|172800");
  auto votes = Rows(db, "SELECT voter_name, date, epoch FROM votes");
  CHECK(votes["Bob"] == "1969-12-31T23:59:59Z|-1");
  CHECK(votes["Carol"] == "1970-01-01T00:00:00Z|0");
  auto opened = Rows(db, "SELECT thread_id, opened, opened_epoch FROM vote_threads");
  CHECK(opened["call@example.org"] == "1969-12-31T23:00:00Z|-3600");
  // SQLite's own date functions read what we write.
  auto day = Rows(db, "SELECT voter_name, date(date), strftime('%s', date) FROM votes");
  CHECK(day["Bob"] == "1969-12-31|-1");

  // No year past 9999 anywhere: not in the data, not in "as of", not in the CSV or the feed.
  for (const auto& e : fs::recursive_directory_iterator(site)) {
    if (!e.is_regular_file()) continue;
    INFO(e.path().string());
    std::string bytes = ReadFile(e.path().string());
    CHECK(bytes.find("10000-") == std::string::npos);
  }
  CHECK(ReadFile(site + "/index.html").find("1970-01-03T00:00:00Z") != std::string::npos);
}

TEST_CASE("report dates: messages says why a date was refused or doubted", "[report][date]") {
  TempDir dir;
  WriteFile(dir.path() + "/dev.mbox", VoteMbox());
  auto r = RunQuorum("messages '" + dir.path() + "/dev.mbox'");
  REQUIRE(r.exit_code == 0);
  std::map<std::string, std::string> date, diag;
  size_t pos = 0;
  while (pos < r.out.size()) {
    size_t nl = r.out.find('\n', pos);
    auto j = nlohmann::json::parse(r.out.substr(pos, nl - pos));
    pos = nl + 1;
    std::string id = j["message_id"];
    date[id] = j["date"];
    for (const auto& d : j["diagnostics"]) diag[id] += d["code"].get<std::string>() + " ";
  }
  CHECK(date["carol@example.org"] == "1970-01-01T00:00:00Z");
  CHECK(diag["carol@example.org"] == "implausible-date ");  // kept: no later delivery date
  CHECK(date["dave@example.org"] == "1970-01-03T00:00:00Z");
  CHECK(diag["dave@example.org"] == "bad-date ");  // year 10000: the From_ line date instead
}
