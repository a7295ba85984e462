// SPDX-License-Identifier: Apache-2.0
// The fetch stage against the scripted loopback server through the real libcurl client:
// clean fetch, idempotent re-run, retries, Retry-After, shrink guard, HTML refusal, 404, stall,
// redirects, size cap, header injection, roster.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <memory>

#include "core/hash.h"
#include "core/mbox_format.h"
#include "fetch/curl_http_client.h"
#include "fetch/fetcher.h"
#include "fetch/state.h"
#include "test_http_server.h"
#include "test_util.h"

namespace quorum::fetch {
namespace {

using test::ScriptedResponse;
using Framing = ScriptedResponse::Framing;

constexpr int64_t kJan2018 = 1516017600;  // 2018-01-15T12:00:00Z: 2017-12 is "previous month"

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

ScriptedResponse Mbox(const std::string& body, Framing framing = Framing::kClose) {
  ScriptedResponse r;
  r.headers = {{"Content-Type", "application/mbox"}};
  r.body = body;
  r.framing = framing;
  return r;
}

ScriptedResponse Status(int status, std::vector<std::pair<std::string, std::string>> headers = {}) {
  ScriptedResponse r;
  r.status = status;
  r.headers = std::move(headers);
  r.body = "<html><body>error " + std::to_string(status) + "</body></html>\n";
  return r;
}

std::vector<std::string> TempFilesUnder(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.path().filename().string().rfind(".quorum-tmp-", 0) == 0)
      out.push_back(e.path().string());
  }
  return out;
}

struct FileId {
  ino_t ino = 0;
  int64_t mtime_ns = 0;
  bool operator==(const FileId&) const = default;
};

FileId Id(const std::string& path) {
  struct stat st {};
  stat(path.c_str(), &st);
  return {st.st_ino, int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec};
}

// An archive in a temp dir, a server, a curl client with fast timeouts, a fixed clock and a
// recording sleeper.
struct Fixture {
  Fixture() {
    CurlClientOptions co;
    co.allow_http = true;
    co.connect_timeout_ms = 2000;
    co.total_timeout_ms = 20000;
    co.low_speed_limit = 1024;
    co.low_speed_time_s = 1;
    auto made = MakeCurlHttpClient(co);
    REQUIRE(made.ok());
    http = std::move(made).value();
    options.base_url = server.base_url();
    options.retry.base_delay = Millis(10);
    options.retry.retry_after_min = Millis(1000);
    env.http = http.get();
    env.now = [] { return kJan2018; };
    env.sleep = [this](Millis d) { sleeps.push_back(d); };
    env.random = [] { return 0.5; };
  }

  ListReport Fetch(const std::string& from, const std::string& to) {
    auto archive = Archive::Open(dir.path());
    REQUIRE(archive.ok());
    auto r = archive.value().FetchList(ParseListId("dev@maven.apache.org").value(),
                                       *ParseYearMonth(from), ParseYearMonth(to), options, env);
    REQUIRE(r.ok());
    return r.value();
  }
  std::string MonthPath(const std::string& ym) const {
    return dir.path() + "/dev@maven.apache.org/" + ym + ".mbox";
  }
  std::string StatePath() const { return dir.path() + "/dev@maven.apache.org/.quorum-state.tsv"; }

  test::TempDir dir;
  test::TestHttpServer server;
  std::unique_ptr<HttpClient> http;
  FetchOptions options;
  FetchEnv env;
  std::vector<Millis> sleeps;
};

TEST_CASE("fetch: clean fetch of two real months is byte-identical and a re-run writes nothing",
          "[fetch][http]") {
  Fixture f;
  f.server.Script(Target("2017-11"), {Mbox(Maven(11))});
  f.server.Script(Target("2017-12"), {Mbox(Maven(12), Framing::kChunked)});
  ListReport r = f.Fetch("2017-11", "2017-12");
  REQUIRE(r.months.size() == 2);
  CHECK(r.failed() == 0);
  CHECK(r.months[0].outcome == MonthOutcome::kWritten);
  CHECK(r.months[1].outcome == MonthOutcome::kWritten);
  CHECK(test::ReadFile(f.MonthPath("2017-11")) == Maven(11));
  CHECK(test::ReadFile(f.MonthPath("2017-12")) == Maven(12));
  CHECK(TempFilesUnder(f.dir.path()).empty());

  // The state file records source URL, format, bytes, SHA-256 and message count.
  auto state = LoadListState(f.StatePath());
  REQUIRE(state.ok());
  REQUIRE(state.value().count("2017-11") == 1);
  const MonthRecord& nov = state.value().at("2017-11");
  CHECK(nov.format == "mboxrd");
  CHECK(nov.bytes == Maven(11).size());
  CHECK(nov.sha256 == Sha256Hex(Maven(11)));
  CHECK(nov.messages == CountMboxMessages(Maven(11)));
  CHECK(nov.url == f.server.base_url() + Target("2017-11"));
  CHECK(nov.fetched_at == "2018-01-15T12:00:00Z");
  CHECK(nov.complete == Completeness::kComplete);

  // The request names quorum and its version.
  auto raw = f.server.raw_requests();
  REQUIRE(raw.size() == 2);
  CHECK(raw[0].find("\r\nUser-Agent: quorum/") != std::string::npos);
  // Only the headers we mean to send, and nothing injected.
  for (const std::string& head : raw) {
    size_t pos = head.find("\r\n");
    while (pos != std::string::npos) {
      size_t next = head.find("\r\n", pos + 2);
      std::string line =
          head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
      std::string name = line.substr(0, line.find(':'));
      INFO(line);
      CHECK((name == "Host" || name == "User-Agent" || name == "Accept" ||
             name == "Accept-Encoding"));
      pos = next;
    }
  }

  // Immediate re-run: 2017-11 is closed and held (not asked for), 2017-12 is the previous month
  // (asked for, same bytes): no file is rewritten and the state file is untouched.
  FileId nov_id = Id(f.MonthPath("2017-11")), dec_id = Id(f.MonthPath("2017-12")),
         state_id = Id(f.StatePath());
  std::string state_text = test::ReadFile(f.StatePath());
  ListReport again = f.Fetch("2017-11", "2017-12");
  CHECK(again.failed() == 0);
  CHECK(again.months[0].outcome == MonthOutcome::kKept);
  CHECK(again.months[1].outcome == MonthOutcome::kUnchanged);
  CHECK(f.server.Count(Target("2017-11")) == 1);
  CHECK(f.server.Count(Target("2017-12")) == 2);
  CHECK(Id(f.MonthPath("2017-11")) == nov_id);
  CHECK(Id(f.MonthPath("2017-12")) == dec_id);
  CHECK(Id(f.StatePath()) == state_id);
  CHECK(test::ReadFile(f.StatePath()) == state_text);
  CHECK(TempFilesUnder(f.dir.path()).empty());

  // --refresh asks for every month again, still writing nothing when nothing changed.
  f.options.refresh = true;
  ListReport refreshed = f.Fetch("2017-11", "2017-12");
  CHECK(refreshed.months[0].outcome == MonthOutcome::kUnchanged);
  CHECK(f.server.Count(Target("2017-11")) == 2);
  CHECK(Id(f.MonthPath("2017-11")) == nov_id);
}

TEST_CASE("fetch: the range defaults to the current month and never goes past it",
          "[fetch][http]") {
  Fixture f;
  f.server.Script(Target("2018-01"), {Mbox("")});
  f.server.Script(Target("2017-12"), {Mbox("")});
  auto archive = Archive::Open(f.dir.path());
  REQUIRE(archive.ok());
  auto list = ParseListId("dev@maven.apache.org").value();
  auto r = archive.value().FetchList(list, {2017, 12}, std::nullopt, f.options, f.env);
  REQUIRE(r.ok());
  REQUIRE(r.value().months.size() == 2);
  CHECK(r.value().months[1].month == YearMonth{2018, 1});
  // An empty month is fine: recorded, 0 messages.
  CHECK(r.value().failed() == 0);
  CHECK(test::ReadFile(f.MonthPath("2018-01")).empty());
  auto future = archive.value().FetchList(list, {2018, 1}, YearMonth{2019, 5}, f.options, f.env);
  REQUIRE(future.ok());
  CHECK(future.value().months.size() == 1);
  auto empty = archive.value().FetchList(list, {2018, 2}, std::nullopt, f.options, f.env);
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().code == ErrorCode::kUsage);
}

TEST_CASE("fetch: 503 twice then 200 succeeds after two backoff waits", "[fetch][http]") {
  Fixture f;
  f.server.Script(Target("2017-11"), {Status(503), Status(503), Mbox(Maven(11))});
  ListReport r = f.Fetch("2017-11", "2017-11");
  CHECK(r.failed() == 0);
  CHECK(r.months[0].attempts == 3);
  REQUIRE(f.sleeps.size() == 2);
  CHECK(f.sleeps[0] == Millis(10));  // base 10 ms, then doubled (jitter fixed at the middle)
  CHECK(f.sleeps[1] == Millis(20));
  CHECK(test::ReadFile(f.MonthPath("2017-11")) == Maven(11));
  CHECK(TempFilesUnder(f.dir.path()).empty());
}

TEST_CASE("fetch: 500/502/503/504 then 200 takes four retries waiting 1/2/4/8 s +-20 %",
          "[fetch][http]") {
  for (double unit : {0.0, 0.5, 1.0}) {
    Fixture f;
    f.options.retry = RetryPolicy{};  // documented defaults: 1 s base, 20 % jitter, 5 attempts
    f.env.random = [unit] { return unit; };
    f.server.Script(Target("2017-11"),
                    {Status(500), Status(502), Status(503), Status(504), Mbox(Maven(11))});
    ListReport r = f.Fetch("2017-11", "2017-11");
    CHECK(r.failed() == 0);
    CHECK(r.months[0].attempts == 5);
    REQUIRE(f.sleeps.size() == 4);
    for (int k = 0; k < 4; ++k) {
      int64_t nominal = 1000LL << k;
      CHECK(f.sleeps[k].count() == static_cast<int64_t>(nominal * (0.8 + 0.4 * unit) + 1e-9));
    }
  }
}

TEST_CASE("fetch: 408 is retried but 400/403/410 are not", "[fetch][http]") {
  Fixture f;
  f.server.Script(Target("2017-11"), {Status(408), Mbox(Maven(11))});
  CHECK(f.Fetch("2017-11", "2017-11").months[0].attempts == 2);
  for (int status : {400, 403, 410}) {
    Fixture g;
    g.server.Script(Target("2017-11"), {Status(status), Mbox(Maven(11))});
    ListReport r = g.Fetch("2017-11", "2017-11");
    CHECK(r.failed() == 1);
    CHECK(r.months[0].attempts == 1);
    CHECK(g.sleeps.empty());
  }
}

TEST_CASE("fetch: a held month that no longer matches its record is fetched again",
          "[fetch][http]") {
  Fixture f;
  f.server.Script(Target("2017-11"), {Mbox(Maven(11))});
  REQUIRE(f.Fetch("2017-11", "2017-11").failed() == 0);
  test::WriteFile(f.MonthPath("2017-11"), Maven(11).substr(0, 1000));  // changed behind our back
  ListReport r = f.Fetch("2017-11", "2017-11");
  CHECK(r.months[0].outcome == MonthOutcome::kWritten);
  CHECK(test::ReadFile(f.MonthPath("2017-11")) == Maven(11));
  CHECK(f.server.Count(Target("2017-11")) == 2);
}

TEST_CASE("fetch: retries stop at the attempt cap and at the wait budget", "[fetch][http]") {
  Fixture f;
  f.server.Script(Target("2017-11"), {Status(500)});
  f.options.retry.max_attempts = 4;
  ListReport r = f.Fetch("2017-11", "2017-11");
  CHECK(r.failed() == 1);
  CHECK(r.months[0].attempts == 4);
  CHECK(f.sleeps.size() == 3);
  CHECK(r.months[0].error.message.find("http 500") != std::string::npos);

  Fixture g;
  g.server.Script(Target("2017-11"), {Status(503, {{"Retry-After", "600"}})});
  g.options.retry.max_total_wait = Millis(1000 * 1000);  // 1000 s: room for one 600 s wait only
  ListReport r2 = g.Fetch("2017-11", "2017-11");
  CHECK(r2.failed() == 1);
  CHECK(r2.months[0].attempts == 2);
  REQUIRE(g.sleeps.size() == 1);
  CHECK(g.sleeps[0] == Millis(600000));
  CHECK(r2.months[0].error.message.find("budget") != std::string::npos);
}

TEST_CASE("fetch: 429 with Retry-After really waits that long", "[fetch][http]") {
  Fixture f;
  f.env.sleep = nullptr;  // the real sleeper
  f.server.Script(Target("2017-11"),
                  {Status(429, {{"Retry-After", "1"}}), Mbox(Maven(11), Framing::kContentLength)});
  auto start = std::chrono::steady_clock::now();
  ListReport r = f.Fetch("2017-11", "2017-11");
  double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(r.failed() == 0);
  CHECK(r.months[0].attempts == 2);
  CHECK(waited >= 0.95);
  CHECK(waited < 10.0);
  // An HTTP-date in the past is clamped up to the 1 s minimum (recorded, not slept).
  Fixture g;
  g.server.Script(
      Target("2017-11"),
      {Status(429, {{"Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT"}}), Mbox(Maven(11))});
  g.Fetch("2017-11", "2017-11");
  REQUIRE(g.sleeps.size() == 1);
  CHECK(g.sleeps[0] == Millis(1000));
}

TEST_CASE("fetch: a short clean 200 on --refresh keeps the held copy (shrink guard)",
          "[fetch][http]") {
  Fixture f;
  f.server.Script(Target("2017-11"), {Mbox(Maven(11))});
  REQUIRE(f.Fetch("2017-11", "2017-11").failed() == 0);
  std::string sha = Sha256Hex(test::ReadFile(f.MonthPath("2017-11")));
  std::string state_text = test::ReadFile(f.StatePath());

  // Foal ends a timed-out export early with a clean 200 and no Content-Length, between two
  // messages (it stops writing after the last message that went out whole).
  ScriptedResponse cut = Mbox(Maven(11), Framing::kClose);
  cut.cut_after = Maven(11).find("\n\nFrom ", Maven(11).size() / 2) + 2;
  f.server.Script(Target("2017-11"), {cut});
  f.options.refresh = true;
  ListReport r = f.Fetch("2017-11", "2017-11");
  REQUIRE(r.failed() == 1);
  CHECK(r.months[0].error.code == ErrorCode::kRefused);
  CHECK(r.months[0].error.message.find("fetch: dev@maven.apache.org 2017-11: http://127.0.0.1:") ==
        0);
  CHECK(r.months[0].error.message.find("shrink") != std::string::npos);
  CHECK(Sha256Hex(test::ReadFile(f.MonthPath("2017-11"))) == sha);
  CHECK(test::ReadFile(f.StatePath()) == state_text);
  CHECK(TempFilesUnder(f.dir.path()).empty());

  // An empty 200 for a month we hold is a shrink too.
  f.server.Script(Target("2017-11"), {Mbox("")});
  CHECK(f.Fetch("2017-11", "2017-11").failed() == 1);
  CHECK(Sha256Hex(test::ReadFile(f.MonthPath("2017-11"))) == sha);

  // --allow-shrink accepts it.
  f.server.Script(Target("2017-11"), {cut});
  f.options.allow_shrink = true;
  ListReport accepted = f.Fetch("2017-11", "2017-11");
  CHECK(accepted.failed() == 0);
  CHECK(test::ReadFile(f.MonthPath("2017-11")) == Maven(11).substr(0, cut.cut_after));
}

TEST_CASE("fetch: a body cut before its announced end is retried", "[fetch][http]") {
  Fixture f;
  ScriptedResponse short_length = Mbox(Maven(12), Framing::kContentLength);
  short_length.cut_after = 1000;
  ScriptedResponse short_chunked = Mbox(Maven(12), Framing::kChunked);
  short_chunked.cut_after = 5000;
  f.server.Script(Target("2017-12"), {short_length, short_chunked, Mbox(Maven(12))});
  ListReport r = f.Fetch("2017-12", "2017-12");
  CHECK(r.failed() == 0);
  CHECK(r.months[0].attempts == 3);
  CHECK(test::ReadFile(f.MonthPath("2017-12")) == Maven(12));
}

TEST_CASE("fetch: a close-delimited body cut mid-message is retried, kept incomplete, asked again",
          "[fetch][http]") {
  // Issue 14 item 2: with no Content-Length and no chunking, a body that ends mid-message with
  // status 200 was stored as the whole month, and the closed month never asked for again.
  Fixture f;
  const std::string& whole = Maven(11);
  ScriptedResponse mid_line = Mbox(whole, Framing::kClose);
  mid_line.cut_after = whole.size() / 2 + 7;
  ScriptedResponse after_header = Mbox(whole, Framing::kClose);  // ends right after a header
  after_header.cut_after = whole.find("\nSubject: ", whole.size() / 2) + 1;
  f.server.Script(Target("2017-11"), {mid_line, after_header});
  f.options.retry.max_attempts = 3;
  ListReport r = f.Fetch("2017-11", "2017-11");
  REQUIRE(r.months.size() == 1);
  const MonthReport& m = r.months[0];
  CHECK(m.outcome == MonthOutcome::kIncomplete);
  CHECK(m.attempts == 3);  // a transient failure: retried like a reset connection
  CHECK(f.sleeps.size() == 2);
  CHECK(r.failed() == 1);
  CHECK(r.usable());
  CHECK(m.error.message.find("fetch: dev@maven.apache.org 2017-11: " + f.server.base_url() +
                             Target("2017-11") + ": body cut short: no Content-Length") == 0);
  CHECK(m.error.message.find("(gave up after 3 attempts)") != std::string::npos);
  const size_t got = CountMboxMessages(whole.substr(0, after_header.cut_after));
  CHECK(m.messages == got);
  CHECK(m.error.message.find("holding the " + std::to_string(got) +
                             " messages received, incomplete: asked for again next run") !=
        std::string::npos);
  // Nothing better was held: the last cut body is kept to read, recorded as incomplete.
  CHECK(test::ReadFile(f.MonthPath("2017-11")) == whole.substr(0, after_header.cut_after));
  auto state = LoadListState(f.StatePath());
  REQUIRE(state.ok());
  CHECK(state.value().at("2017-11").complete == Completeness::kTruncated);
  CHECK(TempFilesUnder(f.dir.path()).empty());

  // 2017-11 is closed, but held incomplete: the next run asks for it and completes it.
  f.server.Script(Target("2017-11"), {Mbox(whole)});
  ListReport next = f.Fetch("2017-11", "2017-11");
  CHECK(next.months[0].outcome == MonthOutcome::kWritten);
  CHECK(next.failed() == 0);
  CHECK(test::ReadFile(f.MonthPath("2017-11")) == whole);
  state = LoadListState(f.StatePath());
  REQUIRE(state.ok());
  CHECK(state.value().at("2017-11").complete == Completeness::kComplete);
  CHECK(f.server.Count(Target("2017-11")) == 4);
  // Complete now: kept, not asked for again.
  CHECK(f.Fetch("2017-11", "2017-11").months[0].outcome == MonthOutcome::kKept);
  CHECK(f.server.Count(Target("2017-11")) == 4);

  // A cut body never replaces the complete copy held, even one with more messages.
  ScriptedResponse longer_cut = Mbox(whole + Maven(12), Framing::kClose);
  longer_cut.cut_after = whole.size() + 5000;
  f.server.Script(Target("2017-11"), {longer_cut});
  f.options.refresh = true;
  ListReport refused = f.Fetch("2017-11", "2017-11");
  CHECK(refused.months[0].outcome == MonthOutcome::kFailed);
  CHECK(refused.months[0].error.message.find("; kept the copy held (") != std::string::npos);
  CHECK(test::ReadFile(f.MonthPath("2017-11")) == whole);
  CHECK(TempFilesUnder(f.dir.path()).empty());
}

TEST_CASE("fetch: only close-delimited bodies are judged by how they end", "[fetch][http]") {
  // A body whose length or chunking the transport checked is whole, blank last line or not;
  // a close-delimited one that ends on a blank line is whole too.
  Fixture f;
  const std::string no_blank = "From a@example.org Mon Jan  1 00:00:00 2018\nSubject: x\n\nbody\n";
  f.server.Script(Target("2017-09"), {Mbox(no_blank, Framing::kContentLength)});
  f.server.Script(Target("2017-10"), {Mbox(no_blank, Framing::kChunked)});
  f.server.Script(Target("2017-11"), {Mbox(Maven(11), Framing::kClose)});
  ListReport r = f.Fetch("2017-09", "2017-11");
  REQUIRE(r.months.size() == 3);
  CHECK(r.failed() == 0);
  for (const MonthReport& m : r.months) CHECK(m.outcome == MonthOutcome::kWritten);
  CHECK(f.sleeps.empty());
  auto state = LoadListState(f.StatePath());
  REQUIRE(state.ok());
  for (const auto& [month, record] : state.value()) {
    INFO(month);
    CHECK(record.complete == Completeness::kComplete);
  }
}

TEST_CASE("fetch: closed months held incomplete, or by an old record cut short, are asked again",
          "[fetch][http]") {
  // A state file may say a closed month is incomplete (version 2), or not say (version 1, as
  // written before quorum knew): then the file's end decides.
  Fixture f;
  const std::string& whole = Maven(11);
  const std::string cut = whole.substr(0, whole.size() / 2 + 7);
  std::filesystem::create_directories(f.dir.path() + "/dev@maven.apache.org");
  auto record = [&f](const std::string& ym, const std::string& bytes) {
    return ym + "\tmboxrd\t" + std::to_string(CountMboxMessages(bytes)) + "\t" +
           std::to_string(bytes.size()) + "\t" + Sha256Hex(bytes) + "\t2026-11-23T21:00:00Z\t" +
           f.server.base_url() + Target(ym);
  };
  test::WriteFile(f.MonthPath("2017-08"), cut);    // v2, recorded incomplete
  test::WriteFile(f.MonthPath("2017-09"), cut);    // v1, cut mid-line: judged incomplete
  test::WriteFile(f.MonthPath("2017-10"), whole);  // v1, ends on a blank line: complete
  test::WriteFile(f.MonthPath("2017-11"), whole);  // v2, recorded complete
  test::WriteFile(f.StatePath(), "# quorum fetch state v1\n" + record("2017-08", cut) + "\tno\n" +
                                     record("2017-09", cut) + "\n" + record("2017-10", whole) +
                                     "\n" + record("2017-11", whole) + "\tyes\n");
  for (const char* ym : {"2017-08", "2017-09", "2017-10", "2017-11"}) {
    f.server.Script(Target(ym), {Mbox(whole)});
  }
  ListReport r = f.Fetch("2017-08", "2017-11");
  REQUIRE(r.months.size() == 4);
  CHECK(r.months[0].outcome == MonthOutcome::kWritten);
  CHECK(r.months[1].outcome == MonthOutcome::kWritten);
  CHECK(r.months[2].outcome == MonthOutcome::kKept);
  CHECK(r.months[3].outcome == MonthOutcome::kKept);
  CHECK(f.server.Count(Target("2017-08")) == 1);
  CHECK(f.server.Count(Target("2017-09")) == 1);
  CHECK(f.server.Count(Target("2017-10")) == 0);
  CHECK(f.server.Count(Target("2017-11")) == 0);
  CHECK(test::ReadFile(f.MonthPath("2017-08")) == whole);
  CHECK(test::ReadFile(f.MonthPath("2017-09")) == whole);
  auto state = LoadListState(f.StatePath());
  REQUIRE(state.ok());
  CHECK(state.value().at("2017-08").complete == Completeness::kComplete);
  CHECK(state.value().at("2017-09").complete == Completeness::kComplete);
  CHECK(state.value().at("2017-10").complete == Completeness::kUnknown);  // untouched
  CHECK(test::ReadFile(f.StatePath()).find("# quorum fetch state v2\n") == 0);
}

TEST_CASE("fetch: an HTML page with status 200 is refused", "[fetch][http]") {
  Fixture f;
  ScriptedResponse html = Mbox("<!DOCTYPE html>\n<html><body>Search timed out</body></html>\n");
  html.headers = {{"Content-Type", "text/html"}};
  f.server.Script(Target("2017-11"), {html});
  ListReport r = f.Fetch("2017-11", "2017-11");
  REQUIRE(r.failed() == 1);
  CHECK(r.months[0].error.code == ErrorCode::kInvalidData);
  CHECK(r.months[0].attempts == 1);
  CHECK_FALSE(std::filesystem::exists(f.MonthPath("2017-11")));
  CHECK(TempFilesUnder(f.dir.path()).empty());
}

TEST_CASE("fetch: a 404 month fails without retry while the other month is fetched",
          "[fetch][http]") {
  Fixture f;
  f.server.Script(Target("2017-12"), {Mbox(Maven(12))});  // 2017-11 unscripted: 404
  ListReport r = f.Fetch("2017-11", "2017-12");
  REQUIRE(r.months.size() == 2);
  CHECK(r.failed() == 1);
  CHECK(r.months[0].outcome == MonthOutcome::kFailed);
  CHECK(r.months[0].error.code == ErrorCode::kHttp);
  CHECK(r.months[0].error.message == "fetch: dev@maven.apache.org 2017-11: " + f.server.base_url() +
                                         Target("2017-11") + ": http 404");
  CHECK(f.server.Count(Target("2017-11")) == 1);
  CHECK(f.sleeps.empty());
  CHECK(r.months[1].outcome == MonthOutcome::kWritten);
  CHECK(test::ReadFile(f.MonthPath("2017-12")) == Maven(12));
}

TEST_CASE("fetch: a server that stalls is abandoned within the low-speed time", "[fetch][http]") {
  Fixture f;
  ScriptedResponse stall = Mbox(Maven(11));
  stall.stall_ms = 15000;
  f.server.Script(Target("2017-11"), {stall});
  f.options.retry.max_attempts = 1;
  auto start = std::chrono::steady_clock::now();
  ListReport r = f.Fetch("2017-11", "2017-11");
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(r.failed() == 1);
  CHECK(r.months[0].error.code == ErrorCode::kNetwork);
  CHECK(r.months[0].error.message.find("timeout") != std::string::npos);
  CHECK(took < 5.0);  // low-speed time is 1 s
  CHECK_FALSE(std::filesystem::exists(f.MonthPath("2017-11")));
  CHECK(TempFilesUnder(f.dir.path()).empty());
}

TEST_CASE("fetch: redirects are followed within the protocol and never to another",
          "[fetch][http]") {
  Fixture f;
  f.server.Script(Target("2017-11"), {Status(302, {{"Location", "/moved/2017-11.mbox"}})});
  f.server.Script("/moved/2017-11.mbox", {Mbox(Maven(11))});
  f.server.Script(Target("2017-12"), {Status(302, {{"Location", "file:///etc/passwd"}})});
  ListReport r = f.Fetch("2017-11", "2017-12");
  CHECK(r.months[0].outcome == MonthOutcome::kWritten);
  CHECK(test::ReadFile(f.MonthPath("2017-11")) == Maven(11));
  REQUIRE(r.months[1].outcome == MonthOutcome::kFailed);
  CHECK(r.months[1].error.message.find("redirect") != std::string::npos);
  CHECK(r.months[1].attempts == 1);

  for (std::string to : {std::string("https://127.0.0.1:") + std::to_string(f.server.port()) + "/x",
                         std::string("ftp://127.0.0.1/x")}) {
    INFO(to);
    f.server.Script(Target("2017-12"), {Status(301, {{"Location", to}})});
    ListReport again = f.Fetch("2017-12", "2017-12");
    CHECK(again.failed() == 1);
    CHECK(f.server.Count("/x") == 0);
  }
  // A redirect loop ends after 5 hops.
  f.server.Script(Target("2017-12"), {Status(302, {{"Location", Target("2017-12")}})});
  size_t before = f.server.Count(Target("2017-12"));
  ListReport loop = f.Fetch("2017-12", "2017-12");
  CHECK(loop.failed() == 1);
  CHECK(loop.months[0].error.message.find("too many redirects") != std::string::npos);
  CHECK(f.server.Count(Target("2017-12")) - before == 6);
}

TEST_CASE("fetch: the size cap aborts an oversized body", "[fetch][http]") {
  Fixture f;
  f.server.Script(Target("2017-11"), {Mbox(Maven(11))});
  f.options.max_bytes = 100000;
  ListReport r = f.Fetch("2017-11", "2017-11");
  REQUIRE(r.failed() == 1);
  CHECK(r.months[0].error.message.find("larger than 100000 bytes") != std::string::npos);
  CHECK(r.months[0].attempts == 1);
  CHECK(TempFilesUnder(f.dir.path()).empty());
}

TEST_CASE("fetch: CR/LF in a URL never reaches the wire and only https goes off loopback",
          "[fetch][http]") {
  Fixture f;
  struct NullSink : BodySink {
    bool Write(std::string_view) override { return true; }
  } sink;
  HttpResult r = f.http->Get(f.server.base_url() + "/a\r\nX-Injected: 1", &sink);
  CHECK(r.kind == HttpResult::Kind::kTransport);
  CHECK(r.cause.find("refused") != std::string::npos);
  HttpResult plain = f.http->Get("http://example.org/", &sink);  // not loopback: no network use
  CHECK(plain.kind == HttpResult::Kind::kTransport);
  CHECK(plain.cause.find("https") != std::string::npos);
  CHECK(f.server.targets().empty());
}

TEST_CASE("fetch: a second job on the same archive is refused", "[fetch][http]") {
  Fixture f;
  auto first = Archive::Open(f.dir.path());
  REQUIRE(first.ok());
  auto second = Archive::Open(f.dir.path());
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().code == ErrorCode::kLocked);
  CHECK(second.error().message.find(f.dir.path() + "/.quorum.lock") != std::string::npos);
}

TEST_CASE("fetch: stale temp files of a killed run are removed at the next start",
          "[fetch][http]") {
  Fixture f;
  std::filesystem::create_directories(f.dir.path() + "/dev@maven.apache.org");
  test::WriteFile(f.dir.path() + "/dev@maven.apache.org/.quorum-tmp-2017-11.mbox-Ab12Cd", "From x");
  test::WriteFile(f.dir.path() + "/.quorum-tmp-committee-info.json-Zz99Yy", "{");
  auto archive = Archive::Open(f.dir.path());
  REQUIRE(archive.ok());
  CHECK(TempFilesUnder(f.dir.path()).empty());
}

TEST_CASE("fetch: mod_mbox months use their URL form and are recorded as mboxo", "[fetch][http]") {
  Fixture f;
  f.options.source = SourceKind::kModMbox;
  f.server.Script("/mod_mbox/maven-dev/201711.mbox",
                  {Mbox(test::ReadFile(test::SharedPath(
                      "data/ponymail-unit-tests/maven-dev-2017-11-mailarchivesao.mbox")))});
  ListReport r = f.Fetch("2017-11", "2017-11");
  CHECK(r.failed() == 0);
  auto state = LoadListState(f.StatePath());
  REQUIRE(state.ok());
  CHECK(state.value().at("2017-11").format == "mboxo");
}

TEST_CASE("fetch: the roster is validated and replaced only when it changed", "[fetch][http]") {
  Fixture f;
  const std::string json = R"({"last_updated": "x", "committees": {"tvm": {"roster": {}}}})";
  ScriptedResponse ok;
  ok.body = json;
  f.server.Script("/public/committee-info.json", {ok});
  auto archive = Archive::Open(f.dir.path());
  REQUIRE(archive.ok());
  auto r = archive.value().FetchRoster(f.server.base_url(), f.options, f.env);
  REQUIRE(r.ok());
  CHECK(r.value());
  std::string path = f.dir.path() + "/committee-info.json";
  CHECK(test::ReadFile(path) == json);
  FileId id = Id(path);
  auto again = archive.value().FetchRoster(f.server.base_url(), f.options, f.env);
  REQUIRE(again.ok());
  CHECK_FALSE(again.value());
  CHECK(Id(path) == id);

  ScriptedResponse html;
  html.body = "<html>maintenance</html>";
  f.server.Script("/public/committee-info.json", {html});
  auto refused = archive.value().FetchRoster(f.server.base_url(), f.options, f.env);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == ErrorCode::kInvalidData);
  CHECK(refused.error().message.find("fetch: roster: ") == 0);
  CHECK(test::ReadFile(path) == json);
  CHECK(TempFilesUnder(f.dir.path()).empty());
}

TEST_CASE("fetch: a libcurl that cannot be opened, or is not libcurl, is an error", "[fetch]") {
  CurlClientOptions co;
  co.library = "/nonexistent/libcurl.so.4";
  auto missing = MakeCurlHttpClient(co);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("cannot load libcurl: /nonexistent/libcurl.so.4") == 0);
  co.library = "libz.so.1";  // loads, but has none of libcurl's functions
  auto other = MakeCurlHttpClient(co);
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().message == "libcurl has no curl_global_init");
  co.library.clear();  // the libcurl the build found
  CHECK(MakeCurlHttpClient(co).ok());
}

}  // namespace
}  // namespace quorum::fetch
