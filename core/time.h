// SPDX-License-Identifier: Apache-2.0
// Calendar helpers on UTC epoch seconds (no time zone database, no locale).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace quorum {

// Days since 1970-01-01 for a proleptic Gregorian date (std::chrono calendar types). `year` in
// [-32767, 32767], `month` 1-12, `day` 0-255; a day past the month's end counts on into the next
// month (2017-02-30 is 2017-03-02), as callers that check only day <= 31 expect.
int64_t DaysFromCivil(int64_t year, int month, int day);

// "2017-11-28T21:04:45Z" (UTC; years -32767..32767).
std::string FormatIsoUtc(int64_t epoch);

// "2017-11-28".
std::string FormatIsoDate(int64_t epoch);

// Epoch seconds of "YYYY-MM-DD" at 00:00 UTC, or nullopt when it is not such a date (day
// checked as 1-31 only, see DaysFromCivil).
std::optional<int64_t> ParseIsoDay(const std::string& s);

}  // namespace quorum
