// SPDX-License-Identifier: Apache-2.0
// Test helpers.
#include "test_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace quorum::test {

std::string SharedPath(const std::string& rel) {
  std::filesystem::path p = std::filesystem::path(QUORUM_SHARED_DIR) / rel;
  if (!std::filesystem::exists(p)) FAIL("shared test data missing: " << p.string());
  return std::filesystem::weakly_canonical(p).string();
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

}  // namespace quorum::test
