// SPDX-License-Identifier: Apache-2.0
// `quorum run (--config FILE | --list L --from M [--to M]) --out DIR [--archive DIR]`: the
// nightly job. Fetches, then writes the full report of the fetched lists into --out.
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <optional>
#include <sstream>

#include "analyze/analysis.h"
#include "cli/command.h"
#include "cli/exit_code.h"
#include "cli/fetch_job.h"
#include "cli/inputs.h"
#include "fetch/job.h"
#include "report/publish.h"
#include "report/roster_json.h"

namespace quorum::cli {
namespace {

struct RunConfig {
  fetch::FetchJob job;
  std::string out;
  bool has_out = false;  // given, even if empty (then refused by report::CheckOutDir)
  size_t max_messages = parse::kDefaultMaxMessages;
};

// Reads the TOML config; relative paths in it are relative to the file's directory, so a
// crontab line works from any working directory. toml++ throws; we stop that here.
Status LoadConfig(const std::string& path, RunConfig* cfg) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << "run: " << path << ":" << e.source().begin.line << ": " << e.description();
    return Error{ErrorCode::kUsage, msg.str()};
  } catch (const std::exception& e) {
    return Error{ErrorCode::kUsage, "run: " + path + ": " + e.what()};
  }
  // A misspelt key ("sorce") would silently fall back to a default: refuse it (issue 14, item 9).
  auto unknown = [&path](const toml::table& table, std::initializer_list<std::string_view> known,
                         const char* where) -> std::optional<Error> {
    for (const auto& [key, value] : table) {
      if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
        return Error{ErrorCode::kUsage,
                     "run: " + path + ": unknown key '" + std::string(key.str()) + "' " + where};
      }
    }
    return std::nullopt;
  };
  if (auto e = unknown(t, {"archive", "out", "base_url", "source", "max_messages", "lists"},
                       "(known: archive, out, base_url, source, max_messages, lists)")) {
    return *e;
  }
  if (t.contains("max_messages") && t["max_messages"].value<int64_t>().value_or(-1) < 0) {
    return Error{ErrorCode::kUsage, "run: " + path + ": max_messages wants a whole number >= 0"};
  }
  cfg->max_messages = t["max_messages"].value<int64_t>().value_or(cfg->max_messages);
  std::filesystem::path base = std::filesystem::path(path).parent_path();
  auto resolve = [&base](const std::string& p) {
    return std::filesystem::path(p).is_absolute() || base.empty() ? p : (base / p).string();
  };
  if (auto v = t["archive"].value<std::string>()) cfg->job.archive = resolve(*v);
  if (auto v = t["out"].value<std::string>()) {
    cfg->out = v->empty() ? *v : resolve(*v);  // "" stays empty, to be refused, not made "."
    cfg->has_out = true;
  }
  if (auto v = t["base_url"].value<std::string>()) cfg->job.base_url = *v;
  if (auto v = t["source"].value<std::string>()) cfg->job.source = *v;
  const toml::array* lists = t["lists"].as_array();
  if (!lists || lists->empty()) {
    return Error{ErrorCode::kUsage, "run: " + path + ": no [[lists]] entries"};
  }
  for (const toml::node& n : *lists) {
    const toml::table* lt = n.as_table();
    fetch::ListJob lj;
    if (lt) {
      if (auto e = unknown(*lt, {"list", "from", "to", "source"},
                           "in [[lists]] (known: list, from, to, source)")) {
        return *e;
      }
      lj.list = (*lt)["list"].value_or(std::string());
      lj.from = (*lt)["from"].value_or(std::string());
      lj.to = (*lt)["to"].value_or(std::string());
      lj.source = (*lt)["source"].value_or(std::string());
    }
    if (lj.list.empty() || lj.from.empty()) {
      return Error{ErrorCode::kUsage,
                   "run: " + path + ": each [[lists]] entry needs list and from"};
    }
    cfg->job.lists.push_back(lj);
  }
  return Status::Ok();
}

// Writes the full report (site, report.json, votes.csv, quorum.sqlite) of every list's archive
// into `out`, as `quorum report <archive>/<list>... --out <out>` would. Files whose bytes would
// not change are left alone, and the digest covers what changed since the previous run.
int WriteRunReport(const fetch::FetchJob& job, const std::string& out, size_t max_messages,
                   const Context& ctx, const std::vector<std::string>& lists) {
  if (lists.empty()) return job.lists.empty() ? kExitOk : kExitFailed;
  InputOptions io;
  io.max_messages = max_messages;
  for (const std::string& list : lists) io.paths.push_back(job.archive + "/" + list);
  // The archive's dialect is known from its source (docs/fetch.md), so say it rather than
  // guess, when every list agrees on one.
  std::string format = fetch::MboxFormatOfLists(job, lists);
  if (!format.empty()) io.mbox_format = format;
  parse::ParseOptions po;
  parse::Corpus corpus;
  int rc = LoadInputs(io, po, ctx, &corpus);
  if (rc == kExitFailed) return kExitPartial;
  std::optional<Roster> roster;
  if (Result<Roster> r = report::LoadRosterFile(job.archive + "/committee-info.json"); r.ok()) {
    roster = std::move(r).value();  // fetched by `quorum fetch --roster`; optional
  }
  Result<ReportModel> model =
      analyze::AnalyzeForReport(&corpus, io.paths, roster ? &*roster : nullptr, JobCount(io));
  if (!model.ok()) {
    std::fprintf(stderr, "quorum: run: %s\n", model.error().message.c_str());
    return kExitPartial;
  }
  Status s = report::WriteReport(model.value(), out,
                                 report::PublishOptions{std::nullopt, ctx.progress, ctx.quiet});
  if (!s.ok()) {
    std::fprintf(stderr, "quorum: run: %s\n", s.error().message.c_str());
    return kExitPartial;
  }
  return rc;
}

}  // namespace

void RegisterRun(CLI::App* app, Context* ctx) {
  auto cfg = std::make_shared<RunConfig>();
  auto list = std::make_shared<fetch::ListJob>();
  auto config_path = std::make_shared<std::string>();
  CLI::App* cmd = app->add_subcommand("run", "nightly job: fetch, then write outputs (cron)");
  cmd->add_option("--config", *config_path, "TOML file: archive, out, base_url, [[lists]]");
  cmd->add_option("--list", list->list, "list address, e.g. dev@tvm.apache.org");
  cmd->add_option("--from", list->from, "first month, YYYY-MM");
  cmd->add_option("--to", list->to, "last month, YYYY-MM (default: the current month)");
  cmd->add_option("--out", cfg->out, "output directory");
  cmd->add_option("--max-messages", cfg->max_messages, "fail past N messages (2.5KB each; 0: off)")
      ->check(CLI::NonNegativeNumber);
  AddFetchOptions(cmd, &cfg->job);
  cfg->job.refresh_roster = true;  // Whimsy failing keeps the roster held (a warning)
  cmd->add_flag("--no-roster{false}", cfg->job.refresh_roster, "do not refresh the PMC roster");
  cmd->callback([cfg, list, config_path, ctx, cmd] {
    RunConfig run = *cfg;
    run.has_out = cmd->count("--out") > 0;
    if (!config_path->empty()) {
      // Command-line values win over the file's.
      RunConfig from_file;
      if (Status s = LoadConfig(*config_path, &from_file); !s.ok()) {
        std::fprintf(stderr, "quorum: %s\n", s.error().message.c_str());
        ctx->exit_code = kExitUsage;
        return;
      }
      auto given = [cmd](const char* opt) { return cmd->count(opt) > 0; };
      if (!given("--archive")) run.job.archive = from_file.job.archive;
      if (!given("--base-url")) run.job.base_url = from_file.job.base_url;
      if (!given("--source")) run.job.source = from_file.job.source;
      if (!given("--max-messages")) run.max_messages = from_file.max_messages;
      if (!given("--out")) {
        run.out = from_file.out;
        run.has_out = from_file.has_out;
      }
      run.job.lists = from_file.job.lists;
    }
    if (!list->list.empty() || !list->from.empty()) {
      if (list->list.empty() || list->from.empty()) {
        std::fprintf(stderr, "quorum: run: --list and --from go together\n");
        ctx->exit_code = kExitUsage;
        return;
      }
      run.job.lists.push_back(*list);
    }
    if (run.job.lists.empty() || !run.has_out) {
      // A config always has lists: then it is its `out` that is missing.
      std::fprintf(stderr, "quorum: run: %s; see quorum run --help\n",
                   config_path->empty() ? "give --config FILE, or --list, --from and --out"
                                        : (*config_path + " has no out, nor --out given").c_str());
      ctx->exit_code = kExitUsage;
      return;
    }
    if (Status s = report::CheckOutDir(run.out); !s.ok()) {
      std::fprintf(stderr, "quorum: run: %s\n", s.error().message.c_str());
      ctx->exit_code = kExitUsage;
      return;
    }
    ctx->exit_code = RunFetchJob(run.job, *ctx, [&run, ctx](const std::vector<std::string>& lists) {
      return WriteRunReport(run.job, run.out, run.max_messages, *ctx, lists);
    });
  });
}

}  // namespace quorum::cli
