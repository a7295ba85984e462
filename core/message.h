// SPDX-License-Identifier: Apache-2.0
// Message: one decoded mail, the value that crosses from parse/ to analyze/ and report/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/diagnostics.h"

namespace quorum {

// A mailbox: decoded display name (UTF-8) and the addr-spec as written (case kept).
struct Address {
  std::string name;
  std::string address;
};

// Where a mirrored mail came from, when it is a copy of a comment made elsewhere.
enum class MirrorKind { kNone, kGitHub, kGitBox, kDiscourse };

struct Mirror {
  MirrorKind kind = MirrorKind::kNone;
  std::string repo;    // "apache/tvm-rfcs" (GitHub), "tvm-rfcs" (GitBox), forum host (Discourse)
  std::string item;    // "pull", "issues" or "topic"; empty when unknown
  int64_t number = 0;  // PR/issue number or Discourse topic id; 0 when unknown
  std::string comment_id;  // "c1336475126", "review/123", a Discourse post id; empty for the root
  std::string login;       // the GitHub login when the mail names it
};

// Where a TextStore keeps a message's body and own text (big inputs): both strings of the
// Message are then empty, and a TextReader reads them back.
struct StoredText {
  uint64_t offset = 0;       // the body's first byte
  uint64_t text_offset = 0;  // the own text's first byte
  uint32_t body_size = 0;
  uint32_t text_size = 0;
  bool spilled = false;
};

// One mail as quorum understands it. Strings are UTF-8.
struct Message {
  std::string message_id;     // normalised: no angle brackets, no surrounding space
  bool synthetic_id = false;  // true when the mail had no usable Message-ID and one was derived
  Address from;               // the real author (for mirrored mail, the person, not the robot)
  Address from_header;        // the From: header as decoded, before mirror resolution
  MailDate date;
  std::string subject;                  // decoded, unfolded
  std::string in_reply_to;              // normalised id, empty when none
  std::vector<std::string> references;  // normalised ids, oldest first
  std::string list_id;                  // "dev.maven.apache.org" from List-Id, else empty
  SourceRef source;                     // file and byte offset of the message (its From_ line)
  uint64_t size = 0;                    // bytes of the raw message
  std::string body;                     // the chosen text body, decoded to UTF-8
  std::string text;                     // the author's own words (no quotes, signature, footers)
  StoredText stored;                    // when spilled: where body and text are (TextReader)
  Mirror mirror;
  std::string content_key;  // stable digest of date+from+subject, to tell reused ids apart
  Diagnostics diagnostics;
};

}  // namespace quorum
