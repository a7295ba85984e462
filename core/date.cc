// SPDX-License-Identifier: Apache-2.0
// MailDate construction within years 1-9999 and its ISO 8601 forms.
#include "core/date.h"

#include <cstdio>
#include <cstdlib>

#include "core/time.h"

namespace quorum {

MailDate MakeDate(int64_t epoch, int offset_minutes) {
  MailDate d;
  if (offset_minutes <= -24 * 60 || offset_minutes >= 24 * 60) return d;
  int64_t local = epoch + int64_t{offset_minutes} * 60;
  if (epoch < kMinDateEpoch || epoch > kMaxDateEpoch || local < kMinDateEpoch ||
      local > kMaxDateEpoch) {
    return d;
  }
  d.epoch = epoch;
  d.offset_minutes = offset_minutes;
  d.valid = true;
  return d;
}

std::string FormatIsoUtc(const MailDate& d) { return d.valid ? FormatIsoUtc(d.epoch) : ""; }

std::string FormatIsoLocal(const MailDate& d) {
  if (!d.valid) return "";
  std::string s = FormatIsoUtc(d.epoch + int64_t{d.offset_minutes} * 60);
  s.pop_back();  // the 'Z'
  int off = std::abs(d.offset_minutes);
  char buf[16];  // room for any int, which keeps -Wformat-truncation quiet
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", d.offset_minutes < 0 ? '-' : '+', off / 60,
                off % 60);
  return s + buf;
}

std::string FormatIsoDay(const MailDate& d) { return d.valid ? FormatIsoDate(d.epoch) : ""; }

}  // namespace quorum
