// SPDX-License-Identifier: Apache-2.0
// Prose extraction for position mining: drops code, patches, logs, quotes; splits sentences.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quorum::analyze {

// True when `line` looks like code, a patch, a build log, a stack trace, XML or a rule rather than
// prose: "[INFO] ...", "at org.foo.Bar(Bar.java:12)", "+import x;", "@@ -1 +1 @@", lines dense in
// symbols, indented lines ending in ; { } ), bare URLs.
bool IsNonProseLine(std::string_view line);

// The prose sentences of a message's own text, in order, each verbatim except that line
// wrapping is undone (runs of white space become one space). Lines that are quotes ("> "),
// attributions ("On ... wrote:"), list footers, signatures (after "-- ") or non-prose are skipped.
// A new sentence starts after . ! ? followed by space, at a blank line, at a bullet or numbered
// item, after a short line, and before a vote token that follows a comma ("+1 to A, -1 to B").
std::vector<std::string> ProseSentences(std::string_view text);

// One content word: its stem ("migrat") and its lower-cased surface form ("migration").
struct Word {
  std::string stem;
  std::string surface;
};

// The content words of `sentence`, lightly stemmed, with an empty Word where a stop word,
// number or punctuation breaks the run (so that adjacent non-empty entries form a two-word
// phrase). Hyphens and slashes split words; dotted names and versions ("4.0.0") stay whole.
std::vector<Word> ContentWords(std::string_view sentence);

// The Snowball (Porter 2) English stem of a lower-cased word ("coexisting", "coexistence" ->
// "coexist"; "migration", "migrate" -> "migrat"), after a possessive "'s" is dropped.
std::string Stem(std::string word);

// True for a stop word (data/lexicons/stopwords.txt: function words, mail chatter), lower case.
bool IsStopWord(std::string_view lower_word);

}  // namespace quorum::analyze
