// SPDX-License-Identifier: Apache-2.0
// `quorum run (--config FILE | --list L --from M [--to M]) --out DIR [--archive DIR]`: the
// nightly job. Fetches, then writes what the pipeline can make so far (threads JSON per list).
#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/command.h"
#include "cli/exit_code.h"
#include "cli/fetch_job.h"
#include "cli/inputs.h"
#include "fetch/atomic_file.h"
#include "fetch/source.h"
#include "parse/threader.h"
#include "report/json_output.h"

namespace quorum::cli {
namespace {

struct RunConfig {
  FetchJob job;
  std::string out;
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
  std::filesystem::path base = std::filesystem::path(path).parent_path();
  auto resolve = [&base](const std::string& p) {
    return std::filesystem::path(p).is_absolute() || base.empty() ? p : (base / p).string();
  };
  if (auto v = t["archive"].value<std::string>()) cfg->job.archive = resolve(*v);
  if (auto v = t["out"].value<std::string>()) cfg->out = resolve(*v);
  if (auto v = t["base_url"].value<std::string>()) cfg->job.base_url = *v;
  if (auto v = t["source"].value<std::string>()) cfg->job.source = *v;
  const toml::array* lists = t["lists"].as_array();
  if (!lists || lists->empty()) {
    return Error{ErrorCode::kUsage, "run: " + path + ": no [[lists]] entries"};
  }
  for (const toml::node& n : *lists) {
    const toml::table* lt = n.as_table();
    ListJob lj;
    if (lt) {
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

// Writes <out>/<list>/threads.json for each list, as `quorum threads <archive>/<list>` would
// print it; a file whose bytes would not change is left alone.
int WriteThreads(const FetchJob& job, const std::string& out, const Context& ctx,
                 const std::vector<std::string>& lists) {
  int rc = lists.empty() && !job.lists.empty() ? kExitFailed : kExitOk;
  for (const std::string& list : lists) {
    InputOptions io;
    io.paths = {job.archive + "/" + list};
    // The archive's dialect is known from its source (docs/fetch.md), so say it rather than guess.
    for (const ListJob& lj : job.lists) {
      auto id = fetch::ParseListId(lj.list);
      auto kind = fetch::ParseSourceKind(lj.source.empty() ? job.source : lj.source);
      if (id.ok() && id.value().Full() == list && kind) io.mbox_format = fetch::MboxFormatOf(*kind);
    }
    parse::ParseOptions po;
    po.decode_body = false;  // threading needs headers only
    parse::Corpus corpus;
    int load_rc = LoadInputs(io, po, ctx, &corpus);
    if (load_rc == kExitFailed) {
      rc = WorstExit(rc, kExitPartial);
      continue;
    }
    std::vector<Thread> threads = parse::BuildThreads(corpus.messages);
    std::ostringstream json;
    report::WriteThreadsJson(threads, corpus.messages, json);
    std::string dir = out + "/" + list;
    std::string path = dir + "/threads.json";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    std::ifstream old(path, std::ios::binary);
    std::ostringstream old_bytes;
    if (old) old_bytes << old.rdbuf();
    if (old && old_bytes.str() == json.str()) continue;
    Status s = ec ? Status(Error{ErrorCode::kIo, "cannot create " + dir + ": " + ec.message()})
                  : fetch::WriteFileAtomic(path, json.str());
    if (!s.ok()) {
      std::fprintf(stderr, "quorum: run: %s: %s\n", list.c_str(), s.error().message.c_str());
      rc = WorstExit(rc, kExitPartial);
      continue;
    }
    rc = WorstExit(rc, load_rc);
  }
  return rc;
}

}  // namespace

void RegisterRun(CLI::App* app, Context* ctx) {
  auto cfg = std::make_shared<RunConfig>();
  auto list = std::make_shared<ListJob>();
  auto config_path = std::make_shared<std::string>();
  CLI::App* cmd = app->add_subcommand("run", "nightly job: fetch, then write outputs (cron)");
  cmd->add_option("--config", *config_path, "TOML file: archive, out, base_url, [[lists]]");
  cmd->add_option("--list", list->list, "list address, e.g. dev@tvm.apache.org");
  cmd->add_option("--from", list->from, "first month, YYYY-MM");
  cmd->add_option("--to", list->to, "last month, YYYY-MM (default: the current month)");
  cmd->add_option("--out", cfg->out, "output directory");
  AddFetchOptions(cmd, &cfg->job);
  cmd->callback([cfg, list, config_path, ctx, cmd] {
    RunConfig run = *cfg;
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
      if (!given("--out")) run.out = from_file.out;
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
    if (run.job.lists.empty() || run.out.empty()) {
      std::fprintf(stderr,
                   "quorum: run: give --config FILE, or --list, --from and --out; see quorum run "
                   "--help\n");
      ctx->exit_code = kExitUsage;
      return;
    }
    ctx->exit_code = RunFetchJob(run.job, *ctx, [&run, ctx](const std::vector<std::string>& lists) {
      return WriteThreads(run.job, run.out, *ctx, lists);
    });
  });
}

}  // namespace quorum::cli
