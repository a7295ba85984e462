// SPDX-License-Identifier: Apache-2.0
// Subject lines of decision threads: tags ([VOTE], [RESULT]...), reply/mirror prefixes, titles.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quorum::analyze {

struct SubjectInfo {
  bool reply = false;  // at least one Re:/Fwd:/AW: prefix
  bool vote = false;
  bool result = false;
  bool cancel = false;
  bool lazy = false;
  bool discuss = false;  // [DISCUSS] or [PROPOSAL]
  bool announce = false;
  std::string title;        // prefixes, known tags and mirror decorations removed
  std::string mirror_repo;  // "apache/tvm-rfcs" or "tvm-rfcs" when the subject names one
  int64_t mirror_number = 0;
  std::string numbered_id;  // "KIP-123", "FLIP-12", "SPIP-3", "RFC-95" when present
  int take = 1;             // "(take 3)", "RC2", "rc0" -> 3, 2, 0; 1 when none is named
  bool take_named = false;  // the subject names a take
};

// Parses any number of leading Re:/RE:/Fwd:/AW:/SV:/WG: prefixes and bracket groups in any
// order, case and spacing. Unknown bracket groups ("[RFC]") stay in the title.
SubjectInfo ParseSubject(std::string_view subject);

// Lower-cased title words with stop words (apache, version, vote, take N, rcN...) removed.
std::vector<std::string> TitleTokens(std::string_view title);

// True when two titles name the same proposal: with version numbers, equal token sets (stop
// words and release-candidate noise dropped); without, token-set Jaccard >= 0.75.
bool SameProposalTitle(std::string_view a, std::string_view b);

// The same on TitleTokens() output (sorted, unique).
bool SameProposalTokens(const std::vector<std::string>& a, const std::vector<std::string>& b);

// Does a token list hold a version number ("6.0.0", "v0.10.0")?
bool HasVersion(const std::vector<std::string>& tokens);

}  // namespace quorum::analyze
