// SPDX-License-Identifier: Apache-2.0
// The static HTML site: index, one page per proposal, digest, Atom feed, stylesheet.
//
// Every string that comes from mail goes through EscapeHtml, every link through SafeUrl, every
// file name through SafeFileName. Pages carry a Content-Security-Policy that forbids scripts and
// anything external; they need no JavaScript and work from file://. Pages are assembled by
// plain string building, not a template engine: mustache's {{var}} escaping is HTML-only and
// would not show controls or bidi overrides, so every value would need EscapeHtml plus
// triple-mustache anyway, and one forgotten pair of braces would emit raw mail.
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

// Internal pieces, one per file (site_common.cc, site_index.cc, site_proposal.cc, site_feed.cc).
std::string PageHead(const std::string& title_html, const std::string& root);
std::string PageFoot(const ReportModel& model);
std::string StyleSheet();
std::string RenderIndex(const ReportModel& model, const std::vector<ProposalView>& views,
                        const Digest& digest);
std::string RenderProposal(const ReportModel& model, const ProposalView& view);
std::string RenderDigest(const ReportModel& model, const std::vector<ProposalView>& views,
                         const Digest& digest);
std::string RenderFeed(const ReportModel& model, const std::vector<ProposalView>& views,
                       const Digest& digest);
int64_t NewestMessageDate(const ReportModel& model);
// "p/x.html" for a proposal id, "" when unknown.
std::string ProposalFile(const std::vector<ProposalView>& views, const ReportModel& model,
                         const std::string& proposal_id);

}  // namespace quorum::report
