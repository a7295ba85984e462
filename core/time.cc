// SPDX-License-Identifier: Apache-2.0
// Civil-date arithmetic on std::chrono calendar types (UTC, proleptic Gregorian).
#include "core/time.h"

#include <chrono>
#include <cstdio>

namespace quorum {

int64_t DaysFromCivil(int64_t y, int m, int d) {
  using namespace std::chrono;
  // For an invalid day of a valid year and month, sys_days counts on from day 1 (C++20
  // [time.cal.ymd.nonmembers]), as the days_from_civil formula this replaced did.
  year_month_day ymd{year{static_cast<int>(y)}, month{static_cast<unsigned>(m)},
                     day{static_cast<unsigned>(d)}};
  return sys_days{ymd}.time_since_epoch().count();
}

std::string FormatIsoUtc(int64_t epoch) {
  using namespace std::chrono;
  sys_seconds t{seconds{epoch}};
  sys_days day_start = floor<days>(t);
  year_month_day ymd{day_start};
  hh_mm_ss<seconds> tod{t - day_start};
  int year = static_cast<int>(ymd.year());
  if (year >= 0 && year <= 9999) {
    // The common case without snprintf, which cost more than the calendar arithmetic: the
    // report formats tens of thousands of dates.
    char out[20];
    out[19] = 'Z';
    auto two = [&out](int at, unsigned v) {
      out[at] = static_cast<char>('0' + v / 10);
      out[at + 1] = static_cast<char>('0' + v % 10);
    };
    two(0, static_cast<unsigned>(year / 100));
    two(2, static_cast<unsigned>(year % 100));
    out[4] = '-';
    two(5, static_cast<unsigned>(ymd.month()));
    out[7] = '-';
    two(8, static_cast<unsigned>(ymd.day()));
    out[10] = 'T';
    two(11, static_cast<unsigned>(tod.hours().count()));
    out[13] = ':';
    two(14, static_cast<unsigned>(tod.minutes().count()));
    out[16] = ':';
    two(17, static_cast<unsigned>(tod.seconds().count()));
    return std::string(out, 20);
  }
  char buf[40];
  snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", year,
           static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
           static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
           static_cast<int>(tod.seconds().count()));
  return buf;
}

std::string FormatIsoDate(int64_t epoch) { return FormatIsoUtc(epoch).substr(0, 10); }

std::optional<int64_t> ParseIsoDay(const std::string& s) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 ||
      m > 12 || d < 1 || d > 31) {
    return std::nullopt;
  }
  // A day the calendar has: 2017-02-30 is refused (issue 14, item 9).
  if (!std::chrono::year_month_day{std::chrono::year{y},
                                   std::chrono::month{static_cast<unsigned>(m)},
                                   std::chrono::day{static_cast<unsigned>(d)}}
           .ok()) {
    return std::nullopt;
  }
  return DaysFromCivil(y, m, d) * 86400;
}

}  // namespace quorum
