// SPDX-License-Identifier: Apache-2.0
// Person: one human behind several From: identities, as a value crossing from parse/ to analyze/.
#pragma once

#include <string>
#include <vector>

namespace quorum {

// One person: parse::MergeIdentities produces these; analyze/ and report/ only read them.
struct Person {
  std::string id;                      // stable key: the lowest address in the cluster
  std::string name;                    // the most frequent display name (ties: lowest)
  std::vector<std::string> addresses;  // lower-cased, sorted
  std::vector<std::string> names;      // every display name seen, sorted
  // Every identity key in the cluster, sorted: the lower-cased address, or for a mirror robot
  // address "<robot address>#<normalised name>" (robots are told apart by the person's name).
  std::vector<std::string> keys;
};

}  // namespace quorum
