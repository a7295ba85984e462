// SPDX-License-Identifier: Apache-2.0
// Calendar helpers on UTC epoch seconds (no time zone database, no locale).
#pragma once

#include <cstdint>
#include <string>

namespace quorum {

// Days since 1970-01-01 for a proleptic Gregorian date (month 1-12).
int64_t DaysFromCivil(int64_t year, int month, int day);

// "2017-11-28T21:04:45Z".
std::string FormatIsoUtc(int64_t epoch);

// "2017-11-28".
std::string FormatIsoDate(int64_t epoch);

}  // namespace quorum
