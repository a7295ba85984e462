// SPDX-License-Identifier: Apache-2.0
// RFC 5322 address parsing (mailboxes, groups, obsolete forms), iterative and bounded.
#pragma once

#include <string_view>
#include <vector>

#include "core/message.h"

namespace quorum::parse {

// Parses an address-list header value (raw, undecoded). Display names are RFC 2047 decoded and
// unquoted; comments are dropped, or used as the name for "addr (Name)". Groups are flattened.
// Junk never fails: what cannot be parsed yields no entry. At most `max_addresses` entries.
std::vector<Address> ParseAddressList(std::string_view value, size_t max_addresses = 10000);

// The first mailbox of a From: value; an empty Address when there is none. Handles
// "Name <a@b>", "a@b (Name)", "a@b", "\"Last, First\" <a@b>", "name at domain.com".
Address ParseFrom(std::string_view value);

}  // namespace quorum::parse
