// SPDX-License-Identifier: Apache-2.0
// `quorum report` end to end: byte-identical reruns, the digest, the documented SQL figures,
// hostile mail in headless Chromium, file names that stay inside --out.
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_util.h"

using quorum::test::ReadFile;
using quorum::test::RunQuorum;
using quorum::test::SharedPath;
using quorum::test::TempDir;

namespace fs = std::filesystem;

namespace {

std::string MavenArgs() {
  std::string d = SharedPath("data/ponymail-unit-tests") + "/";
  return "'" + d + "maven-dev-2017-11-listsao.mbox' '" + d + "maven-dev-2017-12-listsao.mbox'";
}

// Relative path -> bytes of every regular file under `dir`.
std::map<std::string, std::string> Tree(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = ReadFile(e.path());
  }
  return files;
}

// (query, expected output) pairs: each ```sql block of the doc and the ```text block after it.
std::vector<std::pair<std::string, std::string>> DocQueries(const std::string& doc) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  for (;;) {
    size_t q = doc.find("```sql\n", pos);
    if (q == std::string::npos) break;
    size_t qe = doc.find("```", q + 7);
    size_t t = doc.find("```text\n", qe + 3);
    size_t te = t == std::string::npos ? t : doc.find("```", t + 8);
    if (qe == std::string::npos || te == std::string::npos) break;
    out.emplace_back(doc.substr(q + 7, qe - q - 7), doc.substr(t + 8, te - t - 8));
    pos = te + 3;
  }
  return out;
}

// Rows as the sqlite3 shell prints them in list mode: columns joined by '|', one line per row.
std::string RunSql(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
    return std::string("error: ") + sqlite3_errmsg(db);
  }
  std::string out;
  while (sqlite3_step(s) == SQLITE_ROW) {
    for (int c = 0; c < sqlite3_column_count(s); ++c) {
      if (c) out += '|';
      const unsigned char* v = sqlite3_column_text(s, c);
      if (v) out += reinterpret_cast<const char*>(v);
    }
    out += '\n';
  }
  sqlite3_finalize(s);
  return out;
}

// chromium's --dump-dom serialises the live DOM: a payload that ran would show here.
bool HaveChromium() { return std::system("command -v chromium >/dev/null 2>&1") == 0; }

// The DOM after Chromium loaded `file` (headless, fresh profile, no network services).
std::string DumpDom(const std::string& file, const std::string& scratch) {
  TempDir profile;
  std::string out = scratch + "/dom.html";
  std::string cmd =
      "timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync "
      "--user-data-dir='" +
      profile.path() + "' --virtual-time-budget=2000 --dump-dom 'file://" + file + "' >'" + out +
      "' 2>/dev/null";
  int status = std::system(cmd.c_str());
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return "";
  return ReadFile(out);
}

// A vote with script in the subject, sender name, body, Message-ID and an RFC 2047 subject, a
// javascript: link, bidi overrides and a Message-ID that tries to leave --out.
std::string HostileMbox() {
  const std::string pwn = "document.body.setAttribute('data-pwned','1')";
  std::string m;
  m += "From evil@example.com Mon Dec  4 10:00:00 2017\n";
  m += "From: \"<img src=x onerror=\\\"" + pwn + "\\\">\" <evil@example.com>\n";
  m += "To: dev@example.apache.org\n";
  m += "Subject: [VOTE] Release <script>" + pwn + "</script> 1.0\n";
  m += "Date: Mon, 4 Dec 2017 10:00:00 +0000\n";
  m += "Message-ID: <../../../etc/passwd@evil>\n";
  m += "List-Id: <dev.example.apache.org>\n\n";
  m += "Please vote. <script>document.title='pwned'</script>\n";
  m += "<img src=x onerror=\"" + pwn + "\">\n";
  m += "<a href=\"javascript:" + pwn + "\">click</a> javascript:alert(1)\n";
  m += "bidi: \xE2\x80\xAEgnp.exe \xE2\x81\xA6isolate\xE2\x81\xA9\n\n";
  m += "From mallory@example.com Mon Dec  4 11:00:00 2017\n";
  // "<script>document.body.setAttribute('data-pwned','1')</script>" in RFC 2047 base64.
  m += "From: "
       "=?UTF-8?B?"
       "PHNjcmlwdD5kb2N1bWVudC5ib2R5LnNldEF0dHJpYnV0ZSgnZGF0YS1wd25lZCcsJzEnKTwvc2NyaXB0Pg==?= "
       "<mallory@example.com>\n";
  m += "To: dev@example.apache.org\n";
  m += "Subject: =?UTF-8?B?UmU6IDxzY3JpcHQ+ZG9jdW1lbnQudGl0bGU9J3B3bmVkJzwvc2NyaXB0Pg==?=\n";
  m += "Date: Mon, 4 Dec 2017 11:00:00 +0000\n";
  m += "Message-ID: <\"><script>" + pwn + "</script>@evil>\n";
  m += "In-Reply-To: <../../../etc/passwd@evil>\n";
  m += "References: <../../../etc/passwd@evil>\n";
  m += "List-Id: <dev.example.apache.org>\n\n";
  m += "+1 <img src=x onerror=\"" + pwn + "\"> (binding)\n\n";
  return m;
}

}  // namespace

TEST_CASE("report: two runs on the Maven months give byte-identical files",
          "[cli][report][shared]") {
  TempDir a, b;
  auto ra = RunQuorum("report " + MavenArgs() + " --out '" + a.path() + "/site'");
  INFO(ra.err);
  REQUIRE(ra.exit_code == 0);
  CHECK(ra.err.find("538 messages") != std::string::npos);  // the figures, not --quiet
  auto rb = RunQuorum("report --quiet " + MavenArgs() + " --out '" + b.path() + "/site'");
  REQUIRE(rb.exit_code == 0);
  CHECK(rb.err.empty());
  auto ta = Tree(a.path() + "/site"), tb = Tree(b.path() + "/site");
  REQUIRE(ta.size() == tb.size());
  for (const auto& [path, bytes] : ta) {
    INFO(path);
    REQUIRE(tb.count(path) == 1);
    CHECK(tb[path] == bytes);
    if (path.size() > 5 && path.substr(path.size() - 5) == ".html") {
      CHECK(bytes.find("Content-Security-Policy") != std::string::npos);
      CHECK(bytes.find("<script") == std::string::npos);
    }
    CHECK(path.find(".quorum-tmp-") == std::string::npos);  // no temp file left behind
  }
  for (const char* f : {"index.html", "digest.html", "feed.xml", "style.css", "report.json",
                        "votes.csv", "quorum.sqlite", ".quorum-report-state.json"}) {
    INFO(f);
    CHECK(ta.count(f) == 1);
  }
  auto j = nlohmann::json::parse(ta["report.json"]);
  CHECK(j["schema_version"] == 2);
  CHECK(j["counts"]["messages"] == 538);
  CHECK(j["vote_threads"].size() == 9);
  CHECK(j["digest"]["basis"] == "first run");
  size_t vote_threads = 0;
  size_t branches = 0;
  for (const auto& p : j["proposals"]) {
    for (const char* key : {"id", "title", "kind", "threads", "branched_from", "status", "votes",
                            "positions", "participants", "timeline"}) {
      INFO(key);
      CHECK(p.contains(key));
    }
    vote_threads += p["vote_threads"].size();
    // Robert Scholte's "[IMPORTANT] Re: Git migration next steps" is a discussion of its own.
    if (p["id"] == "thread:op.zbb50hckkdkhrr@desktop-2khsk44.mshome.net") {
      ++branches;
      CHECK(p["branched_from"] == "1900558.GFx9QlfaE2@giga");
    }
  }
  CHECK(vote_threads == 9);  // every vote thread belongs to a proposal
  CHECK(branches == 1);
  // votes.csv: header + 30 votes, CRLF, every field quoted, mail text guarded.
  const std::string& csv = ta["votes.csv"];
  size_t rows = 0;
  for (size_t p = csv.find("\r\n"); p != std::string::npos; p = csv.find("\r\n", p + 2)) ++rows;
  CHECK(rows == 31);
  CHECK(csv.find(",\"+1\",\"1\",") != std::string::npos);  // the value stays a number
  CHECK(csv.find(",\"'+1\"\r\n") != std::string::npos);    // evidence "+1" is guarded
}

TEST_CASE("report: a re-run on unchanged mail leaves every file alone", "[cli][report][shared]") {
  // report.json is streamed to a temp file and kept only when it differs; pages are compared
  // in memory. The second run writes the digest of "since the last run"; the third changes
  // nothing, so no file is replaced (same inode, same mtime) and no temp file is left.
  TempDir dir;
  std::string args = "report --quiet " + MavenArgs() + " --out '" + dir.path() + "/site'";
  REQUIRE(RunQuorum(args).exit_code == 0);
  REQUIRE(RunQuorum(args).exit_code == 0);
  std::map<std::string, std::pair<ino_t, int64_t>> before;
  for (const auto& e : fs::recursive_directory_iterator(dir.path() + "/site")) {
    struct stat st {};
    REQUIRE(stat(e.path().c_str(), &st) == 0);
    before[e.path().string()] = {st.st_ino, st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec};
  }
  REQUIRE(RunQuorum(args).exit_code == 0);
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir.path() + "/site")) {
    INFO(e.path());
    CHECK(e.path().filename().string().find(".quorum-tmp-") == std::string::npos);
    if (!e.is_regular_file()) continue;
    struct stat st {};
    REQUIRE(stat(e.path().c_str(), &st) == 0);
    REQUIRE(before.count(e.path().string()) == 1);
    CHECK(before[e.path().string()].first == st.st_ino);
    CHECK(before[e.path().string()].second ==
          st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec);
    ++files;
  }
  CHECK(files > 50);
}

TEST_CASE("report: the SQL examples in docs/output-schema.md give the figures it states",
          "[cli][report][shared]") {
  TempDir dir;
  auto r = RunQuorum("report --quiet " + MavenArgs() + " --out '" + dir.path() + "'");
  REQUIRE(r.exit_code == 0);
  auto queries = DocQueries(ReadFile(quorum::test::SourcePath("docs/output-schema.md")));
  REQUIRE(queries.size() >= 5);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2((dir.path() + "/quorum.sqlite").c_str(), &db, SQLITE_OPEN_READONLY,
                          nullptr) == SQLITE_OK);
  CHECK(RunSql(db, "PRAGMA foreign_key_check;").empty());
  CHECK(RunSql(db, "SELECT COUNT(*) FROM messages;") == "538\n");
  CHECK(RunSql(db, "SELECT COUNT(*) FROM votes;") == "30\n");
  for (const auto& [sql, expected] : queries) {
    INFO(sql);
    CHECK(RunSql(db, sql) == expected);
  }
  sqlite3_close(db);
}

TEST_CASE("report: the digest covers what changed since the last run or --since",
          "[cli][report][shared]") {
  TempDir dir;
  std::string out = " --out '" + dir.path() + "'";
  REQUIRE(RunQuorum("report --quiet " + MavenArgs() + out).exit_code == 0);
  auto first = nlohmann::json::parse(ReadFile(dir.path() + "/report.json"));
  CHECK(first["digest"]["entries"].size() > 30);
  REQUIRE(RunQuorum("report --quiet " + MavenArgs() + out).exit_code == 0);
  auto second = nlohmann::json::parse(ReadFile(dir.path() + "/report.json"));
  CHECK(second["digest"]["basis"] == "since the last run");
  CHECK(second["digest"]["entries"].empty());
  CHECK(ReadFile(dir.path() + "/digest.html").find("Nothing changed") != std::string::npos);
  REQUIRE(RunQuorum("report --quiet --since 2017-12-28 " + MavenArgs() + out).exit_code == 0);
  auto since = nlohmann::json::parse(ReadFile(dir.path() + "/report.json"));
  CHECK(since["digest"]["basis"] == "since 2017-12-28");
  bool decided_site_plugin = false;
  for (const auto& e : since["digest"]["entries"]) {
    CHECK(e["date"].get<std::string>() >= "2017-12-28");
    // One entry per proposal, saying what changed: the vote passed.
    if (e["type"] == "proposal" && e["title"] == "Release Apache Maven Site Plugin version 3.7" &&
        e["detail"].get<std::string>().rfind("passed: ", 0) == 0) {
      decided_site_plugin = true;
    }
    if (e["title"] == "Apache Maven Site Plugin 3.7 Released") CHECK(e["type"] == "news");
  }
  CHECK(decided_site_plugin);
  CHECK(ReadFile(dir.path() + "/feed.xml").find("<entry>") != std::string::npos);
  CHECK(RunQuorum("report --quiet --since 2017-13-01 " + MavenArgs() + out).exit_code == 2);
  // Issue 14, item 9: a day the calendar does not have is a usage error too.
  CHECK(RunQuorum("report --quiet --since 2017-02-30 " + MavenArgs() + out).exit_code == 2);
  CHECK(RunQuorum("report --quiet " + MavenArgs()).exit_code == 2);  // --out is required
}

namespace {

// Writes the report of HostileMbox() into `dir`/site; returns the site directory.
std::string WriteHostileSite(const TempDir& dir) {
  std::string mbox = dir.path() + "/hostile.mbox";
  quorum::test::WriteFile(mbox, HostileMbox());
  std::string site = dir.path() + "/site";
  auto r = RunQuorum("report --quiet '" + mbox + "' --out '" + site + "'");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return site;
}

// The HTML pages of `tree` (paths relative to the site).
std::vector<std::string> Pages(const std::map<std::string, std::string>& tree) {
  std::vector<std::string> pages;
  for (const auto& [path, bytes] : tree) {
    if (path.size() > 5 && path.substr(path.size() - 5) == ".html") pages.push_back(path);
  }
  return pages;
}

// Under `make test` and CI a missing Chromium fails the browser check; a plain ctest skips it.
bool BrowserRequired() {
  for (const char* var : {"QUORUM_REQUIRE_BROWSER", "CI"}) {
    const char* v = std::getenv(var);
    if (v != nullptr && *v != '\0' && std::string(v) != "0") return true;
  }
  return false;
}

}  // namespace

TEST_CASE("report: hostile mail never runs script and file names stay inside --out",
          "[cli][report][security]") {
  TempDir dir;
  std::string site = WriteHostileSite(dir);
  // Nothing was written beside --out, and every page is under it.
  std::vector<std::string> top;
  for (const auto& e : fs::directory_iterator(dir.path())) top.push_back(e.path().filename());
  std::sort(top.begin(), top.end());
  CHECK(top == std::vector<std::string>{"hostile.mbox", "site"});
  auto tree = Tree(site);
  std::vector<std::string> pages;
  for (const auto& [path, bytes] : tree) {
    INFO(path);
    for (const auto& part : fs::path(path)) CHECK((part != ".." && part != "."));
    if (path.size() > 5 && path.substr(path.size() - 5) == ".html") {
      pages.push_back(path);
      // No raw tag, handler or bidi control from the mail reaches the bytes.
      CHECK(bytes.find("<script") == std::string::npos);
      CHECK(bytes.find("<img") == std::string::npos);
      CHECK(bytes.find("href=\"javascript:") == std::string::npos);
      CHECK(bytes.find("\xE2\x80\xAE") == std::string::npos);
      CHECK(bytes.find("\xE2\x81\xA6") == std::string::npos);
    }
  }
  REQUIRE(pages.size() >= 3);  // index, digest and the vote's proposal page
  bool escaped_seen = false, bidi_seen = false;
  for (const auto& [path, bytes] : tree) {
    if (bytes.find("&lt;script&gt;document.body.setAttribute") != std::string::npos) {
      escaped_seen = true;
    }
    if (bytes.find("\\u202E") != std::string::npos) bidi_seen = true;
  }
  CHECK(escaped_seen);
  CHECK(bidi_seen);
  CHECK(nlohmann::json::accept(tree["report.json"]));  // stays valid JSON
}

TEST_CASE("report: hostile pages run no script in headless Chromium", "[cli][report][security]") {
  if (!HaveChromium()) {
    if (BrowserRequired()) {
      FAIL(
          "chromium is not installed, and QUORUM_REQUIRE_BROWSER or CI is set "
          "(tools/install-deps.sh test installs it)");
    }
    std::printf("SKIP: chromium is not installed (tools/install-deps.sh test installs it)\n");
    std::fflush(stdout);
    std::exit(quorum::test::kSkipExitCode);
  }
  TempDir dir;
  std::string site = WriteHostileSite(dir);
  std::vector<std::string> pages = Pages(Tree(site));
  REQUIRE(pages.size() >= 3);
  // Control: the same payload in a page of our making without escaping or CSP does run, so the
  // check below can see a payload that ran.
  std::string control = dir.path() + "/control.html";
  quorum::test::WriteFile(
      control,
      "<!DOCTYPE html><html><body><img src=x "
      "onerror=\"document.body.setAttribute('data-pwned','1')\"></body></html>");
  CHECK(DumpDom(control, dir.path()).find("<body data-pwned=\"1\"") != std::string::npos);
  // Defence in depth: the same unescaped payload under the CSP our pages carry does not run.
  std::string head = ReadFile(site + "/index.html");
  std::string csp =
      head.substr(head.find("<meta http-equiv"), head.find(">", head.find("<meta http-equiv")) -
                                                     head.find("<meta http-equiv") + 1);
  std::string guarded = dir.path() + "/guarded.html";
  quorum::test::WriteFile(
      guarded, "<!DOCTYPE html><html><head>" + csp +
                   "</head><body><img src=x "
                   "onerror=\"document.body.setAttribute('data-pwned','1')\"><script>"
                   "document.body.setAttribute('data-pwned','2')</script></body></html>");
  std::string guarded_dom = DumpDom(guarded, dir.path());
  CHECK(guarded_dom.find("<body>") != std::string::npos);
  CHECK(guarded_dom.find("data-pwned=") == std::string::npos);
  for (const auto& page : pages) {
    INFO(page);
    std::string dom = DumpDom(site + "/" + page, dir.path());
    REQUIRE(!dom.empty());
    CHECK(dom.find("<body") != std::string::npos);  // it rendered
    // The payload text may appear (escaped, as text); the attribute on <body> must not.
    size_t body = dom.find("<body");
    CHECK(dom.substr(body, dom.find('>', body) - body).find("data-pwned") == std::string::npos);
    CHECK(dom.find("<title>pwned") == std::string::npos);
    CHECK(dom.find("<script") == std::string::npos);
  }
  // The proposal page shows the payload as text.
  std::string prop;
  for (const auto& page : pages) {
    if (page.rfind("p/", 0) == 0) prop = page;
  }
  REQUIRE(!prop.empty());
  std::string dom = DumpDom(site + "/" + prop, dir.path());
  CHECK(dom.find("&lt;script&gt;") != std::string::npos);
  CHECK(dom.find("onerror=") != std::string::npos);  // as text inside <pre>, not an attribute
}
