// SPDX-License-Identifier: Apache-2.0
// Private to report/site_*.cc: the templates' view data (kainjow mustache) and the renderer.
//
// Not a public header: nothing outside report/site_*.cc includes it, so mustache types stay
// inside these files. report/site.h is the site's public interface.
#pragma once

#include <cstdint>
#include <mustache.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/report_model.h"
#include "report/digest.h"
#include "report/proposal_view.h"

namespace quorum::report {

// A template's view: an object of strings, booleans, lists and objects.
using View = kainjow::mustache::data;

// The bytes of report/templates/<name> ("index.mustache", "style.css"), embedded into the binary
// at build time (cmake/EmbedFiles.cmake writes the definition); "" for an unknown name.
std::string_view SiteTemplate(std::string_view name);
// Every embedded file's name, as listed in report/CMakeLists.txt.
std::vector<std::string_view> SiteTemplateNames();

// Renders report/templates/<name> with `view`. Every {{value}} goes through EscapeHtml, so a
// template cannot forget to escape; {{{value}}} is for HTML our code made (the SVG charts).
// Every embedded *.mustache file is a partial, {{>stem}}, inserted without its file's final
// newline. Lines holding only a section, end or comment tag leave nothing behind (the mustache
// spec's "standalone" rule, which kainjow 4.1 misses for sections that do not render).
std::string RenderTemplate(std::string_view name, View view);

// A root view with the "page" object the head, nav and foot partials read: title (after
// "quorum: "), root ("" or "../"), feed_link, message_count and as_of.
View PageView(const ReportModel& model, const std::string& title, const std::string& root,
              bool feed_link);

// `text` as a view string, or false when it is empty (for {{#text}}...{{/text}}).
View TextOrFalse(const std::string& text);

// An empty list, to push_back into.
View EmptyList();

// The pages, one per file (site_index.cc, site_proposal.cc, site_feed.cc).
std::string RenderIndex(const ReportModel& model, const std::vector<ProposalView>& views,
                        const Digest& digest);
std::string RenderProposal(const ReportModel& model, const ProposalView& view);
std::string RenderDigest(const ReportModel& model, const std::vector<ProposalView>& views,
                         const Digest& digest);
std::string RenderFeed(const ReportModel& model, const std::vector<ProposalView>& views,
                       const Digest& digest);

// The newest message date: what "as of" says (no clock). No date when no message is dated.
MailDate NewestMessageDate(const ReportModel& model);

// A date on a page: "2017-11-28T21:04:45Z" (PageTime) or "2017-11-28" (PageDay); "?" for none.
std::string PageTime(const MailDate& d);
std::string PageDay(const MailDate& d);
// "p/x.html" for a proposal id, "" when unknown.
std::string ProposalFile(const std::vector<ProposalView>& views, const ReportModel& model,
                         const std::string& proposal_id);

}  // namespace quorum::report
