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

// The corpus type lives in core/ (it crosses into analyze/ and report/).
using Corpus = ::quorum::Corpus;

// Reads and parses all inputs, drops duplicate copies, threads the messages and merges the
// identities of their authors. A file that cannot be opened becomes a diagnostic; the run goes
// on. Corpus::texts is left for the caller that made the spill store to set.
Corpus LoadCorpus(const std::vector<InputFile>& inputs, const CorpusOptions& options);

}  // namespace quorum::parse
