// SPDX-License-Identifier: Apache-2.0
// Where a list-month lives: list names, archive sources (Pony Mail, mod_mbox) and their URLs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "fetch/month.h"

namespace quorum::fetch {

enum class SourceKind {
  kPonyMail,  // lists.apache.org: GET {base}/api/mbox.lua?list=dev&domain=tvm.apache.org&d=2022-12
  kModMbox,   // legacy mod_mbox: GET {base}/mod_mbox/tvm-dev/202212.mbox
};

// "ponymail" or "modmbox"; nullopt otherwise.
std::optional<SourceKind> ParseSourceKind(std::string_view name);
const char* SourceName(SourceKind kind);

// The mbox dialect a source serves, as recorded in the state file: "mboxrd" (Pony Mail) or
// "mboxo" (mod_mbox).
const char* MboxFormatOf(SourceKind kind);

// "https://lists.apache.org" or "https://mail-archives.apache.org".
const char* DefaultBaseUrl(SourceKind kind);

// A list address split in two: "dev@tvm.apache.org" -> {"dev", "tvm.apache.org"}.
struct ListId {
  std::string local;
  std::string domain;
  std::string Full() const { return local + "@" + domain; }
};

// Accepts local@domain where local is [A-Za-z0-9._-]+ (not starting with '.') and domain is
// dot-separated labels of [A-Za-z0-9-]; so the name is always safe as a directory name and in
// a URL. Error kUsage otherwise.
Result<ListId> ParseListId(std::string_view text);

// Checks and normalises a base URL: http(s)://host[:port][/path], no user info, query,
// fragment, whitespace or control bytes; the trailing '/' is dropped. Error kUsage otherwise.
Result<std::string> NormalizeBaseUrl(std::string_view url);

// True when the URL's host is loopback: 127.0.0.0/8, "localhost" or "[::1]".
bool IsLoopbackUrl(std::string_view url);

// A base URL fit to fetch from: normalised, and https unless its host is loopback (plain http
// reaches only a test server or a mirror on this machine).
struct BaseUrl {
  std::string url;
  bool loopback = false;  // the transfer may then use plain http
};

// NormalizeBaseUrl, then the https-unless-loopback rule. Error kUsage otherwise, e.g.
// "base url http://example.org: plain http only for loopback hosts".
Result<BaseUrl> CheckBaseUrl(std::string_view url);

// The URL of one month of `list` at `base` (already normalised).
std::string MonthUrl(SourceKind kind, std::string_view base, const ListId& list, YearMonth month);

}  // namespace quorum::fetch
