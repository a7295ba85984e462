// SPDX-License-Identifier: Apache-2.0
// The quorum binary's fetch and run commands against the loopback server: exit codes, the
// failure line, the lock, kill -9 in the middle of a download, the nightly run.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "core/hash.h"
#include "fetch/fetcher.h"
#include "fetch/state.h"
#include "test_http_server.h"
#include "test_util.h"

namespace quorum::fetch {
namespace {

using test::ScriptedResponse;

const std::string& Maven(int month) {
  static const std::string nov =
      test::ReadFile(test::SharedPath("data/ponymail-unit-tests/maven-dev-2017-11-listsao.mbox"));
  static const std::string dec =
      test::ReadFile(test::SharedPath("data/ponymail-unit-tests/maven-dev-2017-12-listsao.mbox"));
  return month == 11 ? nov : dec;
}

std::string Target(const std::string& ym) {
  return "/api/mbox.lua?list=dev&domain=maven.apache.org&d=" + ym;
}

ScriptedResponse Mbox(const std::string& body) {
  ScriptedResponse r;
  r.body = body;
  r.framing = ScriptedResponse::Framing::kClose;
  return r;
}

void RequireBinary() {
  if (!std::filesystem::exists(QUORUM_BINARY)) {
    FAIL("the quorum binary is not built: " << QUORUM_BINARY
                                            << " (cmake --build build --target quorum)");
  }
}

std::vector<std::string> TempFilesUnder(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.path().filename().string().rfind(".quorum-tmp-", 0) == 0)
      out.push_back(e.path().string());
  }
  return out;
}

// "fetch --list dev@maven.apache.org --from F --to T --archive A --base-url B" + extra.
std::string FetchArgs(const std::string& archive, const test::TestHttpServer& server,
                      const std::string& from, const std::string& to,
                      const std::string& extra = "") {
  return "fetch --list dev@maven.apache.org --from " + from + " --to " + to + " --archive '" +
         archive + "' --base-url " + server.base_url() + " --attempts 2 --timeout 2 " + extra;
}

TEST_CASE("fetch cli: exit 0 and silence when all is well and 3 with one failure line",
          "[fetch][cli]") {
  RequireBinary();
  test::TempDir dir;
  test::TestHttpServer server;
  std::string archive = dir.path() + "/archive";
  server.Script(Target("2017-11"), {Mbox(Maven(11))});
  server.Script(Target("2017-12"), {Mbox(Maven(12))});
  test::RunResult ok = test::RunQuorum(FetchArgs(archive, server, "2017-11", "2017-12"));
  CHECK(ok.exit_code == 0);
  CHECK(ok.err.empty());  // not a terminal: no progress
  CHECK(ok.out.empty());
  CHECK(test::ReadFile(archive + "/dev@maven.apache.org/2017-12.mbox") == Maven(12));

  // 2016-12 is unscripted (404); 2017-01 too: two failure lines, the held months are kept.
  test::RunResult partial = test::RunQuorum(FetchArgs(archive, server, "2016-12", "2017-12"));
  CHECK(partial.exit_code == 3);
  CHECK(partial.err.find("quorum: fetch: dev@maven.apache.org 2016-12: " + server.base_url() +
                         Target("2016-12") + ": http 404\n") == 0);
  CHECK(std::count(partial.err.begin(), partial.err.end(), '\n') == 11);  // 2016-12 .. 2017-10

  test::RunResult failed =
      test::RunQuorum(FetchArgs(archive, server, "2016-01", "2016-02", "--quiet"));
  CHECK(failed.exit_code == 1);
  CHECK(std::count(failed.err.begin(), failed.err.end(), '\n') == 2);

  CHECK(test::RunQuorum(FetchArgs(archive, server, "2017-13", "2017-12")).exit_code == 2);
  // Issue 14, item 9: "2017-1" is not read as January (it fetched 120 months).
  CHECK(test::RunQuorum(FetchArgs(archive, server, "2017-1", "2017-12")).exit_code == 2);
  CHECK(test::RunQuorum("fetch --list ../../etc@x.org --from 2017-01 --archive '" + archive + "'")
            .exit_code == 2);
  CHECK(test::RunQuorum("fetch --list dev@x.org --from 2017-01 --base-url http://example.org "
                        "--archive '" +
                        archive + "'")
            .exit_code == 2);
  CHECK(test::RunQuorum("fetch --from 2017-01 --archive '" + archive + "'").exit_code == 2);
}

TEST_CASE("fetch cli: a body cut mid-message is no success, and the next run completes it",
          "[fetch][cli]") {
  // Issue 14 item 2: a close-delimited 200 that ends mid-message was stored with exit 0 as the
  // whole month, and the closed month was never asked for again.
  RequireBinary();
  test::TempDir dir;
  test::TestHttpServer server;
  ScriptedResponse cut = Mbox(Maven(11));
  cut.cut_after = Maven(11).size() / 2 + 7;
  server.Script(Target("2017-11"), {cut, cut, Mbox(Maven(11))});
  const std::string month = dir.path() + "/dev@maven.apache.org/2017-11.mbox";
  test::RunResult first = test::RunQuorum(FetchArgs(dir.path(), server, "2017-11", "2017-11"));
  INFO(first.err);
  CHECK(first.exit_code == 3);  // failed, though something readable is held
  CHECK(first.err.find("quorum: fetch: dev@maven.apache.org 2017-11: " + server.base_url() +
                       Target("2017-11") + ": body cut short: ") == 0);
  CHECK(first.err.find("incomplete: asked for again next run\n") != std::string::npos);
  CHECK(test::ReadFile(month) == Maven(11).substr(0, cut.cut_after));
  CHECK(server.Count(Target("2017-11")) == 2);
  test::RunResult next = test::RunQuorum(FetchArgs(dir.path(), server, "2017-11", "2017-11"));
  CHECK(next.exit_code == 0);
  CHECK(next.err.empty());
  CHECK(server.Count(Target("2017-11")) == 3);
  CHECK(test::ReadFile(month) == Maven(11));
}

TEST_CASE("fetch cli: a second job on the same archive exits 1 naming the lock", "[fetch][cli]") {
  RequireBinary();
  test::TempDir dir;
  test::TestHttpServer server;
  auto held = Archive::Open(dir.path());  // this process plays the first job
  REQUIRE(held.ok());
  auto start = std::chrono::steady_clock::now();
  test::RunResult r = test::RunQuorum(FetchArgs(dir.path(), server, "2017-11", "2017-11"));
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(dir.path() + "/.quorum.lock") != std::string::npos);
  CHECK(r.err.find("locked") != std::string::npos);
  CHECK(took < 5.0);
  CHECK(server.targets().empty());
}

TEST_CASE("fetch cli: kill -9 during a download leaves the old copy and the next run cleans up",
          "[fetch][cli]") {
  RequireBinary();
  test::TempDir dir;
  test::TestHttpServer server;
  const std::string month = dir.path() + "/dev@maven.apache.org/2017-12.mbox";
  server.Script(Target("2017-12"), {Mbox(Maven(12))});
  REQUIRE(test::RunQuorum(FetchArgs(dir.path(), server, "2017-12", "2017-12")).exit_code == 0);
  const std::string old_sha = Sha256Hex(Maven(12));
  REQUIRE(Sha256Hex(test::ReadFile(month)) == old_sha);

  // A bigger new version, served slowly (about 1 s in all) and held back before its last
  // piece, so the kill always lands mid-body however loaded the machine is.
  const std::string bigger = Maven(12) + Maven(11);
  ScriptedResponse slow = Mbox(bigger);
  slow.piece = 16384;
  slow.piece_delay_ms = 5;
  slow.hold_last_ms = 30000;
  const uint64_t all_but_last = (bigger.size() - 1) / slow.piece * slow.piece;
  for (uint64_t kill_after : {uint64_t{1}, uint64_t{100000}, uint64_t{1000000}, all_but_last}) {
    INFO("kill after " << kill_after << " body bytes");
    server.Script(Target("2017-12"), {slow});
    uint64_t sent_before = server.body_bytes_sent();
    std::string archive = dir.path(), base = server.base_url();
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      dup2(devnull, 2);
      execl(QUORUM_BINARY, "quorum", "fetch", "--list", "dev@maven.apache.org", "--from", "2017-12",
            "--to", "2017-12", "--archive", archive.c_str(), "--base-url", base.c_str(),
            "--refresh", static_cast<char*>(nullptr));
      _exit(127);
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (server.body_bytes_sent() - sent_before < kill_after &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    REQUIRE(kill(pid, SIGKILL) == 0);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    CHECK(WIFSIGNALED(status));
    // The final name holds the complete old copy; the partial download sits in a temp file.
    CHECK(Sha256Hex(test::ReadFile(month)) == old_sha);
    CHECK(TempFilesUnder(dir.path()).size() == 1);
  }
  // The next run (no --refresh: 2017-12 is closed and held) removes the leftover and keeps
  // the archive as it was, state file included.
  test::RunResult next = test::RunQuorum(FetchArgs(dir.path(), server, "2017-12", "2017-12"));
  CHECK(next.exit_code == 0);
  CHECK(TempFilesUnder(dir.path()).empty());
  CHECK(Sha256Hex(test::ReadFile(month)) == old_sha);
  auto state = LoadListState(dir.path() + "/dev@maven.apache.org/.quorum-state.tsv");
  REQUIRE(state.ok());
  CHECK(state.value().at("2017-12").sha256 == old_sha);
  // And an uninterrupted refresh brings the new version in whole.
  server.Script(Target("2017-12"), {Mbox(bigger)});
  CHECK(
      test::RunQuorum(FetchArgs(dir.path(), server, "2017-12", "2017-12", "--refresh")).exit_code ==
      0);
  CHECK(test::ReadFile(month) == bigger);
}

TEST_CASE("fetch cli: a full disk fails the month cleanly and keeps the old copy", "[fetch][cli]") {
  RequireBinary();
  test::TempDir dir;
  test::TestHttpServer server;
  const std::string month = dir.path() + "/dev@maven.apache.org/2017-12.mbox";
  server.Script(Target("2017-12"), {Mbox(Maven(12))});
  REQUIRE(test::RunQuorum(FetchArgs(dir.path(), server, "2017-12", "2017-12")).exit_code == 0);
  server.Script(Target("2017-12"), {Mbox(Maven(12) + Maven(11))});
  // RLIMIT_FSIZE stands in for a full disk: write() fails with EFBIG past 500 kB.
  std::string archive = dir.path(), base = server.base_url(), err = dir.path() + "/err.txt";
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int fd = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 2);
    signal(SIGXFSZ, SIG_IGN);
    rlimit lim{500000, 500000};
    setrlimit(RLIMIT_FSIZE, &lim);
    execl(QUORUM_BINARY, "quorum", "fetch", "--list", "dev@maven.apache.org", "--from", "2017-12",
          "--to", "2017-12", "--archive", archive.c_str(), "--base-url", base.c_str(), "--refresh",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 1);
  std::string message = test::ReadFile(err);
  CHECK(message.find("quorum: fetch: dev@maven.apache.org 2017-12: ") == 0);
  CHECK(message.find("cannot write temp file") != std::string::npos);
  CHECK(test::ReadFile(month) == Maven(12));
  CHECK(TempFilesUnder(dir.path()).empty());
}

TEST_CASE("fetch cli: --roster downloads committee-info.json", "[fetch][cli]") {
  RequireBinary();
  test::TempDir dir;
  test::TestHttpServer server;
  ScriptedResponse json;
  json.body = R"({"committees": {"maven": {"roster": {"rfscholte": {"name": "Robert Scholte"}}}}})";
  server.Script("/public/committee-info.json", {json});
  test::RunResult r = test::RunQuorum("fetch --roster --archive '" + dir.path() + "' --base-url " +
                                      server.base_url());
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(test::ReadFile(dir.path() + "/committee-info.json") == json.body);
}

TEST_CASE("run cli: --config fetches then writes the report and a re-run leaves the data alone",
          "[fetch][cli]") {
  RequireBinary();
  test::TempDir dir;
  test::TestHttpServer server;
  server.Script(Target("2017-11"), {Mbox(Maven(11))});
  server.Script(Target("2017-12"), {Mbox(Maven(12))});
  // Relative paths in the config are relative to the config file.
  test::WriteFile(dir.path() + "/quorum.toml",
                  "archive = \"arch\"\nout = \"site\"\nbase_url = \"" + server.base_url() +
                      "\"\n\n[[lists]]\nlist = \"dev@maven.apache.org\"\n"
                      "from = \"2017-11\"\nto = \"2017-12\"\n");
  // --no-roster: this test is about the months (the roster has its own test below).
  test::RunResult r = test::RunQuorum("run --no-roster --config '" + dir.path() + "/quorum.toml'");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(test::ReadFile(dir.path() + "/arch/dev@maven.apache.org/2017-11.mbox") == Maven(11));
  // The full report of the fetched lists (docs/output-schema.md, `quorum report`).
  CHECK(std::filesystem::exists(dir.path() + "/site/index.html"));
  CHECK(test::ReadFile(dir.path() + "/site/report.json").find("\"proposals\"") !=
        std::string::npos);
  const std::string threads = dir.path() + "/site/quorum.sqlite";
  REQUIRE(std::filesystem::exists(threads));
  struct stat before {};
  stat(threads.c_str(), &before);
  test::RunResult again =
      test::RunQuorum("run --no-roster --config '" + dir.path() + "/quorum.toml'");
  CHECK(again.exit_code == 0);
  struct stat after {};
  stat(threads.c_str(), &after);
  CHECK(after.st_ino == before.st_ino);
  CHECK(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);

  test::WriteFile(dir.path() + "/bad.toml", "lists = [ {list = \"dev@x.org\"");
  CHECK(test::RunQuorum("run --config '" + dir.path() + "/bad.toml'").exit_code == 2);
  // Issue 14, item 9: a misspelt key is refused, naming it, not ignored.
  test::WriteFile(dir.path() + "/typo.toml",
                  "sorce = \"modmbox\"\nout = \"site\"\n[[lists]]\nlist = \"dev@x.org\"\n"
                  "from = \"2017-11\"\n");
  test::RunResult typo = test::RunQuorum("run --config '" + dir.path() + "/typo.toml'");
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("unknown key 'sorce'") != std::string::npos);
  test::WriteFile(dir.path() + "/typo2.toml",
                  "out = \"site\"\n[[lists]]\nlist = \"dev@x.org\"\nfrom = \"2017-11\"\n"
                  "too = \"2017-12\"\n");
  CHECK(test::RunQuorum("run --config '" + dir.path() + "/typo2.toml'").exit_code == 2);
  CHECK(test::RunQuorum("run --list dev@x.org --from 2017-01 --archive '" + dir.path() + "/a'")
            .exit_code == 2);  // no --out
}

TEST_CASE("run cli: the nightly run refreshes the roster and keeps the held copy when Whimsy fails",
          "[fetch][cli]") {
  // Issue 14: `run` read committee-info.json only if someone had fetched it by hand.
  RequireBinary();
  test::TempDir dir;
  test::TestHttpServer server, whimsy;
  server.Script(Target("2017-11"), {Mbox(Maven(11))});
  server.Script(Target("2017-12"), {Mbox(Maven(12))});
  const std::string kRoster = "/public/committee-info.json";
  ScriptedResponse json;  // our own roster, not ASF data: olamy is on the Maven PMC
  json.body = R"({"committees": {"maven": {"roster": {
    "olamy": {"name": "Olivier Lamy", "date": "2008-01-01"}}}}})";
  whimsy.Script(kRoster, {json});
  const std::string archive = dir.path() + "/archive", roster = archive + "/committee-info.json";
  auto run = [&](const std::string& extra) {
    return test::RunQuorum(
        "run --list dev@maven.apache.org --from 2017-11 --to 2017-12 "
        "--archive '" +
        archive + "' --out '" + dir.path() + "/site' --base-url " + server.base_url() +
        " --roster-url " + whimsy.base_url() + " --attempts 2 --timeout 2 " + extra);
  };
  test::RunResult r = run("");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("roster") == std::string::npos);  // the report's summary line only
  CHECK(test::ReadFile(roster) == json.body);
  CHECK(whimsy.Count(kRoster) == 1);
  CHECK(server.Count(kRoster) == 0);  // the lists' host is not Whimsy
  // With no manual step, the roster gives binding status.
  std::string report = test::ReadFile(dir.path() + "/site/report.json");
  CHECK(report.find("\"binding_evidence\": \"roster\"") != std::string::npos);

  // Whimsy down, then sending something that is not the roster: the held copy stays, the run
  // goes on with it, and says so.
  whimsy.Script(kRoster, {[] {
                  ScriptedResponse down;
                  down.status = 503;
                  down.body = "<html>down</html>";
                  return down;
                }()});
  test::RunResult down = run("");
  CHECK(down.exit_code == 0);
  CHECK(down.err.find("quorum: fetch: roster: " + whimsy.base_url() + kRoster + ": http 503") == 0);
  CHECK(down.err.find("; kept the roster held (" + roster + ", written ") != std::string::npos);
  CHECK(test::ReadFile(roster) == json.body);
  ScriptedResponse html;
  html.body = "<html>maintenance</html>";
  whimsy.Script(kRoster, {html});
  test::RunResult invalid = run("");
  CHECK(invalid.exit_code == 0);
  CHECK(invalid.err.find("not committee-info json") != std::string::npos);
  CHECK(invalid.err.find("kept the roster held") != std::string::npos);
  CHECK(test::ReadFile(roster) == json.body);
  CHECK(test::ReadFile(dir.path() + "/site/report.json").find("\"binding_evidence\": \"roster\"") !=
        std::string::npos);

  // --no-roster leaves Whimsy alone.
  size_t asked = whimsy.Count(kRoster);
  CHECK(run("--no-roster").exit_code == 0);
  CHECK(whimsy.Count(kRoster) == asked);

  // No roster held and none to be had: the output lacks roster evidence, so the run is partial.
  std::filesystem::remove(roster);
  test::RunResult none = run("");
  CHECK(none.exit_code == 3);
  CHECK(none.err.find("; no roster held (" + roster + "): binding status comes only from") !=
        std::string::npos);
  CHECK(std::filesystem::exists(dir.path() + "/site/report.json"));
  CHECK_FALSE(std::filesystem::exists(roster));
  CHECK(TempFilesUnder(archive).empty());
}

TEST_CASE("run cli: a config without out says so, naming the file", "[fetch][cli]") {
  // Issue 14, item 9: it used to say "give --config FILE, or --list, --from and --out".
  RequireBinary();
  test::TempDir dir;
  std::string config = dir.path() + "/nightly.toml";
  test::WriteFile(config,
                  "archive = \"arch\"\n[[lists]]\nlist = \"dev@x.org\"\nfrom = \"2017-11\"\n");
  test::RunResult r = test::RunQuorum("run --config '" + config + "'");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(config + " has no out, nor --out given") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.path() + "/arch"));  // refused before fetching
}

TEST_CASE("run cli: max_messages in the config stops the report, and the old site stays",
          "[fetch][cli]") {
  // Issue 14, item 10: a nightly job over more mail than it planned for must not take the
  // machine, nor publish a partial report.
  RequireBinary();
  test::TempDir dir;
  test::TestHttpServer server;
  server.Script(Target("2017-11"), {Mbox(Maven(11))});
  auto config = [&](const std::string& extra) {
    test::WriteFile(dir.path() + "/quorum.toml",
                    "archive = \"arch\"\nout = \"site\"\nbase_url = \"" + server.base_url() +
                        "\"\n" + extra + "\n[[lists]]\nlist = \"dev@maven.apache.org\"\n" +
                        "from = \"2017-11\"\nto = \"2017-11\"\n");
    return "run --no-roster --config '" + dir.path() + "/quorum.toml'";
  };
  test::RunResult r = test::RunQuorum(config("max_messages = 50"));
  CHECK(r.exit_code == 3);  // the month is fetched; the report is not written
  CHECK(r.err.find("too-many-messages") != std::string::npos);
  CHECK(r.err.find("more than 50 messages") != std::string::npos);
  CHECK(std::filesystem::exists(dir.path() + "/arch/dev@maven.apache.org/2017-11.mbox"));
  CHECK_FALSE(std::filesystem::exists(dir.path() + "/site/report.json"));
  // --max-messages beats the file, like every other option.
  CHECK(test::RunQuorum(config("max_messages = 50") + " --max-messages 0").exit_code == 0);
  CHECK(std::filesystem::exists(dir.path() + "/site/report.json"));
  CHECK(test::RunQuorum(config("max_messages = -1")).exit_code == 2);
  CHECK(test::RunQuorum(config("max_messages = \"many\"")).exit_code == 2);
}

}  // namespace
}  // namespace quorum::fetch
