// SPDX-License-Identifier: Apache-2.0
// HTML to plain text for html-only mail: one forward pass, no DOM, no recursion.
#include <string>
#include <string_view>

#include "core/text.h"
#include "parse/mime.h"

namespace quorum::parse {
namespace {

// HTML white space: ASCII white space and form feed.
bool IsHtmlSpace(char c) { return IsSpace(c) || c == '\f'; }

bool IsBlockTag(std::string_view t) {
  static constexpr std::string_view kBlocks[] = {
      "p",  "div", "br",      "li",      "tr",     "h1",     "h2",    "h3",         "h4",
      "h5", "h6",  "ul",      "ol",      "table",  "hr",     "pre",   "blockquote", "dt",
      "dd", "dl",  "section", "article", "header", "footer", "title", "address"};
  for (std::string_view b : kBlocks) {
    if (t == b) return true;
  }
  return false;
}

// Named entities worth knowing in mail; others are kept as written.
bool NamedEntity(std::string_view name, char32_t* cp) {
  struct E {
    std::string_view name;
    char32_t cp;
  };
  static constexpr E kEntities[] = {
      {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
      {"apos", '\''},    {"nbsp", 0xA0},    {"copy", 0xA9},    {"reg", 0xAE},
      {"trade", 0x2122}, {"mdash", 0x2014}, {"ndash", 0x2013}, {"hellip", 0x2026},
      {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
      {"laquo", 0xAB},   {"raquo", 0xBB},   {"euro", 0x20AC},  {"bull", 0x2022},
      {"middot", 0xB7},  {"eacute", 0xE9},  {"egrave", 0xE8},  {"agrave", 0xE0},
      {"auml", 0xE4},    {"ouml", 0xF6},    {"uuml", 0xFC},    {"szlig", 0xDF},
      {"ccedil", 0xE7},  {"zwnj", 0x200C},  {"zwj", 0x200D},   {"shy", 0xAD}};
  for (const E& e : kEntities) {
    if (e.name == name) {
      *cp = e.cp;
      return true;
    }
  }
  return false;
}

class Writer {
 public:
  void Text(std::string_view s, bool pre) {
    for (char c : s) {
      if (!pre && IsHtmlSpace(c)) {
        pending_space_ = true;
        continue;
      }
      if (pre && c == '\n') {
        Newline();
        continue;
      }
      if (pre && c == '\r') continue;
      Char(c);
    }
  }
  void Char(char c) {
    if (at_line_start_) {
      for (int i = 0; i < quote_; ++i) out_.append("> ");
      at_line_start_ = false;
      pending_space_ = false;
    } else if (pending_space_) {
      out_.push_back(' ');
      pending_space_ = false;
    }
    out_.push_back(c);
  }
  void Codepoint(char32_t cp) {
    std::string tmp;
    AppendUtf8(cp == 0xA0 ? U' ' : cp, &tmp);
    for (char c : tmp) Char(c);
  }
  void Newline() {
    out_.push_back('\n');
    at_line_start_ = true;
    pending_space_ = false;
  }
  void Block() {
    if (!at_line_start_) Newline();
  }
  void Quote(int delta) {
    Block();
    quote_ += delta;
    if (quote_ < 0) quote_ = 0;
  }
  std::string Finish() {
    // Trim trailing blanks per line and squeeze runs of empty lines to one.
    std::string out;
    int newlines = 0;
    size_t pos = 0;
    while (pos < out_.size()) {
      size_t nl = out_.find('\n', pos);
      std::string_view line(out_.data() + pos, (nl == std::string::npos ? out_.size() : nl) - pos);
      while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
      std::string_view bare = line;
      while (!bare.empty() && (bare.front() == '>' || bare.front() == ' ')) bare.remove_prefix(1);
      if (bare.empty()) {
        ++newlines;
      } else {
        if (!out.empty()) out.append(newlines > 0 ? "\n\n" : "\n");
        newlines = 0;
        out.append(line);
      }
      if (nl == std::string::npos) break;
      pos = nl + 1;
    }
    if (!out.empty()) out.push_back('\n');
    return out;
  }

 private:
  std::string out_;
  bool at_line_start_ = true;
  bool pending_space_ = false;
  int quote_ = 0;
};

}  // namespace

std::string HtmlToText(std::string_view html) {
  Writer w;
  size_t i = 0;
  size_t n = html.size();
  bool pre = false;
  while (i < n) {
    char c = html[i];
    if (c == '<') {
      if (html.compare(i, 4, "<!--") == 0) {
        size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? n : end + 3;
        continue;
      }
      size_t end = html.find('>', i + 1);
      if (end == std::string_view::npos) {
        w.Text(html.substr(i), pre);  // not a tag after all
        break;
      }
      std::string_view tag = html.substr(i + 1, end - i - 1);
      i = end + 1;
      bool closing = !tag.empty() && tag[0] == '/';
      if (closing) tag.remove_prefix(1);
      size_t name_end = 0;
      while (name_end < tag.size() && !IsSpace(tag[name_end]) && tag[name_end] != '/' &&
             tag[name_end] != '>') {
        ++name_end;
      }
      std::string name = AsciiLower(tag.substr(0, name_end));
      if (!closing && (name == "script" || name == "style" || name == "head")) {
        // Skip to the matching close tag (case-insensitive search, linear).
        std::string close = "</" + name;
        size_t j = i;
        size_t found = std::string_view::npos;
        while (j + close.size() <= n) {
          size_t lt = html.find('<', j);
          if (lt == std::string_view::npos) break;
          if (lt + close.size() <= n && IEquals(html.substr(lt, close.size()), close)) {
            found = lt;
            break;
          }
          j = lt + 1;
        }
        if (found == std::string_view::npos) {
          i = n;
        } else {
          size_t gt = html.find('>', found);
          i = gt == std::string_view::npos ? n : gt + 1;
        }
        continue;
      }
      if (name == "pre") pre = !closing;
      if (name == "blockquote") {
        w.Quote(closing ? -1 : 1);
        continue;
      }
      if (name == "br") {
        w.Newline();
        continue;
      }
      if (IsBlockTag(name)) {
        w.Block();
        if ((name == "p" || name == "table") && !closing) w.Newline();
      }
      continue;
    }
    if (c == '&') {
      size_t semi = html.find(';', i + 1);
      if (semi != std::string_view::npos && semi - i <= 10) {
        std::string_view ent = html.substr(i + 1, semi - i - 1);
        char32_t cp = 0;
        bool ok = false;
        if (!ent.empty() && ent[0] == '#') {
          std::string_view num = ent.substr(1);
          int base = 10;
          if (!num.empty() && (num[0] == 'x' || num[0] == 'X')) {
            base = 16;
            num.remove_prefix(1);
          }
          uint32_t v = 0;
          ok = !num.empty();
          for (char d : num) {
            int dv = (d >= '0' && d <= '9')                 ? d - '0'
                     : (base == 16 && d >= 'a' && d <= 'f') ? d - 'a' + 10
                     : (base == 16 && d >= 'A' && d <= 'F') ? d - 'A' + 10
                                                            : -1;
            if (dv < 0 || v > 0x10FFFF) {
              ok = false;
              break;
            }
            v = v * static_cast<uint32_t>(base) + static_cast<uint32_t>(dv);
          }
          if (ok) cp = v == 0 || v > 0x10FFFF ? 0xFFFD : v;
        } else {
          ok = NamedEntity(ent, &cp);
        }
        if (ok) {
          w.Codepoint(cp);
          i = semi + 1;
          continue;
        }
      }
    }
    size_t next = i + 1;
    while (next < n && html[next] != '<' && html[next] != '&') ++next;
    w.Text(html.substr(i, next - i), pre);
    i = next;
  }
  return SanitizeUtf8(w.Finish());
}

}  // namespace quorum::parse
