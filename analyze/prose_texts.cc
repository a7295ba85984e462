// SPDX-License-Identifier: Apache-2.0
// ProseTexts: every message's prose sentences, split once for all the analyses that read them.
#include "analyze/prose_texts.h"

#include <string_view>

#include "analyze/positions_text.h"

namespace quorum::analyze {
namespace {

constexpr size_t kChunk = 1 << 20;  // bytes gathered before one write to the store

}  // namespace

ProseTexts::ProseTexts(const std::vector<Message>& messages, const TextStore* texts) {
  if (texts != nullptr) {
    Result<std::shared_ptr<TextStore>> store = TextStore::Create(texts->dir());
    if (store.ok()) store_ = std::move(store).value();
  }
  entries_.resize(messages.size());
  TextReader reader(texts);
  std::string pending;  // the joined sentences of entries_[first..m), not yet placed
  size_t first = 0;
  for (size_t m = 0; m < messages.size(); ++m) {
    Entry& e = entries_[m];
    e.offset = pending.size();
    for (const std::string& s : ProseSentences(reader.Text(messages[m]))) {
      if (pending.size() > e.offset) pending.push_back('\n');
      pending.append(s);
    }
    e.size = static_cast<uint32_t>(pending.size() - e.offset);
    if (pending.size() >= kChunk) {
      Flush(&pending, first, m + 1);
      first = m + 1;
    }
  }
  Flush(&pending, first, messages.size());
}

// Places the pending sentences of entries_[first, end) in the store, or in memory when there
// is none or it fails (then it is not written again).
void ProseTexts::Flush(std::string* pending, size_t first, size_t end) {
  uint64_t base = 0;
  bool stored = false;
  if (store_ != nullptr && writable_ && !pending->empty()) {
    Result<uint64_t> at = store_->Append(*pending);
    if (at.ok()) {
      base = at.value();
      stored = true;
    } else {
      writable_ = false;
    }
  }
  if (!stored) {
    base = memory_.size();
    memory_.append(*pending);
  }
  for (size_t m = first; m < end; ++m) {
    entries_[m].offset += base;
    entries_[m].stored = stored;
  }
  pending->clear();
}

std::vector<std::string> ProseTexts::Sentences(size_t index) const {
  std::vector<std::string> out;
  if (index >= entries_.size() || entries_[index].size == 0) return out;
  const Entry& e = entries_[index];
  std::string read;
  std::string_view joined;
  if (e.stored) {
    store_->ReadAt(e.offset, e.size, &read);
    joined = read;
  } else {
    joined = std::string_view(memory_).substr(e.offset, e.size);
  }
  while (!joined.empty()) {
    size_t nl = joined.find('\n');
    out.emplace_back(joined.substr(0, nl));
    joined.remove_prefix(nl == std::string_view::npos ? joined.size() : nl + 1);
  }
  return out;
}

}  // namespace quorum::analyze
