// SPDX-License-Identifier: Apache-2.0
// The report pipeline: model, views, digest, then every file written atomically.
#include "cli/report_builder.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <vector>

#include "analyze/analysis.h"
#include "fetch/atomic_file.h"
#include "report/csv_output.h"
#include "report/digest.h"
#include "report/proposal_view.h"
#include "report/report_json.h"
#include "report/site.h"
#include "report/sqlite_output.h"

namespace quorum::cli {
namespace {

constexpr const char* kStateFile = ".quorum-report-state.json";

std::optional<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Replaces `path` with `bytes` atomically, unless it already holds exactly those bytes: a
// nightly re-run on unchanged mail leaves the files (and their mtimes) alone.
Status WriteIfChanged(const std::string& path, const std::string& bytes) {
  std::optional<std::string> old = ReadSmallFile(path);
  if (old && *old == bytes) return Status();
  return fetch::WriteFileAtomic(path, bytes);
}

// True when the files at `a` and `b` hold the same bytes (false when either is unreadable).
bool SameFileContent(const std::string& a, const std::string& b) {
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  if (!fa || !fb) return false;
  std::vector<char> ba(1 << 16), bb(1 << 16);
  while (true) {
    fa.read(ba.data(), static_cast<std::streamsize>(ba.size()));
    fb.read(bb.data(), static_cast<std::streamsize>(bb.size()));
    if (fa.gcount() != fb.gcount()) return false;
    if (fa.gcount() == 0) return true;
    if (!std::equal(ba.begin(), ba.begin() + fa.gcount(), bb.begin())) return false;
  }
}

// WriteIfChanged for a file produced piece by piece: the pieces go to a temp file beside
// `path` (in 1 MiB writes), which then replaces `path` unless `path` already holds the same
// bytes. Memory: one piece and the write buffer, whatever the size of the file.
Status StreamIfChanged(
    const std::string& path,
    const std::function<Status(const std::function<Status(std::string_view)>&)>& produce) {
  std::string dir = path.substr(0, path.rfind('/'));
  Result<fetch::TempFile> tmp = fetch::TempFile::Create(dir, path.substr(path.rfind('/') + 1));
  if (!tmp.ok()) return tmp.error();
  fetch::TempFile& file = tmp.value();
  std::string buffer;
  auto flush = [&]() -> Status {
    if (!file.Write(buffer)) {
      return Error{ErrorCode::kIo,
                   "report: cannot write " + file.path() + ": " + std::strerror(errno)};
    }
    buffer.clear();
    return Status();
  };
  Status s = produce([&](std::string_view piece) -> Status {
    buffer += piece;
    return buffer.size() >= (1u << 20) ? flush() : Status();
  });
  if (s.ok()) s = flush();
  if (!s.ok()) return s;  // the temp file is removed with `tmp`
  if (SameFileContent(file.path(), path)) {
    file.Discard();
    return Status();
  }
  return file.Commit(path);
}

}  // namespace

Result<ReportModel> BuildReportModel(parse::Corpus* corpus, const std::vector<std::string>& inputs,
                                     const Roster* roster, int jobs) {
  analyze::AnalysisOptions options;
  options.roster = roster;
  options.jobs = jobs;
  Result<Analysis> analysis = analyze::Analyze(*corpus, options);
  if (!analysis.ok()) return analysis.error();
  return MakeReportModel(std::move(*corpus), std::move(analysis).value(), inputs);
}

Status WriteReport(const ReportModel& model, const std::string& out, int64_t since,
                   const Context& ctx) {
  auto start = std::chrono::steady_clock::now();
  std::error_code ec;
  std::filesystem::create_directories(out + "/p", ec);
  if (ec) return Error{ErrorCode::kIo, "report: " + out + ": " + ec.message()};
  std::optional<report::ReportState> previous;
  if (since == 0) {
    if (auto text = ReadSmallFile(out + "/" + kStateFile)) {
      Result<report::ReportState> st = report::StateFromJson(*text);
      if (st.ok()) {
        previous = std::move(st).value();
      } else {
        std::fprintf(stderr, "quorum: %s; treating this as a first run\n",
                     st.error().message.c_str());
      }
    }
  }
  std::vector<report::ProposalView> views = report::BuildProposalViews(model);
  report::Digest digest =
      report::ComputeDigest(model, views, previous ? &*previous : nullptr, since);
  // Each page is written as soon as it is rendered: one page in memory at a time.
  const size_t pages = views.size() + 4;  // + style.css, digest.html, feed.xml, index.html
  size_t done = 0;
  Status s = report::RenderSite(model, views, digest, [&](const report::SiteFile& f) {
    Status w = WriteIfChanged(out + "/" + f.path, f.bytes);
    ++done;
    if (ctx.progress && (done % 25 == 0 || done == pages)) {
      std::fprintf(stderr, "\rquorum: report: %zu/%zu pages", done, pages);
    }
    return w;
  });
  if (ctx.progress) std::fprintf(stderr, "\n");
  if (!s.ok()) return s;
  s = StreamIfChanged(out + "/report.json", [&](const auto& write) {
    return report::WriteReportJson(model, views, digest, write);
  });
  if (s.ok()) s = WriteIfChanged(out + "/votes.csv", report::RenderVotesCsv(model));
  if (s.ok()) s = report::WriteSqlite(model, views, out + "/quorum.sqlite");
  if (s.ok())
    s = WriteIfChanged(out + "/" + kStateFile, report::StateToJson(report::StateOf(model, views)));
  if (!s.ok()) return s;
  if (!ctx.quiet) {
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

}  // namespace quorum::cli
