// SPDX-License-Identifier: Apache-2.0
// Calendar months ("2022-07") as values: parsing, formatting, stepping, the month of an instant.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace quorum::fetch {

struct YearMonth {
  int year = 1970;
  int month = 1;  // 1-12
  auto operator<=>(const YearMonth&) const = default;
};

// "2022-07", exactly YYYY-MM; nullopt for anything else ("2022-7" too) or a year outside
// 1970-9999.
std::optional<YearMonth> ParseYearMonth(std::string_view text);

// "2022-07".
std::string FormatYearMonth(YearMonth m);

YearMonth NextMonth(YearMonth m);
YearMonth PrevMonth(YearMonth m);

// The UTC month holding `epoch` (seconds since 1970-01-01T00:00:00Z).
YearMonth MonthOfEpoch(int64_t epoch);

}  // namespace quorum::fetch
