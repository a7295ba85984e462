// SPDX-License-Identifier: Apache-2.0
// Streams raw messages out of an mbox (plain or .gz, mboxo or mboxrd), a single RFC 822 file,
// or a Maildir message, without loading the whole file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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
  bool truncated = false;      // the message is cut: longer than max_message_bytes, or ended_early
  bool ended_early = false;    // the input stopped inside the message (a cut or corrupt .gz)
};

class MboxReader {
 public:
  // Opens `path`: a .gz is decompressed on the fly; a file whose first line is not a From_ line
  // is read as a single message. Fails only when the file cannot be opened.
  static Result<std::unique_ptr<MboxReader>> Open(const std::string& path,
                                                  const ReaderOptions& options);
  // Opens bytes [begin, end) of a plain mbox as its own file: `begin` must be a cut point from
  // MboxCutPoints and options.format the dialect of the whole file (format() of a reader
  // opened on it). Offsets stay those of the whole file. Together, the pieces between
  // consecutive cut points give exactly the messages and diagnostics of the whole file.
  static Result<std::unique_ptr<MboxReader>> OpenRange(const std::string& path,
                                                       const ReaderOptions& options, uint64_t begin,
                                                       uint64_t end);
  virtual ~MboxReader() = default;

  // Fills *msg with the next message and returns true, or returns false at the end. Problems
  // (junk before the first From_ line, a truncated message, a read error, a cut or corrupt
  // .gz, a file that is not mail) go to *diags. A last message cut inside its header block
  // (the file was cut short) is not handed on: it would be a message without id, sender or date.
  virtual bool Next(RawMessage* msg, Diagnostics* diags) = 0;

  // The format in use (kMboxo or kMboxrd once decided; kAuto for single-message files).
  virtual MboxFormat format() const = 0;
};

// Where a plain mbox of `*size` bytes can be cut into about `parts` pieces of at least
// `min_part_bytes` that can be read on their own (OpenRange): the offsets of From_ separator
// lines, ascending, starting with 0. Just {0} when the file is small, compressed, unreadable, or
// does not start with a From_ line (then it is read whole).
std::vector<uint64_t> MboxCutPoints(const std::string& path, size_t parts, uint64_t min_part_bytes,
                                    uint64_t* size);

}  // namespace quorum::parse
