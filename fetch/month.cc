// SPDX-License-Identifier: Apache-2.0
// Calendar months.
#include "fetch/month.h"

#include <cstdio>

#include "core/time.h"

namespace quorum::fetch {

std::optional<YearMonth> ParseYearMonth(std::string_view text) {
  size_t dash = text.find('-');
  // Exactly YYYY-MM: "2017-1" is refused rather than read as January (issue 14, item 9).
  if (dash != 4 || text.size() != 7) return std::nullopt;
  int year = 0, month = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == dash) continue;
    char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    if (i < dash) {
      year = year * 10 + (c - '0');
    } else {
      month = month * 10 + (c - '0');
    }
  }
  if (year < 1970 || month < 1 || month > 12) return std::nullopt;
  return YearMonth{year, month};
}

std::string FormatYearMonth(YearMonth m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", m.year, m.month);
  return buf;
}

YearMonth NextMonth(YearMonth m) {
  return m.month == 12 ? YearMonth{m.year + 1, 1} : YearMonth{m.year, m.month + 1};
}

YearMonth PrevMonth(YearMonth m) {
  return m.month == 1 ? YearMonth{m.year - 1, 12} : YearMonth{m.year, m.month - 1};
}

YearMonth MonthOfEpoch(int64_t epoch) {
  // FormatIsoDate gives "YYYY-MM-DD" in UTC; reuse it rather than a second civil-date routine.
  std::string date = FormatIsoDate(epoch);
  auto m = ParseYearMonth(std::string_view(date).substr(0, 7));
  return m ? *m : YearMonth{};
}

}  // namespace quorum::fetch
