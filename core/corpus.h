// SPDX-License-Identifier: Apache-2.0
// Corpus: what parse/ hands on: the deduplicated messages, their threads and who wrote them.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/message.h"
#include "core/person.h"
#include "core/text_store.h"
#include "core/thread.h"

namespace quorum {

// Every command starts from one of these (parse::LoadCorpus makes it), hands it to
// analyze::Analyze, and writes what it needs of both. Threads and identities are parse's work
// and are done once here, so no later stage rebuilds them its own way.
struct Corpus {
  std::vector<Message> messages;  // deduplicated, sorted by date then Message-ID
  // Where the bodies and own texts are when they were spilled (read with TextReader); null when
  // every Message holds its own.
  std::shared_ptr<const TextStore> texts;
  std::vector<Thread> threads;         // built from `messages`; ThreadNode::message indexes them
  std::vector<Person> people;          // one per person behind one or more addresses
  std::vector<int> person_of_message;  // index into `people` per message, -1 when none

  Diagnostics diagnostics;  // file-level problems (message-level ones stay on the message)
  size_t files = 0;
  size_t raw_messages = 0;    // before deduplication
  size_t duplicates = 0;      // same Message-ID and same content: dropped
  size_t reused_ids = 0;      // same Message-ID, different content: kept, id suffixed
  size_t spill_failures = 0;  // messages whose text stayed in memory (the store's disk is full)
  std::string spill_error;    // the first such failure
};

}  // namespace quorum
