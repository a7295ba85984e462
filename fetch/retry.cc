// SPDX-License-Identifier: Apache-2.0
// Backoff and Retry-After (RFC 9110 section 10.2.3; curl's --retry semantics).
#include "fetch/retry.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/text.h"
#include "core/time.h"

namespace quorum::fetch {
namespace {

bool ParseInt(std::string_view s, int64_t* out) {
  if (s.empty() || s.size() > 18) return false;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

// IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT" (the weekday is optional and not checked).
std::optional<int64_t> ParseHttpDate(std::string_view s) {
  size_t comma = s.find(',');
  if (comma != std::string_view::npos) s = Trim(s.substr(comma + 1));
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  // dd Mon yyyy hh:mm:ss GMT
  if (s.size() < 24) return std::nullopt;
  int64_t day, year, hh, mm, ss;
  if (!ParseInt(s.substr(0, 2), &day) || s[2] != ' ' || s[6] != ' ' ||
      !ParseInt(s.substr(7, 4), &year) || s[11] != ' ' || !ParseInt(s.substr(12, 2), &hh) ||
      s[14] != ':' || !ParseInt(s.substr(15, 2), &mm) || s[17] != ':' ||
      !ParseInt(s.substr(18, 2), &ss) || Trim(s.substr(20)) != "GMT") {
    return std::nullopt;
  }
  int month = 0;
  for (int i = 0; i < 12; ++i) {
    if (s.substr(3, 3) == kMonths[i]) month = i + 1;
  }
  if (month == 0 || day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  return DaysFromCivil(year, month, static_cast<int>(day)) * 86400 + hh * 3600 + mm * 60 + ss;
}

}  // namespace

bool IsRetryableStatus(int status) { return status == 408 || status == 429 || status >= 500; }

std::optional<int64_t> ParseRetryAfter(std::string_view value, int64_t now_epoch) {
  value = Trim(value);
  int64_t seconds = 0;
  if (ParseInt(value, &seconds)) return seconds;
  if (value.size() > 18 && std::all_of(value.begin(), value.end(), IsDigit)) {
    return std::numeric_limits<int64_t>::max() / 2;  // absurdly large: clamped later
  }
  auto when = ParseHttpDate(value);
  if (!when) return std::nullopt;
  return *when - now_epoch;
}

Millis BackoffDelay(const RetryPolicy& policy, int retry, double unit_random) {
  double ms = static_cast<double>(policy.base_delay.count()) * std::ldexp(1.0, std::min(retry, 40));
  ms = std::min(ms, static_cast<double>(policy.max_delay.count()));
  ms *= 1.0 + policy.jitter * (2.0 * std::clamp(unit_random, 0.0, 1.0) - 1.0);
  return Millis(static_cast<int64_t>(std::max(0.0, ms)));
}

Millis ClampRetryAfter(const RetryPolicy& policy, int64_t seconds) {
  // Compare in seconds first so a huge value cannot overflow the millisecond count.
  int64_t max_s = policy.retry_after_max.count() / 1000 + 1;
  Millis wanted = Millis(std::clamp<int64_t>(seconds, -1, max_s) * 1000);
  return std::clamp(wanted, policy.retry_after_min, policy.retry_after_max);
}

}  // namespace quorum::fetch
