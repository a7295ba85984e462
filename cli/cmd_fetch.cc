// SPDX-License-Identifier: Apache-2.0
// `quorum fetch --list L --from M [--to M] [...]` and `quorum fetch --roster`: fill the archive.
#include <memory>

#include "cli/command.h"
#include "cli/exit_code.h"
#include "cli/fetch_job.h"

namespace quorum::cli {

void RegisterFetch(CLI::App* app, Context* ctx) {
  auto job = std::make_shared<fetch::FetchJob>();
  auto list = std::make_shared<fetch::ListJob>();
  CLI::App* cmd = app->add_subcommand(
      "fetch", "download list-months into ARCHIVE/<list>/<YYYY-MM>.mbox (or the PMC roster)");
  cmd->add_option("--list", list->list, "list address, e.g. dev@tvm.apache.org");
  cmd->add_option("--from", list->from, "first month, YYYY-MM");
  cmd->add_option("--to", list->to, "last month, YYYY-MM (default: the current month)");
  cmd->add_flag("--roster", job->roster,
                "download Whimsy's committee-info.json into ARCHIVE/committee-info.json");
  AddFetchOptions(cmd, job.get());
  cmd->callback([job, list, ctx] {
    bool has_list = !list->list.empty();
    if (has_list != !list->from.empty() || (!has_list && !job->roster) ||
        (!has_list && !list->to.empty())) {
      std::fprintf(stderr,
                   "quorum: fetch: give --list and --from (and/or --roster); see quorum fetch "
                   "--help\n");
      ctx->exit_code = kExitUsage;
      return;
    }
    if (has_list) job->lists = {*list};
    ctx->exit_code = RunFetchJob(*job, *ctx, nullptr);
  });
}

}  // namespace quorum::cli
