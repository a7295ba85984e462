// SPDX-License-Identifier: Apache-2.0
// The report pipeline's last step: views, digest, then every file written atomically.
#include "report/publish.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

#include "core/atomic_file.h"
#include "report/csv_output.h"
#include "report/digest.h"
#include "report/proposal_view.h"
#include "report/report_json.h"
#include "report/site.h"
#include "report/sqlite_output.h"

namespace quorum::report {
namespace {

std::optional<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Counts the files in place so far: a failure after the first one leaves a site that mixes
// this run's files with older ones, which is a partial result, not "nothing written".
class WrittenFiles {
 public:
  explicit WrittenFiles(std::string out) : out_(std::move(out)) {}
  // `s` from writing `file` (relative to out): counted when ok, else turned into the error
  // WriteReport returns.
  Status Track(const std::string& file, Status s) {
    if (s.ok()) {
      ++done_;
      return s;
    }
    if (done_ == 0) return s;
    std::string cause = s.error().message;
    for (const std::string& prefix : {"report: " + file + ": ", std::string("report: ")}) {
      if (cause.rfind(prefix, 0) == 0) cause.erase(0, prefix.size());
    }
    return Error{ErrorCode::kPartial, "report: partial output in " + out_ + ": " + file +
                                          " not written (" + cause + "); the " +
                                          std::to_string(done_) + " files before it are in place"};
  }
  Status Track(const std::string& file, const Result<bool>& r) {
    return Track(file, r.ok() ? Status() : Status(r.error()));
  }
  size_t done() const { return done_; }

 private:
  std::string out_;
  size_t done_ = 0;
};

}  // namespace

Status CheckOutDir(const std::string& out) {
  if (out.empty()) {
    return Error{ErrorCode::kUsage, "--out is empty: give the output directory"};
  }
  return Status();
}

Status WriteReport(const ReportModel& model, const std::string& out,
                   const PublishOptions& options) {
  if (Status s = CheckOutDir(out); !s.ok()) {
    return Error{s.error().code, "report: " + s.error().message};
  }
  auto start = std::chrono::steady_clock::now();
  std::error_code ec;
  std::filesystem::create_directories(out + "/p", ec);
  if (ec) return Error{ErrorCode::kIo, "report: " + out + ": " + ec.message()};
  Result<DirLock> lock = DirLock::Acquire(out, kReportLockFile, "output directory");
  if (!lock.ok()) return Error{lock.error().code, "report: " + lock.error().message};
  // Under the lock no other report writes here: every temp file is a killed run's leftover.
  for (const std::string& dir : {out, out + "/p"}) {
    if (Result<int> r = RemoveStaleTemps(dir); !r.ok()) {
      return Error{r.error().code, "report: " + r.error().message};
    }
  }
  std::optional<ReportState> previous;
  if (!options.since) {
    if (auto text = ReadSmallFile(out + "/" + kReportStateFile)) {
      Result<ReportState> st = StateFromJson(*text);
      if (st.ok()) {
        previous = std::move(st).value();
      } else {
        std::fprintf(stderr, "quorum: %s; treating this as a first run\n",
                     st.error().message.c_str());
      }
    }
  }
  std::vector<ProposalView> views = BuildProposalViews(model);
  Digest digest = ComputeDigest(model, views, previous ? &*previous : nullptr, options.since);
  // Each page is written as soon as it is rendered: one page in memory at a time.
  const size_t pages = views.size() + 4;  // + style.css, digest.html, feed.xml, index.html
  WrittenFiles written(out);
  // Proposal pages (p/) are committed without a directory fsync each; p/ is fsynced once,
  // before the first page outside it (index.html, digest.html link to them) is written.
  bool pages_unsynced = false;
  auto sync_pages = [&]() -> Status {
    if (!pages_unsynced) return Status();
    pages_unsynced = false;
    if (Status d = SyncDirectory(out + "/p"); !d.ok()) {
      return Error{d.error().code, "report: " + d.error().message};
    }
    return Status();
  };
  Status s = RenderSite(model, views, digest, [&](const SiteFile& f) {
    const bool page = f.path.starts_with("p/");
    if (!page) {
      if (Status d = sync_pages(); !d.ok()) return written.Track("p/", d);
    }
    Result<bool> put =
        WriteIfChanged(out + "/" + f.path, f.bytes, page ? DirSync::kLater : DirSync::kNow);
    if (page && put.ok() && put.value()) pages_unsynced = true;
    Status w = written.Track(f.path, std::move(put));
    if (options.progress && (written.done() % 25 == 0 || written.done() == pages)) {
      std::fprintf(stderr, "\rquorum: report: %zu/%zu pages", written.done(), pages);
    }
    return w;
  });
  if (options.progress) std::fprintf(stderr, "\n");
  if (s.ok()) {
    if (Status d = sync_pages(); !d.ok()) s = written.Track("p/", d);
  }
  if (!s.ok()) return s;
  s = written.Track("report.json", StreamIfChanged(out + "/report.json", [&](const auto& write) {
                      return WriteReportJson(model, views, digest, write);
                    }));
  if (s.ok()) {
    s = written.Track("votes.csv", WriteIfChanged(out + "/votes.csv", RenderVotesCsv(model)));
  }
  if (s.ok()) s = written.Track("quorum.sqlite", WriteSqlite(model, views, out + "/quorum.sqlite"));
  if (s.ok()) {
    s = written.Track(kReportStateFile, WriteIfChanged(out + "/" + kReportStateFile,
                                                       StateToJson(StateOf(model, views))));
  }
  if (!s.ok()) return s;
  if (!options.quiet) {
    size_t votes = 0, diagnostics = static_cast<size_t>(model.file_diagnostics);
    for (const auto& t : model.vote_threads) votes += t.votes.size();
    for (const auto& m : model.messages) diagnostics += m.diagnostics.size();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr,
                 "quorum: report: %zu messages, %zu threads, %zu proposals, %zu vote threads, "
                 "%zu votes, %zu diagnostics; %zu digest entries (%s); %zu files in %s (%.2fs)\n",
                 model.messages.size(), model.threads.size(), model.proposals.size(),
                 model.vote_threads.size(), votes, diagnostics, digest.entries.size(),
                 digest.basis.c_str(), pages + 4, out.c_str(), secs);
  }
  return Status();
}

}  // namespace quorum::report
