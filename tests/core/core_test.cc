// SPDX-License-Identifier: Apache-2.0
// Tests of core utilities: From_ lines, UTF-8, time, hashing.
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "core/hash.h"
#include "core/mbox_format.h"
#include "core/text.h"
#include "core/time.h"

using namespace quorum;

TEST_CASE("core: real From_ separator lines are recognised", "[core]") {
  CHECK(
      IsFromLine("From dev-return-124374-archive-asf-public=cust-asf.ponee.io@maven.apache.org Wed "
                 "Nov 01 06:04:53 2017"));
  CHECK(IsFromLine(
      "From dev-return-124374-apmail-maven-dev-archive=maven.apache.org@maven.apache.org  Wed Nov  "
      "1 06:04:52 2017"));
  CHECK(IsFromLine("From MAILER-DAEMON Thu Jan  1 00:00:00 1970"));
  CHECK(IsFromLine("From MAILER-DAEMON Sun Aug  7 11:40:37 2022 extra info"));
  CHECK(IsFromLine("From goran at domain.com  Wed Dec  1 08:26:40 2010"));
  CHECK(IsFromLine("From a@b Wed Dec  1 08:26 2010\r"));
}

TEST_CASE("core: body lines starting with From are not separators", "[core]") {
  CHECK_FALSE(IsFromLine("From time to time"));
  CHECK_FALSE(IsFromLine("From my perspective the build time is NOT significantly faster"));
  CHECK_FALSE(IsFromLine("From: someone@example.org"));
  CHECK_FALSE(IsFromLine(">From a@b Wed Dec  1 08:26:40 2010"));
  CHECK_FALSE(IsFromLine("From 10:30 to 11:00 we talk"));  // a time but no year after it
  CHECK_FALSE(IsFromLine("From"));
}

TEST_CASE("core: CountMboxMessages counts separators only", "[core]") {
  CHECK(CountMboxMessages("") == 0);
  std::string mbox =
      "From a@b Wed Dec  1 08:26:40 2010\nSubject: x\n\nFrom time to time\n\n"
      "From a@b Wed Dec  1 08:27:40 2010\nSubject: y\n\nbody";
  CHECK(CountMboxMessages(mbox) == 2);
}

TEST_CASE("core: UTF-8 sanitising replaces invalid bytes with U+FFFD", "[core]") {
  CHECK(IsValidUtf8("Herv\xC3\xA9"));
  CHECK_FALSE(IsValidUtf8("Herv\xE9"));
  CHECK(SanitizeUtf8("Herv\xE9!") == "Herv\xEF\xBF\xBD!");
  CHECK(SanitizeUtf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  CHECK(SanitizeUtf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong
}

TEST_CASE("core: civil time formatting", "[core]") {
  CHECK(FormatIsoUtc(0) == "1970-01-01T00:00:00Z");
  CHECK(FormatIsoUtc(1511903085) == "2017-11-28T21:04:45Z");
  CHECK(FormatIsoUtc(-1) == "1969-12-31T23:59:59Z");
  CHECK(DaysFromCivil(2000, 3, 1) == 11017);
}

namespace {

// Hinnant's days_from_civil / civil_from_days, which core/time.cc used before std::chrono:
// the oracle that shows the chrono version gives the same numbers.
int64_t OldDaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string OldFormatIsoUtc(int64_t epoch) {
  int64_t z = epoch / 86400 - ((epoch % 86400 != 0) && (epoch < 0));
  int64_t secs = epoch - z * 86400;
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  int64_t y = yoe + era * 400 + (m <= 2);
  char buf[96];
  snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02dZ", static_cast<long long>(y), m, d,
           static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
           static_cast<int>(secs % 60));
  return buf;
}

}  // namespace

TEST_CASE("core: chrono calendar gives the numbers of the old civil-date formulas", "[core]") {
  size_t differ = 0;
  for (int64_t y = -2000; y <= 9999; ++y) {
    for (int m = 1; m <= 12; ++m) {
      for (int d = 0; d <= 31; ++d) {  // past the month's end too (callers check only <= 31)
        if (DaysFromCivil(y, m, d) != OldDaysFromCivil(y, m, d)) ++differ;
      }
    }
  }
  CHECK(differ == 0);
  CHECK(DaysFromCivil(2017, 2, 30) == DaysFromCivil(2017, 3, 2));
  size_t format_differ = 0;
  // Every 7 days plus 4999 seconds from year 0 to 9999, both sides of the epoch.
  for (int64_t e = -62167219200; e < 253402300799; e += 7 * 86400 + 4999) {
    if (FormatIsoUtc(e) != OldFormatIsoUtc(e)) ++format_differ;
  }
  CHECK(format_differ == 0);
  CHECK(FormatIsoUtc(951782400) == "2000-02-29T00:00:00Z");
  CHECK(FormatIsoUtc(253402300799) == "9999-12-31T23:59:59Z");
  CHECK(FormatIsoUtc(-62167219200) == "0000-01-01T00:00:00Z");
  // Outside years 0-9999 the digits are snprintf's, as before.
  CHECK(FormatIsoUtc(-62167219201) == OldFormatIsoUtc(-62167219201));
  CHECK(FormatIsoUtc(253402300800) == OldFormatIsoUtc(253402300800));
}

TEST_CASE("core: sha256", "[core]") {
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256 h;
  h.Update("a");
  h.Update("bc");
  CHECK(h.HexDigest() == Sha256Hex("abc"));
}

TEST_CASE("core: ParseIsoDay reads YYYY-MM-DD at midnight UTC only", "[core]") {
  CHECK(ParseIsoDay("2017-12-01") == std::optional<int64_t>(1512086400));
  CHECK(ParseIsoDay("1970-01-01") == std::optional<int64_t>(0));
  CHECK_FALSE(ParseIsoDay("2017-12-1"));
  CHECK_FALSE(ParseIsoDay("2017-13-01"));
  CHECK_FALSE(ParseIsoDay("2017-12-32"));
  CHECK_FALSE(ParseIsoDay("2017-02-30"));  // not a day of the calendar
  CHECK_FALSE(ParseIsoDay("2017-02-29"));
  CHECK(ParseIsoDay("2016-02-29") == std::optional<int64_t>(1456704000));
  CHECK_FALSE(ParseIsoDay("2017-12-01x"));
  CHECK_FALSE(ParseIsoDay("2017/12/01"));
}
