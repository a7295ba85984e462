// SPDX-License-Identifier: Apache-2.0
// Private to report/site_*.cc: the templates' view data (kainjow mustache) and the renderer.
//
// Not a public header: nothing outside report/site_*.cc includes it, so mustache types stay
// inside these files. report/site.h is the site's public interface.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mustache.hpp>
#include <optional>
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

// The page templates, each parsed once per run: a run renders hundreds of pages from the same
// few templates. Renders report/templates/<name> with `view`. Every {{value}} goes through
// EscapeHtml, so a template cannot forget to escape; {{{value}}} is for HTML our code made (the
// SVG charts). Every embedded *.mustache file is a partial, {{>stem}}, inserted without its
// file's final newline (inlined into the page's text before it is parsed). Lines holding only a
// section, end or comment tag leave nothing behind (the mustache spec's "standalone" rule, which
// kainjow 4.1 misses for sections that do not render).
class Templates {
 public:
  Templates();
  ~Templates();
  Templates(const Templates&) = delete;
  Templates& operator=(const Templates&) = delete;

  std::string Render(std::string_view name, const View& view);
  // What every page says "as of": the newest message's date, "(no dates)" when none. Found
  // once per run (it reads every message), not once per page.
  const std::string& AsOf(const ReportModel& model);

 private:
  std::optional<std::string> as_of_;
  std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>, std::less<>> parsed_;
};

// Sets `key` of the object `view` to `value`, and appends `item` to the list `list`, without
// copying them: View::set and View::push_back copy the whole subtree, level after level.
inline void Put(View* view, const std::string& key, View&& value) {
  (*view)[key] = std::move(value);
}
inline void Append(View* list, View&& item) {
  // The list's elements are not const objects; kainjow only lacks a mutable accessor. Its data
  // has no noexcept move, so a growing std::vector would copy every element's subtree: grow it
  // by moving instead.
  auto& items = const_cast<kainjow::mustache::list&>(list->list_value());
  if (items.size() == items.capacity()) {
    kainjow::mustache::list grown;
    grown.reserve(items.empty() ? 4 : 2 * items.size());
    for (View& v : items) grown.push_back(std::move(v));
    items.swap(grown);
  }
  items.push_back(std::move(item));
}

// A root view with the "page" object the head, nav and foot partials read: title (after
// "quorum: "), root ("" or "../"), feed_link, message_count and as_of.
View PageView(Templates* templates, const ReportModel& model, const std::string& title,
              const std::string& root, bool feed_link);

// `text` as a view string, or false when it is empty (for {{#text}}...{{/text}}).
View TextOrFalse(const std::string& text);

// An empty list, to push_back into.
View EmptyList();

// The pages, one per file (site_index.cc, site_proposal.cc, site_feed.cc).
std::string RenderIndex(Templates* templates, const ReportModel& model,
                        const std::vector<ProposalView>& views, const Digest& digest);
std::string RenderProposal(Templates* templates, const ReportModel& model,
                           const ProposalView& view);
std::string RenderDigest(Templates* templates, const ReportModel& model,
                         const std::vector<ProposalView>& views, const Digest& digest);
std::string RenderFeed(Templates* templates, const ReportModel& model,
                       const std::vector<ProposalView>& views, const Digest& digest);

// The newest message date: what "as of" says (no clock). No date when no message is dated.
MailDate NewestMessageDate(const ReportModel& model);

// A date on a page: "2017-11-28T21:04:45Z" (PageTime) or "2017-11-28" (PageDay); "?" for none.
std::string PageTime(const MailDate& d);
std::string PageDay(const MailDate& d);
// "p/x.html" for a proposal id, "" when unknown.
std::string ProposalFile(const std::vector<ProposalView>& views, const ReportModel& model,
                         const std::string& proposal_id);

}  // namespace quorum::report
