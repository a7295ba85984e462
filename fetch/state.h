// SPDX-License-Identifier: Apache-2.0
// The per-list state file "<archive>/<list>/.quorum-state.tsv": what we hold for each month.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/mbox_format.h"
#include "core/result.h"

namespace quorum::fetch {

inline constexpr const char* kStateFileName = ".quorum-state.tsv";

// Whether a month's file holds all the month's messages as served.
enum class Completeness {
  kUnknown,    // a version 1 line, which did not say: judged from the file's last bytes
  kComplete,   // the whole body arrived (its length or chunking said so, or it ended on a
               // message boundary)
  kTruncated,  // a close-delimited body cut mid-message, kept for want of better; asked again
};

// One month as last written. See docs/fetch.md for the file format.
struct MonthRecord {
  std::string month;      // "2022-07"
  std::string format;     // "mboxrd" (Pony Mail) or "mboxo" (mod_mbox)
  uint64_t messages = 0;  // From_ lines
  uint64_t bytes = 0;
  std::string sha256;      // lower-case hex
  std::string fetched_at;  // "2026-11-23T21:00:00Z"
  std::string url;         // where it came from
  Completeness complete = Completeness::kUnknown;
  bool operator==(const MonthRecord&) const = default;
};

// Months keyed by "YYYY-MM", so the file is written in month order.
using ListState = std::map<std::string, MonthRecord>;

// Reads a state file (version 2, or version 1 whose lines have no `complete` field: kUnknown).
// A missing file is an empty state; lines that do not parse are skipped (their months will
// simply be fetched again).
Result<ListState> LoadListState(const std::string& path);

// The file text (version 2): a comment header, then one tab-separated line per month.
std::string FormatListState(const ListState& state);

// Writes the file atomically (temp, fsync, rename, fsync dir).
Status SaveListState(const std::string& path, const ListState& state);

// The dialect recorded for a month file "<dir>/<YYYY-MM>.mbox" in "<dir>/.quorum-state.tsv";
// kAuto when `mbox_path` is not such a file or its month has no readable record. This is how
// readers learn what fetch stored, so only this file knows the state file's format.
MboxFormat RecordedMboxFormat(const std::string& mbox_path);

}  // namespace quorum::fetch
