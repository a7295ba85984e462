// SPDX-License-Identifier: Apache-2.0
// ProseTexts: every message's prose sentences, split once for all the analyses that read them.
#include "analyze/prose_texts.h"

#include "analyze/positions_text.h"

namespace quorum::analyze {
namespace {

constexpr size_t kChunk = 1 << 20;  // bytes gathered before one write to the store

}  // namespace

MessageBlobs::MessageBlobs(size_t count, const TextStore* texts) : entries_(count) {
  if (texts != nullptr) {
    Result<std::shared_ptr<TextStore>> store = TextStore::Create(texts->dir());
    if (store.ok()) store_ = std::move(store).value();
  }
}

void MessageBlobs::Add(size_t index, std::string_view blob) {
  if (index >= entries_.size()) return;
  Entry& e = entries_[index];
  e.offset = pending_.size();
  e.size = static_cast<uint32_t>(blob.size());
  pending_.append(blob);
  pending_index_.push_back(index);
  if (pending_.size() >= kChunk) Flush();
}

void MessageBlobs::Finish() { Flush(); }

// Places the pending bytes in the store, or in memory when there is none or it fails (then it
// is not written again).
void MessageBlobs::Flush() {
  uint64_t base = 0;
  bool stored = false;
  if (store_ != nullptr && writable_ && !pending_.empty()) {
    Result<uint64_t> at = store_->Append(pending_);
    if (at.ok()) {
      base = at.value();
      stored = true;
    } else {
      writable_ = false;
    }
  }
  if (!stored) {
    base = memory_.size();
    memory_.append(pending_);
  }
  for (size_t index : pending_index_) {
    entries_[index].offset += base;
    entries_[index].stored = stored;
  }
  pending_.clear();
  pending_index_.clear();
}

void MessageBlobs::Get(size_t index, std::string* out, StoreCursor* cursor) const {
  out->clear();
  if (index >= entries_.size() || entries_[index].size == 0) return;
  const Entry& e = entries_[index];
  if (e.stored && cursor != nullptr && cursor->store() == store_.get()) {
    cursor->Read(e.offset, e.size, out);
  } else if (e.stored) {
    store_->ReadAt(e.offset, e.size, out);
  } else {
    out->assign(memory_, e.offset, e.size);
  }
}

ProseTexts::ProseTexts(const std::vector<Message>& messages, const TextStore* texts)
    : joined_(messages.size(), texts) {
  TextReader reader(texts);
  std::string joined;
  for (size_t m = 0; m < messages.size(); ++m) {
    joined.clear();
    for (const std::string& s : ProseSentences(reader.Text(messages[m]))) {
      if (!joined.empty()) joined.push_back('\n');
      joined.append(s);
    }
    joined_.Add(m, joined);
  }
  joined_.Finish();
}

std::vector<std::string> ProseTexts::Sentences(size_t index, StoreCursor* cursor) const {
  std::vector<std::string> out;
  std::string read;
  joined_.Get(index, &read, cursor);
  std::string_view joined = read;
  while (!joined.empty()) {
    size_t nl = joined.find('\n');
    out.emplace_back(joined.substr(0, nl));
    joined.remove_prefix(nl == std::string_view::npos ? joined.size() : nl + 1);
  }
  return out;
}

}  // namespace quorum::analyze
