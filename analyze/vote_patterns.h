// SPDX-License-Identifier: Apache-2.0
// VotePatterns: every regular expression of vote and result-mail reading, compiled once.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/vote.h"

namespace quorum::analyze {

// One row of the pattern table (docs/votes.md lists them; tests hold lines for each).
struct PatternRow {
  const char* name;     // "lead", "trail", "template", ...
  const char* role;     // "vote", "explicit-vote", "reject", "qualifier", "result"
  const char* pattern;  // RE2 syntax
};

// A vote found on one line.
struct LineVote {
  std::string value;  // normalised ("+1", "-0.5", "0")
  double numeric = 0;
  std::string token;  // as written ("+1000", "++1")
  std::string rule;   // the row that matched
  std::optional<bool> declared_binding;
  bool conditional = false;
};

// What a result mail states, line by line (see StatedResult).
class VotePatterns {
 public:
  VotePatterns();  // compiles the table; check ok()
  ~VotePatterns();
  VotePatterns(VotePatterns&&) noexcept;
  VotePatterns& operator=(VotePatterns&&) noexcept;
  VotePatterns(const VotePatterns&) = delete;
  VotePatterns& operator=(const VotePatterns&) = delete;

  bool ok() const;
  const std::string& error() const;  // the first pattern that failed to compile

  static const std::vector<PatternRow>& Rows();

  // The vote cast on `line` (one line of the author's own text), if any. In the vote call
  // itself (`call_message`) only explicit self-votes ("here is my +1", "+1 from me") count.
  std::optional<LineVote> MatchLine(std::string_view line, bool call_message) const;

  // Does the row called `name` match somewhere in `line`? (for tests of the table)
  bool RowMatches(std::string_view name, std::string_view line) const;

  // Reads a result mail's own text into `out`.
  void ParseResultText(std::string_view text, StatedResult* out) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The lines of a message's own text (Message::text), which can carry a vote. Quotes, quote
// headers, signatures and footers are parse's to remove (parse/own_text.h), not analyze's.
std::vector<std::string_view> VoteLines(std::string_view text);

}  // namespace quorum::analyze
