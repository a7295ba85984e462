// SPDX-License-Identifier: Apache-2.0
// Who wrote a mail: robot (mirror) senders and display-name folding, one rule for every stage.
#pragma once

#include <string>
#include <string_view>

#include "core/message.h"

namespace quorum {

// Mirror and bot senders that many people share: notifications@github.com, *@github.com.INVALID,
// *@reply.github.com, git@apache.org, git@git.apache.org, jira@ at apache.org hosts, gitbox*,
// *@gitbox.apache.org, noreply / no-reply / no_reply / donotreply / do-not-reply. Case and
// surrounding space do not matter; an empty address is not a robot's. A person's own address at
// github.com (someone@github.com, 123+login@users.noreply.github.com) is not a robot's.
bool IsRobotAddress(std::string_view address);

// True when `m`'s From: is a robot's: a robot address, or any mirrored mail (Discourse forums
// send from their own domain). Such authors are told apart by display name, never by address.
bool HasRobotAuthor(const Message& m);

// Latin-1 and Latin Extended-A letters folded to lower-case ASCII ("É" -> "e", "ß" -> "ss",
// "Æ" -> "ae", "Ł" -> "l"); every other byte is kept as it is (ASCII case included).
std::string FoldAccents(std::string_view s);

// The comparison form of a name or title: ASCII lower-cased, accents folded as FoldAccents,
// ASCII punctuation, U+00D7, U+00F7, no-break space, general punctuation (U+2000..U+206F) and
// invalid UTF-8 turned into spaces, spaces collapsed and trimmed. Other scripts are kept, so
// non-Latin names still compare equal. "Jean-Baptiste Onofré" -> "jean baptiste onofre".
std::string FoldName(std::string_view name);

}  // namespace quorum
