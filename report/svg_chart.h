// SPDX-License-Identifier: Apache-2.0
// Inline SVG charts drawn by us: columns over time and stacked tally bars. No script, no fonts.
#pragma once

#include <string>
#include <vector>

namespace quorum::report {

// One column: a label ("2017-11", "11-28") and a count.
struct Column {
  std::string label;
  int value = 0;
  bool marked = false;  // drawn in the accent colour (e.g. inside the vote window)
};

// A column chart as an <svg role="img"> with a <title> (the accessible name) and one <title>
// per column ("2017-11: 412 messages"). `title` and labels are escaped here. `unit` names what
// is counted ("messages"). Labels under the axis are thinned so they never overlap.
std::string ColumnChart(const std::string& title, const std::vector<Column>& columns,
                        const std::string& unit);

// A horizontal bar split into for / neutral / against segments, with the counts as text, e.g.
// for a tally of 5 for, 1 neutral, 0 against (the counts are the <title> too). `title` is escaped
// here. Zero total gives an empty bar.
std::string TallyBar(const std::string& title, int plus, int zero, int minus);

}  // namespace quorum::report
