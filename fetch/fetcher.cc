// SPDX-License-Identifier: Apache-2.0
// Month selection, download with retries into a temp file, content checks, atomic replace.
#include "fetch/fetcher.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <random>
#include <thread>
#include <utility>

#include "core/hash.h"
#include "core/time.h"
#include "fetch/content_check.h"
#include "fetch/state.h"

namespace quorum::fetch {
namespace {

constexpr uint64_t kRosterCap = uint64_t{256} << 20;  // committee-info.json is a few MiB
constexpr uint64_t kProgressStep = uint64_t{256} << 10;

// Receives a body into a temp file, hashing and scanning it on the way, under a size cap.
class FileSink : public BodySink {
 public:
  FileSink(TempFile* file, uint64_t cap, bool keep_body, std::function<void(uint64_t)> progress)
      : file_(file), cap_(cap), keep_body_(keep_body), progress_(std::move(progress)) {}

  bool Write(std::string_view data) override {
    if (scanner_.bytes() + data.size() > cap_) {
      too_big_ = true;
      return false;
    }
    if (!file_->Write(data)) {
      write_errno_ = errno;
      return false;
    }
    sha_.Update(data);
    scanner_.Feed(data);
    if (keep_body_) body_.append(data);
    if (progress_ && scanner_.bytes() >= next_progress_) {
      progress_(scanner_.bytes());
      next_progress_ = scanner_.bytes() + kProgressStep;
    }
    return true;
  }

  bool too_big() const { return too_big_; }
  int write_errno() const { return write_errno_; }
  MboxScanner& scanner() { return scanner_; }
  std::string TakeBody() { return std::move(body_); }
  std::string Digest() { return sha_.HexDigest(); }

 private:
  TempFile* file_;
  uint64_t cap_;
  bool keep_body_;
  std::function<void(uint64_t)> progress_;
  uint64_t next_progress_ = 0;
  MboxScanner scanner_;
  Sha256 sha_;
  std::string body_;
  bool too_big_ = false;
  int write_errno_ = 0;
};

struct Download {
  bool ok = false;
  Error error;  // cause only ("http 404"); the caller adds list, month and URL
  std::optional<TempFile> file;
  std::string sha256;
  uint64_t bytes = 0;
  uint64_t messages = 0;
  bool looks_like_mbox = false;
  std::string body;  // only when asked for
  int attempts = 0;
  // Every attempt (or the last) was a close-delimited body cut mid-message: ok is false, error
  // says so, and file holds the last such body (the caller decides whether it is worth keeping).
  bool truncated = false;
};

constexpr const char* kCutCause =
    "body cut short: no Content-Length, not chunked, and it ends mid-message (not on a blank "
    "line)";

struct Clock {
  std::function<int64_t()> now;
  std::function<void(Millis)> sleep;
  std::function<double()> random;
};

Clock MakeClock(const FetchEnv& env, std::mt19937_64* rng) {
  Clock c;
  c.now = env.now ? env.now : [] { return static_cast<int64_t>(std::time(nullptr)); };
  c.sleep = env.sleep ? env.sleep : [](Millis d) { std::this_thread::sleep_for(d); };
  c.random = env.random ? env.random
                        : [rng] { return std::uniform_real_distribution<double>(0.0, 1.0)(*rng); };
  return c;
}

// GETs `url` into a fresh temp file in `dir`, retrying transient failures per the policy.
// Each attempt starts a new temp file, so a failed attempt never leaves bytes behind. With
// `mbox_body`, a close-delimited body that does not end on a message boundary was cut on the
// way: a transient failure like a reset connection.
Download DownloadWithRetry(const std::string& url, const std::string& dir, std::string_view stem,
                           uint64_t cap, bool keep_body, bool mbox_body, const RetryPolicy& policy,
                           HttpClient* http, const Clock& clock,
                           const std::function<void(uint64_t)>& progress) {
  Download d;
  Millis waited{0};
  for (int attempt = 0;; ++attempt) {
    d.file.reset();  // a cut body of the previous attempt: superseded
    d.truncated = false;
    auto tmp = TempFile::Create(dir, stem);
    if (!tmp.ok()) {
      d.error = tmp.error();
      return d;
    }
    TempFile file = std::move(tmp).value();
    FileSink sink(&file, cap, keep_body, progress);
    HttpResult r = http->Get(url, &sink);
    ++d.attempts;
    bool retry = false;
    std::optional<Millis> server_wait;
    if (r.kind == HttpResult::Kind::kResponse && r.status >= 200 && r.status < 300) {
      sink.scanner().Finish();
      d.bytes = sink.scanner().bytes();
      d.messages = sink.scanner().messages();
      d.looks_like_mbox = sink.scanner().looks_like_mbox();
      d.sha256 = sink.Digest();
      d.body = sink.TakeBody();
      d.file.emplace(std::move(file));
      d.truncated = mbox_body && r.close_delimited && d.looks_like_mbox &&
                    !sink.scanner().ends_on_message_boundary();
      d.ok = !d.truncated;
      if (d.ok) return d;
      d.error = Error{ErrorCode::kNetwork, kCutCause};
      retry = true;
    } else {
      file.Discard();
      if (r.kind == HttpResult::Kind::kAborted) {
        if (sink.too_big()) {
          d.error =
              Error{ErrorCode::kRefused, "body larger than " + std::to_string(cap) + " bytes"};
        } else {
          d.error = Error{ErrorCode::kIo, std::string("cannot write temp file: ") +
                                              std::strerror(sink.write_errno())};
        }
      } else if (r.kind == HttpResult::Kind::kTransport) {
        d.error = Error{ErrorCode::kNetwork, r.cause};
        retry = r.retryable;
      } else {
        d.error = Error{ErrorCode::kHttp, "http " + std::to_string(r.status)};
        retry = IsRetryableStatus(r.status);
        if (retry && !r.retry_after.empty()) {
          if (auto s = ParseRetryAfter(r.retry_after, clock.now())) {
            server_wait = ClampRetryAfter(policy, *s);
          }
        }
      }
    }
    if (!retry) return d;
    if (attempt + 1 >= policy.max_attempts) {
      d.error.message += " (gave up after " + std::to_string(d.attempts) + " attempts)";
      return d;
    }
    Millis wait = server_wait ? *server_wait : BackoffDelay(policy, attempt, clock.random());
    if (waited + wait > policy.max_total_wait) {
      d.error.message +=
          " (retry time budget exhausted after " + std::to_string(d.attempts) + " attempts)";
      return d;
    }
    clock.sleep(wait);
    waited += wait;
  }
}

// What we hold for a month, from the state file when it matches the file on disk.
struct Held {
  bool exists = false;
  bool recorded = false;  // the state record matches the file (by size)
  uint64_t bytes = 0;
  uint64_t messages = 0;
  std::string sha256;
  // The copy holds the whole month as served: recorded so, or for a version 1 record (which
  // did not say) or no record, the file ends on a message boundary.
  bool complete = false;
};

Held InspectHeld(const std::string& path, const MonthRecord* record) {
  Held h;
  struct stat st;
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return h;
  h.exists = true;
  if (record && record->bytes == static_cast<uint64_t>(st.st_size)) {
    h.recorded = true;
    h.bytes = record->bytes;
    h.messages = record->messages;
    h.sha256 = record->sha256;
    h.complete = record->complete == Completeness::kComplete ||
                 (record->complete == Completeness::kUnknown && FileEndsOnMessageBoundary(path));
    return h;
  }
  // No record, or the file changed behind our back (e.g. a kill between rename and state
  // write): count what is really there, so the shrink guard compares against it.
  MboxScanner scanner;
  ScanMboxFile(path, &scanner, &h.sha256);
  h.bytes = scanner.bytes();
  h.messages = scanner.messages();
  h.complete = scanner.ends_on_message_boundary();
  return h;
}

Status MakeDir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error{ErrorCode::kIo, "cannot create directory " + dir + ": " + ec.message()};
  return Status::Ok();
}

}  // namespace

size_t ListReport::failed() const { return Tally().failed; }

bool ListReport::usable() const {
  for (const MonthReport& m : months) {
    if (m.outcome != MonthOutcome::kFailed) return true;
  }
  return false;
}

MonthTally ListReport::Tally() const {
  MonthTally t;
  for (const MonthReport& m : months) {
    switch (m.outcome) {
      case MonthOutcome::kWritten:
        ++t.written;
        break;
      case MonthOutcome::kUnchanged:
        ++t.unchanged;
        break;
      case MonthOutcome::kKept:
        ++t.kept;
        break;
      case MonthOutcome::kFailed:
        ++t.failed;
        break;
      case MonthOutcome::kIncomplete:
        ++t.failed;
        ++t.incomplete;
        break;
    }
  }
  return t;
}

Result<Archive> Archive::Open(const std::string& dir) {
  if (Status s = MakeDir(dir); !s.ok()) return Error{s.error().code, "fetch: " + s.error().message};
  auto lock = DirLock::Acquire(dir);
  if (!lock.ok()) return Error{lock.error().code, "fetch: " + lock.error().message};
  // Under the lock, no other job is writing: any temp file is a leftover of a killed run.
  auto removed = RemoveStaleTemps(dir);
  if (!removed.ok()) return Error{removed.error().code, "fetch: " + removed.error().message};
  // Explicit increment(ec): the range-for form throws on a read error.
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code ec2;
    if (it->is_directory(ec2) && !it->is_symlink(ec2)) {
      auto r = RemoveStaleTemps(it->path().string());
      if (!r.ok()) return Error{r.error().code, "fetch: " + r.error().message};
    }
  }
  return Archive(dir, std::move(lock).value());
}

Result<ListReport> Archive::FetchList(const ListId& list, YearMonth from,
                                      std::optional<YearMonth> to, const FetchOptions& options,
                                      const FetchEnv& env) {
  std::mt19937_64 rng{std::random_device{}()};
  Clock clock = MakeClock(env, &rng);
  const std::string name = list.Full();
  const YearMonth current = MonthOfEpoch(clock.now());
  YearMonth last = to.value_or(current);
  if (last > current) last = current;  // later months cannot hold mail yet
  if (from > last) {
    return Error{ErrorCode::kUsage, "fetch: " + name + ": empty range " + FormatYearMonth(from) +
                                        " to " + FormatYearMonth(last) + " (current month " +
                                        FormatYearMonth(current) + ")"};
  }
  auto base = NormalizeBaseUrl(options.base_url.empty() ? DefaultBaseUrl(options.source)
                                                        : options.base_url);
  if (!base.ok()) return Error{ErrorCode::kUsage, "fetch: " + base.error().message};

  const std::string list_dir = dir_ + "/" + name;
  if (Status s = MakeDir(list_dir); !s.ok()) {
    return Error{s.error().code, "fetch: " + name + ": " + s.error().message};
  }
  const std::string state_path = list_dir + "/" + kStateFileName;
  auto loaded = LoadListState(state_path);
  if (!loaded.ok())
    return Error{loaded.error().code, "fetch: " + name + ": " + loaded.error().message};
  ListState state = std::move(loaded).value();

  size_t total = 0;
  for (YearMonth m = from; m <= last; m = NextMonth(m)) ++total;
  const YearMonth refresh_from = PrevMonth(current);  // late mail lands in these two months

  ListReport report;
  report.list = name;
  size_t k = 0;
  for (YearMonth m = from; m <= last; m = NextMonth(m)) {
    ++k;
    const std::string ym = FormatYearMonth(m);
    const std::string path = list_dir + "/" + ym + ".mbox";
    MonthReport mr;
    mr.month = m;
    mr.url = MonthUrl(options.source, base.value(), list, m);
    auto rec_it = state.find(ym);
    const MonthRecord* record = rec_it == state.end() ? nullptr : &rec_it->second;
    Held held = InspectHeld(path, record);
    auto fail = [&](ErrorCode code, const std::string& cause) {
      mr.outcome = MonthOutcome::kFailed;
      mr.error = Error{code, "fetch: " + name + " " + ym + ": " + mr.url + ": " + cause};
      mr.bytes = held.bytes;
      mr.messages = held.messages;
    };

    // A copy held incomplete is asked for again, however old its month.
    if (held.exists && held.recorded && held.complete && m < refresh_from && !options.refresh) {
      mr.outcome = MonthOutcome::kKept;
      mr.bytes = held.bytes;
      mr.messages = held.messages;
      report.months.push_back(std::move(mr));
      continue;
    }
    std::function<void(uint64_t)> progress;
    if (env.progress) {
      progress = [&env, &name, &ym, k, total](uint64_t bytes) {
        env.progress(name, ym, k, total, bytes);
      };
    }
    Download d = DownloadWithRetry(mr.url, list_dir, ym + ".mbox", options.max_bytes, false, true,
                                   options.retry, env.http, clock, progress);
    mr.attempts = d.attempts;
    const Completeness completeness =
        d.truncated ? Completeness::kTruncated : Completeness::kComplete;
    if (!d.ok && !d.truncated) {
      fail(d.error.code, d.error.message);
    } else if (!d.looks_like_mbox) {
      fail(ErrorCode::kInvalidData, "not an mbox (the body does not start with a From_ line)");
    } else if (d.truncated && held.exists && (held.complete || d.messages < held.messages)) {
      // A cut body never replaces a complete copy, nor a longer incomplete one.
      fail(d.error.code, d.error.message + "; kept the copy held (" +
                             std::to_string(held.messages) + " messages" +
                             (held.complete ? ")" : ", incomplete: asked for again next run)"));
      if (!held.complete) mr.outcome = MonthOutcome::kIncomplete;
    } else if (!d.truncated && held.exists && d.messages < held.messages && !options.allow_shrink) {
      fail(ErrorCode::kRefused, "would shrink from " + std::to_string(held.messages) + " to " +
                                    std::to_string(d.messages) +
                                    " messages; kept the copy held (--allow-shrink accepts it)");
    } else {
      MonthRecord nr{ym,       MboxFormatOf(options.source), d.messages, d.bytes,
                     d.sha256, FormatIsoUtc(clock.now()),    mr.url,     completeness};
      mr.bytes = d.bytes;
      mr.messages = d.messages;
      if (held.exists && d.sha256 == held.sha256) {
        mr.outcome = MonthOutcome::kUnchanged;
        d.file->Discard();
        if (held.recorded) {
          nr = *record;  // nothing changed: leave the state file alone, unless it did not say
          nr.complete = completeness;  // whether the month is complete (a version 1 line)
        }
      } else {
        Status s = d.file->Commit(path);
        if (!s.ok()) {
          fail(s.error().code, s.error().message);
          held = InspectHeld(path, nullptr);  // a failed rename leaves the old file in place
        } else {
          mr.outcome = MonthOutcome::kWritten;
        }
      }
      if (d.truncated && mr.outcome != MonthOutcome::kFailed) {
        // Better than nothing to read tonight, but the month failed: say so, ask again.
        mr.outcome = MonthOutcome::kIncomplete;
        mr.error = Error{d.error.code, "fetch: " + name + " " + ym + ": " + mr.url + ": " +
                                           d.error.message + "; holding the " +
                                           std::to_string(d.messages) +
                                           " messages received, incomplete: asked for again "
                                           "next run"};
      }
      if (mr.outcome != MonthOutcome::kFailed && (!record || !(*record == nr))) {
        state[ym] = nr;
        if (Status s = SaveListState(state_path, state); !s.ok()) {
          fail(s.error().code, s.error().message);
        }
      }
    }
    if (progress) progress(mr.bytes);
    report.months.push_back(std::move(mr));
  }
  return report;
}

Result<bool> Archive::FetchRoster(const std::string& base_url, const FetchOptions& options,
                                  const FetchEnv& env) {
  std::mt19937_64 rng{std::random_device{}()};
  Clock clock = MakeClock(env, &rng);
  auto base = NormalizeBaseUrl(base_url.empty() ? "https://whimsy.apache.org" : base_url);
  if (!base.ok()) return Error{ErrorCode::kUsage, "fetch: " + base.error().message};
  const std::string url = base.value() + "/public/committee-info.json";
  const std::string path = roster_path();
  auto prefix = [&url] { return "fetch: roster: " + url + ": "; };
  Download d =
      DownloadWithRetry(url, dir_, "committee-info.json", std::min(options.max_bytes, kRosterCap),
                        true, false, options.retry, env.http, clock, nullptr);
  if (!d.ok) return Error{d.error.code, prefix() + d.error.message};
  if (!IsJsonObjectWithKey(d.body, "committees")) {
    return Error{ErrorCode::kInvalidData,
                 prefix() + "not committee-info json (no object with a \"committees\" key)"};
  }
  MboxScanner unused;
  std::string held_sha;
  if (ScanMboxFile(path, &unused, &held_sha) && held_sha == d.sha256) {
    d.file->Discard();
    return false;
  }
  if (Status s = d.file->Commit(path); !s.ok())
    return Error{s.error().code, prefix() + s.error().message};
  return true;
}

}  // namespace quorum::fetch
