// SPDX-License-Identifier: Apache-2.0
// libcurl settings follow ../shared/docs/reliability.md section 4 (libcurl 7.88 pitfalls).
#include "fetch/curl_http_client.h"

#include <curl/curl.h>
#include <dlfcn.h>

#include <cctype>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/version.h"
#include "fetch/source.h"

namespace quorum::fetch {
namespace {

// The libcurl entry points quorum uses, found in the shared library at run time (LoadCurl).
struct CurlApi {
  CURLcode (*global_init)(long flags) = nullptr;
  CURL* (*easy_init)() = nullptr;
  CURLcode (*easy_setopt)(CURL* curl, CURLoption option, ...) = nullptr;
  CURLcode (*easy_perform)(CURL* curl) = nullptr;
  CURLcode (*easy_getinfo)(CURL* curl, CURLINFO info, ...) = nullptr;
  void (*easy_cleanup)(CURL* curl) = nullptr;
  const char* (*easy_strerror)(CURLcode code) = nullptr;
};

template <typename Fn>
bool Resolve(void* library, const char* name, Fn* out) {
  void* symbol = dlsym(library, name);
  if (symbol == nullptr) return false;
  *out = reinterpret_cast<Fn>(symbol);
  return true;
}

// libcurl is opened when a client is made, not linked: loading it and the TLS, LDAP, Kerberos
// and SSH libraries it needs took 11 ms of every command's start-up, and only fetch and run use
// it (docs/fetch.md). `library` empty: the libcurl the build found (QUORUM_CURL_PATH), else its
// soname wherever the loader looks. RTLD_NODELETE: it then stays, as a linked library would.
// Each call also runs curl_global_init, which libcurl counts.
Result<CurlApi> LoadCurl(const std::string& library) {
  std::vector<std::string> tries;
  for (const char* name : {QUORUM_CURL_PATH, QUORUM_CURL_SONAME}) {
    if (*name != '\0') tries.emplace_back(name);
  }
  if (!library.empty()) tries = {library};
  void* handle = nullptr;
  std::string why;
  for (const std::string& name : tries) {
    handle = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (handle != nullptr) break;
    const char* error = dlerror();
    if (why.empty()) why = error != nullptr ? error : name + ": unknown error";
  }
  if (handle == nullptr) return Error{ErrorCode::kInternal, "cannot load libcurl: " + why};
  CurlApi api;
  const std::pair<const char*, bool> found[] = {
      {"curl_global_init", Resolve(handle, "curl_global_init", &api.global_init)},
      {"curl_easy_init", Resolve(handle, "curl_easy_init", &api.easy_init)},
      {"curl_easy_setopt", Resolve(handle, "curl_easy_setopt", &api.easy_setopt)},
      {"curl_easy_perform", Resolve(handle, "curl_easy_perform", &api.easy_perform)},
      {"curl_easy_getinfo", Resolve(handle, "curl_easy_getinfo", &api.easy_getinfo)},
      {"curl_easy_cleanup", Resolve(handle, "curl_easy_cleanup", &api.easy_cleanup)},
      {"curl_easy_strerror", Resolve(handle, "curl_easy_strerror", &api.easy_strerror)}};
  for (const auto& [name, ok] : found) {
    if (!ok) return Error{ErrorCode::kInternal, std::string("libcurl has no ") + name};
  }
  if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    return Error{ErrorCode::kInternal, "curl_global_init failed"};
  }
  return api;
}

struct TransferState {
  BodySink* sink = nullptr;
  bool sink_refused = false;
  std::string retry_after;  // of the latest response header block
  bool chunked = false;     // the latest header block has Transfer-Encoding: chunked
};

size_t WriteCallback(char* data, size_t size, size_t n, void* user) {
  auto* st = static_cast<TransferState*>(user);
  size_t len = size * n;
  if (!st->sink->Write(std::string_view(data, len))) {
    st->sink_refused = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  return len;
}

// Keeps the Retry-After of the last header block (a redirect's headers come first).
size_t HeaderCallback(char* data, size_t size, size_t n, void* user) {
  auto* st = static_cast<TransferState*>(user);
  size_t len = size * n;
  std::string_view line(data, len);
  if (line.starts_with("HTTP/")) {
    st->retry_after.clear();
    st->chunked = false;
  }
  auto is = [&line](std::string_view name) {
    return line.size() > name.size() && strncasecmp(line.data(), name.data(), name.size()) == 0;
  };
  if (is("retry-after:")) st->retry_after = std::string(line.substr(12));
  if (is("transfer-encoding:")) {
    std::string value(line.substr(18));
    for (char& ch : value) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    st->chunked = value.find("chunked") != std::string::npos;
  }
  return len;
}

// Transient transport failures, worth another try (curl's own --retry list plus truncation).
bool IsRetryableCurlCode(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

class CurlHttpClient : public HttpClient {
 public:
  CurlHttpClient(const CurlApi& api, const CurlClientOptions& options)
      : api_(api), options_(options) {
    if (options_.user_agent.empty()) options_.user_agent = DefaultUserAgent();
  }

  HttpResult Get(const std::string& url, BodySink* sink) override {
    HttpResult result;
    // Nothing from outside goes into a request line or header with CR, LF or NUL in it.
    for (char c : url) {
      if (c == '\r' || c == '\n' || c == '\0' || c == ' ') {
        result.cause = "refused: control byte or space in url";
        return result;
      }
    }
    bool https = url.starts_with("https://");
    if (!https && !(options_.allow_http && url.starts_with("http://") && IsLoopbackUrl(url))) {
      result.cause = "refused: only https (or http to a loopback host) is allowed";
      return result;
    }
    auto cleanup = [this](CURL* c) { api_.easy_cleanup(c); };
    std::unique_ptr<CURL, decltype(cleanup)> curl(api_.easy_init(), cleanup);
    if (!curl) {
      result.cause = "curl_easy_init failed";
      return result;
    }
    TransferState st;
    st.sink = sink;
    CURL* c = curl.get();
    char errbuf[CURL_ERROR_SIZE] = {0};
    const char* scheme = https ? "https" : "http";
    api_.easy_setopt(c, CURLOPT_URL, url.c_str());
    api_.easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    api_.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    // A redirect may never change the protocol (no https -> http, file://, ftp://). A libcurl
    // older than 7.85 does not know these options: then nothing is fetched.
    if (api_.easy_setopt(c, CURLOPT_PROTOCOLS_STR, scheme) != CURLE_OK ||
        api_.easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, scheme) != CURLE_OK) {
      result.cause = "refused: this libcurl cannot restrict protocols (7.85 or later needed)";
      return result;
    }
    api_.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    api_.easy_setopt(c, CURLOPT_MAXREDIRS, options_.max_redirects);
    api_.easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
    api_.easy_setopt(c, CURLOPT_TIMEOUT_MS, options_.total_timeout_ms);
    api_.easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_limit);
    api_.easy_setopt(c, CURLOPT_LOW_SPEED_TIME, options_.low_speed_time_s);
    api_.easy_setopt(c, CURLOPT_USERAGENT, options_.user_agent.c_str());
    api_.easy_setopt(c, CURLOPT_ACCEPT_ENCODING,
                     "");  // gzip if offered; the cap counts decoded bytes
    api_.easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    api_.easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    api_.easy_setopt(c, CURLOPT_FAILONERROR, 0L);  // we read the status ourselves
    api_.easy_setopt(c, CURLOPT_WRITEFUNCTION, WriteCallback);
    api_.easy_setopt(c, CURLOPT_WRITEDATA, &st);
    api_.easy_setopt(c, CURLOPT_HEADERFUNCTION, HeaderCallback);
    api_.easy_setopt(c, CURLOPT_HEADERDATA, &st);

    CURLcode code = api_.easy_perform(c);
    long status = 0;
    api_.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (code == CURLE_OK) {
      result.kind = HttpResult::Kind::kResponse;
      result.status = static_cast<int>(status);
      result.retry_after = st.retry_after;
      // HTTP/2 and 3 frame every body; HTTP/1.x without a length or chunking ends it by closing.
      curl_off_t length = -1;
      long version = 0;
      api_.easy_getinfo(c, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
      api_.easy_getinfo(c, CURLINFO_HTTP_VERSION, &version);
      result.close_delimited =
          length < 0 && !st.chunked &&
          (version == CURL_HTTP_VERSION_1_0 || version == CURL_HTTP_VERSION_1_1);
      return result;
    }
    if (st.sink_refused) {
      result.kind = HttpResult::Kind::kAborted;
      result.cause = "download refused by the receiver";
      return result;
    }
    result.kind = HttpResult::Kind::kTransport;
    result.retryable = IsRetryableCurlCode(code);
    if (code == CURLE_OPERATION_TIMEDOUT) {
      result.cause = "timeout";
    } else if (code == CURLE_UNSUPPORTED_PROTOCOL && status >= 300 && status < 400) {
      result.cause = "redirect to another protocol refused";
    } else if (code == CURLE_TOO_MANY_REDIRECTS) {
      result.cause = "too many redirects";
    } else if (code == CURLE_PARTIAL_FILE) {
      result.cause = "body cut short";
    } else {
      result.cause = api_.easy_strerror(code);
    }
    if (errbuf[0] != '\0') result.cause += std::string(" (") + errbuf + ")";
    for (char& ch : result.cause) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    return result;
  }

 private:
  CurlApi api_;
  CurlClientOptions options_;
};

}  // namespace

std::string DefaultUserAgent() {
  // No homepage URL: the project has none yet, and an invented one would mislead operators.
  return std::string("quorum/") + kVersion + " (ASF mailing-list archive reader)";
}

Result<std::unique_ptr<HttpClient>> MakeCurlHttpClient(const CurlClientOptions& options) {
  Result<CurlApi> api = LoadCurl(options.library);
  if (!api.ok()) return api.error();
  return std::unique_ptr<HttpClient>(std::make_unique<CurlHttpClient>(api.value(), options));
}

}  // namespace quorum::fetch
