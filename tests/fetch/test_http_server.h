// SPDX-License-Identifier: Apache-2.0
// A scripted HTTP/1.1 server on 127.0.0.1 for fetch tests: one thread, one connection at a time.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace quorum::test {

struct ScriptedResponse {
  enum class Framing {
    kContentLength,  // Content-Length: full body size (even when cut short)
    kChunked,        // Transfer-Encoding: chunked; the last chunk is omitted when cut short
    kClose,          // no length: the body ends when the connection closes (like Foal)
  };
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  Framing framing = Framing::kContentLength;
  size_t cut_after = SIZE_MAX;  // send only this many body bytes, then close
  int stall_ms = 0;             // pause after the headers, before the body
  size_t piece = 0;             // send the body in pieces of this size (0: all at once) ...
  int piece_delay_ms = 0;       // ... with this pause before each piece
  int hold_last_ms = 0;         // pause before the last piece (ends early if the client leaves)
};

class TestHttpServer {
 public:
  TestHttpServer();  // listens on an ephemeral loopback port and starts serving
  ~TestHttpServer();
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  // "http://127.0.0.1:<port>".
  std::string base_url() const;
  int port() const { return port_; }

  // Responses for a request target (path + query), served in order; the last one repeats.
  // Unscripted targets get a 404 HTML page.
  void Script(const std::string& target, std::vector<ScriptedResponse> responses);

  // Request targets in arrival order, and the raw request heads (request line + headers).
  std::vector<std::string> targets() const;
  std::vector<std::string> raw_requests() const;
  size_t Count(const std::string& target) const;
  uint64_t body_bytes_sent() const { return body_bytes_sent_.load(); }

 private:
  void Serve();
  void Handle(int fd);
  bool SendAll(int fd, const std::string& data);
  // Sleeps, returning early on stop or, when fd >= 0, when the client has closed; false then.
  bool Sleep(int ms, int fd = -1) const;

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> body_bytes_sent_{0};
  mutable std::mutex mu_;
  std::map<std::string, std::vector<ScriptedResponse>> script_;
  std::map<std::string, size_t> served_;
  std::vector<std::string> targets_;
  std::vector<std::string> raw_;
  std::thread thread_;
};

}  // namespace quorum::test
