// SPDX-License-Identifier: Apache-2.0
// Date parsing: RFC 5322 date-time plus the obsolete forms of section 4.3 and common junk.
#include "parse/date.h"

#include <chrono>
#include <string>
#include <vector>

#include "core/text.h"
#include "core/time.h"

namespace quorum::parse {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) {
    if (v > 100000) return v;  // callers range-check; avoid overflow on long digit runs
    v = v * 10 + (c - '0');
  }
  return v;
}

int MonthFromName(std::string_view s) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  if (s.size() < 3) return 0;
  for (int i = 0; i < 12; ++i) {
    if (IEquals(s.substr(0, 3), kMonths[i])) return i + 1;
  }
  return 0;
}

bool IsWeekday(std::string_view s) {
  static constexpr std::string_view kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  if (s.size() < 3) return false;
  for (std::string_view d : kDays) {
    if (IEquals(s.substr(0, 3), d)) return true;
  }
  return false;
}

// Named zones of RFC 5322 section 4.3 and a few common extras; offsets in minutes.
bool NamedZone(std::string_view s, int* minutes) {
  struct Zone {
    const char* name;
    int minutes;
  };
  static constexpr Zone kZones[] = {
      {"ut", 0},     {"utc", 0},    {"gmt", 0},    {"z", 0},      {"est", -300}, {"edt", -240},
      {"cst", -360}, {"cdt", -300}, {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420},
      {"cet", 60},   {"cest", 120}, {"met", 60},   {"mest", 120}, {"bst", 60},   {"ist", 330},
      {"jst", 540},  {"kst", 540},  {"hkt", 480},  {"eet", 120},  {"eest", 180}, {"wet", 0},
      {"west", 60},  {"msk", 180},  {"aest", 600}, {"aedt", 660}, {"nzst", 720}, {"nzdt", 780}};
  std::string l = AsciiLower(s);
  for (const Zone& z : kZones) {
    if (l == z.name) {
      *minutes = z.minutes;
      return true;
    }
  }
  // Military single letters: RFC 5322 says their meaning is unreliable; treat as +0000.
  if (l.size() == 1 && IsAlpha(l[0]) && l[0] != 'j') {
    *minutes = 0;
    return true;
  }
  return false;
}

// "+0100", "-05:00", "+1", "+01" -> minutes. Returns false when `s` is not an offset.
bool NumericZone(std::string_view s, int* minutes) {
  if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return false;
  int sign = s[0] == '-' ? -1 : 1;
  std::string digits;
  for (char c : s.substr(1)) {
    if (c == ':') continue;
    if (!IsDigit(c)) return false;
    digits.push_back(c);
  }
  int h = 0;
  int m = 0;
  if (digits.size() == 4) {
    h = ToInt(digits.substr(0, 2));
    m = ToInt(digits.substr(2, 2));
  } else if (digits.size() == 3) {  // "+100"
    h = ToInt(digits.substr(0, 1));
    m = ToInt(digits.substr(1, 2));
  } else if (digits.size() == 1 || digits.size() == 2) {
    h = ToInt(digits);
  } else {
    return false;
  }
  if (h > 23 || m > 59) return false;
  *minutes = sign * (h * 60 + m);
  return true;
}

struct Fields {
  int year = -1;
  int year_digits = 0;  // as written: 1-2 and 3 digits are widened (RFC 5322 section 4.3)
  int month = 0;
  int day = 0;
  int hour = -1;
  int minute = -1;
  int second = 0;
  int offset = 0;
  bool have_zone = false;
};

bool ParseTime(std::string_view t, Fields* f) {
  // hh:mm[:ss][.fraction]
  size_t c1 = t.find(':');
  std::string_view h = t.substr(0, c1);
  std::string_view rest = t.substr(c1 + 1);
  size_t c2 = rest.find(':');
  std::string_view m = rest.substr(0, c2);
  std::string_view s = c2 == std::string_view::npos ? std::string_view() : rest.substr(c2 + 1);
  size_t dot = s.find('.');
  if (dot != std::string_view::npos) s = s.substr(0, dot);
  if (!AllDigits(h) || !AllDigits(m) || h.size() > 2 || m.size() > 2) return false;
  if (!s.empty() && (!AllDigits(s) || s.size() > 2)) return false;
  f->hour = ToInt(h);
  f->minute = ToInt(m);
  f->second = s.empty() ? 0 : ToInt(s);
  return f->hour <= 24 && f->minute <= 59 && f->second <= 60;
}

// Splits the value into tokens: comments dropped, commas as spaces, "28-Nov-2017" and
// "21:04:45+0000" split apart, "GMT+01:00" split into "GMT" "+01:00".
std::vector<std::string_view> Tokenize(std::string_view v) {
  std::vector<std::string_view> toks;
  toks.reserve(8);
  size_t start = 0, len = 0;  // the current token: v.substr(start, len), always contiguous
  int depth = 0;
  auto push = [&]() {
    if (len > 0) toks.push_back(v.substr(start, len));
    len = 0;
  };
  for (size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    if (c == '(') {
      push();
      ++depth;
      continue;
    }
    if (depth > 0) {
      if (c == ')') --depth;
      continue;
    }
    if (c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\n') {
      push();
      continue;
    }
    if ((c == '+' || c == '-') && len > 0) {
      // A sign after text starts a zone ("GMT+1", "21:04:45-0500") or separates "28-Nov-2017".
      push();
      if (c == '-' && i + 1 < v.size() && IsAlpha(v[i + 1])) continue;  // "28-Nov"
      if (c == '-' && !toks.empty() && IsAlpha(toks.back().back()) && i + 1 < v.size() &&
          IsDigit(v[i + 1]) && MonthFromName(toks.back()) && toks.back().size() <= 9) {
        continue;  // "Nov-2017"
      }
    }
    if (len == 0) start = i;
    ++len;
  }
  push();
  return toks;
}

// *out_of_range (when given) is set when a real date-time falls outside years 1-9999.
MailDate Build(const Fields& f, bool* out_of_range) {
  if (f.year < 0 || f.month == 0 || f.day == 0 || f.hour < 0 || f.minute < 0) return MailDate{};
  int year = f.year;
  // RFC 5322 section 4.3: a two-digit year below 50 is 20xx, any other two-digit year 19xx, a
  // three-digit year + 1900. Four-digit years are as written ("0001" is year 1).
  if (f.year_digits <= 2) {
    year += year < 50 ? 2000 : 1900;
  } else if (f.year_digits == 3) {
    year += 1900;
  }
  if (year > 9999) {
    if (out_of_range) *out_of_range = true;
    return MailDate{};
  }
  // A real calendar day (leap years included); f.month is 1-12 and f.day positive here.
  namespace chr = std::chrono;
  if (f.day > 31 ||
      !chr::year_month_day{chr::year{year}, chr::month{static_cast<unsigned>(f.month)},
                           chr::day{static_cast<unsigned>(f.day)}}
           .ok()) {
    return MailDate{};
  }
  int64_t days = DaysFromCivil(year, f.month, f.day);
  // Years 1-9999 in UTC and in local time, or no date (core/date.h): "31 Dec 9999 23:59:59
  // -1400" is year 10000 in UTC and is refused, not printed with five digits.
  MailDate d =
      MakeDate(days * 86400 + f.hour * 3600 + f.minute * 60 + f.second - f.offset * 60, f.offset);
  if (!d.valid && out_of_range) *out_of_range = true;
  return d;
}

MailDate ParseTokens(const std::vector<std::string_view>& toks, bool* out_of_range) {
  Fields f;
  for (std::string_view t : toks) {
    if (t.find(':') != std::string_view::npos && f.hour < 0 && IsDigit(t[0])) {
      if (!ParseTime(t, &f)) return MailDate{};
      continue;
    }
    int zone = 0;
    if ((t[0] == '+' || t[0] == '-') && NumericZone(t, &zone)) {
      if (!f.have_zone || f.offset == 0) f.offset = zone;  // "GMT+0100": the number wins
      f.have_zone = true;
      continue;
    }
    if (AllDigits(t)) {
      int v = ToInt(t);
      if (t.size() >= 3 || (f.day != 0 && f.month != 0 && f.year < 0)) {
        if (f.year >= 0) continue;
        if (t.size() > 4) return MailDate{};
        f.year = v;
        f.year_digits = static_cast<int>(t.size());
      } else if (f.day == 0 && v >= 1 && v <= 31) {
        f.day = v;
      } else if (f.year < 0) {
        f.year = v;
        f.year_digits = static_cast<int>(t.size());
      }
      continue;
    }
    if (IsAlpha(t[0])) {
      int m = MonthFromName(t);
      if (m && f.month == 0 && (t.size() == 3 || t.size() >= 3)) {
        f.month = m;
        continue;
      }
      if (IsWeekday(t)) continue;
      if (f.hour >= 0 && (IEquals(t, "PM") || IEquals(t, "AM"))) {
        if (f.hour > 12) return MailDate{};  // "13:00 PM"
        if (IEquals(t, "PM") && f.hour < 12) f.hour += 12;
        if (IEquals(t, "AM") && f.hour == 12) f.hour = 0;
        continue;
      }
      if (f.hour >= 0 && NamedZone(t, &zone)) {
        if (!f.have_zone) f.offset = zone;
        f.have_zone = true;
        continue;
      }
      continue;  // unknown word: ignore ("at", "AM", junk)
    }
  }
  return Build(f, out_of_range);
}

}  // namespace

MailDate ParseDate(std::string_view value, bool* out_of_range) {
  std::string_view v = Trim(value);
  if (v.size() > 256) v = v.substr(0, 256);  // no real date is this long; keeps junk cheap
  std::vector<std::string_view> toks = Tokenize(v);
  // ISO 8601 "2017-11-28T21:04:45Z" and "2017-11-28 21:04:45": rewrite to the usual order.
  if (v.size() >= 10 && AllDigits(v.substr(0, 4)) && v[4] == '-' && AllDigits(v.substr(5, 2)) &&
      v[7] == '-' && AllDigits(v.substr(8, 2))) {
    Fields f;
    f.year = ToInt(v.substr(0, 4));
    f.year_digits = 4;
    f.month = ToInt(v.substr(5, 2));
    f.day = ToInt(v.substr(8, 2));
    if (f.month < 1 || f.month > 12) return MailDate{};
    std::string_view rest = v.substr(10);
    if (!rest.empty() && (rest[0] == 'T' || rest[0] == ' ')) rest = rest.substr(1);
    size_t zpos = rest.find_first_of("Z+-");
    std::string_view time = Trim(rest.substr(0, zpos));
    if (!ParseTime(time, &f)) return MailDate{};
    if (zpos != std::string_view::npos && rest[zpos] != 'Z') {
      int z = 0;
      if (NumericZone(Trim(rest.substr(zpos)), &z)) f.offset = z;
    }
    return Build(f, out_of_range);
  }
  return ParseTokens(toks, out_of_range);
}

MailDate ParseFromLineDate(std::string_view from_line) {
  std::string_view v = Trim(from_line);
  if (v.size() > 512) v = v.substr(0, 512);
  // "From sender date...": drop "From" and the sender (which may hold digits, '-' and ':').
  if (v.substr(0, 5) == "From ") {
    v = v.substr(5);
    while (!v.empty() && (v[0] == ' ' || v[0] == '\t')) v.remove_prefix(1);
    size_t sp = 0;  // the end of the sender (find_first_of would run memchr per byte)
    while (sp < v.size() && v[sp] != ' ' && v[sp] != '\t') ++sp;
    v = v.substr(sp);
  }
  return ParseTokens(Tokenize(v), nullptr);
}

}  // namespace quorum::parse
