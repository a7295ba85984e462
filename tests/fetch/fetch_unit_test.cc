// SPDX-License-Identifier: Apache-2.0
// Unit tests for fetch/: months, list names and URLs, retry policy, content checks, state file,
// what readers learn from it, the base URL rule and the month tally (atomic files and the
// lock: tests/core/atomic_file_test.cc).
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "core/mbox_format.h"
#include "fetch/content_check.h"
#include "fetch/fetcher.h"
#include "fetch/job.h"
#include "fetch/month.h"
#include "fetch/retry.h"
#include "fetch/source.h"
#include "fetch/state.h"
#include "test_util.h"

namespace quorum::fetch {
namespace {

TEST_CASE("fetch: months parse and format and step", "[fetch]") {
  REQUIRE(ParseYearMonth("2022-07") == YearMonth{2022, 7});
  CHECK_FALSE(ParseYearMonth("2017-1"));  // exactly YYYY-MM, not "fetch 120 months"
  CHECK_FALSE(ParseYearMonth("2017-001"));
  CHECK_FALSE(ParseYearMonth("2022-7"));
  CHECK_FALSE(ParseYearMonth("2022-13"));
  CHECK_FALSE(ParseYearMonth("2022-00"));
  CHECK_FALSE(ParseYearMonth("202207"));
  CHECK_FALSE(ParseYearMonth("2022-07-01"));
  CHECK_FALSE(ParseYearMonth("x022-07"));
  CHECK(FormatYearMonth({2022, 7}) == "2022-07");
  CHECK(NextMonth({2022, 12}) == YearMonth{2023, 1});
  CHECK(PrevMonth({2023, 1}) == YearMonth{2022, 12});
  CHECK(MonthOfEpoch(1511906685) == YearMonth{2017, 11});  // 2017-11-28T22:04:45Z
  CHECK(MonthOfEpoch(1514764799) == YearMonth{2017, 12});  // 2017-12-31T23:59:59Z
  CHECK(MonthOfEpoch(1514764800) == YearMonth{2018, 1});
}

TEST_CASE("fetch: list names are safe and URLs follow each source", "[fetch]") {
  auto l = ParseListId("dev@tvm.apache.org");
  REQUIRE(l.ok());
  CHECK(l.value().local == "dev");
  CHECK(l.value().domain == "tvm.apache.org");
  for (const char* bad : {"dev", "@tvm.apache.org", "dev@", "../x@tvm.apache.org", "dev@../x",
                          "dev@tvm..org", "d/v@tvm.apache.org", ".dev@a.org", "dev@a.org.",
                          "dev@a\r\nb.org", "dev@tvm.apache.org/.."}) {
    INFO(bad);
    CHECK_FALSE(ParseListId(bad).ok());
  }
  CHECK(MonthUrl(SourceKind::kPonyMail, "https://lists.apache.org", l.value(), {2022, 12}) ==
        "https://lists.apache.org/api/mbox.lua?list=dev&domain=tvm.apache.org&d=2022-12");
  CHECK(MonthUrl(SourceKind::kModMbox, "https://mail-archives.apache.org", l.value(), {2022, 12}) ==
        "https://mail-archives.apache.org/mod_mbox/tvm-dev/202212.mbox");
  CHECK(std::string(MboxFormatOf(SourceKind::kPonyMail)) == "mboxrd");
  CHECK(std::string(MboxFormatOf(SourceKind::kModMbox)) == "mboxo");

  CHECK(IsLoopbackUrl("http://127.0.0.1:8080/x"));
  CHECK(IsLoopbackUrl("http://127.1.2.3"));
  CHECK(IsLoopbackUrl("http://localhost:1/"));
  CHECK(IsLoopbackUrl("http://[::1]:80/"));
  CHECK_FALSE(IsLoopbackUrl("http://127.0.0.1.evil.com/"));
  CHECK_FALSE(IsLoopbackUrl("http://128.0.0.1/"));
  CHECK_FALSE(IsLoopbackUrl("http://localhost.evil.com/"));
  CHECK_FALSE(IsLoopbackUrl("https://lists.apache.org/"));

  REQUIRE(NormalizeBaseUrl("https://mirror.example.org/asf/").ok());
  CHECK(NormalizeBaseUrl("https://mirror.example.org/asf/").value() ==
        "https://mirror.example.org/asf");
  CHECK_FALSE(NormalizeBaseUrl("ftp://x.org").ok());
  CHECK_FALSE(NormalizeBaseUrl("https://x.org/a\r\nX-Evil: 1").ok());
  CHECK_FALSE(NormalizeBaseUrl("https://user@x.org").ok());
  CHECK_FALSE(NormalizeBaseUrl("https://x.org/?q=1").ok());
  CHECK_FALSE(NormalizeBaseUrl("https://").ok());
}

TEST_CASE("fetch: retryable statuses and backoff with jitter and Retry-After clamped", "[fetch]") {
  for (int s : {408, 429, 500, 502, 503, 504, 522, 524}) CHECK(IsRetryableStatus(s));
  for (int s : {200, 301, 400, 401, 403, 404, 410}) CHECK_FALSE(IsRetryableStatus(s));

  RetryPolicy p;  // defaults: 1 s base, 20 % jitter
  for (int k = 0; k < 4; ++k) {
    int64_t nominal = 1000LL << k;
    CHECK(BackoffDelay(p, k, 0.5).count() == nominal);
    CHECK(BackoffDelay(p, k, 0.0).count() == nominal * 8 / 10);
    CHECK(BackoffDelay(p, k, 1.0).count() == nominal * 12 / 10);
  }
  CHECK(BackoffDelay(p, 30, 1.0).count() <= p.max_delay.count() * 12 / 10);

  const int64_t now = 784111777;  // Sun, 06 Nov 1994 08:49:37 GMT
  CHECK(ParseRetryAfter("3", now) == 3);
  CHECK(ParseRetryAfter(" 120 ", now) == 120);
  CHECK(ParseRetryAfter("Sun, 06 Nov 1994 08:50:37 GMT", now) == 60);
  CHECK(ParseRetryAfter("Sun, 06 Nov 1994 08:49:27 GMT", now) == -10);  // in the past
  CHECK_FALSE(ParseRetryAfter("soon", now));
  CHECK_FALSE(ParseRetryAfter("", now));

  CHECK(ClampRetryAfter(p, 3) == Millis(3000));
  CHECK(ClampRetryAfter(p, -10) == Millis(1000));
  CHECK(ClampRetryAfter(p, 0) == Millis(1000));
  CHECK(ClampRetryAfter(p, 1000000000) == Millis(900000));
  CHECK(ClampRetryAfter(p, *ParseRetryAfter("99999999999999999999999", now)) == Millis(900000));
}

TEST_CASE("fetch: MboxScanner counts like CountMboxMessages in any piece size", "[fetch]") {
  std::string mbox =
      test::ReadFile(test::SharedPath("data/ponymail-unit-tests/maven-dev-2017-11-listsao.mbox"));
  size_t expected = CountMboxMessages(mbox);
  REQUIRE(expected > 100);
  for (size_t piece : {size_t{1} << 16, size_t{4093}, size_t{7}}) {
    MboxScanner s;
    for (size_t off = 0; off < mbox.size(); off += piece) {
      s.Feed(std::string_view(mbox).substr(off, piece));
    }
    s.Finish();
    CHECK(s.messages() == expected);
    CHECK(s.bytes() == mbox.size());
    CHECK(s.looks_like_mbox());
  }
  MboxScanner empty;
  empty.Finish();
  CHECK(empty.looks_like_mbox());
  CHECK(empty.messages() == 0);
  MboxScanner html;
  html.Feed("<!DOCTYPE html>\n<html><body>\nFrom a@b.c Mon Oct  5 04:41:25 2020\n");
  html.Finish();
  CHECK_FALSE(html.looks_like_mbox());
  MboxScanner no_newline;
  no_newline.Feed("From a@b.c Mon Oct  5 04:41:25 2020");
  no_newline.Finish();
  CHECK(no_newline.looks_like_mbox());
  CHECK(no_newline.messages() == 1);
}

TEST_CASE("fetch: roster JSON shape check", "[fetch]") {
  CHECK(IsJsonObjectWithKey(
      R"({"committees": {"tvm": {"roster": {}}}, "x": [1, 2.5e3, -1, true, null, "a\"b"]})",
      "committees"));
  CHECK(IsJsonObjectWithKey(" {\"a\":[],\"committees\":{}} \n", "committees"));
  CHECK_FALSE(IsJsonObjectWithKey(R"({"a": {"committees": 1}})", "committees"));  // not top level
  CHECK_FALSE(IsJsonObjectWithKey(R"({"committees": 1)", "committees"));          // truncated
  CHECK_FALSE(IsJsonObjectWithKey(R"({"committees": 1,})", "committees"));
  CHECK_FALSE(IsJsonObjectWithKey(R"({,"committees": 1})", "committees"));
  CHECK_FALSE(IsJsonObjectWithKey(R"(["committees"])", "committees"));
  CHECK_FALSE(IsJsonObjectWithKey("<html>committees</html>", "committees"));
  CHECK_FALSE(IsJsonObjectWithKey(R"({"committees": 1} x)", "committees"));
  CHECK_FALSE(IsJsonObjectWithKey(std::string(100000, '['), "committees"));
  CHECK_FALSE(IsJsonObjectWithKey("", "committees"));
}

TEST_CASE("fetch: state file round trip with bad lines skipped", "[fetch]") {
  test::TempDir dir;
  std::string path = dir.path() + "/state.tsv";
  auto missing = LoadListState(path);
  REQUIRE(missing.ok());
  CHECK(missing.value().empty());
  ListState st;
  st["2017-12"] = {
      "2017-12",
      "mboxrd",
      3,
      100,
      std::string(64, 'a'),
      "2026-11-23T21:00:00Z",
      "https://lists.apache.org/api/mbox.lua?list=dev&domain=maven.apache.org&d=2017-12"};
  st["2017-11"] = {"2017-11", "mboxo", 0, 0, std::string(64, 'b'), "2026-11-23T21:00:01Z", "u"};
  REQUIRE(SaveListState(path, st).ok());
  std::string text = test::ReadFile(path);
  CHECK(text.find("2017-11\tmboxo\t0\t0\t") < text.find("2017-12\tmboxrd\t3\t100\t"));
  test::WriteFile(
      path, text + "garbage line\n2018-01\tmboxrd\tx\t1\t" + std::string(64, 'c') + "\tt\tu\n");
  auto back = LoadListState(path);
  REQUIRE(back.ok());
  CHECK(back.value() == st);
}

TEST_CASE("fetch: readers learn a month's recorded dialect from the state file", "[fetch]") {
  test::TempDir dir;
  std::string sha(64, 'a');
  ListState st;
  st["2020-09"] = MonthRecord{"2020-09", "mboxo", 1, 1, sha, "2026-11-23T21:00:00Z", "u"};
  st["2020-10"] = MonthRecord{"2020-10", "mboxrd", 1, 1, sha, "2026-11-23T21:00:00Z", "u"};
  CHECK(RecordedMboxFormat(dir.path() + "/2020-10.mbox") == MboxFormat::kAuto);  // no file yet
  REQUIRE(SaveListState(dir.path() + "/" + kStateFileName, st).ok());
  CHECK(RecordedMboxFormat(dir.path() + "/2020-10.mbox") == MboxFormat::kMboxrd);
  CHECK(RecordedMboxFormat(dir.path() + "/2020-09.mbox") == MboxFormat::kMboxo);
  CHECK(RecordedMboxFormat(dir.path() + "/2020-11.mbox") == MboxFormat::kAuto);  // no record
  CHECK(RecordedMboxFormat(dir.path() + "/2020-10.mbox.gz") == MboxFormat::kAuto);
  CHECK(RecordedMboxFormat(dir.path() + "/notes.txt") == MboxFormat::kAuto);
}

TEST_CASE("fetch: only https leaves this machine", "[fetch]") {
  auto loop = CheckBaseUrl("http://127.0.0.1:8080/");
  REQUIRE(loop.ok());
  CHECK(loop.value().url == "http://127.0.0.1:8080");
  CHECK(loop.value().loopback);
  auto tls = CheckBaseUrl("https://mirror.example.org");
  REQUIRE(tls.ok());
  CHECK_FALSE(tls.value().loopback);
  auto plain = CheckBaseUrl("http://mirror.example.org");
  REQUIRE_FALSE(plain.ok());
  CHECK(plain.error().code == ErrorCode::kUsage);
  CHECK(plain.error().message ==
        "base url http://mirror.example.org: plain http only for loopback hosts");
  CHECK_FALSE(CheckBaseUrl("ftp://127.0.0.1").ok());
}

TEST_CASE("fetch: a list's months are tallied by outcome", "[fetch]") {
  ListReport r;
  for (MonthOutcome o : {MonthOutcome::kWritten, MonthOutcome::kKept, MonthOutcome::kKept,
                         MonthOutcome::kUnchanged, MonthOutcome::kFailed}) {
    MonthReport m;
    m.outcome = o;
    r.months.push_back(m);
  }
  MonthTally t = r.Tally();
  CHECK(t.written == 1);
  CHECK(t.kept == 2);
  CHECK(t.unchanged == 1);
  CHECK(t.failed == 1);
  CHECK(r.usable());
  r.months = {r.months.back()};
  CHECK_FALSE(r.usable());
}

TEST_CASE("fetch: a job's bad list, month or source stops it before any transfer", "[fetch]") {
  FetchJob job;
  test::TempDir dir;
  job.archive = dir.path() + "/never-made";
  job.lists = {{"dev@maven.apache.org", "2017-13", "", ""}};
  auto r = RunJob(job, {}, nullptr);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kUsage);
  CHECK(r.error().message == "fetch: dev@maven.apache.org: bad month '2017-13': expected YYYY-MM");
  job.lists = {{"dev@maven.apache.org", "2017-11", "", "gopher"}};
  CHECK(RunJob(job, {}, nullptr).error().message ==
        "fetch: dev@maven.apache.org: bad source 'gopher': ponymail or modmbox");
  job.lists = {{"dev@maven.apache.org", "2017-11", "", ""}};
  job.base_url = "http://example.org";
  CHECK(RunJob(job, {}, nullptr).error().code == ErrorCode::kUsage);
  CHECK_FALSE(std::filesystem::exists(job.archive));
}

TEST_CASE("fetch: the dialect of fetched lists follows their sources", "[fetch]") {
  FetchJob job;
  job.lists = {{"dev@maven.apache.org", "2017-11", "", ""},
               {"dev@tvm.apache.org", "2022-07", "", "modmbox"}};
  CHECK(MboxFormatOfLists(job, {"dev@maven.apache.org"}) == "mboxrd");
  CHECK(MboxFormatOfLists(job, {"dev@tvm.apache.org"}) == "mboxo");
  CHECK(MboxFormatOfLists(job, {"dev@maven.apache.org", "dev@tvm.apache.org"}) == "auto");
  CHECK(MboxFormatOfLists(job, {"users@maven.apache.org"}).empty());
}

}  // namespace
}  // namespace quorum::fetch
