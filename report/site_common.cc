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

// `name`'s text with every {{>stem}} replaced by report/templates/<stem>.mustache (stripped, less
// its final newline), again until none is left. kainjow renders a partial in the including
// template's line buffer and context, so the inlined text renders the same bytes; inlining lets a
// page be parsed once per run instead of each partial once per use. Iterative, depth-capped.
std::string InlinePartials(std::string_view name) {
  std::string text = TemplateText(name);
  constexpr int kMaxPasses = 16;
  for (int pass = 0;; ++pass) {
    std::string out;
    bool inlined = false;
    size_t pos = 0;
    while (true) {
      size_t open = text.find("{{>", pos);
      if (open == std::string::npos) break;
      size_t close = text.find("}}", open + 3);
      if (close == std::string::npos) break;
      std::string_view stem(text.data() + open + 3, close - open - 3);
      while (!stem.empty() && (stem.front() == ' ' || stem.front() == '\t')) stem.remove_prefix(1);
      while (!stem.empty() && (stem.back() == ' ' || stem.back() == '\t')) stem.remove_suffix(1);
      std::string file = std::string(stem) + ".mustache";
      if (SiteTemplate(file).empty()) Fail(name, "no partial named " + std::string(stem));
      std::string partial = TemplateText(file);
      if (!partial.empty() && partial.back() == '\n') partial.pop_back();
      out.append(text, pos, open - pos);
      out += partial;
      pos = close + 2;
      inlined = true;
    }
    if (!inlined) return text;
    if (pass == kMaxPasses) Fail(name, "partials nested too deeply");
    out.append(text, pos, std::string::npos);
    text = std::move(out);
  }
}

}  // namespace

Templates::Templates() = default;
Templates::~Templates() = default;

std::string Templates::Render(std::string_view name, const View& view) {
  auto it = parsed_.find(name);
  if (it == parsed_.end()) {
    auto tmpl = std::make_unique<kainjow::mustache::mustache>(InlinePartials(name));
    if (!tmpl->is_valid()) Fail(name, tmpl->error_message());
    tmpl->set_custom_escape([](const std::string& s) { return EscapeHtml(s); });
    it = parsed_.emplace(std::string(name), std::move(tmpl)).first;
  }
  kainjow::mustache::mustache& tmpl = *it->second;
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

const std::string& Templates::AsOf(const ReportModel& model) {
  if (!as_of_) {
    MailDate newest = NewestMessageDate(model);
    as_of_ = newest.valid ? FormatIsoUtc(newest) : std::string("(no dates)");
  }
  return *as_of_;
}

View PageView(Templates* templates, const ReportModel& model, const std::string& title,
              const std::string& root, bool feed_link) {
  View page;
  Put(&page, "title", title);
  Put(&page, "root", root);
  Put(&page, "feed_link", feed_link);
  Put(&page, "message_count", std::to_string(model.messages.size()));
  Put(&page, "as_of", templates->AsOf(model));
  View view;
  Put(&view, "page", std::move(page));
  return view;
}

View TextOrFalse(const std::string& text) { return text.empty() ? View(false) : View(text); }

View EmptyList() { return View(View::type::list); }

Status RenderSite(const ReportModel& model, const std::vector<ProposalView>& views,
                  const Digest& digest, const std::function<Status(const SiteFile&)>& sink) {
  Templates templates;
  Status s = sink(SiteFile{"style.css", std::string(SiteTemplate("style.css"))});
  for (size_t i = 0; s.ok() && i < views.size(); ++i) {
    s = sink(SiteFile{views[i].file, RenderProposal(&templates, model, views[i])});
  }
  if (s.ok()) s = sink(SiteFile{"digest.html", RenderDigest(&templates, model, views, digest)});
  if (s.ok()) s = sink(SiteFile{"feed.xml", RenderFeed(&templates, model, views, digest)});
  if (s.ok()) s = sink(SiteFile{"index.html", RenderIndex(&templates, model, views, digest)});
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
