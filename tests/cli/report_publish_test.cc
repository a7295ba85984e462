// SPDX-License-Identifier: Apache-2.0
// How `quorum report` publishes into --out (issue 14): the output path check shared with
// `run`, the output lock, leftovers of killed runs, and partial writes reported as partial.
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"

using quorum::test::ReadFile;
using quorum::test::RunQuorum;
using quorum::test::SourcePath;
using quorum::test::TempDir;

namespace fs = std::filesystem;

namespace {

std::string SampleArgs(const std::string& out) {
  return "report --quiet '" + SourcePath("data/sample") + "' --roster '" +
         SourcePath("data/sample/roster.json") + "' --out '" + out + "'";
}

// Every name under `dir` that starts with ".quorum-tmp-".
std::vector<std::string> TempFilesUnder(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().filename().string().rfind(".quorum-tmp-", 0) == 0) out.push_back(e.path());
  }
  return out;
}

// Starts the quorum binary with `args` (no shell), output to /dev/null; returns its pid.
pid_t Spawn(const std::vector<std::string>& args) {
  pid_t pid = fork();
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    std::vector<char*> argv;
    std::string bin = QUORUM_BINARY;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("report publish: an empty --out is refused by report and run alike", "[cli][report]") {
  // `report X --out ""` used to write the site into "/" (issue 14 item 1).
  TempDir dir;
  auto r = RunQuorum("report '" + SourcePath("data/sample") + "' --out ''");
  CHECK(r.exit_code == 2);
  CHECK(r.err == "quorum: report: --out is empty: give the output directory\n");
  // run: refused before anything is fetched or the archive created.
  auto run = RunQuorum("run --list dev@example.apache.org --from 2024-05 --to 2024-05 --archive '" +
                       dir.path() + "/archive' --base-url http://127.0.0.1:9 --out ''");
  CHECK(run.exit_code == 2);
  CHECK(run.err == "quorum: run: --out is empty: give the output directory\n");
  TempDir cfg_dir;
  quorum::test::WriteFile(cfg_dir.path() + "/quorum.toml",
                          "archive = \"archive\"\nout = \"\"\nbase_url = \"http://127.0.0.1:9\"\n"
                          "[[lists]]\nlist = \"dev@example.apache.org\"\nfrom = \"2024-05\"\n");
  auto cfg = RunQuorum("run --config '" + cfg_dir.path() + "/quorum.toml'");
  CHECK(cfg.exit_code == 2);
  CHECK(cfg.err == "quorum: run: --out is empty: give the output directory\n");
  CHECK_FALSE(fs::exists(dir.path() + "/archive"));
  CHECK_FALSE(fs::exists(cfg_dir.path() + "/archive"));
}

TEST_CASE("report publish: a second report on one --out exits 1 at once naming the lock",
          "[cli][report]") {
  TempDir dir;
  std::string out = dir.path() + "/site";
  REQUIRE(RunQuorum(SampleArgs(out)).exit_code == 0);
  std::string before = ReadFile(out + "/report.json");
  // Another job holds the lock: nothing is written, not even a temp file.
  std::string lock = out + "/.quorum-report.lock";
  int fd = open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(flock(fd, LOCK_EX | LOCK_NB) == 0);
  quorum::test::WriteFile(out + "/.quorum-tmp-index.html-1-abcdef", "the holder's temp file");
  auto start = std::chrono::steady_clock::now();
  auto r = RunQuorum(SampleArgs(out) + " --since 2024-01-01");
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  close(fd);
  CHECK(r.exit_code == 1);
  CHECK(r.err == "quorum: report: output directory locked by another job: " + lock + "\n");
  CHECK(secs < 5);
  CHECK(ReadFile(out + "/report.json") == before);
  // The holder's temp file is not ours to remove.
  CHECK(fs::exists(out + "/.quorum-tmp-index.html-1-abcdef"));
}

TEST_CASE("report publish: concurrent reports never install a broken quorum.sqlite",
          "[cli][report]") {
  // Two reports used to share ".quorum-tmp-quorum.sqlite", unlink each other's file and
  // sometimes install a 0-byte database (issue 14 item 4).
  TempDir dir;
  std::string out = dir.path() + "/site";
  std::string expected;
  {
    TempDir ref;
    REQUIRE(RunQuorum(SampleArgs(ref.path() + "/site")).exit_code == 0);
    expected = ReadFile(ref.path() + "/site/quorum.sqlite");
  }
  std::vector<std::string> args = {"report",
                                   "--quiet",
                                   SourcePath("data/sample"),
                                   "--roster",
                                   SourcePath("data/sample/roster.json"),
                                   "--out",
                                   out};
  int ok = 0;
  for (int round = 0; round < 6; ++round) {
    pid_t a = Spawn(args);
    pid_t b = Spawn(args);
    int ra = Wait(a), rb = Wait(b);
    INFO("round " << round << ": exits " << ra << " " << rb);
    CHECK((ra == 0 || ra == 1));
    CHECK((rb == 0 || rb == 1));
    ok += (ra == 0) + (rb == 0);
    CHECK(ReadFile(out + "/quorum.sqlite") == expected);
    CHECK(TempFilesUnder(out).empty());
  }
  CHECK(ok >= 6);  // at least one of each pair got through
}

TEST_CASE("report publish: the next run removes the temp files a killed report left",
          "[cli][report]") {
  TempDir dir;
  std::string out = dir.path() + "/site";
  REQUIRE(RunQuorum(SampleArgs(out)).exit_code == 0);
  // What a report killed while writing leaves behind (issue 14 item 5), and files that are
  // not ours.
  quorum::test::WriteFile(out + "/.quorum-tmp-quorum.sqlite-4242-AbCdEf", "torn");
  quorum::test::WriteFile(out + "/p/.quorum-tmp-rfc-42.html-4242-XyZ123", "torn");
  quorum::test::WriteFile(out + "/.quorum-tmpfoo", "ours? no: not our prefix");
  quorum::test::WriteFile(out + "/notes.txt", "an operator's file");
  REQUIRE(RunQuorum(SampleArgs(out)).exit_code == 0);
  CHECK(TempFilesUnder(out).empty());
  CHECK(fs::exists(out + "/.quorum-tmpfoo"));
  CHECK(fs::exists(out + "/notes.txt"));
  // And real kills at several points of the run: the run after each leaves no temp file.
  for (int delay_ms : {5, 20, 60, 120}) {
    pid_t pid = Spawn(
        {"report", "--quiet", SourcePath("data/sample"), "--since", "2020-01-01", "--out", out});
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    Wait(pid);
    REQUIRE(RunQuorum(SampleArgs(out)).exit_code == 0);
    INFO("killed after " << delay_ms << " ms");
    CHECK(TempFilesUnder(out).empty());
  }
}

TEST_CASE("report publish: a file failing after others were replaced is partial (exit 3)",
          "[cli][report]") {
  // The SQLite write failing after report.json and the pages were replaced used to exit 1,
  // "nothing usable written" (issue 14 item 7). A directory where quorum.sqlite goes makes
  // its rename fail, as a full disk would make its write fail.
  TempDir dir;
  std::string out = dir.path() + "/site";
  fs::create_directories(out + "/quorum.sqlite");
  auto r = RunQuorum(SampleArgs(out));
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("quorum: report: partial output in " + out + ": quorum.sqlite not written (") ==
        0);
  CHECK(r.err.find("Is a directory") != std::string::npos);
  CHECK(fs::file_size(out + "/report.json") > 0);
  CHECK(fs::exists(out + "/index.html"));
  CHECK(TempFilesUnder(out).empty());
  // Nothing in place yet when the first file fails: that is a plain failure (exit 1).
  TempDir dir2;
  std::string out2 = dir2.path() + "/site";
  fs::create_directories(out2 + "/style.css/x");
  auto first = RunQuorum(SampleArgs(out2));
  CHECK(first.exit_code == 1);
  CHECK(first.err.find("partial") == std::string::npos);
}
