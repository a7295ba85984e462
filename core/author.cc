// SPDX-License-Identifier: Apache-2.0
// Robot senders and name folding.
#include "core/author.h"

#include "core/text.h"

namespace quorum {
namespace {

// Lower-case ASCII fold of U+00C0..U+00FF. '&' = "ae", '^' = "th", '%' = "ss", ' ' = a sign.
constexpr std::string_view kLatin1 =
    "aaaaaa&ceeeeiiiidnooooo ouuuuy^%"
    "aaaaaa&ceeeeiiiidnooooo ouuuuy^y";
// Lower-case ASCII fold of U+0100..U+017F. '*' = "ij", '@' = "oe".
constexpr std::string_view kLatinExtA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkk"
    "llllllllllnnnnnnnnnoooooo@@rrrrrrsssssssstttttt"
    "uuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(kLatin1.size() == 64);
static_assert(kLatinExtA.size() == 128);

// The ASCII letters of a Latin letter, "" when `cp` is not one (signs included).
std::string_view FoldedLetter(char32_t cp) {
  const char* p = nullptr;
  if (cp >= 0xC0 && cp <= 0xFF) {
    p = &kLatin1[cp - 0xC0];
  } else if (cp >= 0x100 && cp <= 0x17F) {
    p = &kLatinExtA[cp - 0x100];
  }
  if (p == nullptr) return {};
  switch (*p) {
    case ' ':
      return {};
    case '&':
      return "ae";
    case '^':
      return "th";
    case '%':
      return "ss";
    case '*':
      return "ij";
    case '@':
      return "oe";
    default:
      return std::string_view(p, 1);
  }
}

}  // namespace

bool IsRobotAddress(std::string_view address) {
  std::string a = AsciiLower(Trim(address));
  if (a.empty()) return false;
  size_t at = a.rfind('@');
  std::string_view local = std::string_view(a).substr(0, at == std::string::npos ? a.size() : at);
  std::string_view domain =
      at == std::string::npos ? std::string_view() : std::string_view(a).substr(at + 1);
  if (a == "notifications@github.com" || a == "git@apache.org" || a == "git@git.apache.org" ||
      a == "gitbox@apache.org")
    return true;
  if (local == "jira" && (domain == "apache.org" || domain.ends_with(".apache.org"))) return true;
  if (domain.ends_with("github.com.invalid") || domain == "reply.github.com" ||
      domain == "gitbox.apache.org" || local.starts_with("gitbox"))
    return true;
  for (std::string_view p : {"noreply", "no-reply", "no_reply", "donotreply", "do-not-reply"}) {
    if (local.starts_with(p)) return true;
  }
  return false;
}

bool HasRobotAuthor(const Message& m) {
  return IsRobotAddress(m.from.address) || m.mirror.kind != MirrorKind::kNone;
}

std::string FoldAccents(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    std::string_view letter = FoldedLetter(NextCodePoint(s, &i));
    if (letter.empty()) {
      out.append(s, start, i - start);
    } else {
      out.append(letter);
    }
  }
  return out;
}

std::string FoldName(std::string_view name) {
  std::string folded;
  folded.reserve(name.size());
  for (size_t i = 0; i < name.size();) {
    size_t start = i;
    char32_t cp = NextCodePoint(name, &i);
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      folded.push_back(IsAlnum(c) ? AsciiLower(c) : ' ');
    } else if (std::string_view letter = FoldedLetter(cp); !letter.empty()) {
      folded.append(letter);
    } else if (cp == 0xD7 || cp == 0xF7 || cp == 0xA0 || cp == 0xFFFD ||
               (cp >= 0x2000 && cp <= 0x206F)) {
      folded.push_back(' ');
    } else {
      folded.append(name, start, i - start);
    }
  }
  std::string out;
  for (size_t i = 0; i < folded.size();) {
    while (i < folded.size() && folded[i] == ' ') ++i;
    size_t start = i;
    while (i < folded.size() && folded[i] != ' ') ++i;
    if (i == start) break;
    if (!out.empty()) out.push_back(' ');
    out.append(folded, start, i - start);
  }
  return out;
}

}  // namespace quorum
