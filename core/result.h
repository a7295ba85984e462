// SPDX-License-Identifier: Apache-2.0
// Result<T> and Error: how environment failures (files, network, HTTP) are returned.
//
// Bad *data* is never an Error: it becomes a Diagnostic (core/diagnostics.h) and the run goes
// on. An Error means the environment refused something: a file could not be opened, a server
// did not answer. Messages read "stage: subject: cause", lower case, no trailing period, e.g.
// "fetch: dev@tvm.apache.org 2021-05: http 404".
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace quorum {

enum class ErrorCode {
  kIo,           // a file or directory operation failed
  kNotFound,     // an input does not exist
  kNetwork,      // connection, TLS or timeout failure
  kHttp,         // the server answered with an error status
  kInvalidData,  // the bytes received cannot be used (e.g. an HTML page instead of an mbox)
  kLocked,       // another job holds the lock
  kRefused,      // a safety rule refused the operation (e.g. a month would shrink)
  kUsage,        // bad command-line input
  kPartial,      // a job wrote some of its outputs, then one failed (the message names it)
  kInternal,     // a bug or an unexpected library failure
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
};

// A value of type T, or an Error. Check ok() before value().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

// Success carrying no value, or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design

  static Status Ok() { return Status(); }
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    assert(!ok_);
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace quorum
