// SPDX-License-Identifier: Apache-2.0
// The template renderer, the page parts every page shares, and the site assembly.
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "core/time.h"
#include "report/html_escape.h"
#include "report/site.h"
#include "report/site_view.h"

namespace quorum::report {
namespace {

// Drops the lines that hold only blanks and one section ({{#x}}, {{^x}}), end ({{/x}}) or
// comment ({{! ...}}, which may span lines) tag: the tag stays, its blanks and newline go. A
// section that does not render then leaves no empty line, as the mustache spec says.
std::string StripStandaloneTags(std::string_view t) {
  std::string out;
  out.reserve(t.size());
  size_t pos = 0;
  while (pos < t.size()) {
    size_t eol = t.find('\n', pos);
    size_t line_end = eol == std::string_view::npos ? t.size() : eol + 1;
    size_t p = pos;
    while (p < t.size() && (t[p] == ' ' || t[p] == '\t')) ++p;
    if (t.substr(p, 2) == "{{" && p + 2 < t.size() &&
        std::string_view("#^/!").find(t[p + 2]) != std::string_view::npos) {
      size_t close = t.find("}}", p + 2);
      if (close != std::string_view::npos) {
        size_t after = close + 2;
        if (after == t.size() || t[after] == '\n') {
          out.append(t.substr(p, after - p));
          pos = after == t.size() ? after : after + 1;
          continue;
        }
      }
    }
    out.append(t.substr(pos, line_end - pos));
    pos = line_end;
  }
  return out;
}

// The templates are compiled in and the tests render every page: a broken template or view is a
// programming error, not bad data.
[[noreturn]] void Fail(std::string_view name, const std::string& what) {
  std::fprintf(stderr, "quorum: template %.*s: %s\n", static_cast<int>(name.size()), name.data(),
               what.c_str());
  std::abort();
}

std::string TemplateText(std::string_view name) { return StripStandaloneTags(SiteTemplate(name)); }

}  // namespace

std::string RenderTemplate(std::string_view name, View view) {
  // Every template is a partial, by its stem; the pages are partials too, which does no harm.
  const std::string_view kSuffix = ".mustache";
  for (std::string_view file : SiteTemplateNames()) {
    if (!file.ends_with(kSuffix)) continue;
    std::string stem(file.substr(0, file.size() - kSuffix.size()));
    if (view.get(stem) != nullptr)
      Fail(name, "the view has a value named like the partial " + stem);
    std::string text = TemplateText(file);
    if (!text.empty() && text.back() == '\n') text.pop_back();
    view.set(stem, View(text));
  }
  kainjow::mustache::mustache tmpl(TemplateText(name));
  tmpl.set_custom_escape([](const std::string& s) { return EscapeHtml(s); });
  std::string page = tmpl.render(view);
  if (!tmpl.is_valid()) Fail(name, tmpl.error_message());
  return page;
}

MailDate NewestMessageDate(const ReportModel& model) {
  MailDate newest;
  for (const auto& m : model.messages) newest = std::max(newest, m.date);
  return newest;
}

std::string PageTime(const MailDate& d) { return d.valid ? FormatIsoUtc(d) : "?"; }

std::string PageDay(const MailDate& d) { return d.valid ? FormatIsoDay(d) : "?"; }

std::string ProposalFile(const std::vector<ProposalView>& views, const ReportModel& model,
                         const std::string& proposal_id) {
  for (const auto& v : views) {
    if (model.proposals[static_cast<size_t>(v.proposal)].id == proposal_id) return v.file;
  }
  return "";
}

View PageView(const ReportModel& model, const std::string& title, const std::string& root,
              bool feed_link) {
  MailDate newest = NewestMessageDate(model);
  View page;
  page.set("title", title);
  page.set("root", root);
  page.set("feed_link", feed_link);
  page.set("message_count", std::to_string(model.messages.size()));
  page.set("as_of", newest.valid ? FormatIsoUtc(newest) : std::string("(no dates)"));
  View view;
  view.set("page", page);
  return view;
}

View TextOrFalse(const std::string& text) { return text.empty() ? View(false) : View(text); }

View EmptyList() { return View(View::type::list); }

Status RenderSite(const ReportModel& model, const std::vector<ProposalView>& views,
                  const Digest& digest, const std::function<Status(const SiteFile&)>& sink) {
  Status s = sink(SiteFile{"style.css", std::string(SiteTemplate("style.css"))});
  for (size_t i = 0; s.ok() && i < views.size(); ++i) {
    s = sink(SiteFile{views[i].file, RenderProposal(model, views[i])});
  }
  if (s.ok()) s = sink(SiteFile{"digest.html", RenderDigest(model, views, digest)});
  if (s.ok()) s = sink(SiteFile{"feed.xml", RenderFeed(model, views, digest)});
  if (s.ok()) s = sink(SiteFile{"index.html", RenderIndex(model, views, digest)});
  return s;
}

std::vector<SiteFile> RenderSite(const ReportModel& model, const std::vector<ProposalView>& views,
                                 const Digest& digest) {
  std::vector<SiteFile> files;
  Status collected = RenderSite(model, views, digest, [&files](const SiteFile& f) {
    files.push_back(f);
    return Status();
  });
  (void)collected;  // the collecting sink never fails
  return files;
}

}  // namespace quorum::report
