// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: the report site on mail made of the input: every tag in every page is ours.
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "analyze/analysis.h"
#include "analyze/votes.h"
#include "core/report_model.h"
#include "core/text.h"
#include "parse/identity.h"
#include "parse/threader.h"
#include "report/csv_output.h"
#include "report/digest.h"
#include "report/proposal_view.h"
#include "report/report_json.h"
#include "report/site.h"

using namespace quorum;

namespace {

// Every element name the site writes. Anything else after a '<' came from mail.
bool OurTag(const std::string& name) {
  static const std::set<std::string>* kTags = new std::set<std::string>{
      "!DOCTYPE", "html",    "head",   "meta",       "title",  "link", "body",    "header",
      "details",  "main",    "footer", "h1",         "h2",     "h3",   "p",       "a",
      "span",     "strong",  "br",     "code",       "q",      "pre",  "article", "section",
      "table",    "caption", "thead",  "tbody",      "tr",     "th",   "td",      "div",
      "ul",       "ol",      "li",     "blockquote", "svg",    "rect", "line",    "text",
      "?xml",     "feed",    "id",     "updated",    "author", "name", "entry",   "summary"};
  return kTags->count(name) > 0;
}

void CheckMarkup(const std::string& bytes) {
  if (!IsValidUtf8(bytes)) abort();
  if (bytes.find("\xE2\x80\xAE") != std::string::npos) abort();  // no raw RLO
  for (size_t p = bytes.find('<'); p != std::string::npos; p = bytes.find('<', p + 1)) {
    size_t s = p + 1;
    if (s < bytes.size() && bytes[s] == '/') ++s;
    size_t e = s;
    while (e < bytes.size() && (std::isalnum(static_cast<unsigned char>(bytes[e])) ||
                                bytes[e] == '!' || bytes[e] == '?')) {
      ++e;
    }
    if (!OurTag(bytes.substr(s, e - s))) abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Lines of the input: subject, author name, Message-ID, then the text (raw bytes: the page
  // must cope with invalid UTF-8 and controls too).
  std::string in(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> f(3);
  size_t pos = 0;
  for (auto& field : f) {
    size_t nl = in.find('\n', pos);
    field = in.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? in.size() : nl + 1;
  }
  std::string text = in.substr(pos);
  ReportModel m;
  m.messages.resize(3);
  const std::string ids[] = {f[2] + "c", f[2] + "r", f[2] + "s"};
  for (int i = 0; i < 3; ++i) {
    Message& msg = m.messages[static_cast<size_t>(i)];
    msg.message_id = ids[i];
    msg.from = {f[1], "p" + std::to_string(i) + "@apache.org"};
    msg.date = {1700000000 + i * 100000, 0, true};
    msg.list_id = "dev.fuzz.apache.org";
    msg.text = text;
  }
  m.messages[0].subject = "[VOTE] " + f[0];
  m.messages[1].subject = "Re: [VOTE] " + f[0];
  m.messages[1].in_reply_to = ids[0];
  m.messages[1].references = {ids[0]};
  m.messages[2].subject = "[RESULT][VOTE] " + f[0];
  // The whole analysis, as `quorum report` runs it: votes, positions and summaries.
  Corpus corpus;
  corpus.messages = std::move(m.messages);
  corpus.threads = parse::BuildThreads(corpus.messages);
  corpus.people = parse::MergeIdentities(corpus.messages);
  corpus.person_of_message = parse::PersonOfMessages(corpus.messages, corpus.people);
  Result<Analysis> analysis = analyze::Analyze(corpus);
  if (!analysis.ok()) abort();
  m = MakeReportModel(std::move(corpus), std::move(analysis).value(), {});
  auto views = report::BuildProposalViews(m);
  report::Digest digest = report::ComputeDigest(m, views, nullptr, std::nullopt);
  for (const auto& file : report::RenderSite(m, views, digest)) {
    // Names may hold ".." inside a component ("a..b"); no component may be "", "." or "..".
    size_t start = 0;
    for (;;) {
      size_t slash = file.path.find('/', start);
      std::string part =
          file.path.substr(start, slash == std::string::npos ? slash : slash - start);
      if (part.empty() || part == "." || part == "..") abort();
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    if (file.path != "style.css") CheckMarkup(file.bytes);
  }
  if (!IsValidUtf8(report::RenderReportJson(m, views, digest))) abort();
  (void)report::RenderVotesCsv(m);
  return 0;
}
