// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: arbitrary own text through sentences, cues, grouping and agreements.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/positions.h"
#include "analyze/positions_cues.h"
#include "analyze/positions_text.h"

using namespace quorum;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  // Messages are separated by NUL bytes; the first byte of each picks its author and parent,
  // so that replies, self-replies and many authors all happen.
  std::vector<Message> ms;
  size_t pos = 0;
  while (pos < in.size() && ms.size() < 64) {
    size_t end = in.find('\0', pos);
    if (end == std::string_view::npos) end = in.size();
    std::string_view chunk = in.substr(pos, end - pos);
    pos = end + 1;
    Message m;
    unsigned char key = chunk.empty() ? 0 : static_cast<unsigned char>(chunk[0]);
    m.message_id = "m" + std::to_string(ms.size());
    std::string who = "Person " + std::to_string(key % 7);
    m.from = {who,
              (key & 0x40) ? "notifications@github.com" : "p" + std::to_string(key % 7) + "@x"};
    m.text = std::string(chunk.empty() ? chunk : chunk.substr(1));
    m.body = "> " + m.text + "\n" + m.text;  // a quote above the reply, as mail has
    ms.push_back(std::move(m));
  }
  Thread t;
  t.id = ms.empty() ? "" : ms[0].message_id;
  for (size_t i = 0; i < ms.size(); ++i) {
    int parent = i == 0
                     ? -1
                     : static_cast<int>(
                           static_cast<unsigned char>(ms[i].text.empty() ? 0 : ms[i].text[0]) % i);
    t.nodes.push_back({ms[i].message_id, parent, static_cast<int>(i), parent < 0 ? 0 : 1});
  }
  std::vector<Thread> threads;
  if (!ms.empty()) threads.push_back(t);
  analyze::PositionOptions lax;
  lax.min_messages = 1;
  std::vector<Discussion> ds = analyze::AnalyzePositions(ms, threads, {{0}, {}, {5}}, lax);
  for (const Discussion& d : ds) {
    // Arguments (recurring) come first, at most max_arguments of them.
    int arguments = 0;
    bool past_arguments = false;
    for (const Position& p : d.positions) {
      if (p.participants != static_cast<int>(p.holders.size())) abort();
      if (p.recurring && past_arguments) abort();
      past_arguments = past_arguments || !p.recurring;
      arguments += p.recurring ? 1 : 0;
      if (p.holders.empty() || p.label.empty() || p.label_message_id.empty()) abort();
    }
    if (arguments > lax.max_arguments) abort();
    for (const Agreement& a : d.agreements) {
      if (a.message_id.empty()) abort();
    }
  }
  // The pieces on their own, on the raw input.
  for (const std::string& s : analyze::ProseSentences(in)) {
    (void)analyze::ContentWords(s);
    (void)analyze::FindCues(s);
  }
  return 0;
}
