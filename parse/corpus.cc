// SPDX-License-Identifier: Apache-2.0
// Input discovery, parallel per-file parsing, and Message-ID deduplication across inputs.
#include "parse/corpus.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <iterator>
#include <mutex>
#include <string_view>
#include <system_error>
#include <thread>
#include <unordered_map>

#include "core/text.h"
#include "parse/identity.h"
#include "parse/threader.h"

namespace quorum::parse {
namespace {

namespace fs = std::filesystem;

constexpr char kTooManyMessages[] = "too-many-messages";

bool Hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

// Files quorum itself writes next to archives, and obvious non-mail, are not inputs.
bool SkippedName(const fs::path& p) {
  std::string name = p.filename().string();
  std::string ext = AsciiLower(p.extension().string());
  return name == "state.json" || name == "committee-info.json" || ext == ".json" || ext == ".md" ||
         ext == ".yaml" || ext == ".yml" || ext == ".lock" || ext == ".tmp" || ext == ".toml";
}

// A directory that cannot be listed (or listed to its end) is a diagnostic, and the walk goes on.
void AddDir(const fs::path& dir, InputList* out) {
  // Iterative walk; entries sorted for a deterministic order.
  std::vector<fs::path> stack{dir};
  while (!stack.empty()) {
    fs::path d = stack.back();
    stack.pop_back();
    std::vector<fs::path> entries;
    std::error_code ec;
    for (fs::directory_iterator it(d, ec), end; !ec && it != end; it.increment(ec)) {
      if (!Hidden(it->path())) entries.push_back(it->path());
    }
    if (ec) {
      out->diagnostics.push_back(
          Diagnostic{SourceRef{d.string(), 0}, "unreadable-directory",
                     "cannot read the directory (" + ec.message() + "): its files are not read"});
    }
    std::sort(entries.begin(), entries.end());
    std::vector<fs::path> subdirs;
    for (const fs::path& e : entries) {
      std::error_code ec2;
      if (fs::is_directory(e, ec2)) {
        // Maildir tmp/ holds messages being delivered: never read them.
        if (e.filename() != "tmp" || !fs::is_directory(d / "cur")) subdirs.push_back(e);
      } else if (fs::is_regular_file(e, ec2) && !SkippedName(e)) {
        out->files.push_back(InputFile{e.string()});
      }
    }
    // Push in reverse so that the first subdirectory is walked first.
    for (auto it = subdirs.rbegin(); it != subdirs.rend(); ++it) stack.push_back(*it);
  }
}

// The per-run message limit (CorpusOptions::max_messages), shared by the parsing threads.
class MessageBudget {
 public:
  explicit MessageBudget(size_t limit) : limit_(limit) {}
  // True when one more message may be parsed. The first refusal says why in *diags.
  bool Take(const std::string& file, uint64_t offset, Diagnostics* diags) {
    if (limit_ == 0) return true;
    size_t n = taken_.fetch_add(1, std::memory_order_relaxed);
    if (n < limit_) return true;
    if (n == limit_) {
      diags->push_back(
          Diagnostic{SourceRef{file, offset}, kTooManyMessages,
                     "the inputs hold more than " + std::to_string(limit_) +
                         " messages, the per-run limit (--max-messages): reading stopped here"});
    }
    return false;
  }

 private:
  const size_t limit_;
  std::atomic<size_t> taken_{0};
};

struct FileResult {
  std::vector<Message> messages;
  Diagnostics diagnostics;
  size_t spill_failures = 0;
  std::string spill_error;
  size_t unspilled = 0;        // messages[unspilled..] still hold texts bound for the store
  size_t unspilled_bytes = 0;  // ... this many bytes
};

constexpr size_t kSpillBlockBytes = 1 << 20;  // texts are written to the store in such blocks

// Moves the texts of the messages parsed since the last flush to the spill store, in one write.
void FlushSpill(const CorpusOptions& options, FileResult* r) {
  if (options.spill != nullptr && r->unspilled < r->messages.size()) {
    std::vector<Message*> block;
    block.reserve(r->messages.size() - r->unspilled);
    for (size_t i = r->unspilled; i < r->messages.size(); ++i) block.push_back(&r->messages[i]);
    Status s = options.spill->SpillAll(block);
    if (!s.ok()) {
      if (r->spill_failures == 0) r->spill_error = s.error().message;
      r->spill_failures += block.size();
    }
  }
  r->unspilled = r->messages.size();
  r->unspilled_bytes = 0;
}

// Parses one raw message into *r, with the reader's diagnostics about it. The one step that the
// sequential, batched and piecewise paths share. Texts wait in *r for FlushSpill.
void TakeMessage(const RawMessage& raw, const std::string& path, const CorpusOptions& options,
                 Diagnostics* reader_diags, FileResult* r) {
  Message m = ParseMessage(raw, path, options.parse);
  // Reader problems about this message travel with it.
  for (Diagnostic& d : *reader_diags) {
    if (d.where.offset == raw.offset && d.code == "message-truncated")
      continue;  // reported by ParseMessage
    r->diagnostics.push_back(std::move(d));
  }
  reader_diags->clear();
  r->unspilled_bytes += m.body.size() + m.text.size();
  r->messages.push_back(std::move(m));
  if (r->unspilled_bytes >= kSpillBlockBytes) FlushSpill(options, r);
}

// One file's results as consecutive stretches of it, in file order (one stretch when the file
// is read on one thread). LoadCorpus takes them in turn: no stretch is copied into another.
using Parts = std::vector<FileResult>;

// Runs fn(i) for i in [0, n) on `jobs` threads, each taking the next index.
template <typename Fn>
void ForEachOnThreads(size_t n, int jobs, const Fn& fn) {
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < jobs; ++t) {
    pool.emplace_back([&] {
      for (size_t i; (i = next.fetch_add(1)) < n;) fn(i);
    });
  }
  for (std::thread& th : pool) th.join();
}

// Every message `reader` gives, parsed into *r, within the run's message budget.
void ReadAll(MboxReader* reader, const std::string& path, const CorpusOptions& options,
             MessageBudget* budget, FileResult* r) {
  RawMessage raw;
  Diagnostics reader_diags;
  while (reader->Next(&raw, &reader_diags)) {
    if (!budget->Take(path, raw.offset, &reader_diags)) break;
    TakeMessage(raw, path, options, &reader_diags, r);
  }
  FlushSpill(options, r);
  for (Diagnostic& d : reader_diags) r->diagnostics.push_back(std::move(d));
}

// Raw messages copied out of the reader, so that another thread can parse them while the reader
// goes on. The messages are exactly those of the sequential read, so both cores can work on one
// big mbox with byte-identical results.
struct Batch {
  struct Item {
    size_t bytes_at = 0, bytes_len = 0, from_at = 0, from_len = 0;
    uint64_t offset = 0, size = 0;
    bool truncated = false, ended_early = false;
    Diagnostics reader_diags;
  };
  std::string bytes;
  std::vector<Item> items;
  FileResult* result = nullptr;  // where the parsed messages go

  void Add(const RawMessage& raw, Diagnostics* reader_diags) {
    Item it;
    it.from_at = bytes.size();
    it.from_len = raw.from_line.size();
    bytes.append(raw.from_line);
    it.bytes_at = bytes.size();
    it.bytes_len = raw.bytes.size();
    bytes.append(raw.bytes);
    it.offset = raw.offset;
    it.size = raw.size;
    it.truncated = raw.truncated;
    it.ended_early = raw.ended_early;
    it.reader_diags = std::move(*reader_diags);
    reader_diags->clear();
    items.push_back(std::move(it));
  }

  void Parse(const std::string& path, const CorpusOptions& options) {
    result->messages.reserve(items.size());
    for (Item& it : items) {
      RawMessage raw;
      raw.bytes = std::string_view(bytes).substr(it.bytes_at, it.bytes_len);
      raw.from_line = std::string_view(bytes).substr(it.from_at, it.from_len);
      raw.offset = it.offset;
      raw.size = it.size;
      raw.truncated = it.truncated;
      raw.ended_early = it.ended_early;
      TakeMessage(raw, path, options, &it.reader_diags, result);
    }
    FlushSpill(options, result);
  }
};

constexpr size_t kBatchBytes = 1 << 20;  // big enough to amortise the hand-off, small enough
constexpr size_t kBatchItems = 256;      // to keep both cores busy on a 10 MB file

// One file read on this thread and parsed on `jobs` others, batch by batch; the results are
// put together in file order.
Parts ParseBatched(MboxReader* reader, const std::string& path, const CorpusOptions& options,
                   int jobs, MessageBudget* budget) {
  std::deque<FileResult> parts;  // one per batch; deque: addresses stay put as it grows
  std::deque<Batch> queue;
  std::mutex mu;
  std::condition_variable work_ready, space_free;
  bool finished = false;
  const size_t max_waiting = 2 * static_cast<size_t>(jobs);  // bounds the copied bytes
  std::vector<std::thread> pool;
  for (int t = 0; t < jobs; ++t) {
    pool.emplace_back([&] {
      for (;;) {
        Batch b;
        {
          std::unique_lock<std::mutex> lock(mu);
          work_ready.wait(lock, [&] { return finished || !queue.empty(); });
          if (queue.empty()) return;
          b = std::move(queue.front());
          queue.pop_front();
        }
        space_free.notify_one();
        b.Parse(path, options);
      }
    });
  }
  auto hand_off = [&](Batch&& b) {
    std::unique_lock<std::mutex> lock(mu);
    space_free.wait(lock, [&] { return queue.size() < max_waiting; });
    parts.emplace_back();
    b.result = &parts.back();
    queue.push_back(std::move(b));
    lock.unlock();
    work_ready.notify_one();
  };
  RawMessage raw;
  Diagnostics reader_diags;
  Batch batch;
  while (reader->Next(&raw, &reader_diags)) {
    if (!budget->Take(path, raw.offset, &reader_diags)) break;
    batch.Add(raw, &reader_diags);
    if (batch.bytes.size() >= kBatchBytes || batch.items.size() >= kBatchItems) {
      hand_off(std::move(batch));
      batch = Batch{};
    }
  }
  if (!batch.items.empty()) hand_off(std::move(batch));
  {
    std::lock_guard<std::mutex> lock(mu);
    finished = true;
  }
  work_ready.notify_all();
  for (std::thread& th : pool) th.join();
  Parts r(std::make_move_iterator(parts.begin()), std::make_move_iterator(parts.end()));
  r.emplace_back().diagnostics = std::move(reader_diags);  // after the messages they follow
  return r;
}

// Reads [begin, end) of a plain mbox (a piece between two cut points) into *r.
void ParsePiece(const std::string& path, const ReaderOptions& reader_options, uint64_t begin,
                uint64_t end, const CorpusOptions& options, MessageBudget* budget, FileResult* r) {
  auto reader = MboxReader::OpenRange(path, reader_options, begin, end);
  if (!reader.ok()) {
    r->diagnostics.push_back(
        Diagnostic{SourceRef{path, begin}, "unreadable-file", reader.error().message});
    return;
  }
  ReadAll(reader.value().get(), path, options, budget, r);
}

// A plain mbox cut at From_ lines into pieces that `jobs` threads read and parse on their own;
// the merge takes the results in file order. Four pieces per thread even out uneven pieces.
Parts ParsePieces(const std::string& path, const std::vector<uint64_t>& cuts, uint64_t size,
                  const ReaderOptions& reader_options, const CorpusOptions& options, int jobs,
                  MessageBudget* budget) {
  Parts parts(cuts.size());
  ForEachOnThreads(cuts.size(), jobs, [&](size_t i) {
    uint64_t end = i + 1 < cuts.size() ? cuts[i + 1] : size;
    ParsePiece(path, reader_options, cuts[i], end, options, budget, &parts[i]);
  });
  return parts;
}

constexpr uint64_t kMinPieceBytes = 4 << 20;

// `jobs` > 1: the file is parsed on that many threads, in pieces (ParsePieces) when it is a big
// plain mbox, else batch by batch behind one reader (ParseBatched: gzip).
Parts ParseFile(const InputFile& in, const CorpusOptions& options, int jobs,
                MessageBudget* budget) {
  Parts parts(1);
  FileResult& r = parts[0];
  ReaderOptions reader_options = options.reader;
  if (reader_options.format == MboxFormat::kAuto && options.recorded_format) {
    reader_options.format = options.recorded_format(in.path);
  }
  auto reader = MboxReader::Open(in.path, reader_options);
  if (!reader.ok()) {
    r.diagnostics.push_back(
        Diagnostic{SourceRef{in.path, 0}, "unreadable-file", reader.error().message});
    return parts;
  }
  if (jobs > 1) {
    uint64_t size = 0;
    std::vector<uint64_t> cuts =
        MboxCutPoints(in.path, 4 * static_cast<size_t>(jobs), kMinPieceBytes, &size);
    if (cuts.size() > 1) {
      reader_options.format = reader.value()->format();  // the whole file's dialect
      reader.value().reset();
      return ParsePieces(in.path, cuts, size, reader_options, options, jobs, budget);
    }
    return ParseBatched(reader.value().get(), in.path, options, jobs, budget);
  }
  ReadAll(reader.value().get(), in.path, options, budget, &r);
  return parts;
}

// The corpus order: by date, undated messages last, then by Message-ID, then in input order.
// Sorts compact keys, then moves each message once: a Message is big, and std::sort would move
// it some n log n times (and compare far apart messages).
void SortMessages(std::vector<Message>* messages) {
  struct Key {
    bool undated;
    int64_t epoch;  // 0 when undated
    const std::string* id;
    size_t index;
  };
  std::vector<Key> keys;
  keys.reserve(messages->size());
  for (size_t i = 0; i < messages->size(); ++i) {
    const Message& m = (*messages)[i];
    keys.push_back(Key{!m.date.valid, m.date.valid ? m.date.epoch : 0, &m.message_id, i});
  }
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    if (a.undated != b.undated) return b.undated;
    if (a.epoch != b.epoch) return a.epoch < b.epoch;
    if (int c = a.id->compare(*b.id); c != 0) return c < 0;
    return a.index < b.index;
  });
  std::vector<Message> sorted;
  sorted.reserve(messages->size());
  for (const Key& k : keys) sorted.push_back(std::move((*messages)[k.index]));
  *messages = std::move(sorted);
}

}  // namespace

Result<InputList> ListInputs(const std::vector<std::string>& paths) {
  InputList out;
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      return Error{ErrorCode::kNotFound, "parse: " + p + ": no such file or directory"};
    }
    if (fs::is_directory(st)) {
      AddDir(p, &out);
    } else {
      out.files.push_back(InputFile{p});
    }
  }
  return out;
}

Corpus LoadCorpus(const std::vector<InputFile>& inputs, const CorpusOptions& options) {
  Corpus corpus;
  corpus.files = inputs.size();
  std::vector<Parts> results(inputs.size());
  MessageBudget budget(options.max_messages);
  const int jobs = std::max(1, options.jobs);
  if (jobs == 1 || inputs.size() < 2 * static_cast<size_t>(jobs)) {
    // Few files (one big mbox is common): each file in turn, its messages on `jobs` threads.
    for (size_t i = 0; i < inputs.size(); ++i)
      results[i] = ParseFile(inputs[i], options, jobs, &budget);
  } else {
    // Many files: one file per thread.
    ForEachOnThreads(inputs.size(), jobs,
                     [&](size_t i) { results[i] = ParseFile(inputs[i], options, 1, &budget); });
  }

  size_t total = 0;
  for (const Parts& parts : results) {
    for (const FileResult& r : parts) total += r.messages.size();
  }
  corpus.messages.reserve(total);
  // Merge in input order, so the first copy of a message wins deterministically. `first` maps
  // an id to the first message kept with it (a view of its id: corpus.messages never moves
  // here, and the first one keeps its id); `same_id` chains the later ones with that id.
  constexpr uint32_t kNone = UINT32_MAX;
  std::unordered_map<std::string_view, uint32_t> first;
  first.reserve(total);
  std::vector<uint32_t> same_id;
  same_id.reserve(total);
  Parts stretches;  // every file's stretches, in input order (moving one moves no message)
  for (Parts& parts : results) {
    for (FileResult& r : parts) stretches.push_back(std::move(r));
  }
  for (FileResult& r : stretches) {
    for (Diagnostic& d : r.diagnostics) corpus.diagnostics.push_back(std::move(d));
    if (corpus.spill_error.empty()) corpus.spill_error = r.spill_error;
    corpus.spill_failures += r.spill_failures;
    for (Message& m : r.messages) {
      ++corpus.raw_messages;
      const uint32_t index = static_cast<uint32_t>(corpus.messages.size());
      auto found = first.find(m.message_id);
      if (found != first.end()) {
        uint32_t last = found->second;
        bool duplicate = false;
        for (uint32_t k = found->second; k != kNone; k = same_id[k]) {
          if (corpus.messages[k].content_key == m.content_key) {
            duplicate = true;
            break;
          }
          last = k;
        }
        if (duplicate) {
          ++corpus.duplicates;
          continue;
        }
        // Same Message-ID, different message: keep it apart under a derived id.
        ++corpus.reused_ids;
        same_id[last] = index;
        std::string original = m.message_id;
        m.message_id = original + "#" + m.content_key.substr(0, 8);
        m.diagnostics.push_back(Diagnostic{m.source, "reused-message-id",
                                           "Message-ID <" + original +
                                               "> already used by a different message; kept as <" +
                                               m.message_id + ">"});
      }
      corpus.messages.push_back(std::move(m));
      same_id.push_back(kNone);
      if (found == first.end()) first.emplace(corpus.messages.back().message_id, index);
    }
    r = FileResult{};
  }
  SortMessages(&corpus.messages);
  // Threads and people read the same sorted messages and nothing else: with two or more jobs
  // they are built side by side.
  auto people = [&corpus] {
    corpus.people = MergeIdentities(corpus.messages);
    corpus.person_of_message = PersonOfMessages(corpus.messages, corpus.people);
  };
  if (jobs > 1) {
    std::thread other(people);
    corpus.threads = BuildThreads(corpus.messages);
    other.join();
  } else {
    corpus.threads = BuildThreads(corpus.messages);
    people();
  }
  return corpus;
}

Result<Corpus> ReadInputs(const std::vector<std::string>& paths, CorpusOptions options) {
  Result<InputList> listed = ListInputs(paths);
  if (!listed.ok()) return listed.error();
  // Bodies and own texts go to a temporary file as they are parsed: memory then follows the
  // number of messages, not the size of the mail (docs/scale.md). Without one, they stay in
  // memory and the run goes on.
  std::shared_ptr<TextStore> store;
  std::string store_error;
  if (options.parse.decode_body && options.spill == nullptr) {
    Result<std::shared_ptr<TextStore>> made = TextStore::Create();
    if (made.ok()) {
      store = std::move(made).value();
      options.spill = store.get();
    } else {
      store_error = made.error().message;
    }
  }
  Corpus corpus = LoadCorpus(listed.value().files, options);
  corpus.texts = std::move(store);
  if (!store_error.empty()) {  // every text stayed in memory
    corpus.spill_error = store_error;
    corpus.spill_failures = corpus.messages.size();
  }
  const Diagnostics& unlisted = listed.value().diagnostics;  // before the files' own
  corpus.diagnostics.insert(corpus.diagnostics.begin(), unlisted.begin(), unlisted.end());
  return corpus;
}

InputOutcome JudgeInputs(const Corpus& corpus) {
  size_t failed = 0;
  for (const Diagnostic& d : corpus.diagnostics) {
    if (d.code == kTooManyMessages) return InputOutcome::kOverLimit;
    // What was in the inputs and is missing from the corpus. Not "not-a-message" or
    // "empty-file": such a file holds no mail to miss.
    for (const char* code : {"unreadable-file", "unreadable-directory", "read-error",
                             "truncated-gzip", "corrupt-gzip", "incomplete-message"}) {
      if (d.code == code) ++failed;
    }
  }
  if (failed == 0) return InputOutcome::kComplete;
  return corpus.messages.empty() ? InputOutcome::kNothingRead : InputOutcome::kPartial;
}

}  // namespace quorum::parse
