// SPDX-License-Identifier: Apache-2.0
// Helpers for tests: paths to the shared real data, temp dirs, running the quorum binary.
#pragma once

#include <string>
#include <vector>

namespace quorum::test {

// Exit code of a skipped test (CTest's SKIP_RETURN_CODE for every test, see tests/CMakeLists.txt).
inline constexpr int kSkipExitCode = 77;

// Absolute path of `rel` under ../shared (QUORUM_SHARED_DIR, e.g.
// "data/ponymail-unit-tests/x.mbox"). When the shared dir is absent the test is skipped: one
// "SKIP:" line and exit kSkipExitCode. It fails instead when CI is set (CI must have the data)
// or when the shared dir exists but lacks `rel`.
std::string SharedPath(const std::string& rel);

// Absolute path of `rel` under the source tree (e.g. "data/sample").
std::string SourcePath(const std::string& rel);

// Whole file as bytes; fails the test when it cannot be read.
std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& bytes);

// A fresh empty directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs the built quorum binary with `args` (a shell-quoted argument string).
RunResult RunQuorum(const std::string& args);

// A run of the quorum binary with its own resource use (wait4(2) figures through /usr/bin/time).
struct MeasuredRun {
  int exit_code = -1;
  std::string out;
  std::string err;
  double cpu_seconds = 0;  // user + system CPU time of quorum (10 ms resolution)
  double max_rss_mib = 0;  // peak resident set size of quorum
};

// Runs the built quorum binary with `args` (no shell) under /usr/bin/time.
MeasuredRun RunQuorumMeasured(const std::vector<std::string>& args);

}  // namespace quorum::test
