// SPDX-License-Identifier: Apache-2.0
// Reads every input path (files, directories, Maildirs), parses, and deduplicates by Message-ID.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/message.h"
#include "core/result.h"
#include "core/text_store.h"
#include "parse/mbox_reader.h"
#include "parse/message_parser.h"

namespace quorum::parse {

// One input file as found by ListInputs.
struct InputFile {
  std::string path;
};

// Expands paths: a file stands for itself; a directory is walked (sorted, hidden entries and
// quorum's own state files skipped; Maildir cur/ and new/ entries are messages). Fails when a
// path does not exist.
Result<std::vector<InputFile>> ListInputs(const std::vector<std::string>& paths);

struct CorpusOptions {
  ReaderOptions reader;
  ParseOptions parse;
  int jobs = 1;  // files parsed in parallel
  // When set, each message's body and own text go to this store as soon as it is parsed, so
  // the corpus holds metadata only (Message::stored says where the text is).
  TextStore* spill = nullptr;
  // When reader.format is kAuto: the dialect recorded for a file by whoever stored it (the
  // CLI asks fetch/state.h, which owns that record), kAuto to guess. Called from the parsing
  // threads. Empty: always guess.
  std::function<MboxFormat(const std::string& path)> recorded_format;
};

struct Corpus {
  std::vector<Message> messages;  // deduplicated, sorted by date then Message-ID
  Diagnostics diagnostics;        // file-level problems (message-level ones stay on the message)
  size_t files = 0;
  size_t raw_messages = 0;  // before deduplication
  size_t duplicates = 0;    // same Message-ID and same content: dropped
  size_t reused_ids = 0;    // same Message-ID, different content: kept, id suffixed
  // Where the bodies and own texts are when CorpusOptions::spill was set (read with TextReader);
  // null when every Message holds its own. Set by the caller that made the store.
  std::shared_ptr<const TextStore> texts;
  size_t spill_failures = 0;  // messages whose text stayed in memory (the store's disk is full)
  std::string spill_error;    // the first such failure
};

// Reads and parses all inputs. A file that cannot be opened becomes a diagnostic; the run goes on.
Corpus LoadCorpus(const std::vector<InputFile>& inputs, const CorpusOptions& options);

}  // namespace quorum::parse
