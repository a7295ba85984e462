// SPDX-License-Identifier: Apache-2.0
// votes.csv writer.
#include "report/csv_output.h"

#include <cstdio>

#include "core/time.h"

namespace quorum::report {

std::string CsvField(std::string_view text, bool guard) {
  std::string out = "\"";
  if (guard && !text.empty() &&
      (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
       text[0] == '\r')) {
    out += '\'';
  }
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string RenderVotesCsv(const ReportModel& model) {
  std::string out =
      "\"proposal_id\",\"thread_id\",\"subject\",\"kind\",\"status\",\"voter_name\","
      "\"voter_address\",\"apache_id\",\"value\",\"numeric\",\"binding\",\"binding_evidence\","
      "\"superseded\",\"date\",\"message_id\",\"evidence\"\r\n";
  for (const auto& t : model.vote_threads) {
    for (const auto& v : t.votes) {
      char num[32];
      std::snprintf(num, sizeof num, "%g", v.numeric);
      // `value` is our normalised token ("+1", "-0.5"): written as is, it is data, not a
      // formula; the mail-derived columns are guarded.
      out += CsvField(t.proposal_id, true) + "," + CsvField(t.thread_id, true) + "," +
             CsvField(t.subject, true) + "," + CsvField(ToString(t.kind), false) + "," +
             CsvField(ToString(t.status), false) + "," + CsvField(v.voter.name, true) + "," +
             CsvField(v.voter.address, true) + "," + CsvField(v.voter.apache_id, true) + "," +
             CsvField(v.value, false) + "," + CsvField(num, false) + "," +
             CsvField(!v.binding ? "" : (*v.binding ? "true" : "false"), false) + "," +
             CsvField(ToString(v.binding_evidence), false) + "," +
             CsvField(v.superseded ? "true" : "false", false) + "," +
             CsvField(FormatIsoUtc(v.date), false) + "," + CsvField(v.message_id, true) + "," +
             CsvField(v.evidence, true) + "\r\n";
    }
  }
  return out;
}

}  // namespace quorum::report
