// SPDX-License-Identifier: Apache-2.0
// One person, many addresses: merges the identities seen in From: headers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/message.h"
#include "core/person.h"

namespace quorum::parse {

// The value type lives in core/ so that analyze/ and report/ can read it without parse/.
using Person = ::quorum::Person;

// Clusters authors. Rule (docs/identity.md): two From: identities are the same person when they
// share an address (case-insensitive), or when their normalised display names (accents folded,
// case folded, "Last, First" reordered, at least two words) are equal. Mirror robots
// (notifications@github.com, git@apache.org, see quorum::IsRobotAddress in core/author.h, and the
// sender of any message whose `mirror.kind` is set) never merge on address. Deterministic.
std::vector<Person> MergeIdentities(const std::vector<Message>& messages);

// Index of the person for `addr` in `people`, or -1. For a robot address the display name
// picks the person. Linear in the number of people.
int FindPerson(const std::vector<Person>& people, const Address& addr);

// For each message, the index in `people` (from MergeIdentities over the same messages) of its
// author, or -1 when the message has no author. Linear in messages plus identities.
std::vector<int> PersonOfMessages(const std::vector<Message>& messages,
                                  const std::vector<Person>& people);

// The name key used for merging: robot suffixes ("(JIRA)", "(via GitHub)", " via <forum>")
// and quotes removed, "Last, First" reordered, Latin-1 / Latin Extended-A accents folded,
// ASCII case folded, punctuation turned into spaces. Empty when fewer than two words remain
// or when the name is an address.
std::string NormalizePersonName(std::string_view name);

}  // namespace quorum::parse
