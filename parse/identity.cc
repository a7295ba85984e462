// SPDX-License-Identifier: Apache-2.0
// Identity merging: union-find over From: identities linked by address or normalised name.
#include "parse/identity.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>

#include "core/author.h"
#include "core/text.h"

namespace quorum::parse {
namespace {

bool EndsWithI(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && IEquals(s.substr(s.size() - suffix.size()), suffix);
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
  // Fold accents and case; punctuation separates words. At least two words.
  std::string out = FoldName(unquoted);
  return out.find(' ') != std::string::npos ? out : std::string();
}

namespace {

// The identity key of a message's author; empty when the message names no author.
std::string MessageKey(const Message& m) {
  std::string address = LowerTrim(m.from.address);
  std::string_view name = Trim(m.from.name);
  if (address.empty() && name.empty()) return "";
  // A mirrored mail's address is the mirror's, whatever it looks like (Discourse forums
  // send from their own domain).
  bool robot = HasRobotAuthor(m);
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
    bool robot = HasRobotAuthor(m);
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
