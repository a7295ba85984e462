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
  // The most representative sentence of the position, word for word from a holder's own text
  // (wrapping undone, cut at ~300 bytes), and the message it is from.
  std::string label;
  std::string label_message_id;
  std::vector<std::string> keyphrases;  // best first
  std::vector<PositionHolder> holders;  // in order of first appearance
  int messages = 0;                     // distinct messages that make a claim of this position
  int participants = 0;                 // distinct holders
  // Shown as an argument of the discussion: among its best positions (at most
  // SummaryOptions::max_arguments) and raised by several people or messages, or argued with a
  // side. The others are "also raised".
  bool recurring = false;
};

// Where someone stands on a proposal as a whole, and what shows it.
struct SideTaker {
  std::string name;
  std::string address;
  std::string message_id;  // the message that shows the side (their latest such)
  std::string quote;       // the words that show it, verbatim and short
  // What the side rests on: "proposer" (opened it), "vote" (+1/-1 in a vote thread), "stated"
  // ("I support", "-1", "I object"), "agrees" (sides with someone: "+1 to what X said").
  std::string basis;
};

// What was decided, where a vote decided it.
struct Decision {
  std::string status;  // of the latest vote thread: open, passed, failed, vetoed, canceled
  std::string thread_id;
  std::string subject;
  int binding_plus = 0, binding_zero = 0, binding_minus = 0;
  int non_binding_plus = 0, non_binding_zero = 0, non_binding_minus = 0;
  int unknown_plus = 0, unknown_zero = 0, unknown_minus = 0;  // binding status not known
  std::string result_message_id;                              // the [RESULT] mail, empty when none
  std::string result_subject;
};

// What a careful reader would write at the top of a proposal: what is proposed, who is for and
// against it as a whole, the main arguments and the decision.
struct Summary {
  std::string lead;  // one or two sentences of the opening message's own text, verbatim
  std::string lead_message_id;
  std::string lead_author;
  bool has_decision = false;
  Decision decision;
  std::vector<SideTaker> support;  // by first appearance
  std::vector<SideTaker> oppose;
  std::vector<int> arguments;  // indices into Discussion::positions: the recurring ones, best first
  int also_raised = 0;         // positions not shown as arguments
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
  std::vector<Position> positions;  // arguments first, best first; then the rest
  std::vector<Agreement> agreements;
  Summary summary;
};

}  // namespace quorum
