// SPDX-License-Identifier: Apache-2.0
// MailDate: validity apart from the epoch, years 1-9999, order, and its ISO 8601 forms.
#include "core/date.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace quorum;

TEST_CASE("date: the epoch and the years before it are dates", "[core][date]") {
  MailDate zero = MakeDate(0);
  REQUIRE(zero.valid);
  CHECK(FormatIsoUtc(zero) == "1970-01-01T00:00:00Z");
  MailDate before = MakeDate(-1);
  REQUIRE(before.valid);
  CHECK(FormatIsoUtc(before) == "1969-12-31T23:59:59Z");
  CHECK(FormatIsoDay(before) == "1969-12-31");
  CHECK(before < zero);
  CHECK(MailDate{} < before);  // no date sorts first
  CHECK(std::max(MailDate{}, before) == before);
  CHECK(FormatIsoUtc(MailDate{}).empty());
  CHECK(FormatIsoLocal(MailDate{}).empty());
  CHECK(FormatIsoDay(MailDate{}).empty());
}

TEST_CASE("date: only years 1-9999, in UTC and in local time", "[core][date]") {
  CHECK(FormatIsoUtc(MakeDate(kMinDateEpoch)) == "0001-01-01T00:00:00Z");
  CHECK(FormatIsoUtc(MakeDate(kMaxDateEpoch)) == "9999-12-31T23:59:59Z");
  CHECK_FALSE(MakeDate(kMinDateEpoch - 1).valid);
  CHECK_FALSE(MakeDate(kMaxDateEpoch + 1).valid);
  CHECK_FALSE(MakeDate(kMaxDateEpoch, 60).valid);   // 10000-01-01 where it was written
  CHECK_FALSE(MakeDate(kMinDateEpoch, -60).valid);  // year 0 where it was written
  CHECK_FALSE(MakeDate(0, 24 * 60).valid);
  CHECK(MakeDate(kMaxDateEpoch, -60).valid);
}

TEST_CASE("date: local-offset form", "[core][date]") {
  // Tue, 28 Nov 2017 22:04:45 +0100
  CHECK(FormatIsoLocal(MakeDate(1511903085, 60)) == "2017-11-28T22:04:45+01:00");
  CHECK(FormatIsoUtc(MakeDate(1511903085, 60)) == "2017-11-28T21:04:45Z");
  CHECK(FormatIsoLocal(MakeDate(1511903085, -330)) == "2017-11-28T15:34:45-05:30");
  CHECK(FormatIsoLocal(MakeDate(1511903085, 0)) == "2017-11-28T21:04:45+00:00");
  CHECK(MakeDate(1511903085, 60) == MakeDate(1511903085, -330));  // one instant
}
