// SPDX-License-Identifier: Apache-2.0
// Helpers for the positions tests: load archives through the parse stage, find holders.
#pragma once

#include <chrono>
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
  double parse_seconds = 0;    // LoadCorpus + BuildThreads, one job
  double analyse_seconds = 0;  // AnalyzePositions
};

inline Analysed AnalyseFiles(const std::vector<std::string>& paths) {
  using Clock = std::chrono::steady_clock;
  Analysed a;
  // Files stand for themselves; directories (Maildirs, .eml folders) are expanded.
  Result<parse::InputList> listed = parse::ListInputs(paths);
  std::vector<parse::InputFile> inputs =
      listed.ok() ? listed.value().files : std::vector<parse::InputFile>{};
  Clock::time_point t0 = Clock::now();
  a.corpus = parse::LoadCorpus(inputs, parse::CorpusOptions{});
  a.threads = parse::BuildThreads(a.corpus.messages);
  Clock::time_point t1 = Clock::now();
  a.discussions = analyze::AnalyzePositions(a.corpus.messages, a.threads,
                                            analyze::OneGroupPerThread(a.threads));
  Clock::time_point t2 = Clock::now();
  a.parse_seconds = std::chrono::duration<double>(t1 - t0).count();
  a.analyse_seconds = std::chrono::duration<double>(t2 - t1).count();
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
