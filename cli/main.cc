// SPDX-License-Identifier: Apache-2.0
// quorum: reads Apache mailing-list archives and shows how each community decides.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/command.h"
#include "cli/exit_code.h"
#include "core/process.h"
#include "core/version.h"

int main(int argc, char** argv) {
  using namespace quorum::cli;
  CLI::App app{"quorum: how Apache communities decide, from their mailing-list archives"};
  app.set_version_flag("--version", std::string("quorum ") + quorum::kVersion);
  app.require_subcommand(1);
  app.fallthrough();
  bool quiet = false;
  app.add_flag("-q,--quiet", quiet, "no progress output");
  Context ctx;
  ctx.progress = isatty(STDERR_FILENO) != 0;
  app.parse_complete_callback([&] {
    ctx.progress = ctx.progress && !quiet;
    ctx.quiet = quiet;
  });
  RegisterMessages(&app, &ctx);
  RegisterThreads(&app, &ctx);
  RegisterVotes(&app, &ctx);
  RegisterPositions(&app, &ctx);
  RegisterReport(&app, &ctx);
  RegisterFetch(&app, &ctx);
  RegisterRun(&app, &ctx);
  quorum::SetUpProcess();  // SIGPIPE ignored (libcurl), malloc tuned for a batch job
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "quorum: internal error: %s\n", e.what());
    return kExitFailed;
  }
  return ctx.exit_code;
}
