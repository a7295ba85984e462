// SPDX-License-Identifier: Apache-2.0
// Tests of the write policy (core/atomic_file.h) that fetch and report share.
#include "core/atomic_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "test_util.h"

namespace quorum {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Names(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE(
    "write policy: temp files commit atomically, leftovers are removed, the lock is exclusive",
    "[core]") {
  test::TempDir dir;
  std::string final_path = dir.path() + "/a.mbox";
  test::WriteFile(final_path, "old");
  {
    auto t = TempFile::Create(dir.path(), "a.mbox");
    REQUIRE(t.ok());
    REQUIRE(t.value().Write("new bytes"));
    CHECK(std::filesystem::exists(t.value().path()));
    CHECK(test::ReadFile(final_path) == "old");  // untouched until Commit
    REQUIRE(t.value().Commit(final_path).ok());
  }
  CHECK(test::ReadFile(final_path) == "new bytes");
  struct stat st;
  REQUIRE(stat(final_path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0444) != 0);
  {
    auto t = TempFile::Create(dir.path(), "a.mbox");
    REQUIRE(t.ok());
    REQUIRE(t.value().Write("dropped"));
  }  // destroyed without Commit: removed
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 1);
  test::WriteFile(dir.path() + "/.quorum-tmp-x.mbox-123456", "stale");
  test::WriteFile(dir.path() + "/keep.mbox", "keep");
  auto removed = RemoveStaleTemps(dir.path());
  REQUIRE(removed.ok());
  CHECK(removed.value() == 1);
  CHECK(std::filesystem::exists(dir.path() + "/keep.mbox"));

  auto first = DirLock::Acquire(dir.path());
  REQUIRE(first.ok());
  auto second = DirLock::Acquire(dir.path());
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().code == ErrorCode::kLocked);
  CHECK(second.error().message.find(".quorum.lock") != std::string::npos);
  first = DirLock::Acquire(dir.path() + "/sub-does-not-exist");  // releases the first lock
  CHECK(DirLock::Acquire(dir.path()).ok());
}

TEST_CASE("write policy: two temp files for one target never share a name", "[core]") {
  // Two reports into one --out used to share ".quorum-tmp-quorum.sqlite" and unlink each
  // other's file (issue 14 item 4).
  test::TempDir dir;
  auto a = TempFile::Beside(dir.path() + "/quorum.sqlite");
  auto b = TempFile::Beside(dir.path() + "/quorum.sqlite");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a.value().path() != b.value().path());
  std::string prefix = dir.path() + "/.quorum-tmp-quorum.sqlite-" + std::to_string(getpid()) + "-";
  CHECK(a.value().path().rfind(prefix, 0) == 0);
  CHECK(b.value().path().rfind(prefix, 0) == 0);
}

TEST_CASE("write policy: write-if-changed leaves identical files and their mtimes alone",
          "[core]") {
  test::TempDir dir;
  std::string path = dir.path() + "/a.html";
  auto first = WriteIfChanged(path, "one");
  REQUIRE(first.ok());
  CHECK(first.value());
  struct stat before, after;
  REQUIRE(stat(path.c_str(), &before) == 0);
  auto again = WriteIfChanged(path, "one");
  REQUIRE(again.ok());
  CHECK_FALSE(again.value());
  REQUIRE(stat(path.c_str(), &after) == 0);
  CHECK(before.st_ino == after.st_ino);  // not replaced
  auto changed = WriteIfChanged(path, "two");
  REQUIRE(changed.ok());
  CHECK(changed.value());
  CHECK(test::ReadFile(path) == "two");
  CHECK(Names(dir.path()) == std::vector<std::string>{"a.html"});
}

TEST_CASE("write policy: a deferred directory sync replaces files the same way", "[core]") {
  test::TempDir dir;
  for (const char* name : {"a.html", "b.html"}) {
    std::string path = dir.path() + "/" + name;
    auto put = WriteIfChanged(path, std::string("old ") + name, DirSync::kLater);
    REQUIRE(put.ok());
    CHECK(put.value());
    put = WriteIfChanged(path, std::string("new ") + name, DirSync::kLater);
    REQUIRE(put.ok());
    CHECK(put.value());
    CHECK(test::ReadFile(path) == std::string("new ") + name);
  }
  // No temp file is left for the later directory sync to find.
  CHECK(Names(dir.path()) == std::vector<std::string>{"a.html", "b.html"});
  CHECK(SyncDirectory(dir.path()).ok());
  Status missing = SyncDirectory(dir.path() + "/gone");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find(dir.path() + "/gone") != std::string::npos);
}

TEST_CASE("write policy: a streamed file replaces the target only when complete and different",
          "[core]") {
  test::TempDir dir;
  std::string path = dir.path() + "/report.json";
  auto pieces = [](std::vector<std::string> parts) {
    return [parts](const PieceSink& sink) -> Status {
      for (const std::string& p : parts) {
        if (Status s = sink(p); !s.ok()) return s;
      }
      return Status();
    };
  };
  auto w = StreamIfChanged(path, pieces({"{", std::string(3 << 20, 'x'), "}"}));
  REQUIRE(w.ok());
  CHECK(w.value());
  CHECK(test::ReadFile(path).size() == (3u << 20) + 2);
  auto same = StreamIfChanged(path, pieces({"{", std::string(3 << 20, 'x'), "}"}));
  REQUIRE(same.ok());
  CHECK_FALSE(same.value());
  // A producer that fails half way: the target is untouched and no temp file stays.
  auto failed = StreamIfChanged(path, [](const PieceSink& sink) -> Status {
    if (Status s = sink("{\"half\""); !s.ok()) return s;
    return Error{ErrorCode::kInternal, "producer gave up"};
  });
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().message == "producer gave up");
  CHECK(test::ReadFile(path).size() == (3u << 20) + 2);
  CHECK(Names(dir.path()) == std::vector<std::string>{"report.json"});
}

TEST_CASE("write policy: a target that cannot be replaced is an error naming it", "[core]") {
  test::TempDir dir;
  std::string path = dir.path() + "/quorum.sqlite";
  fs::create_directory(path);
  auto w = WriteIfChanged(path, "bytes");
  REQUIRE_FALSE(w.ok());
  CHECK(w.error().code == ErrorCode::kIo);
  CHECK(w.error().message.find(path) != std::string::npos);
  CHECK(Names(dir.path()) == std::vector<std::string>{"quorum.sqlite"});  // temp removed
}

TEST_CASE("write policy: the lock file and what it guards are named when taken", "[core]") {
  test::TempDir dir;
  auto first = DirLock::Acquire(dir.path(), ".quorum-report.lock", "output directory");
  REQUIRE(first.ok());
  auto second = DirLock::Acquire(dir.path(), ".quorum-report.lock", "output directory");
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().code == ErrorCode::kLocked);
  CHECK(second.error().message ==
        "output directory locked by another job: " + dir.path() + "/.quorum-report.lock");
  CHECK(DirLock::Acquire(dir.path()).ok());  // another lock file: the archive lock is separate
}

}  // namespace
}  // namespace quorum
