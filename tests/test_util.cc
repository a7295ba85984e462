// SPDX-License-Identifier: Apache-2.0
// Test helpers.
#include "test_util.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace quorum::test {

namespace {
// CI sets CI (GitHub, GitLab and most others set CI=true).
bool InCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && *ci != '\0';
}
}  // namespace

std::string SharedPath(const std::string& rel) {
  std::filesystem::path p = std::filesystem::path(QUORUM_SHARED_DIR) / rel;
  if (std::filesystem::exists(p)) return std::filesystem::weakly_canonical(p).string();
  // Missing under an existing shared dir is a broken test, not an absent checkout.
  if (InCi() || std::filesystem::exists(QUORUM_SHARED_DIR)) {
    FAIL("shared test data missing: " << p.string());
  }
  // Catch2 v2 cannot skip a test: leave with CTest's SKIP_RETURN_CODE (ctest runs each test
  // case in its own process, so only this one is skipped).
  std::printf("SKIP: shared test data missing: %s (put it at ../shared to run this test)\n",
              p.string().c_str());
  std::fflush(stdout);
  std::exit(kSkipExitCode);
}

std::string SourcePath(const std::string& rel) {
  return (std::filesystem::path(QUORUM_SOURCE_DIR) / rel).string();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) FAIL("cannot read " << path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out) FAIL("cannot write " << path);
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "quorum-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) FAIL("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

RunResult RunQuorum(const std::string& args) {
  TempDir dir;
  std::string out = dir.path() + "/out", err = dir.path() + "/err";
  std::string cmd =
      std::string("'") + QUORUM_BINARY + "' " + args + " >'" + out + "' 2>'" + err + "'";
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

MeasuredRun RunQuorumMeasured(const std::vector<std::string>& args) {
  // quorum runs under /usr/bin/time, which forks it and reads its wait4(2) figures. Forking
  // quorum from here directly would not do: a child's peak RSS starts at the size of the
  // process it was forked from, and this one holds the generated inputs.
  TempDir dir;
  std::string out = dir.path() + "/out", err = dir.path() + "/err", fig = dir.path() + "/time";
  std::vector<std::string> argv_strings{"/usr/bin/time", "-f", "%U %S %M", "-o", fig,
                                        QUORUM_BINARY};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_strings) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0) _exit(127);
    execv(argv[0], argv.data());
    _exit(127);
  }
  MeasuredRun r;
  REQUIRE(pid > 0);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::istringstream figures(ReadFile(fig));
  double user = 0, sys = 0, rss_kib = 0;
  figures >> user >> sys >> rss_kib;
  REQUIRE(figures);
  r.cpu_seconds = user + sys;
  r.max_rss_mib = rss_kib / 1024.0;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

}  // namespace quorum::test
