// SPDX-License-Identifier: Apache-2.0
// Position: a claim several messages or people make in one discussion, with who holds it how.
#pragma once

#include <string>
#include <vector>

namespace quorum {

// Where a holder stands on a position.
enum class Stance { kFor, kAgainst, kNeutral };

inline const char* StanceName(Stance s) {
  switch (s) {
    case Stance::kFor:
      return "for";
    case Stance::kAgainst:
      return "against";
    case Stance::kNeutral:
      break;
  }
  return "neutral";
}

// One person holding a position.
struct PositionHolder {
  std::string name;
  std::string address;
  Stance stance = Stance::kNeutral;
  std::vector<std::string> message_ids;  // in date order
  std::string quote;                     // a sentence of their own text, verbatim (wrapping undone)
  bool conditional = false;              // their side comes with a condition ("+1 if ...")
};

// A group of claims from one or more messages that say the same thing.
struct Position {
  std::string label;                    // the two best key phrases
  std::vector<std::string> keyphrases;  // best first
  std::vector<PositionHolder> holders;  // in order of first appearance
  int messages = 0;                     // distinct messages that make a claim of this position
  int participants = 0;                 // distinct holders
  bool recurring = false;               // participants >= 2 or messages >= 2
};

enum class AgreementKind { kAgree, kDisagree };

inline const char* AgreementKindName(AgreementKind k) {
  return k == AgreementKind::kAgree ? "agree" : "disagree";
}

// An explicit agreement or disagreement of one participant with another.
struct Agreement {
  std::string from_name;
  std::string from_address;
  std::string to_name;
  std::string to_address;
  AgreementKind kind = AgreementKind::kAgree;
  std::string message_id;
  std::string quote;  // the sentence that says it
};

// The positions of one discussion: a thread, or a proposal made of several threads.
struct Discussion {
  std::vector<std::string> thread_ids;  // root Message-IDs
  std::string proposal_id;  // set when the threads are one proposal's ("RFC-42"); else empty
  std::string subject;
  int messages = 0;
  int participants = 0;
  std::vector<Position> positions;  // recurring first: by participants, then messages
  std::vector<Agreement> agreements;
};

}  // namespace quorum
