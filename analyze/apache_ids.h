// SPDX-License-Identifier: Apache-2.0
// Apache ids and list ids: who is an ASF committer, which committee or podling a list is.
#pragma once

#include <string>
#include <string_view>

namespace quorum::analyze {

// "olamy@apache.org" (lower-cased) -> "olamy"; "" for other addresses.
std::string ApacheIdOf(std::string_view lower_address);

// "dev.maven.apache.org" -> "maven"; "dev.tvm.incubator.apache.org" -> "incubator".
std::string CommitteeFromListId(std::string_view list_id);

// "dev.foo.incubator.apache.org" -> "foo"; "" for general@incubator and non-podling lists.
std::string PodlingFromListId(std::string_view list_id);

}  // namespace quorum::analyze
