// SPDX-License-Identifier: Apache-2.0
// make bench: CPU time of each stage at input sizes n and 8n; linear code gives a ratio near 8.
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "analyze/vote_patterns.h"
#include "analyze/votes.h"
#include "core/diagnostics.h"
#include "core/message.h"
#include "core/thread.h"
#include "parse/address.h"
#include "parse/headers.h"
#include "parse/rfc2047.h"
#include "parse/threader.h"
#include "report/html_escape.h"

namespace quorum {
namespace {

// Usage: quorum_scaling [MIN_SECONDS [STAGE_SUBSTRING]]. t(n) must reach MIN_SECONDS (default
// 0.05) for a meaningful ratio; larger values measure bigger inputs.
struct Settings {
  double min_seconds = 0.05;
  std::string only;  // run only the stages whose name contains this
};
constexpr double kMaxRatio = 12;  // linear: ~8; quadratic: ~64

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// A stage under test: Prepare(n) builds the input (not timed) and returns the timed work.
using Prepare = std::function<std::function<void()>(size_t n)>;

double SysSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_stime.tv_sec) + static_cast<double>(ru.ru_stime.tv_usec) / 1e6;
}

// CPU time of one run of the stage on size n; *sys gets the system part of it (page faults).
// Each run is a fresh child process, so every size pays for first touching its memory the
// way a real run does. Timed in one long-lived process, a small input reuses heap memory that
// earlier runs faulted in while a large one gets fresh pages from the kernel each time, and
// the ratio then measures malloc's mmap threshold rather than the code.
double Time(const Prepare& prepare, size_t n, double* sys = nullptr) {
  std::fflush(stdout);
  int fds[2];
  if (pipe(fds) != 0) std::abort();
  pid_t pid = fork();
  if (pid < 0) std::abort();
  if (pid == 0) {
    close(fds[0]);
    std::function<void()> work = prepare(n);
    double start = CpuSeconds(), start_sys = SysSeconds();
    work();
    double out[2] = {CpuSeconds() - start, SysSeconds() - start_sys};
    ssize_t w = write(fds[1], out, sizeof out);
    _exit(w == static_cast<ssize_t>(sizeof out) ? 0 : 1);
  }
  close(fds[1]);
  double in[2] = {0, 0};
  ssize_t got = read(fds[0], in, sizeof in);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (got != static_cast<ssize_t>(sizeof in) || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "quorum_scaling: a measurement child failed\n");
    std::abort();
  }
  if (sys) *sys = in[1];
  return in[0];
}

// Doubles n from `start` until t(n) >= settings.min_seconds, then measures 8n; prints one table
// row. Both sizes are timed three times and the fastest run of each kept: the minimum is the
// best estimate of undisturbed time on a shared machine, and taking it on both sides biases
// the ratio neither way (timing only n repeatedly compared a warm heap with a cold one).
bool Row(const Settings& settings, const char* stage, size_t start, const Prepare& prepare) {
  if (std::string(stage).find(settings.only) == std::string::npos) return true;
  size_t n = start;
  double tn = Time(prepare, n);
  while (tn < settings.min_seconds) {
    n *= 2;
    tn = Time(prepare, n);
  }
  for (int i = 0; i < 2; ++i) tn = std::min(tn, Time(prepare, n));
  double sys8n = 0;
  double t8n = Time(prepare, 8 * n, &sys8n);
  for (int i = 0; i < 2; ++i) {
    double sys = 0;
    double t = Time(prepare, 8 * n, &sys);
    if (t < t8n) {
      t8n = t;
      sys8n = sys;
    }
  }
  double ratio = t8n / tn;
  bool ok = ratio <= kMaxRatio;
  std::printf("%-44s %9zu %9.3f %9.3f %7.3f %7.1f  %s\n", stage, n, tn, t8n, sys8n, ratio,
              ok ? "ok" : "FAIL");
  std::fflush(stdout);
  return ok;
}

Message Msg(size_t i, std::string id, std::string parent, std::vector<std::string> refs) {
  Message m;
  m.message_id = std::move(id);
  m.in_reply_to = std::move(parent);
  m.references = std::move(refs);
  m.date.epoch = 1700000000 + static_cast<int64_t>(i);
  m.date.valid = true;
  m.subject = "subject " + std::to_string(i / 10);
  m.from.address = "user" + std::to_string(i % 97) + "@example.org";
  m.from_header = m.from;
  return m;
}

std::string Id(size_t i) { return "m" + std::to_string(i) + "@example.org"; }

int Main(const Settings& settings) {
  std::printf("%-44s %9s %9s %9s %7s %7s  %s\n", "stage (n = unit below)", "n", "t(n) s", "t(8n) s",
              "of it sys", "ratio", "verdict (<= 12)");
  bool ok = true;

  // Header parsing: one block of n fields, limits lifted so that every field is parsed.
  ok &= Row(settings, "ParseHeaderBlock: fields in one block", 1000, [](size_t n) {
    auto raw = std::make_shared<std::string>();
    for (size_t i = 0; i < n; ++i) {
      *raw += "X-Field-" + std::to_string(i % 50) + ": value " + std::to_string(i) + "\n";
    }
    *raw += "\nbody\n";
    return [raw, n] {
      parse::HeaderLimits limits{n + 1, raw->size(), raw->size()};
      Diagnostics d;
      parse::HeaderBlock b = parse::ParseHeaderBlock(*raw, limits, SourceRef{}, &d);
      if (b.fields.size() != n) std::abort();
    };
  });
  // Header parsing: one field folded over n lines (unfolding must not copy the value per line).
  ok &= Row(settings, "ParseHeaderBlock: lines of one folded field", 1000, [](size_t n) {
    auto raw = std::make_shared<std::string>("References: <a@b>\n");
    for (size_t i = 0; i < n; ++i) *raw += " <" + Id(i) + ">\n";
    *raw += "\nbody\n";
    return [raw] {
      parse::HeaderLimits limits{10, raw->size(), raw->size()};
      Diagnostics d;
      parse::ParseHeaderBlock(*raw, limits, SourceRef{}, &d);
    };
  });
  // Address lists: n addresses in one To: value.
  ok &= Row(settings, "ParseAddressList: addresses", 1000, [](size_t n) {
    auto v = std::make_shared<std::string>();
    for (size_t i = 0; i < n; ++i) *v += "\"User, " + std::to_string(i) + "\" <u" + Id(i) + ">, ";
    return [v, n] {
      if (parse::ParseAddressList(*v, n + 1).size() != n) std::abort();
    };
  });
  // RFC 2047: n adjacent encoded words in one charset (they are joined before conversion).
  ok &= Row(settings, "DecodeHeaderText: adjacent encoded words", 1000, [](size_t n) {
    auto v = std::make_shared<std::string>();
    for (size_t i = 0; i < n; ++i) *v += "=?ISO-8859-1?Q?caf=E9_?= =?UTF-8?B?w6k=?= ";
    return [v] {
      bool bad = false;
      parse::DecodeHeaderText(*v, &bad);
    };
  });
  // Threading: n messages in threads of 10 replies each.
  ok &= Row(settings, "BuildThreads: messages in 10-message threads", 1000, [](size_t n) {
    auto ms = std::make_shared<std::vector<Message>>();
    for (size_t i = 0; i < n; ++i) {
      size_t root = i - i % 10;
      if (i == root) {
        ms->push_back(Msg(i, Id(i), "", {}));
      } else {
        ms->push_back(Msg(i, Id(i), Id(i - 1), {Id(root), Id(i - 1)}));
      }
    }
    return [ms] { parse::BuildThreads(*ms); };
  });
  // Quadratic traps in threading.
  ok &= Row(settings, "BuildThreads: one chain n deep", 1000, [](size_t n) {
    auto ms = std::make_shared<std::vector<Message>>();
    for (size_t i = 0; i < n; ++i) {
      ms->push_back(i == 0 ? Msg(i, Id(i), "", {}) : Msg(i, Id(i), Id(i - 1), {Id(0), Id(i - 1)}));
    }
    return [ms] { parse::BuildThreads(*ms); };
  });
  ok &= Row(settings, "BuildThreads: one chain n deep, newest first", 1000, [](size_t n) {
    auto ms = std::make_shared<std::vector<Message>>();
    for (size_t i = n; i-- > 0;) ms->push_back(Msg(i, Id(i), i == 0 ? "" : Id(i - 1), {}));
    return [ms] { parse::BuildThreads(*ms); };
  });
  ok &= Row(settings, "BuildThreads: n direct replies to one root", 1000, [](size_t n) {
    auto ms = std::make_shared<std::vector<Message>>();
    for (size_t i = 0; i < n; ++i) {
      ms->push_back(i == 0 ? Msg(i, Id(i), "", {}) : Msg(i, Id(i), Id(0), {Id(0)}));
    }
    return [ms] { parse::BuildThreads(*ms); };
  });
  ok &= Row(settings, "BuildThreads: messages of 10,000 References", 4, [](size_t n) {
    auto ms = std::make_shared<std::vector<Message>>();
    for (size_t i = 0; i < n; ++i) {
      std::vector<std::string> refs;
      for (size_t r = 0; r < 10000; ++r) refs.push_back("r" + std::to_string(i * 10000 + r));
      ms->push_back(Msg(i, Id(i), "", std::move(refs)));
    }
    return [ms] { parse::BuildThreads(*ms); };
  });

  // Vote extraction: n vote threads of 10 votes; and one vote thread of n votes.
  auto patterns = std::make_shared<analyze::VotePatterns>();
  if (!patterns->ok()) {
    std::fprintf(stderr, "vote patterns did not compile\n");
    return 1;
  }
  auto votes = [patterns](size_t threads, size_t per_thread) {
    auto ms = std::make_shared<std::vector<Message>>();
    const char* texts[] = {"+1 (binding)\n", "+1\nChecked sigs and hashes.\n",
                           "-1, the NOTICE is wrong\n", "+0\n", "+1 non-binding\n"};
    for (size_t t = 0; t < threads; ++t) {
      size_t root = ms->size();
      Message call = Msg(root, Id(root), "", {});
      call.subject = "[VOTE] Release Foo " + std::to_string(t) + ".0";
      call.text = "Please vote on releasing Foo.\n[ ] +1 release\n[ ] -1 do not release\n";
      ms->push_back(std::move(call));
      for (size_t r = 1; r < per_thread; ++r) {
        size_t i = ms->size();
        Message m = Msg(i, Id(i), Id(root), {Id(root)});
        m.subject = "Re: [VOTE] Release Foo " + std::to_string(t) + ".0";
        m.from.address = "voter" + std::to_string(r) + "@apache.org";
        m.text = texts[r % 5];
        ms->push_back(std::move(m));
      }
    }
    auto threads_built = std::make_shared<std::vector<Thread>>(parse::BuildThreads(*ms));
    return std::function<void()>([ms, threads_built, patterns] {
      analyze::AnalyzeVotes(*ms, *threads_built, {}, {}, nullptr, *patterns);
    });
  };
  ok &= Row(settings, "AnalyzeVotes: vote threads of 10 messages", 16,
            [votes](size_t n) { return votes(n, 10); });
  ok &= Row(settings, "AnalyzeVotes: votes in one vote thread", 100,
            [votes](size_t n) { return votes(1, n); });

  // HTML escaping: n bytes of mail text with markup, entities, controls and bidi overrides.
  ok &= Row(settings, "EscapeHtml: bytes", 1 << 16, [](size_t n) {
    const std::string unit = "<b>caf\xc3\xa9</b> & \"x\" \x01 \xe2\x80\xae rtl\n";
    auto text = std::make_shared<std::string>();
    while (text->size() < n) *text += unit;
    return [text] { report::EscapeHtml(*text); };
  });
  std::printf("%s\n", ok ? "all stages linear (ratio <= 12)" : "SOME STAGE IS NOT LINEAR");
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace quorum

int main(int argc, char** argv) {
  quorum::Settings settings;
  if (argc > 1) settings.min_seconds = std::atof(argv[1]);
  if (argc > 2) settings.only = argv[2];
  return quorum::Main(settings);
}
