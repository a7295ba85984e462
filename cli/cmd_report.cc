// SPDX-License-Identifier: Apache-2.0
// `quorum report PATH... --out DIR [--roster FILE] [--since YYYY-MM-DD]`: the HTML site and data.
#include <cstdio>
#include <memory>
#include <optional>

#include "analyze/analysis.h"
#include "cli/command.h"
#include "cli/exit_code.h"
#include "cli/inputs.h"
#include "core/time.h"
#include "report/publish.h"

namespace quorum::cli {

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
    std::optional<int64_t> since_epoch;
    if (!since->empty()) {
      std::optional<int64_t> day = ParseIsoDay(*since);
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
    Result<ReportModel> model = analyze::AnalyzeForReport(
        &corpus, opts->paths, roster ? &*roster : nullptr, JobCount(*opts));
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
