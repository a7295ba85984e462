// SPDX-License-Identifier: Apache-2.0
// Streaming checks on downloaded bytes: is it an mbox (and how many messages), is it the roster.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace quorum::fetch {

// Counts From_ separator lines (core/mbox_format.h IsFromLine) in a byte stream fed in pieces,
// and checks that a non-empty stream starts with one. Lines longer than 4 KiB are never
// separators. Memory use is bounded whatever the input.
class MboxScanner {
 public:
  void Feed(std::string_view data);
  void Finish();  // call once after the last Feed

  uint64_t bytes() const { return bytes_; }
  size_t messages() const { return messages_; }
  // Empty, or the first line is a From_ line. Valid after Finish().
  bool looks_like_mbox() const { return bytes_ == 0 || first_is_from_; }
  // Empty, or ends with a blank line ("\n\n" or "\n\r\n"): see EndsOnMessageBoundary.
  bool ends_on_message_boundary() const;

 private:
  void EndLine();
  std::string line_;
  bool line_too_long_ = false;
  bool first_done_ = false;
  bool first_is_from_ = false;
  uint64_t bytes_ = 0;
  size_t messages_ = 0;
  std::string tail_;  // the last (up to) 3 bytes fed
};

// True when `tail` (the last bytes of an mbox, at least 3 when it has them) ends on a message
// boundary: the mbox is empty or ends with a blank line. Every mbox writer ends each message
// with one (Foal adds it to a message that lacks it), while a stream cut mid-line, mid-header
// or right after a header line does not. A cut right after a blank line inside a message body
// passes: this check cannot see it (docs/fetch.md, "Truncated bodies").
bool EndsOnMessageBoundary(std::string_view tail);

// EndsOnMessageBoundary for the file at `path`, reading only its last bytes. False when it
// cannot be read.
bool FileEndsOnMessageBoundary(const std::string& path);

// Scans a whole file. False when it cannot be read.
bool ScanMboxFile(const std::string& path, MboxScanner* scanner, std::string* sha256_hex);

// True when `json` is one well-formed JSON object with a top-level key named `key`
// (iterative, depth-capped at 512; no third-party parser needed for a yes/no answer).
bool IsJsonObjectWithKey(std::string_view json, std::string_view key);

}  // namespace quorum::fetch
