// SPDX-License-Identifier: Apache-2.0
// Report pieces on small hand-made models: escaping in every file, CSV quoting, SVG, digest state.
#include <catch2/catch.hpp>

#include "core/report_model.h"
#include "report/csv_output.h"
#include "report/digest.h"
#include "report/proposal_view.h"
#include "report/report_json.h"
#include "report/site.h"
#include "report/svg_chart.h"

using namespace quorum;
using namespace quorum::report;

namespace {

const char* kEvil = "<script>alert(1)</script>\xE2\x80\xAE\"'&";

// One proposal, one vote thread, one message: every string hostile.
ReportModel EvilModel() {
  ReportModel m;
  Message msg;
  msg.message_id = std::string("a/../../b") + kEvil;
  msg.from = {kEvil, "evil@example.com"};
  msg.date = {1512381600, 0, true};
  msg.subject = kEvil;
  msg.text = kEvil;
  msg.list_id = "dev.example.apache.org";
  m.messages.push_back(msg);
  Thread t;
  t.id = msg.message_id;
  t.subject = kEvil;
  t.first_date = t.last_date = msg.date;
  t.message_count = 1;
  t.nodes.push_back({msg.message_id, -1, 0, 0});
  m.threads.push_back(t);
  VoteThread vt;
  vt.thread_id = t.id;
  vt.subject = kEvil;
  vt.status = VoteStatus::kPassed;
  vt.list = msg.list_id;
  vt.opened = vt.closed = msg.date;
  vt.proposal_id = kEvil;
  Vote v;
  v.voter = {kEvil, "evil@example.com", "", ""};
  v.value = "+1";
  v.numeric = 1;
  v.message_id = msg.message_id;
  v.date = msg.date;
  v.evidence = std::string("=cmd|' /C calc'!A0 ") + kEvil;
  vt.votes.push_back(v);
  vt.tally.unknown.plus = 1;
  vt.result.message_id = msg.message_id;
  vt.result.differences.push_back({"possible-prose-vote", kEvil, kEvil, ""});
  m.vote_threads.push_back(vt);
  Proposal p;
  p.id = kEvil;
  p.title = kEvil;
  p.threads = {{t.id, "vote", kEvil, msg.date}};
  m.proposals.push_back(p);
  Discussion d;
  Position pos;
  pos.label = kEvil;
  pos.recurring = true;
  pos.holders.push_back({kEvil, "x@example.com", Stance::kAgainst, {msg.message_id}, kEvil, false});
  d.positions.push_back(pos);
  // The summary too: lead, sides, decision and an argument, all hostile.
  d.summary.lead = kEvil;
  d.summary.lead_message_id = msg.message_id;
  d.summary.lead_author = kEvil;
  d.summary.has_decision = true;
  d.summary.decision.status = kEvil;
  d.summary.decision.thread_id = t.id;
  d.summary.decision.result_message_id = msg.message_id;
  d.summary.support.push_back({kEvil, "s@example.com", msg.message_id, kEvil, kEvil});
  d.summary.oppose.push_back({kEvil, "o@example.com", msg.message_id, kEvil, "vote"});
  d.summary.arguments = {0};
  m.proposal_positions.push_back(d);
  return m;
}

}  // namespace

TEST_CASE("report site: no mail string reaches a page unescaped", "[report][site]") {
  ReportModel m = EvilModel();
  auto views = BuildProposalViews(m);
  REQUIRE(views.size() == 1);
  CHECK(views[0].file.find("..") == std::string::npos);
  CHECK(views[0].file.rfind("p/", 0) == 0);
  CHECK(views[0].file.find('/', 2) == std::string::npos);
  Digest d = ComputeDigest(m, views, nullptr, std::nullopt);
  CHECK(d.basis == "first run");
  REQUIRE(d.entries.size() == 1);  // one entry per proposal: new, decided, its vote, objection
  CHECK(d.entries[0].type == "proposal");
  auto files = RenderSite(m, views, d);
  REQUIRE(files.size() == 5);
  for (const auto& f : files) {
    INFO(f.path);
    CHECK(f.bytes.find("<script") == std::string::npos);
    CHECK(f.bytes.find("\xE2\x80\xAE") == std::string::npos);
    CHECK(f.bytes.find("\"'&\"") == std::string::npos);
  }
  const std::string& page = files[1].bytes;
  CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt;\\u202E&quot;&#39;&amp;") !=
        std::string::npos);
  CHECK(page.find("Main arguments") != std::string::npos);
  CHECK(page.find("against") != std::string::npos);
  CHECK(page.find("https://lists.apache.org/list?dev%40example.apache.org:lte=100y:a%2F..") !=
        std::string::npos);
  // Deterministic.
  CHECK(RenderSite(m, views, d)[1].bytes == page);
  std::string json = RenderReportJson(m, views, d);
  CHECK(json.find("\"schema_version\": 2") != std::string::npos);
}

TEST_CASE("report csv: RFC 4180 quoting and formula guards", "[report][csv]") {
  CHECK(CsvField("plain", true) == "\"plain\"");
  CHECK(CsvField("say \"hi\"", true) == "\"say \"\"hi\"\"\"");
  CHECK(CsvField("=SUM(A1)", true) == "\"'=SUM(A1)\"");
  CHECK(CsvField("@x", true) == "\"'@x\"");
  CHECK(CsvField("-1 no", true) == "\"'-1 no\"");
  CHECK(CsvField("+1", false) == "\"+1\"");
  CHECK(CsvField("a\r\nb", true) == "\"a\r\nb\"");
  std::string csv = RenderVotesCsv(EvilModel());
  CHECK(csv.find("\"'=cmd|' /C calc'!A0 ") != std::string::npos);
}

TEST_CASE("report svg: titles escaped, integer geometry", "[report][svg]") {
  std::string svg = ColumnChart("<b>", {{"2017-11", 3, false}, {"<x>", 0, true}}, "messages");
  CHECK(svg.find("<title>&lt;b&gt;</title>") != std::string::npos);
  CHECK(svg.find("<x>") == std::string::npos);
  CHECK(svg.find("class=\"col mark\"") != std::string::npos);
  CHECK(svg.find('.') == std::string::npos);  // no fractional coordinates
  std::string bar = TallyBar("binding", 3, 1, 1);
  CHECK(bar.find("class=\"for\"") != std::string::npos);
  CHECK(bar.find("class=\"against\"") != std::string::npos);
  CHECK(TallyBar("x", 0, 0, 0).find("class=\"for\"") == std::string::npos);
}

TEST_CASE("report digest: state round trip, nothing new on a rerun", "[report][digest]") {
  ReportModel m = EvilModel();
  auto views = BuildProposalViews(m);
  ReportState s = StateOf(m, views);
  auto back = StateFromJson(StateToJson(s));
  REQUIRE(back.ok());
  CHECK(back.value().proposals == s.proposals);
  CHECK(back.value().votes == s.votes);
  CHECK(back.value().objections == s.objections);
  CHECK(back.value().messages == s.messages);
  CHECK(back.value().has_message_counts);
  Digest d = ComputeDigest(m, views, &back.value(), std::nullopt);
  CHECK(d.basis == "since the last run");
  CHECK(d.entries.empty());
  CHECK(ComputeDigest(m, views, &back.value(), 1512345600).entries.size() == 1);  // --since
  CHECK(ComputeDigest(m, views, nullptr, 1600000000).entries.empty());
  CHECK(!StateFromJson("{broken").ok());
  CHECK(!StateFromJson("[1,2]").ok());
}

TEST_CASE("report site: every page renders whole from its template", "[report][site]") {
  // Empty sections (no votes, no digest entries) must leave no blank line, no tag may survive,
  // and mustache tags in mail are text, never template.
  ReportModel m = EvilModel();
  m.messages[0].subject = "{{>head}} {{{page.root}}} {{#page}}x{{/page}}";
  m.messages[0].text = m.messages[0].subject;
  m.threads[0].subject = "thread";
  m.vote_threads.clear();
  m.proposals[0].threads[0].role = "discussion";
  m.proposal_positions[0] = Discussion();  // no summary, no positions: no empty heading
  auto views = BuildProposalViews(m);
  ReportState seen = StateOf(m, views);
  Digest d = ComputeDigest(m, views, &seen, std::nullopt);
  REQUIRE(d.entries.empty());
  auto files = RenderSite(m, views, d);
  REQUIRE(files.size() == 5);
  for (const auto& f : files) {
    INFO(f.path);
    CHECK(f.bytes.find("\n\n") == std::string::npos);
    if (f.path.ends_with(".html")) {
      CHECK(f.bytes.rfind("<!DOCTYPE html>\n<html lang=\"en\">\n", 0) == 0);
      CHECK(f.bytes.ends_with("</footer>\n</body>\n</html>\n"));
      CHECK(f.bytes.find("quorum from 1 messages, as of 2017-12-04T10:00:00Z") !=
            std::string::npos);
    }
  }
  const std::string& page = files[1].bytes;
  CHECK(page.find("<pre class=\"text\">{{&gt;head}} {{{page.root}}} {{#page}}x{{/page}}</pre>") !=
        std::string::npos);
  CHECK(page.find("<p>No result mail was found.</p>") == std::string::npos);  // no vote thread
  CHECK(page.find("class=\"summary\"") == std::string::npos);
  CHECK(page.find("Main arguments") == std::string::npos);
  CHECK(page.find("Also raised") == std::string::npos);
  const std::string& digest = files[2].bytes;
  CHECK(digest.find("<h1>What changed (since the last run)</h1>\n<p>Nothing changed.</p>\n"
                    "</main>\n") != std::string::npos);
  const std::string& index = files[4].bytes;
  CHECK(index.find("<h2 id=\"votes\">Votes</h2>\n<p class=\"meta\">No vote threads in these "
                   "archives.</p>\n<h2 id=\"discussions\">") != std::string::npos);
}
