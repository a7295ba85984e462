// SPDX-License-Identifier: Apache-2.0
// Input discovery, parallel per-file parsing, and Message-ID deduplication across inputs.
#include "parse/corpus.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <system_error>
#include <thread>
#include <unordered_map>

#include "core/text.h"
#include "parse/identity.h"
#include "parse/threader.h"

namespace quorum::parse {
namespace {

namespace fs = std::filesystem;

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

void AddDir(const fs::path& dir, std::vector<InputFile>* out) {
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
    std::sort(entries.begin(), entries.end());
    std::vector<fs::path> subdirs;
    for (const fs::path& e : entries) {
      std::error_code ec2;
      if (fs::is_directory(e, ec2)) {
        // Maildir tmp/ holds messages being delivered: never read them.
        if (e.filename() != "tmp" || !fs::is_directory(d / "cur")) subdirs.push_back(e);
      } else if (fs::is_regular_file(e, ec2) && !SkippedName(e)) {
        out->push_back(InputFile{e.string()});
      }
    }
    // Push in reverse so that the first subdirectory is walked first.
    for (auto it = subdirs.rbegin(); it != subdirs.rend(); ++it) stack.push_back(*it);
  }
}

struct FileResult {
  std::vector<Message> messages;
  Diagnostics diagnostics;
  size_t spill_failures = 0;
  std::string spill_error;
};

FileResult ParseFile(const InputFile& in, const CorpusOptions& options) {
  FileResult r;
  ReaderOptions reader_options = options.reader;
  if (reader_options.format == MboxFormat::kAuto && options.recorded_format) {
    reader_options.format = options.recorded_format(in.path);
  }
  auto reader = MboxReader::Open(in.path, reader_options);
  if (!reader.ok()) {
    r.diagnostics.push_back(
        Diagnostic{SourceRef{in.path, 0}, "unreadable-file", reader.error().message});
    return r;
  }
  RawMessage raw;
  Diagnostics reader_diags;
  while (reader.value()->Next(&raw, &reader_diags)) {
    Message m = ParseMessage(raw, in.path, options.parse);
    if (options.spill != nullptr) {
      Status s = options.spill->Spill(&m);
      if (!s.ok() && r.spill_failures++ == 0) r.spill_error = s.error().message;
    }
    // Reader problems about this message travel with it.
    for (Diagnostic& d : reader_diags) {
      if (d.where.offset == raw.offset && d.code == "message-truncated")
        continue;  // reported by ParseMessage
      r.diagnostics.push_back(std::move(d));
    }
    reader_diags.clear();
    r.messages.push_back(std::move(m));
  }
  for (Diagnostic& d : reader_diags) r.diagnostics.push_back(std::move(d));
  return r;
}

bool EarlierMessage(const Message& a, const Message& b) {
  if (a.date.valid != b.date.valid) return a.date.valid;  // undated messages last
  if (a.date.valid && a.date.epoch != b.date.epoch) return a.date.epoch < b.date.epoch;
  return a.message_id < b.message_id;
}

}  // namespace

Result<std::vector<InputFile>> ListInputs(const std::vector<std::string>& paths) {
  std::vector<InputFile> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      return Error{ErrorCode::kNotFound, "parse: " + p + ": no such file or directory"};
    }
    if (fs::is_directory(st)) {
      AddDir(p, &out);
    } else {
      out.push_back(InputFile{p});
    }
  }
  return out;
}

Corpus LoadCorpus(const std::vector<InputFile>& inputs, const CorpusOptions& options) {
  Corpus corpus;
  corpus.files = inputs.size();
  std::vector<FileResult> results(inputs.size());
  int jobs = std::max(1, std::min<int>(options.jobs, static_cast<int>(inputs.size())));
  if (jobs <= 1) {
    for (size_t i = 0; i < inputs.size(); ++i) results[i] = ParseFile(inputs[i], options);
  } else {
    std::atomic<size_t> next{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < jobs; ++t) {
      pool.emplace_back([&] {
        for (size_t i; (i = next.fetch_add(1)) < inputs.size();)
          results[i] = ParseFile(inputs[i], options);
      });
    }
    for (std::thread& th : pool) th.join();
  }

  // Merge in input order, so the first copy of a message wins deterministically.
  std::unordered_map<std::string, std::vector<std::string>> keys_by_id;  // id -> content keys
  for (FileResult& r : results) {
    for (Diagnostic& d : r.diagnostics) corpus.diagnostics.push_back(std::move(d));
    if (corpus.spill_error.empty()) corpus.spill_error = r.spill_error;
    corpus.spill_failures += r.spill_failures;
    for (Message& m : r.messages) {
      ++corpus.raw_messages;
      std::vector<std::string>& keys = keys_by_id[m.message_id];
      if (std::find(keys.begin(), keys.end(), m.content_key) != keys.end()) {
        ++corpus.duplicates;
        continue;
      }
      keys.push_back(m.content_key);
      if (keys.size() > 1) {
        // Same Message-ID, different message: keep it apart under a derived id.
        ++corpus.reused_ids;
        std::string original = m.message_id;
        m.message_id = original + "#" + m.content_key.substr(0, 8);
        m.diagnostics.push_back(Diagnostic{m.source, "reused-message-id",
                                           "Message-ID <" + original +
                                               "> already used by a different message; kept as <" +
                                               m.message_id + ">"});
      }
      corpus.messages.push_back(std::move(m));
    }
    r = FileResult{};
  }
  std::sort(corpus.messages.begin(), corpus.messages.end(), EarlierMessage);
  corpus.threads = BuildThreads(corpus.messages);
  corpus.people = MergeIdentities(corpus.messages);
  corpus.person_of_message = PersonOfMessages(corpus.messages, corpus.people);
  return corpus;
}

}  // namespace quorum::parse
