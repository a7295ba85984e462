// SPDX-License-Identifier: Apache-2.0
// Streams raw messages out of an mbox (plain or .gz, mboxo or mboxrd), a single RFC 822 file,
// or a Maildir message, without loading the whole file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "core/mbox_format.h"
#include "core/result.h"

namespace quorum::parse {

using ::quorum::MboxFormat;  // core/mbox_format.h

struct ReaderOptions {
  MboxFormat format = MboxFormat::kAuto;
  // A longer message is cut there: "message-truncated". 4 MiB is 70 times the largest message
  // in the mbox files under ../shared/data (56 KB) and keeps one message under ~64 MiB of memory
  // through reading and MIME decoding (docs/parsing.md).
  size_t max_message_bytes = 4 << 20;
};

// One message as it stands in the file. `bytes` excludes the From_ line and has its
// ">From" escaping undone; it stays valid until the next call to Next().
struct RawMessage {
  std::string_view bytes;
  std::string_view from_line;  // the From_ separator without line ending; empty for single files
  uint64_t offset = 0;         // byte offset of the From_ line (or 0) in the (decompressed) file
  uint64_t size = 0;           // bytes of the message in the file, From_ line included
  bool truncated = false;      // the message was longer than max_message_bytes
};

class MboxReader {
 public:
  // Opens `path`: a .gz is decompressed on the fly; a file whose first line is not a From_ line
  // is read as a single message. Fails only when the file cannot be opened.
  static Result<std::unique_ptr<MboxReader>> Open(const std::string& path,
                                                  const ReaderOptions& options);
  virtual ~MboxReader() = default;

  // Fills *msg with the next message and returns true, or returns false at the end. Problems
  // (junk before the first From_ line, a truncated message, a read error) go to *diags.
  virtual bool Next(RawMessage* msg, Diagnostics* diags) = 0;

  // The format in use (kMboxo or kMboxrd once decided; kAuto for single-message files).
  virtual MboxFormat format() const = 0;
};

}  // namespace quorum::parse
