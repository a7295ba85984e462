// SPDX-License-Identifier: Apache-2.0
// Tests of Date: and From_ line date parsing, including obsolete forms and junk.
#include "parse/date.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/time.h"

using namespace quorum;
using namespace quorum::parse;

namespace {

struct Case {
  const char* in;
  const char* utc;  // expected UTC time, or nullptr for valid=false
  int offset;       // expected offset in minutes
};

const Case kCases[] = {
    {"Tue, 28 Nov 2017 21:04:45 +0000", "2017-11-28T21:04:45Z", 0},
    {"28 Nov 2017 21:04:45 +0000", "2017-11-28T21:04:45Z", 0},  // no weekday
    {"Tue, 28 Nov 2017 22:04:45 +0100", "2017-11-28T21:04:45Z", 60},
    {"Tue, 28 Nov 2017 16:04:45 -0500", "2017-11-28T21:04:45Z", -300},
    {"Tue, 28 Nov 2017 21:04 +0000", "2017-11-28T21:04:00Z", 0},  // no seconds
    {"Tue,  1 Nov 2017 21:04:45 +0000", "2017-11-01T21:04:45Z", 0},
    {"Tue, 28 Nov 17 21:04:45 +0000", "2017-11-28T21:04:45Z", 0},  // 2-digit year
    {"Tue, 28 Nov 97 21:04:45 +0000", "1997-11-28T21:04:45Z", 0},
    {"Tue, 28 Nov 49 21:04:45 +0000", "2049-11-28T21:04:45Z", 0},
    {"Tue, 28 Nov 50 21:04:45 +0000", "1950-11-28T21:04:45Z", 0},
    {"Tue, 28 Nov 117 21:04:45 +0000", "2017-11-28T21:04:45Z", 0},  // 3-digit year
    {"Tue, 28 Nov 2017 21:04:45 GMT", "2017-11-28T21:04:45Z", 0},
    {"Tue, 28 Nov 2017 21:04:45 UT", "2017-11-28T21:04:45Z", 0},
    {"Tue, 28 Nov 2017 16:04:45 EST", "2017-11-28T21:04:45Z", -300},
    {"Tue, 28 Nov 2017 14:04:45 PDT", "2017-11-28T21:04:45Z", -420},
    {"Tue, 28 Nov 2017 21:04:45 Z", "2017-11-28T21:04:45Z", 0},
    {"Tue, 28 Nov 2017 21:04:45 A", "2017-11-28T21:04:45Z", 0},  // military: as -0000
    {"Tue, 28 Nov 2017 21:04:45 +0000 (UTC)", "2017-11-28T21:04:45Z", 0},
    {"Tue, 28 Nov 2017 22:04:45 GMT+01:00", "2017-11-28T21:04:45Z", 60},
    {"Tue, 28 Nov 2017 22:04:45 GMT+1", "2017-11-28T21:04:45Z", 60},
    {"  Tue ,28  Nov   2017\t21:04:45   +0000  ", "2017-11-28T21:04:45Z", 0},
    {"Tuesday, 28 November 2017 21:04:45 +0000", "2017-11-28T21:04:45Z", 0},
    {"Tue, 28-Nov-2017 21:04:45 +0000", "2017-11-28T21:04:45Z", 0},
    {"Tue Nov 28 21:04:45 2017", "2017-11-28T21:04:45Z", 0},  // asctime
    {"Tue, 28 Nov 2017 21:04:45.123 +0000", "2017-11-28T21:04:45Z", 0},
    {"2017-11-28T21:04:45Z", "2017-11-28T21:04:45Z", 0},
    {"2017-11-28 22:04:45 +0100", "2017-11-28T21:04:45Z", 60},
    {"Tue, 28 Nov 2017 21:04:45 XYZ", "2017-11-28T21:04:45Z", 0},  // unknown zone
    {"Thu, 29 Feb 2024 12:00:00 +0000", "2024-02-29T12:00:00Z", 0},
    {"Sat, 1 Jan 2000 00:30:00 +0100", "1999-12-31T23:30:00Z", 60},
    {"Wed 29 May 2019 06:09:22 PM EDT", "2019-05-29T22:09:22Z", -240},
    {"Wed 29 May 2019 12:09:22 AM +0000", "2019-05-29T00:09:22Z", 0},
    {"Tue, 17 Jul 2012 22:23:35.882 0000", "2012-07-17T22:23:35Z", 0},  // unsigned zone
    // Garbage: no usable date.
    {"", nullptr, 0},
    {"garbage", nullptr, 0},
    {"Tue, 28 Nov 2017", nullptr, 0},  // no time
    {"Tue, 32 Nov 2017 21:04:45 +0000", nullptr, 0},
    {"Tue, 31 Nov 2017 21:04:45 +0000", nullptr, 0},
    {"Thu, 29 Feb 2023 12:00:00 +0000", nullptr, 0},
    {"Tue, 28 Foo 2017 21:04:45 +0000", nullptr, 0},
    {"Tue, 28 Nov 2017 25:04:45 +0000", nullptr, 0},
    {"Tue, 28 Nov 2017 21:61:45 +0000", nullptr, 0},
    {"Tue, 28 Nov 99999999999999999 21:04:45 +0000", nullptr, 0},
    {"2017-13-28T21:04:45Z", nullptr, 0},
    // Years (issue 14, item 6): RFC 5322 section 4.3 widens two- and three-digit years only.
    {"Mon, 1 Jan 0001 00:00:00 +0000", "0001-01-01T00:00:00Z", 0},
    {"Mon, 1 Jan 01 00:00:00 +0000", "2001-01-01T00:00:00Z", 0},
    {"Fri, 1 Jan 99 00:00:00 +0000", "1999-01-01T00:00:00Z", 0},
    {"Fri, 1 Jan 101 00:00:00 +0000", "2001-01-01T00:00:00Z", 0},
    {"Sun, 1 Jan 0049 12:00:00 +0000", "0049-01-01T12:00:00Z", 0},
    {"1 Jan 0999 12:00:00 +0000", "0999-01-01T12:00:00Z", 0},
    {"Wed, 31 Dec 1969 23:59:59 +0000", "1969-12-31T23:59:59Z", 0},
    {"Thu, 1 Jan 1970 00:00:00 +0000", "1970-01-01T00:00:00Z", 0},
    {"Wed, 31 Dec 1969 19:00:00 -0500", "1970-01-01T00:00:00Z", -300},
    {"Fri, 31 Dec 9999 23:59:59 +0000", "9999-12-31T23:59:59Z", 0},
    {"Fri, 31 Dec 9999 23:59:59 +1400", "9999-12-31T09:59:59Z", 840},
    // Outside years 1-9999 in UTC: refused, never a five-digit or a zero year.
    {"Fri, 31 Dec 9999 23:59:59 -1400", nullptr, 0},
    {"Fri, 31 Dec 9999 24:00:00 +0000", nullptr, 0},
    {"Mon, 1 Jan 0001 00:00:00 +0100", nullptr, 0},
    {"1 Jan 0000 12:00:00 +0000", nullptr, 0},
    {"9999-12-31T23:59:59-14:00", nullptr, 0},
};

}  // namespace

TEST_CASE("date: forms table", "[parse][date]") {
  REQUIRE(sizeof(kCases) / sizeof(kCases[0]) >= 25);
  for (const Case& c : kCases) {
    INFO("input: " << c.in);
    MailDate d = ParseDate(c.in);
    if (c.utc == nullptr) {
      CHECK_FALSE(d.valid);
      continue;
    }
    REQUIRE(d.valid);
    CHECK(FormatIsoUtc(d.epoch) == c.utc);
    CHECK(d.offset_minutes == c.offset);
  }
}

TEST_CASE("date: very long junk is cheap and invalid", "[parse][date]") {
  std::string junk(1 << 20, '9');
  CHECK_FALSE(ParseDate(junk).valid);
  std::string colons(1 << 20, ':');
  CHECK_FALSE(ParseDate(colons).valid);
}

TEST_CASE("date: From_ line dates", "[parse][date]") {
  MailDate d =
      ParseFromLineDate("From dev-return-1234-x=y@maven.apache.org Wed Nov  1 06:04:52 2017");
  REQUIRE(d.valid);
  CHECK(FormatIsoUtc(d.epoch) == "2017-11-01T06:04:52Z");
  d = ParseFromLineDate("From MAILER-DAEMON Tue Nov 28 21:04:45 2017");
  REQUIRE(d.valid);
  CHECK(FormatIsoUtc(d.epoch) == "2017-11-28T21:04:45Z");
  d = ParseFromLineDate("Wed Nov  1 06:04:52 2017");
  REQUIRE(d.valid);
  CHECK(FormatIsoUtc(d.epoch) == "2017-11-01T06:04:52Z");
  d = ParseFromLineDate("From 12:34@x Wed Nov  1 06:04:52 2017");
  REQUIRE(d.valid);
  CHECK(FormatIsoUtc(d.epoch) == "2017-11-01T06:04:52Z");
  CHECK_FALSE(ParseFromLineDate("From someone").valid);
  CHECK_FALSE(ParseFromLineDate("").valid);
}

TEST_CASE("date: mutated values never crash and valid results stay in range", "[parse][date]") {
  uint64_t state = 0xDA942042E4DD58B5ull;
  auto next = [&state]() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  const char* pieces[] = {"(", ")",   ",",   ":",  "-",          "+",    " ", "99",
                          "0", "Nov", "GMT", "PM", "9999999999", "\xFF", "T", "Z"};
  for (int round = 0; round < 20000; ++round) {
    std::string v = kCases[next() % (sizeof(kCases) / sizeof(kCases[0]))].in;
    int edits = 1 + static_cast<int>(next() % 6);
    for (int e = 0; e < edits; ++e) {
      size_t at = v.empty() ? 0 : next() % (v.size() + 1);
      if (next() % 3 == 0 && at < v.size()) {
        v.erase(at, 1 + next() % 4);
      } else {
        v.insert(at, pieces[next() % (sizeof(pieces) / sizeof(pieces[0]))]);
      }
    }
    MailDate d = ParseDate(v);
    // Years 1..9999 in UTC and in local time, and offsets within a day (core/date.h).
    int64_t local = d.epoch + int64_t{d.offset_minutes} * 60;
    if (d.valid && (d.epoch < kMinDateEpoch || d.epoch > kMaxDateEpoch || local < kMinDateEpoch ||
                    local > kMaxDateEpoch || d.offset_minutes <= -1440 ||
                    d.offset_minutes >= 1440 || FormatIsoUtc(d).size() != 20)) {
      FAIL("out of range: " << v);
    }
    (void)ParseFromLineDate("From x " + v);
  }
  SUCCEED();
}

// Build() checks the calendar with std::chrono::year_month_day::ok() instead of a month table
// and a leap-year formula: the same dates pass.
TEST_CASE("date: leap days and month ends", "[parse][date]") {
  auto valid = [](std::string_view s) { return quorum::parse::ParseDate(s).valid; };
  CHECK(valid("Tue, 29 Feb 2000 10:00:00 +0000"));
  CHECK(valid("Thu, 29 Feb 2024 10:00:00 +0000"));
  CHECK_FALSE(valid("Thu, 29 Feb 1900 10:00:00 +0000"));
  CHECK_FALSE(valid("Wed, 29 Feb 2017 10:00:00 +0000"));
  CHECK_FALSE(valid("Thu, 30 Feb 2000 10:00:00 +0000"));
  CHECK_FALSE(valid("Mon, 31 Apr 2017 10:00:00 +0000"));
  CHECK(valid("Mon, 31 Jul 2017 10:00:00 +0000"));
  CHECK(valid("2017-12-31T23:59:59Z"));
  CHECK_FALSE(valid("2017-11-31T10:00:00Z"));
  CHECK(quorum::parse::ParseDate("Tue, 29 Feb 2000 00:00:00 +0000").epoch == 951782400);
}

TEST_CASE("date: a date outside years 1-9999 says so", "[parse][date]") {
  bool out_of_range = false;
  CHECK_FALSE(ParseDate("Fri, 31 Dec 9999 23:59:59 -1400", &out_of_range).valid);
  CHECK(out_of_range);
  out_of_range = false;
  CHECK_FALSE(ParseDate("Mon, 1 Jan 0001 00:00:00 +0100", &out_of_range).valid);
  CHECK(out_of_range);
  out_of_range = false;
  CHECK_FALSE(ParseDate("garbage", &out_of_range).valid);
  CHECK_FALSE(out_of_range);
  CHECK(ParseDate("Fri, 31 Dec 9999 23:59:59 +0000", &out_of_range).valid);
  CHECK_FALSE(out_of_range);
}
