// SPDX-License-Identifier: Apache-2.0
// JWZ threading by references only (no subject grouping), with ghosts and cycle breaking.
#pragma once

#include <vector>

#include "core/message.h"
#include "core/thread.h"

namespace quorum::parse {

// Builds the thread forest of `messages` (Message-IDs must be unique; see LoadCorpus).
// Parent choice: In-Reply-To when it names an id, else the last References entry; the whole
// References chain links the ghosts above it. A link that would make a cycle is dropped.
// Threads are sorted by first date then root id; no recursion.
std::vector<Thread> BuildThreads(const std::vector<Message>& messages);

}  // namespace quorum::parse
