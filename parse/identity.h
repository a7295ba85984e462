// SPDX-License-Identifier: Apache-2.0
// One person, many addresses: merges the identities seen in From: headers.
#pragma once

#include <string>
#include <vector>

#include "core/message.h"

namespace quorum::parse {

struct Person {
  std::string id;                      // stable key: the lowest address in the cluster
  std::string name;                    // the most frequent display name (ties: lowest)
  std::vector<std::string> addresses;  // lower-cased, sorted
  std::vector<std::string> names;      // every display name seen, sorted
};

// Clusters authors. Rule (docs/identity.md): two From: identities are the same person when they
// share an address (case-insensitive), or when their normalised display names (accents folded,
// case folded, "Last, First" reordered, at least two words) are equal. Mirror robots
// (notifications@github.com, git@apache.org) never merge on address. Deterministic.
std::vector<Person> MergeIdentities(const std::vector<Message>& messages);

// Index of the person for `addr` in `people`, or -1.
int FindPerson(const std::vector<Person>& people, const Address& addr);

}  // namespace quorum::parse
