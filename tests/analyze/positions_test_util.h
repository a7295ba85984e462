// SPDX-License-Identifier: Apache-2.0
// Helpers for the positions tests: load archives through the parse stage, find holders.
#pragma once

#include <string>
#include <vector>

#include "analyze/positions.h"
#include "parse/corpus.h"
#include "parse/threader.h"

namespace quorum::test {

struct Analysed {
  parse::Corpus corpus;
  std::vector<Thread> threads;
  std::vector<Discussion> discussions;
};

inline Analysed AnalyseFiles(const std::vector<std::string>& paths) {
  Analysed a;
  std::vector<parse::InputFile> inputs;
  for (const std::string& p : paths) inputs.push_back({p});
  a.corpus = parse::LoadCorpus(inputs, parse::CorpusOptions{});
  a.threads = parse::BuildThreads(a.corpus.messages);
  a.discussions = analyze::AnalyzePositions(a.corpus.messages, a.threads,
                                            analyze::OneGroupPerThread(a.threads));
  return a;
}

inline std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// The holder of `p` whose name or address contains `who` (case-insensitive), or nullptr.
inline const PositionHolder* FindHolder(const Position& p, const std::string& who) {
  std::string w = Lower(who);
  for (const PositionHolder& h : p.holders) {
    if (Lower(h.name + " " + h.address).find(w) != std::string::npos) return &h;
  }
  return nullptr;
}

}  // namespace quorum::test
