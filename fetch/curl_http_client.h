// SPDX-License-Identifier: Apache-2.0
// HttpClient on libcurl, with the safety settings of docs/fetch.md (timeouts, protocols,
// redirects).
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "fetch/http_client.h"

namespace quorum::fetch {

struct CurlClientOptions {
  long connect_timeout_ms = 15000;  // Default: 15 s to connect
  long total_timeout_ms = 1800000;  // Default: 30 min for one whole transfer
  long low_speed_limit = 1024;      // Default: abort below 1024 B/s ...
  long low_speed_time_s = 60;       // ... sustained over 60 s (also catches a stalled server)
  long max_redirects = 5;           // Default: 5; redirects never change the protocol
  bool allow_http = false;          // plain http allowed (only for loopback base URLs)
  std::string user_agent;           // Default (empty): "quorum/<version> (+<homepage>)"
  std::string library;  // libcurl to open; empty: the one the build found (tests name others)
};

// The default User-Agent, naming quorum and its version.
std::string DefaultUserAgent();

// A client on libcurl, which is opened (dlopen: docs/fetch.md says why) and initialised
// (curl_global_init) here. Make clients before starting threads that use libcurl:
// curl_global_init is not thread-safe. Its cleanup is left to process exit. Fails when libcurl
// cannot be loaded or initialised.
Result<std::unique_ptr<HttpClient>> MakeCurlHttpClient(const CurlClientOptions& options);

}  // namespace quorum::fetch
