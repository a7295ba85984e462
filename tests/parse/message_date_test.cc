// SPDX-License-Identifier: Apache-2.0
// A message's date: Date:, bad and implausible ones (issue 14, item 6), delivery-date fallbacks.
#include "parse/message_date.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/date.h"

using namespace quorum;
using namespace quorum::parse;

namespace {

MessageDate Dated(const std::string& headers, const std::string& from_line) {
  Diagnostics diags;
  const std::string raw = headers + "\n";  // outlives h, which views it
  HeaderBlock h = ParseHeaderBlock(raw, HeaderLimits{}, SourceRef{"t", 0}, &diags);
  return DateOfMessage(h, from_line);
}

const char* kFrom = "From dev-return-1@maven.apache.org Wed Nov 01 06:04:53 2017";
const char* kReceived =
    "Received: from mail.apache.org (hermes.apache.org [140.211.11.3]) by mx1 with SMTP; "
    "Wed, 1 Nov 2017 06:04:52 +0000\n";

std::string Code(const MessageDate& d) { return d.code ? d.code : ""; }

}  // namespace

TEST_CASE("message date: a plausible Date: is the date, with no diagnostic", "[parse][date]") {
  MessageDate d = Dated("Date: Wed, 01 Nov 2017 07:04:02 +0100\n", kFrom);
  CHECK(Code(d).empty());
  CHECK(FormatIsoUtc(d.date) == "2017-11-01T06:04:02Z");
  CHECK(d.date.offset_minutes == 60);
  // Up to a day after delivery is clock skew, not an implausible date.
  d = Dated("Date: Thu, 02 Nov 2017 06:04:53 +0000\n", kFrom);
  CHECK(Code(d).empty());
  // Long before delivery is a slow moderator, not an implausible date.
  d = Dated("Date: Sat, 01 Jul 2017 00:00:00 +0000\n", kFrom);
  CHECK(Code(d).empty());
  // No delivery date at all (a single-message file): nothing to compare with.
  d = Dated("Date: Mon, 01 Jan 2099 00:00:00 +0000\n", "");
  CHECK(Code(d).empty());
  CHECK(FormatIsoUtc(d.date) == "2099-01-01T00:00:00Z");
}

TEST_CASE("message date: before 1975 is implausible, a delivery date replaces it",
          "[parse][date]") {
  MessageDate d = Dated("Date: Thu, 01 Jan 1970 00:00:00 +0000\n" + std::string(kReceived), kFrom);
  CHECK(Code(d) == "implausible-date");
  CHECK(d.detail == "Date: 1970-01-01T00:00:00Z is before 1975; dated by the Received: date");
  CHECK(FormatIsoUtc(d.date) == "2017-11-01T06:04:52Z");
  CHECK(FormatIsoUtc(d.header) == "1970-01-01T00:00:00Z");
  // Year 1 as written ("0001") is a date, and implausible.
  d = Dated("Date: Mon, 1 Jan 0001 00:00:00 +0000\n", kFrom);
  CHECK(Code(d) == "implausible-date");
  CHECK(d.detail == "Date: 0001-01-01T00:00:00Z is before 1975; dated by the From_ line date");
  CHECK(FormatIsoUtc(d.date) == "2017-11-01T06:04:53Z");
  // With no plausible delivery date the Date: stays, with the diagnostic.
  d = Dated("Date: Wed, 31 Dec 1969 23:59:59 +0000\n",
            "From x@example.org Wed Dec 31 23:59:59 1969");
  CHECK(Code(d) == "implausible-date");
  CHECK(d.detail == "Date: 1969-12-31T23:59:59Z is before 1975; kept (no plausible delivery date)");
  CHECK(FormatIsoUtc(d.date) == "1969-12-31T23:59:59Z");
}

TEST_CASE("message date: more than a day after delivery is implausible", "[parse][date]") {
  MessageDate d = Dated("Date: Fri, 01 Nov 2019 06:04:53 +0000\n", kFrom);
  CHECK(Code(d) == "implausible-date");
  CHECK(d.detail ==
        "Date: 2019-11-01T06:04:53Z is more than a day after delivery (2017-11-01T06:04:53Z); "
        "dated by the From_ line date");
  CHECK(FormatIsoUtc(d.date) == "2017-11-01T06:04:53Z");
  // The latest delivery date counts: a later Received: clears it.
  d = Dated(
      "Date: Fri, 01 Nov 2019 06:04:53 +0000\n"
      "Received: by relay; Fri, 01 Nov 2019 06:05:00 +0000\n" +
          std::string(kReceived),
      kFrom);
  CHECK(Code(d).empty());
  // git format-patch's constant From_ line date is no delivery date.
  d = Dated("Date: Fri, 01 Nov 2019 06:04:53 +0000\n",
            "From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001");
  CHECK(Code(d).empty());
  CHECK(FormatIsoUtc(d.date) == "2019-11-01T06:04:53Z");
}

TEST_CASE("message date: missing, unreadable and out-of-range Date:", "[parse][date]") {
  MessageDate d = Dated("Subject: x\n", kFrom);
  CHECK(Code(d) == "missing-date");
  CHECK(FormatIsoUtc(d.date) == "2017-11-01T06:04:53Z");
  d = Dated("Date: soon\n" + std::string(kReceived), kFrom);
  CHECK(Code(d) == "bad-date");
  CHECK(d.detail == "unparseable Date: soon");
  CHECK(FormatIsoUtc(d.date) == "2017-11-01T06:04:52Z");
  d = Dated("Date: Fri, 31 Dec 9999 23:59:59 -1400\n", kFrom);
  CHECK(Code(d) == "bad-date");
  CHECK(d.detail == "Date: outside years 0001-9999 (UTC): Fri, 31 Dec 9999 23:59:59 -1400");
  CHECK(FormatIsoUtc(d.date) == "2017-11-01T06:04:53Z");
  d = Dated("Date: Fri, 31 Dec 9999 23:59:59 -1400\n", "");
  CHECK_FALSE(d.date.valid);
}
