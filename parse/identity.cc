// SPDX-License-Identifier: Apache-2.0
// Identity merging: union-find over From: identities linked by address or normalised name.
#include "parse/identity.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>

#include "core/text.h"

namespace quorum::parse {
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

void AppendFolded(char c, std::string* out) {
  switch (c) {
    case '&':
      out->append("ae");
      break;
    case '^':
      out->append("th");
      break;
    case '%':
      out->append("ss");
      break;
    case '*':
      out->append("ij");
      break;
    case '@':
      out->append("oe");
      break;
    default:
      out->push_back(c);
  }
}

bool EndsWithI(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && IEquals(s.substr(s.size() - suffix.size()), suffix);
}

// Decodes one UTF-8 sequence at s[*i]; returns U+FFFD (and advances one byte) when invalid.
char32_t NextCodePoint(std::string_view s, size_t* i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(*i);
  size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (size_t k = 1; k < len; ++k) {
    unsigned char c = byte(*i + k);
    if ((c >> 6) != 0x2) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  *i += len;
  return cp;
}

std::string LowerTrim(std::string_view s) { return AsciiLower(Trim(s)); }

struct Identity {
  std::string key;
  std::string address;  // lower-cased
  bool robot = false;
  std::map<std::string, size_t> names;  // display name as written -> count
};

size_t Find(std::vector<size_t>* parent, size_t x) {
  while ((*parent)[x] != x) {
    (*parent)[x] = (*parent)[(*parent)[x]];  // path halving
    x = (*parent)[x];
  }
  return x;
}

void Union(std::vector<size_t>* parent, size_t a, size_t b) {
  a = Find(parent, a);
  b = Find(parent, b);
  if (a == b) return;
  if (b < a) std::swap(a, b);
  (*parent)[b] = a;  // the lower index wins: the result does not depend on union order
}

std::string IdentityKey(const std::string& address, bool robot, std::string_view name) {
  if (!robot) return address;
  std::string norm = NormalizePersonName(name);
  if (norm.empty()) norm = LowerTrim(name);
  return norm.empty() ? address : address + "#" + norm;
}

}  // namespace

bool IsRobotAddress(std::string_view address) {
  std::string a = LowerTrim(address);
  if (a.empty()) return false;
  size_t at = a.rfind('@');
  std::string_view local = std::string_view(a).substr(0, at == std::string::npos ? a.size() : at);
  std::string_view domain =
      at == std::string::npos ? std::string_view() : std::string_view(a).substr(at + 1);
  if (a == "notifications@github.com" || a == "git@apache.org" || a == "git@git.apache.org" ||
      a == "jira@apache.org" || a == "gitbox@apache.org")
    return true;
  if (EndsWithI(domain, "github.com.invalid") || domain == "reply.github.com" ||
      domain == "gitbox.apache.org" || IStartsWith(local, "gitbox"))
    return true;
  for (std::string_view p : {"noreply", "no-reply", "no_reply", "donotreply", "do-not-reply"}) {
    if (IStartsWith(local, p)) return true;
  }
  return false;
}

std::string NormalizePersonName(std::string_view name) {
  std::string_view s = Trim(name);
  if (s.find('@') != std::string_view::npos) return {};
  // Robot suffixes are not part of the name.
  for (std::string_view suffix : {"(JIRA)", "(via GitHub)", "via GitHub"}) {
    if (EndsWithI(s, suffix)) s = Trim(s.substr(0, s.size() - suffix.size()));
  }
  size_t via = s.find(" via ");
  if (via != std::string_view::npos) s = Trim(s.substr(0, via));
  // A single token ("michael-o", "J.Doe") is a login or a handle, not a name.
  if (s.find_first_of(" \t") == std::string_view::npos) return {};

  // Quotes removed.
  std::string unquoted;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t cp = NextCodePoint(s, &i);
    if (cp == '"' || cp == '\'' || cp == '`' || cp == 0x2018 || cp == 0x2019 || cp == 0x201C ||
        cp == 0x201D)
      continue;
    unquoted.append(s.substr(start, i - start));
  }
  // "Last, First" -> "First Last" (exactly one comma).
  size_t comma = unquoted.find(',');
  if (comma != std::string::npos && unquoted.find(',', comma + 1) == std::string::npos) {
    std::string_view last = Trim(std::string_view(unquoted).substr(0, comma));
    std::string_view first = Trim(std::string_view(unquoted).substr(comma + 1));
    if (!last.empty() && !first.empty()) unquoted = std::string(first) + " " + std::string(last);
  }
  // Fold accents and case; punctuation separates words.
  std::string folded;
  for (size_t i = 0; i < unquoted.size();) {
    size_t start = i;
    char32_t cp = NextCodePoint(unquoted, &i);
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      folded.push_back(IsAlnum(c) ? AsciiLower(c) : ' ');
    } else if (cp >= 0xC0 && cp <= 0xFF) {
      AppendFolded(kLatin1[cp - 0xC0], &folded);
    } else if (cp >= 0x100 && cp <= 0x17F) {
      AppendFolded(kLatinExtA[cp - 0x100], &folded);
    } else if (cp == 0xA0 || cp == 0xFFFD || (cp >= 0x2000 && cp <= 0x206F)) {
      folded.push_back(' ');  // no-break space, invalid bytes, general punctuation
    } else {
      folded.append(unquoted, start, i - start);
    }
  }
  // Collapse spaces; at least two words.
  std::string out;
  size_t words = 0;
  for (size_t i = 0; i < folded.size();) {
    while (i < folded.size() && folded[i] == ' ') ++i;
    size_t start = i;
    while (i < folded.size() && folded[i] != ' ') ++i;
    if (i == start) break;
    if (!out.empty()) out.push_back(' ');
    out.append(folded, start, i - start);
    ++words;
  }
  return words >= 2 ? out : std::string();
}

namespace {

// The identity key of a message's author; empty when the message names no author.
std::string MessageKey(const Message& m) {
  std::string address = LowerTrim(m.from.address);
  std::string_view name = Trim(m.from.name);
  if (address.empty() && name.empty()) return "";
  // A mirrored mail's address is the mirror's, whatever it looks like (Discourse forums
  // send from their own domain).
  bool robot = IsRobotAddress(address) || m.mirror.kind != MirrorKind::kNone;
  std::string key = IdentityKey(address, robot, name);
  if (key.empty()) key = "#" + LowerTrim(name);
  return key;
}

}  // namespace

std::vector<Person> MergeIdentities(const std::vector<Message>& messages) {
  std::vector<Identity> ids;
  std::map<std::string, size_t> by_key;
  for (const Message& m : messages) {
    std::string key = MessageKey(m);
    if (key.empty()) continue;
    std::string address = LowerTrim(m.from.address);
    std::string name(Trim(m.from.name));
    bool robot = IsRobotAddress(address) || m.mirror.kind != MirrorKind::kNone;
    auto [it, inserted] = by_key.emplace(key, ids.size());
    if (inserted) ids.push_back(Identity{key, address, robot, {}});
    if (!name.empty()) ++ids[it->second].names[name];
  }
  // Number the identities in key order so ids and tie-breaks do not depend on input order.
  std::vector<Identity> sorted;
  sorted.reserve(ids.size());
  for (const auto& [key, index] : by_key) sorted.push_back(std::move(ids[index]));
  ids = std::move(sorted);

  std::vector<size_t> parent(ids.size());
  for (size_t i = 0; i < parent.size(); ++i) parent[i] = i;
  // Same address: one key already. Same normalised name (>= 2 words): union.
  std::map<std::string, size_t> by_name;
  for (size_t i = 0; i < ids.size(); ++i) {
    for (const auto& [name, count] : ids[i].names) {
      std::string norm = NormalizePersonName(name);
      if (norm.empty()) continue;
      auto [it, inserted] = by_name.emplace(norm, i);
      if (!inserted) Union(&parent, it->second, i);
    }
  }

  std::map<size_t, std::vector<size_t>> clusters;
  for (size_t i = 0; i < ids.size(); ++i) clusters[Find(&parent, i)].push_back(i);

  std::vector<Person> people;
  people.reserve(clusters.size());
  for (const auto& [root, members] : clusters) {
    Person p;
    std::map<std::string, size_t> name_counts;
    std::string lowest_key;
    for (size_t i : members) {
      const Identity& id = ids[i];
      if (!id.robot && !id.address.empty()) p.addresses.push_back(id.address);
      p.keys.push_back(id.key);
      if (lowest_key.empty() || id.key < lowest_key) lowest_key = id.key;
      for (const auto& [name, count] : id.names) name_counts[name] += count;
    }
    std::sort(p.addresses.begin(), p.addresses.end());
    p.addresses.erase(std::unique(p.addresses.begin(), p.addresses.end()), p.addresses.end());
    std::sort(p.keys.begin(), p.keys.end());
    p.id = p.addresses.empty() ? lowest_key : p.addresses.front();
    size_t best = 0;
    for (const auto& [name, count] : name_counts) {
      p.names.push_back(name);
      if (count > best) {  // map order: the lowest name wins ties
        best = count;
        p.name = name;
      }
    }
    if (p.name.empty()) p.name = p.id;
    people.push_back(std::move(p));
  }
  std::sort(people.begin(), people.end(),
            [](const Person& a, const Person& b) { return a.id < b.id; });
  return people;
}

int FindPerson(const std::vector<Person>& people, const Address& addr) {
  std::string address = LowerTrim(addr.address);
  // An address not known as a robot may still be a mirror's (see MergeIdentities): try the
  // plain key, then the robot key.
  std::string keys[2] = {IdentityKey(address, IsRobotAddress(address), addr.name),
                         IdentityKey(address, true, addr.name)};
  for (std::string& key : keys) {
    if (key.empty()) key = "#" + LowerTrim(addr.name);
    for (size_t i = 0; i < people.size(); ++i) {
      if (std::binary_search(people[i].keys.begin(), people[i].keys.end(), key))
        return static_cast<int>(i);
    }
  }
  return -1;
}

std::vector<int> PersonOfMessages(const std::vector<Message>& messages,
                                  const std::vector<Person>& people) {
  std::unordered_map<std::string, int> by_key;
  for (size_t i = 0; i < people.size(); ++i) {
    for (const std::string& key : people[i].keys) by_key.emplace(key, static_cast<int>(i));
  }
  std::vector<int> out(messages.size(), -1);
  for (size_t i = 0; i < messages.size(); ++i) {
    auto it = by_key.find(MessageKey(messages[i]));
    if (it != by_key.end()) out[i] = it->second;
  }
  return out;
}

}  // namespace quorum::parse
