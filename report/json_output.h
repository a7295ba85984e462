// SPDX-License-Identifier: Apache-2.0
// JSON output of messages and threads (the shapes in docs/output-schema.md).
#pragma once

#include <ostream>
#include <vector>

#include "core/corpus.h"
#include "core/message.h"
#include "core/thread.h"

namespace quorum::report {

// Version of every JSON shape quorum writes; bump with docs/output-schema.md.
inline constexpr int kSchemaVersion = 2;

// One message as a single JSON line (for `quorum messages --format jsonl`). `thread_root` is the
// id of the thread's root; `person` the id of the author after identity merging ("" if none).
void WriteMessageJsonLine(const Message& m, const std::string& thread_root,
                          const std::string& person, std::ostream& out);
void AppendMessageJsonLine(const Message& m, const std::string& thread_root,
                           const std::string& person, std::string* out);

// Every message of `corpus` as a JSON line (`quorum messages`), with its thread root and its
// person; a spilled text is read back for its line only. Lines are formatted on `jobs` threads;
// the output does not depend on it.
void WriteMessagesJsonl(Corpus* corpus, std::ostream& out, int jobs = 1);

// {"schema_version", "threads": [...]} for `quorum threads --format json`.
void WriteThreadsJson(const std::vector<Thread>& threads, const std::vector<Message>& messages,
                      std::ostream& out);

// An indented tree per thread, for `quorum threads --format text`.
void WriteThreadsText(const std::vector<Thread>& threads, const std::vector<Message>& messages,
                      std::ostream& out);

}  // namespace quorum::report
