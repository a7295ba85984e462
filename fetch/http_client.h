// SPDX-License-Identifier: Apache-2.0
// The HTTP client interface the fetch logic talks to; the libcurl one is in curl_http_client.h.
#pragma once

#include <string>
#include <string_view>

namespace quorum::fetch {

// Receives a response body as it arrives. Write returns false to abort the transfer (size cap,
// disk full); the client then reports kAborted.
class BodySink {
 public:
  virtual ~BodySink() = default;
  virtual bool Write(std::string_view data) = 0;
};

struct HttpResult {
  enum class Kind {
    kResponse,   // the server answered; see status (the body went to the sink)
    kTransport,  // no complete answer: connection, TLS, timeout, truncated body, bad redirect
    kAborted,    // the sink refused more data
  };
  Kind kind = Kind::kTransport;
  int status = 0;           // final HTTP status for kResponse
  std::string retry_after;  // raw Retry-After header of the final response, if any
  // For kResponse: the body had neither a Content-Length nor chunked framing (HTTP/1.x), so
  // only the connection closing ended it, and a body cut on the way looks complete to the
  // client. The caller judges it by its content (fetch: EndsOnMessageBoundary).
  bool close_delimited = false;
  bool retryable = false;  // for kTransport: worth trying again (timeout, reset, truncation)
  std::string cause;       // for kTransport/kAborted: lower-case reason, e.g. "timeout"
};

// One GET at a time. Implementations follow redirects themselves, within their own limits.
class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual HttpResult Get(const std::string& url, BodySink* sink) = 0;
};

}  // namespace quorum::fetch
