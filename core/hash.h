// SPDX-License-Identifier: Apache-2.0
// Digests: SHA-256 for archive integrity and stable identifiers derived from content.
#pragma once

#include <string>
#include <string_view>

namespace quorum {

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

// Incremental SHA-256, for files too large to hold in memory.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view data);
  std::string HexDigest();  // finishes the digest; call once

 private:
  void* ctx_;
};

}  // namespace quorum
