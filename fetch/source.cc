// SPDX-License-Identifier: Apache-2.0
// List names, sources and URLs.
#include "fetch/source.h"

#include "core/text.h"

namespace quorum::fetch {
namespace {

Error UsageError(std::string message) { return Error{ErrorCode::kUsage, std::move(message)}; }

// The authority ("host:port") part of an absolute URL, or empty.
std::string_view Authority(std::string_view url) {
  size_t p = url.find("://");
  if (p == std::string_view::npos) return {};
  url.remove_prefix(p + 3);
  size_t end = url.find_first_of("/?#");
  return url.substr(0, end);
}

}  // namespace

std::optional<SourceKind> ParseSourceKind(std::string_view name) {
  if (name == "ponymail") return SourceKind::kPonyMail;
  if (name == "modmbox") return SourceKind::kModMbox;
  return std::nullopt;
}

const char* SourceName(SourceKind kind) {
  return kind == SourceKind::kPonyMail ? "ponymail" : "modmbox";
}

const char* MboxFormatOf(SourceKind kind) {
  return kind == SourceKind::kPonyMail ? "mboxrd" : "mboxo";
}

const char* DefaultBaseUrl(SourceKind kind) {
  return kind == SourceKind::kPonyMail ? "https://lists.apache.org"
                                       : "https://mail-archives.apache.org";
}

Result<ListId> ParseListId(std::string_view text) {
  size_t at = text.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= text.size() || text.size() > 200) {
    return UsageError("bad list name '" + std::string(text) +
                      "': expected e.g. dev@tvm.apache.org");
  }
  std::string_view local = text.substr(0, at), domain = text.substr(at + 1);
  bool ok = local[0] != '.';
  for (char c : local) ok = ok && (IsAlnum(c) || c == '.' || c == '_' || c == '-');
  // Domain labels: non-empty, alnum or '-', separated by single dots.
  bool label_start = true;
  for (char c : domain) {
    if (c == '.') {
      ok = ok && !label_start;
      label_start = true;
    } else {
      ok = ok && (IsAlnum(c) || c == '-');
      label_start = false;
    }
  }
  ok = ok && !label_start;
  if (!ok) {
    return UsageError("bad list name '" + std::string(text) +
                      "': expected e.g. dev@tvm.apache.org");
  }
  return ListId{std::string(local), std::string(domain)};
}

Result<std::string> NormalizeBaseUrl(std::string_view url) {
  std::string bad = "bad base url '" + std::string(url) + "'";
  for (char c : url) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return UsageError(bad + ": whitespace or control byte");
  }
  if (!url.starts_with("https://") && !url.starts_with("http://")) {
    return UsageError(bad + ": must start with https:// or http://");
  }
  if (url.find_first_of("?#") != std::string_view::npos) {
    return UsageError(bad + ": no query or fragment allowed");
  }
  std::string_view auth = Authority(url);
  if (auth.empty() || auth.find('@') != std::string_view::npos) {
    return UsageError(bad + ": no host, or user info given");
  }
  std::string out(url);
  while (out.back() == '/') out.pop_back();
  return out;
}

bool IsLoopbackUrl(std::string_view url) {
  std::string_view auth = Authority(url);
  if (auth.empty()) return false;
  std::string_view host = auth;
  if (host.front() == '[') {
    size_t close = host.find(']');
    return close != std::string_view::npos && host.substr(0, close + 1) == "[::1]";
  }
  host = host.substr(0, host.find(':'));
  if (host == "localhost") return true;
  // Dotted quad with first octet 127.
  if (!host.starts_with("127.")) return false;
  int dots = 0;
  int digits = 0;
  for (char c : host) {
    if (c == '.') {
      if (digits == 0) return false;
      ++dots;
      digits = 0;
    } else if (IsDigit(c) && digits < 3) {
      ++digits;
    } else {
      return false;
    }
  }
  return dots == 3 && digits > 0;
}

Result<BaseUrl> CheckBaseUrl(std::string_view url) {
  Result<std::string> base = NormalizeBaseUrl(url);
  if (!base.ok()) return base.error();
  BaseUrl checked{std::move(base).value(), false};
  checked.loopback = IsLoopbackUrl(checked.url);
  if (!checked.loopback && checked.url.rfind("https://", 0) != 0) {
    return UsageError("base url " + checked.url + ": plain http only for loopback hosts");
  }
  return checked;
}

std::string MonthUrl(SourceKind kind, std::string_view base, const ListId& list, YearMonth month) {
  std::string ym = FormatYearMonth(month);
  if (kind == SourceKind::kPonyMail) {
    return std::string(base) + "/api/mbox.lua?list=" + list.local + "&domain=" + list.domain +
           "&d=" + ym;
  }
  // mod_mbox names a list <project>-<local>, the project being the first label of the domain
  // (tvm.apache.org -> tvm-dev); lists of apache.org itself use "www" as mod_mbox did.
  std::string project =
      list.domain == "apache.org" ? "www" : list.domain.substr(0, list.domain.find('.'));
  return std::string(base) + "/mod_mbox/" + project + "-" + list.local + "/" + ym.substr(0, 4) +
         ym.substr(5, 2) + ".mbox";
}

}  // namespace quorum::fetch
