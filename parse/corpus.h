// SPDX-License-Identifier: Apache-2.0
// Reads every input path (files, directories, Maildirs), parses, and deduplicates by Message-ID.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/corpus.h"
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

// What ListInputs found: the files, and the directories it could not read.
struct InputList {
  std::vector<InputFile> files;
  Diagnostics diagnostics;  // "unreadable-directory", one per directory; for the corpus' list
};

// Expands paths: a file stands for itself; a directory is walked (sorted, hidden entries and
// quorum's own state files skipped; Maildir cur/ and new/ entries are messages). A directory
// that cannot be read is a diagnostic and the walk goes on. Fails when a path does not exist.
Result<InputList> ListInputs(const std::vector<std::string>& paths);

// The default per-run message limit. Memory grows with the number of messages: 1.6 KB each
// kept, about 2.5 KB at the peak (docs/scale.md), so 2 million messages are about 5 GB.
inline constexpr size_t kDefaultMaxMessages = 2'000'000;

struct CorpusOptions {
  ReaderOptions reader;
  ParseOptions parse;
  int jobs = 1;  // files parsed in parallel
  // Reading stops once this many messages were parsed (before deduplication), with a
  // "too-many-messages" diagnostic (see JudgeInputs), rather than growing without bound. 0: no
  // limit.
  size_t max_messages = kDefaultMaxMessages;
  // When set, each message's body and own text go to this store as soon as it is parsed, so
  // the corpus holds metadata only (Message::stored says where the text is).
  TextStore* spill = nullptr;
  // When reader.format is kAuto: the dialect recorded for a file by whoever stored it (the
  // CLI asks fetch/state.h, which owns that record), kAuto to guess. Called from the parsing
  // threads. Empty: always guess.
  std::function<MboxFormat(const std::string& path)> recorded_format;
};

// The corpus type lives in core/ (it crosses into analyze/ and report/).
using Corpus = ::quorum::Corpus;

// Reads and parses all inputs, drops duplicate copies, threads the messages and merges the
// identities of their authors. A file that cannot be opened becomes a diagnostic; the run goes
// on. Corpus::texts is left for the caller that made the spill store to set.
Corpus LoadCorpus(const std::vector<InputFile>& inputs, const CorpusOptions& options);

// What every command does with its PATH arguments: ListInputs, then LoadCorpus, with the
// listing's diagnostics first in Corpus::diagnostics. When options.parse.decode_body and no
// spill store is given, texts go to a new temporary TextStore (Corpus::texts); when none can be
// made they stay in memory (Corpus::spill_failures, spill_error say so). Fails when a path does
// not exist.
Result<Corpus> ReadInputs(const std::vector<std::string>& paths, CorpusOptions options);

// How reading the inputs went, judged from a corpus' file-level diagnostics.
enum class InputOutcome {
  kComplete,     // every input read (files that are not mail are skipped, not failed)
  kPartial,      // some input could not be read, or not to its end (a cut or corrupt .gz)
  kNothingRead,  // inputs failed and no message was read
  kOverLimit,    // more than CorpusOptions::max_messages messages: reading stopped
};
InputOutcome JudgeInputs(const Corpus& corpus);

}  // namespace quorum::parse
