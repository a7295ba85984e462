// SPDX-License-Identifier: Apache-2.0
// SVG drawing: integer coordinates only, so the output is byte-identical on every platform.
#include "report/svg_chart.h"

#include <algorithm>

#include "report/html_escape.h"

namespace quorum::report {
namespace {

std::string Num(int v) { return std::to_string(v); }

}  // namespace

std::string ColumnChart(const std::string& title, const std::vector<Column>& columns,
                        const std::string& unit) {
  const int kHeight = 120, kTop = 8, kAxis = 18;
  const int n = static_cast<int>(columns.size());
  // Few columns get wide bars (up to 60 px) so a short vote still reads as a chart.
  const int step = n == 0 ? 40 : std::clamp(640 / n, 4, 60);
  const int width = std::max(200, n * step + 40);
  int max_value = 1;
  for (const auto& c : columns) max_value = std::max(max_value, c.value);
  std::string svg = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + Num(width) + " " +
                    Num(kHeight + kAxis) + "\" width=\"" + Num(width) + "\" height=\"" +
                    Num(kHeight + kAxis) + "\" preserveAspectRatio=\"xMinYMin meet\">";
  svg += "<title>" + EscapeHtml(title) + "</title>";
  const int plot = kHeight - kTop;
  svg += "<text x=\"0\" y=\"10\" class=\"ax\">" + Num(max_value) + "</text>";
  svg += "<line x1=\"30\" y1=\"" + Num(kHeight) + "\" x2=\"" + Num(width) + "\" y2=\"" +
         Num(kHeight) + "\" class=\"base\"/>";
  // Labels are about 6 px per character at 10 px; skip columns so they never overlap.
  size_t label_len = 1;
  for (const auto& c : columns) label_len = std::max(label_len, c.label.size());
  const int label_px = static_cast<int>(label_len) * 6 + 8;
  const int label_every = std::max(1, (label_px + step - 1) / step);
  for (int i = 0; i < n; ++i) {
    const Column& c = columns[static_cast<size_t>(i)];
    int h = static_cast<int>((static_cast<long long>(c.value) * plot) / max_value);
    if (c.value > 0 && h < 1) h = 1;
    int x = 34 + i * step;
    svg += "<rect x=\"" + Num(x) + "\" y=\"" + Num(kHeight - h) + "\" width=\"" +
           Num(std::max(2, step - 2)) + "\" height=\"" + Num(h) + "\" class=\"" +
           (c.marked ? "col mark" : "col") + "\"><title>" + EscapeHtml(c.label) + ": " +
           Num(c.value) + " " + EscapeHtml(unit) + "</title></rect>";
    if (i % label_every == 0) {
      svg += "<text x=\"" + Num(x) + "\" y=\"" + Num(kHeight + 14) + "\" class=\"ax\">" +
             EscapeHtml(c.label) + "</text>";
    }
  }
  svg += "</svg>";
  return svg;
}

std::string TallyBar(const std::string& title, int plus, int zero, int minus) {
  const int kWidth = 160, kHeight = 16;
  int total = plus + zero + minus;
  std::string label = Num(plus) + " for, " + Num(zero) + " neutral, " + Num(minus) + " against";
  std::string svg = "<svg class=\"tally\" role=\"img\" viewBox=\"0 0 " + Num(kWidth) + " " +
                    Num(kHeight) + "\" width=\"" + Num(kWidth) + "\" height=\"" + Num(kHeight) +
                    "\"><title>" + EscapeHtml(title) + " " + label + "</title>";
  svg += "<rect x=\"0\" y=\"0\" width=\"" + Num(kWidth) + "\" height=\"" + Num(kHeight) +
         "\" class=\"empty\"/>";
  if (total > 0) {
    int x = 0;
    const int parts[3] = {plus, zero, minus};
    const char* classes[3] = {"for", "neutral", "against"};
    for (int k = 0; k < 3; ++k) {
      int w = (parts[k] * kWidth) / total;
      if (k == 2) w = kWidth - x;
      if (parts[k] == 0) continue;
      svg += "<rect x=\"" + Num(x) + "\" y=\"0\" width=\"" + Num(w) + "\" height=\"" +
             Num(kHeight) + "\" class=\"" + classes[k] + "\"/>";
      x += w;
    }
  }
  svg += "</svg>";
  return svg;
}

}  // namespace quorum::report
