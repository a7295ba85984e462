// SPDX-License-Identifier: Apache-2.0
// The scripted loopback HTTP server (POSIX sockets, no third-party code).
#include "test_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>

namespace quorum::test {
namespace {

const char* Reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 404:
      return "Not Found";
    case 408:
      return "Request Timeout";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

}  // namespace

TestHttpServer::TestHttpServer() {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(listen_fd_, 16) != 0) {
    std::perror("test server: bind/listen");
    std::abort();
  }
  socklen_t len = sizeof addr;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

TestHttpServer::~TestHttpServer() {
  stop_ = true;
  thread_.join();
  close(listen_fd_);
}

std::string TestHttpServer::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

void TestHttpServer::Script(const std::string& target, std::vector<ScriptedResponse> responses) {
  std::lock_guard<std::mutex> lock(mu_);
  script_[target] = std::move(responses);
  served_[target] = 0;
}

std::vector<std::string> TestHttpServer::targets() const {
  std::lock_guard<std::mutex> lock(mu_);
  return targets_;
}

std::vector<std::string> TestHttpServer::raw_requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return raw_;
}

size_t TestHttpServer::Count(const std::string& target) const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<size_t>(std::count(targets_.begin(), targets_.end(), target));
}

bool TestHttpServer::Sleep(int ms, int fd) const {
  auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (!stop_ && std::chrono::steady_clock::now() < end) {
    if (fd >= 0) {
      pollfd p{fd, POLLIN, 0};
      char c;
      if (poll(&p, 1, 5) > 0 && recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) <= 0) return false;
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  return !stop_;
}

void TestHttpServer::Serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (poll(&p, 1, 20) <= 0) continue;
    int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    Handle(fd);
    shutdown(fd, SHUT_RDWR);
    close(fd);
  }
}

bool TestHttpServer::SendAll(int fd, const std::string& data) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;  // the client went away
    off += static_cast<size_t>(n);
  }
  return true;
}

void TestHttpServer::Handle(int fd) {
  std::string head;
  char buf[4096];
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (head.find("\r\n\r\n") == std::string::npos && !stop_ &&
         std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 20) <= 0) continue;
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return;
    head.append(buf, static_cast<size_t>(n));
  }
  size_t end = head.find("\r\n\r\n");
  if (end == std::string::npos) return;
  head.resize(end);
  std::string line = head.substr(0, head.find("\r\n"));
  size_t sp1 = line.find(' '), sp2 = line.rfind(' ');
  std::string target =
      sp1 != std::string::npos && sp2 > sp1 ? line.substr(sp1 + 1, sp2 - sp1 - 1) : "";

  ScriptedResponse r;
  {
    std::lock_guard<std::mutex> lock(mu_);
    targets_.push_back(target);
    raw_.push_back(head);
    auto it = script_.find(target);
    if (it == script_.end() || it->second.empty()) {
      r.status = 404;
      r.headers = {{"Content-Type", "text/html"}};
      r.body = "<html><body>not found</body></html>\n";
    } else {
      size_t i = std::min(served_[target]++, it->second.size() - 1);
      r = it->second[i];
    }
  }

  std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + Reason(r.status) + "\r\n";
  for (const auto& [name, value] : r.headers) out += name + ": " + value + "\r\n";
  if (r.framing == ScriptedResponse::Framing::kContentLength) {
    out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
  } else if (r.framing == ScriptedResponse::Framing::kChunked) {
    out += "Transfer-Encoding: chunked\r\n";
  }
  out += "Connection: close\r\n\r\n";
  if (!SendAll(fd, out)) return;
  if (r.stall_ms > 0 && !Sleep(r.stall_ms, fd)) return;

  std::string body = r.body.substr(0, std::min(r.cut_after, r.body.size()));
  bool cut = body.size() < r.body.size();
  size_t piece = r.piece > 0 ? r.piece : std::max<size_t>(body.size(), 1);
  for (size_t off = 0; off < body.size() && !stop_; off += piece) {
    if (r.piece_delay_ms > 0) Sleep(r.piece_delay_ms);
    if (r.hold_last_ms > 0 && off + piece >= body.size() && !Sleep(r.hold_last_ms, fd)) return;
    std::string chunk = body.substr(off, piece);
    if (r.framing == ScriptedResponse::Framing::kChunked) {
      char len[32];
      std::snprintf(len, sizeof len, "%zx\r\n", chunk.size());
      chunk = len + chunk + "\r\n";
    }
    if (!SendAll(fd, chunk)) return;
    body_bytes_sent_ += std::min(piece, body.size() - off);
  }
  if (r.framing == ScriptedResponse::Framing::kChunked && !cut) SendAll(fd, "0\r\n\r\n");
}

}  // namespace quorum::test
