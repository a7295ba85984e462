// SPDX-License-Identifier: Apache-2.0
// `quorum report PATH... --out DIR [--roster FILE] [--since YYYY-MM-DD]`: the HTML site and data.
#include <cstdio>
#include <memory>
#include <optional>

#include "cli/command.h"
#include "cli/exit_code.h"
#include "cli/inputs.h"
#include "cli/report_builder.h"
#include "core/time.h"
#include "report/publish.h"

namespace quorum::cli {
namespace {

// Epoch seconds of "YYYY-MM-DD" at 00:00 UTC, or nullopt when it is not such a date.
std::optional<int64_t> ParseDay(const std::string& s) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 ||
      m > 12 || d < 1 || d > 31) {
    return std::nullopt;
  }
  return DaysFromCivil(y, m, d) * 86400;
}

}  // namespace

void RegisterReport(CLI::App* app, Context* ctx) {
  auto opts = std::make_shared<InputOptions>();
  auto out = std::make_shared<std::string>();
  auto roster_path = std::make_shared<std::string>();
  auto since = std::make_shared<std::string>();
  CLI::App* cmd = app->add_subcommand(
      "report", "HTML site, digest and Atom feed, report.json, votes.csv and quorum.sqlite");
  AddInputOptions(cmd, opts.get());
  cmd->add_option("--out", *out, "output directory")->required();
  cmd->add_option("--roster", *roster_path, "Whimsy committee-info.json (PMC rosters)");
  cmd->add_option("--since", *since, "digest of everything since YYYY-MM-DD (else: the last run)");
  cmd->callback([opts, out, roster_path, since, ctx] {
    if (Status s = report::CheckOutDir(*out); !s.ok()) {
      std::fprintf(stderr, "quorum: report: %s\n", s.error().message.c_str());
      ctx->exit_code = kExitUsage;
      return;
    }
    int64_t since_epoch = 0;
    if (!since->empty()) {
      std::optional<int64_t> day = ParseDay(*since);
      if (!day) {
        std::fprintf(stderr, "quorum: report: --since wants YYYY-MM-DD, got '%s'\n",
                     since->c_str());
        ctx->exit_code = kExitUsage;
        return;
      }
      since_epoch = *day;
    }
    std::optional<Roster> roster;
    if (!LoadRosterOption(*roster_path, &roster)) {
      ctx->exit_code = kExitFailed;
      return;
    }
    parse::ParseOptions po;
    parse::Corpus corpus;
    int rc = LoadInputs(*opts, po, *ctx, &corpus);
    if (rc == kExitFailed) {
      ctx->exit_code = rc;
      return;
    }
    Result<ReportModel> model =
        BuildReportModel(&corpus, opts->paths, roster ? &*roster : nullptr, JobCount(*opts));
    if (!model.ok()) {
      std::fprintf(stderr, "quorum: %s\n", model.error().message.c_str());
      ctx->exit_code = kExitFailed;
      return;
    }
    Status s = report::WriteReport(model.value(), *out,
                                   report::PublishOptions{since_epoch, ctx->progress, ctx->quiet});
    if (!s.ok()) {
      std::fprintf(stderr, "quorum: %s\n", s.error().message.c_str());
      ctx->exit_code = ExitCodeOf(s.error());
      return;
    }
    ctx->exit_code = rc;
  });
}

}  // namespace quorum::cli
