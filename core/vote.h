// SPDX-License-Identifier: Apache-2.0
// Votes, tallies, result-mail checks and vote threads: the values analyze/ hands to report/.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace quorum {

enum class VoteKind { kRelease, kCode, kProcedural, kStrategy, kUnknown };
enum class VoteStatus { kOpen, kPassed, kFailed, kVetoed, kCanceled };
// Strongest first (docs/votes.md).
enum class BindingEvidence { kRoster, kApacheAddress, kResultMail, kDeclared, kNone };

const char* ToString(VoteKind k);
const char* ToString(VoteStatus s);
const char* ToString(BindingEvidence e);

struct Voter {
  std::string name;
  std::string address;
  std::string apache_id;  // from an @apache.org address or the roster; empty when unknown
  std::string person_id;  // Person::id, or the lower-cased address when no person is known
};

struct Vote {
  Voter voter;
  std::string value;  // normalised: "+1", "+0", "0", "-0", "-1", "+0.5", ...
  double numeric = 0;
  std::optional<bool> binding;  // nullopt: unknown
  BindingEvidence binding_evidence = BindingEvidence::kNone;
  std::optional<bool> declared_binding;  // the voter's own "(binding)" / "(non-binding)"
  std::string message_id;
  MailDate date;
  std::string evidence;  // the line that carries the vote
  bool conditional = false;
  bool superseded = false;  // a later vote of the same voter replaces this one
  bool justified = false;   // the mail gives reasons beside the vote (matters for a veto)
  std::string rule;         // the grammar row that matched (docs/votes.md)
};

// Counts of the active (not superseded) votes per value.
struct TallyBucket {
  std::map<std::string, int> by_value;  // "+1" -> 3
  int plus = 0;                         // numeric > 0
  int zero = 0;                         // numeric == 0
  int minus = 0;                        // numeric < 0
};

struct Tally {
  TallyBucket binding;
  TallyBucket non_binding;
  TallyBucket unknown;
};

// What a [RESULT] mail states.
struct StatedResult {
  std::map<std::string, std::vector<std::string>> names;  // "+1" -> names, as written
  std::vector<std::string> binding_names;                 // named binding / "PMC quorum: a, b"
  std::map<std::string, int> counts;                      // "+1" -> 5, when the mail gives numbers
  std::map<std::string, int> binding_counts;
  bool quorum_reached = false;  // "PMC quorum reached"
  std::optional<bool> passed;   // "the vote has passed" / "failed"
};

struct Difference {
  std::string type;  // possible-prose-vote, not-counted, value-differs, count-differs,
                     // counted-not-found
  std::string name;
  std::string detail;
  std::string message_id;  // the reply concerned, when known
};

struct ResultCheck {
  std::string message_id;  // empty: no result mail
  MailDate date;
  StatedResult stated;
  bool agrees = false;
  std::vector<Difference> differences;
};

struct VoteThread {
  std::string thread_id;
  std::string subject;
  VoteKind kind = VoteKind::kUnknown;
  VoteStatus status = VoteStatus::kOpen;
  std::string status_basis;      // "result-mail", "computed", "cancel-mail", "no-result"
  std::string computed_outcome;  // what the rules give: passed/failed/vetoed/undecided
  std::string outcome_note;      // how the computed outcome was counted
  std::string list;              // list id of the call
  std::string committee;         // PMC whose votes bind ("maven", "incubator")
  MailDate opened;
  MailDate closed;          // result/cancel mail, else the last vote; no date when none
  std::vector<Vote> votes;  // by date, then message id
  Tally tally;
  ResultCheck result;
  std::string cancel_message_id;
  std::string proposal_id;
  std::vector<std::string> flags;  // sorted
};

}  // namespace quorum
