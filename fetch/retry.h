// SPDX-License-Identifier: Apache-2.0
// Retry policy: which failures are transient, exponential backoff with jitter, Retry-After.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace quorum::fetch {

using Millis = std::chrono::milliseconds;

struct RetryPolicy {
  int max_attempts = 5;            // Default: 5 tries in all (1 + 4 retries)
  Millis base_delay{1000};         // Default: 1 s, doubled on each retry
  Millis max_delay{600000};        // Default: one wait is at most 10 min
  Millis max_total_wait{1800000};  // Default: 30 min of waiting per month at most
  double jitter = 0.2;             // Default: each wait is scaled by 1 +- 0.2
  Millis retry_after_min{1000};    // Default: Retry-After is clamped to [1 s, 900 s]
  Millis retry_after_max{900000};
};

// 408, 429 and every 5xx are worth retrying; other statuses are not.
bool IsRetryableStatus(int status);

// Seconds to wait from a Retry-After value: delta-seconds ("120") or an HTTP-date
// ("Sun, 06 Nov 1994 08:49:37 GMT", relative to `now_epoch`; may be negative for a past date).
// nullopt when the value is neither.
std::optional<int64_t> ParseRetryAfter(std::string_view value, int64_t now_epoch);

// The wait before retry number `retry` (0 for the first retry): base * 2^retry, capped at
// max_delay, scaled by 1 + jitter * (2 * unit_random - 1). REQUIRES: unit_random in [0, 1].
Millis BackoffDelay(const RetryPolicy& policy, int retry, double unit_random);

// A server-requested wait clamped to [retry_after_min, retry_after_max].
Millis ClampRetryAfter(const RetryPolicy& policy, int64_t seconds);

}  // namespace quorum::fetch
