// SPDX-License-Identifier: Apache-2.0
// The static HTML site: index, one page per proposal, digest, Atom feed, stylesheet.
//
// Every string that comes from mail goes through EscapeHtml, every link through SafeUrl, every
// file name through SafeFileName. Pages carry a Content-Security-Policy that forbids scripts and
// anything external; they need no JavaScript and work from file://.
//
// Pages are kainjow mustache templates, report/templates/*.mustache (and style.css), embedded
// into the binary at build time. The renderer (site_common.cc) escapes every {{value}} through
// EscapeHtml (set_custom_escape), which also shows controls and bidi overrides, so a template
// cannot forget to escape. {{{value}}} is kept for HTML our code made (the SVG charts of
// svg_chart.h), each marked with a comment. site_*.cc turn the model into plain view data;
// mustache types stay in those files and the private site_view.h.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/report_model.h"
#include "core/result.h"
#include "report/digest.h"
#include "report/proposal_view.h"

namespace quorum::report {

// A file of the site: a path relative to --out ("index.html", "p/x.html") and its bytes.
struct SiteFile {
  std::string path;
  std::string bytes;
};

// Renders every page, handing each to `sink` as soon as it is made (so only one page is in
// memory at a time) and stopping at the first failure `sink` returns. Deterministic: no clock,
// no environment; the "as of" date is the newest message date.
Status RenderSite(const ReportModel& model, const std::vector<ProposalView>& views,
                  const Digest& digest, const std::function<Status(const SiteFile&)>& sink);
// The same, every page at once (tests and small sites).
std::vector<SiteFile> RenderSite(const ReportModel& model, const std::vector<ProposalView>& views,
                                 const Digest& digest);

}  // namespace quorum::report
