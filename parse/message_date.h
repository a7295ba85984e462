// SPDX-License-Identifier: Apache-2.0
// The date a message is filed under: its Date:, checked against when it was delivered.
#pragma once

#include <string>
#include <string_view>

#include "core/message.h"
#include "parse/headers.h"

namespace quorum::parse {

// Dates before this (1975-01-01T00:00:00Z) are implausible: no mailing-list archive holds mail
// that old (MsgGroup, the first list, began in June 1975). It catches the zeroed clocks
// (1970-01-01, 1969-12-31 west of Greenwich) and the misread years ("0001", "1900").
inline constexpr int64_t kFirstPlausibleEpoch = 157766400;

// A Date: more than this after the message's delivery (its latest Received: or From_ line
// date) is implausible: a writer's clock set to the wrong day or year.
inline constexpr int64_t kFutureSlackSeconds = 86400;

struct MessageDate {
  MailDate date;    // what the message is dated; no date when nothing gives one
  MailDate header;  // the Date: header as parsed; no date when missing or unusable
  bool has_header = false;
  const char* code = nullptr;  // diagnostic: "missing-date", "bad-date", "implausible-date"
  std::string detail;
};

// The Date: header when it is readable and plausible. Otherwise the first hop's Received: date,
// then the From_ line date, when one is plausible, with a diagnostic; an implausible Date: with
// no plausible delivery date is kept, with the diagnostic. Deterministic: no wall clock.
MessageDate DateOfMessage(const HeaderBlock& h, std::string_view from_line);

}  // namespace quorum::parse
