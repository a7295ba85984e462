// SPDX-License-Identifier: Apache-2.0
// Mirrored mail: GitHub notifications, ASF GitBox and Discourse copies of comments.
#pragma once

#include <string_view>

#include "core/message.h"
#include "parse/headers.h"

namespace quorum::parse {

// Recognises a mirrored mail from its headers (already-decoded `from`, `subject`, normalised
// `message_id`) and its decoded body, and fills `mirror`. When it is one, returns the real
// author (the person in the display name, e.g. "Tianqi Chen" for
// "Tianqi Chen <notifications@github.com>", or the login for "tqchen (via GitHub)" and GitBox
// "[GitHub] [tvm] tqchen commented on ..."), else returns `from` unchanged.
Address DetectMirror(const HeaderBlock& headers, const Address& from, std::string_view subject,
                     std::string_view message_id, std::string_view body, Mirror* mirror);

}  // namespace quorum::parse
