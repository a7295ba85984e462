// SPDX-License-Identifier: Apache-2.0
// Word lists kept as data files under data/lexicons/ and embedded at build time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quorum::analyze {

// The entries of data/lexicons/<name>: one per line, "phrase<TAB>tag" (tag empty when the line
// has no tab), lower-cased, comments (#) and blank lines skipped, in file order. Empty for an
// unknown name.
std::vector<std::pair<std::string, std::string>> LexiconEntries(std::string_view name);

// Phrases of a lexicon file found in sentences: case-insensitive, on word boundaries, longest
// phrase first and without overlaps (so "not a good idea" is found once, not "good idea" too).
class PhraseLexicon {
 public:
  // Every entry of data/lexicons/<name>; `value_of(tag)` gives an entry's value, and entries
  // whose value is 0 are left out. Without `value_of`, every entry counts 1.
  explicit PhraseLexicon(std::string_view name, int (*value_of)(std::string_view tag) = nullptr);
  // The sum of the values of the phrases found in `sentence`.
  int Sum(std::string_view sentence) const;
  // `sentence`, lower-cased, with every phrase found blanked out.
  std::string Without(std::string_view sentence) const;

 private:
  int Scan(std::string_view sentence, std::string* blanked) const;
  std::vector<std::pair<std::string, int>> phrases_;  // longest first
  std::vector<std::vector<int>> by_first_byte_;       // 256 lists of indices into phrases_
  std::vector<uint64_t> first_two_;  // bit (b0 << 8 | b1): some phrase starts with bytes b0 b1
  std::vector<bool> one_byte_;       // per first byte: some phrase is that byte alone
};

// Phrases with a side (data/lexicons/sides.txt): what a sentence says of a proposal as a whole.
class SideLexicon {
 public:
  SideLexicon();
  // +1 when the sentence's side phrases are for, -1 when against, 0 when none or a tie.
  int Side(std::string_view sentence) const;

 private:
  PhraseLexicon phrases_;
};

}  // namespace quorum::analyze
