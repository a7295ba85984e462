// SPDX-License-Identifier: Apache-2.0
// Person: one human behind several From: identities, as a value crossing from parse/ to analyze/.
#pragma once

#include <string>
#include <vector>

namespace quorum {

// One person. cli/ fills these from parse::MergeIdentities; analyze/ only reads them.
struct Person {
  std::string id;                      // stable key: the lowest address in the cluster
  std::string name;                    // the most frequent display name
  std::vector<std::string> addresses;  // lower-cased, sorted
  std::vector<std::string> names;      // every display name seen, sorted
};

}  // namespace quorum
