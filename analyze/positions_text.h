// SPDX-License-Identifier: Apache-2.0
// Prose extraction for position mining: drops code, patches, logs, quotes; splits sentences.
#pragma once

#include <cstdint>
#include <deque>
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

// What ContentWords makes of each word it has met: a stem, or a break for a stop word. An
// analysis meets the same few thousand words hundreds of thousands of times, and the Snowball
// stemmer is the dear part. Owned by one analysis (or one worker thread of it), never shared.
class WordCache {
 public:
  // The stem of the lower-cased content word `word`, or nullptr when `word` or its stem is a
  // stop word. The stem stays where it is for the life of the cache.
  const std::string* StemOrStop(std::string_view word);

 private:
  struct Entry {
    std::string word;
    bool stop = false;
    std::string stem;
  };
  // An open-addressing table (a lookup per word of every sentence, so no node per entry and no
  // pointer chase): slots hold 32 bits of the word's hash and 1 + its index in entries_.
  struct Slot {
    uint32_t hash = 0;
    uint32_t entry = 0;  // 0: empty
  };
  void Grow();

  std::deque<Entry> entries_;  // a deque: stems keep their address as it grows
  std::vector<Slot> slots_;    // a power of two, at most half full
};

// The same, with `cache` remembering each word's stem (nullptr: no cache).
std::vector<Word> ContentWords(std::string_view sentence, WordCache* cache);

// The Snowball (Porter 2) English stem of a lower-cased word ("coexisting", "coexistence" ->
// "coexist"; "migration", "migrate" -> "migrat"), after a possessive "'s" is dropped.
std::string Stem(std::string word);

// True for a stop word (data/lexicons/stopwords.txt: function words, mail chatter), lower case.
bool IsStopWord(std::string_view lower_word);

}  // namespace quorum::analyze
