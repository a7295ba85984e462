// SPDX-License-Identifier: Apache-2.0
// Tests of core utilities: From_ lines, UTF-8, time, hashing.
#include <catch2/catch.hpp>

#include "core/hash.h"
#include "core/mbox_format.h"
#include "core/text.h"
#include "core/time.h"

using namespace quorum;

TEST_CASE("core: real From_ separator lines are recognised", "[core]") {
  CHECK(
      IsFromLine("From dev-return-124374-archive-asf-public=cust-asf.ponee.io@maven.apache.org Wed "
                 "Nov 01 06:04:53 2017"));
  CHECK(IsFromLine(
      "From dev-return-124374-apmail-maven-dev-archive=maven.apache.org@maven.apache.org  Wed Nov  "
      "1 06:04:52 2017"));
  CHECK(IsFromLine("From MAILER-DAEMON Thu Jan  1 00:00:00 1970"));
  CHECK(IsFromLine("From MAILER-DAEMON Sun Aug  7 11:40:37 2022 extra info"));
  CHECK(IsFromLine("From goran at domain.com  Wed Dec  1 08:26:40 2010"));
  CHECK(IsFromLine("From a@b Wed Dec  1 08:26 2010\r"));
}

TEST_CASE("core: body lines starting with From are not separators", "[core]") {
  CHECK_FALSE(IsFromLine("From time to time"));
  CHECK_FALSE(IsFromLine("From my perspective the build time is NOT significantly faster"));
  CHECK_FALSE(IsFromLine("From: someone@example.org"));
  CHECK_FALSE(IsFromLine(">From a@b Wed Dec  1 08:26:40 2010"));
  CHECK_FALSE(IsFromLine("From 10:30 to 11:00 we talk"));  // a time but no year after it
  CHECK_FALSE(IsFromLine("From"));
}

TEST_CASE("core: CountMboxMessages counts separators only", "[core]") {
  CHECK(CountMboxMessages("") == 0);
  std::string mbox =
      "From a@b Wed Dec  1 08:26:40 2010\nSubject: x\n\nFrom time to time\n\n"
      "From a@b Wed Dec  1 08:27:40 2010\nSubject: y\n\nbody";
  CHECK(CountMboxMessages(mbox) == 2);
}

TEST_CASE("core: UTF-8 sanitising replaces invalid bytes with U+FFFD", "[core]") {
  CHECK(IsValidUtf8("Herv\xC3\xA9"));
  CHECK_FALSE(IsValidUtf8("Herv\xE9"));
  CHECK(SanitizeUtf8("Herv\xE9!") == "Herv\xEF\xBF\xBD!");
  CHECK(SanitizeUtf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  CHECK(SanitizeUtf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong
}

TEST_CASE("core: civil time formatting", "[core]") {
  CHECK(FormatIsoUtc(0) == "1970-01-01T00:00:00Z");
  CHECK(FormatIsoUtc(1511903085) == "2017-11-28T21:04:45Z");
  CHECK(FormatIsoUtc(-1) == "1969-12-31T23:59:59Z");
  CHECK(DaysFromCivil(2000, 3, 1) == 11017);
}

TEST_CASE("core: sha256", "[core]") {
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256 h;
  h.Update("a");
  h.Update("bc");
  CHECK(h.HexDigest() == Sha256Hex("abc"));
}
