// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: vote grammar, result-mail reading, subjects and a small vote thread.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "analyze/votes.h"
#include "core/text.h"
#include "parse/threader.h"

using namespace quorum;
using namespace quorum::analyze;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const VotePatterns* patterns = new VotePatterns();  // compiled once, never freed
  if (!patterns->ok()) abort();
  std::string input = SanitizeUtf8(std::string_view(reinterpret_cast<const char*>(data), size));
  size_t nl = input.find('\n');
  std::string subject = input.substr(0, nl == std::string::npos ? input.size() : nl);
  std::string text = nl == std::string::npos ? std::string() : input.substr(nl + 1);
  SubjectInfo si = ParseSubject(subject);
  (void)SameProposalTitle(si.title, subject);
  for (std::string_view line : VoteLines(text)) {
    auto v = patterns->MatchLine(line, false);
    if (v && (v->numeric < -1 || v->numeric > 1)) abort();
  }
  StatedResult stated;
  patterns->ParseResultText(text, &stated);
  // A call, a reply carrying the input, and a result mail carrying it too.
  std::vector<Message> ms(3);
  const char* ids[] = {"c@fuzz", "r@fuzz", "s@fuzz"};
  for (int i = 0; i < 3; ++i) {
    ms[i].message_id = ids[i];
    ms[i].from = {"Fuzz Person " + std::to_string(i), "p" + std::to_string(i) + "@apache.org"};
    ms[i].date = {1700000000 + i * 100000, 0, true};
    ms[i].list_id = "dev.fuzz.apache.org";
    ms[i].text = text;
  }
  ms[0].subject = "[VOTE] " + subject;
  ms[1].subject = "Re: [VOTE] " + subject;
  ms[1].in_reply_to = "c@fuzz";
  ms[1].references = {"c@fuzz"};
  ms[2].subject = "[RESULT][VOTE] " + subject;
  VoteAnalysis va = AnalyzeVotes(ms, parse::BuildThreads(ms), {}, {}, nullptr, *patterns);
  for (const auto& t : va.vote_threads) {
    for (const auto& v : t.votes) {
      if (!IsValidUtf8(v.evidence)) abort();
    }
  }
  return 0;
}
