// SPDX-License-Identifier: Apache-2.0
// MailDate: a point in time that knows whether it is one, and the one place dates become text.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace quorum {

// Seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the instants a date may name, so
// that every date prints as a four-digit ISO 8601 / RFC 3339 year (docs/output-schema.md).
inline constexpr int64_t kMinDateEpoch = -62135596800;
inline constexpr int64_t kMaxDateEpoch = 253402300799;

// A point in time: seconds since the Unix epoch (UTC) plus the writer's UTC offset. `valid`
// alone says whether there is a date: any epoch, 0 and negative ones included, is a real instant.
// A valid date always lies in [kMinDateEpoch, kMaxDateEpoch], in UTC and in its local time
// (MakeDate guarantees it).
struct MailDate {
  int64_t epoch = 0;  // meaningful only when valid
  int offset_minutes = 0;
  bool valid = false;

  // Ordered by instant (the offset does not matter); no date sorts before every date, so
  // std::max of a date and no date is the date.
  friend bool operator==(const MailDate& a, const MailDate& b) {
    return a.valid == b.valid && (!a.valid || a.epoch == b.epoch);
  }
  friend std::strong_ordering operator<=>(const MailDate& a, const MailDate& b) {
    if (a.valid != b.valid) return a.valid <=> b.valid;
    if (!a.valid) return std::strong_ordering::equal;
    return a.epoch <=> b.epoch;
  }
};

// The date at `epoch` written at `offset_minutes` (|offset| < 24 h), or no date when the UTC or
// the local time falls outside years 1-9999.
MailDate MakeDate(int64_t epoch, int offset_minutes = 0);

// "2017-11-28T21:04:45Z"; "" for no date.
std::string FormatIsoUtc(const MailDate& d);

// The writer's local time with its offset: "2017-11-28T22:04:45+01:00"; "" for no date.
std::string FormatIsoLocal(const MailDate& d);

// "2017-11-28" (UTC); "" for no date.
std::string FormatIsoDay(const MailDate& d);

}  // namespace quorum
