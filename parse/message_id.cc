// SPDX-License-Identifier: Apache-2.0
// Message-ID normalisation, tolerant of junk (public-inbox MID.pm, notmuch's parser).
#include "parse/message_id.h"

#include <unordered_set>

#include "core/text.h"

namespace quorum::parse {
namespace {

// Removes spaces and control characters inside an id ("<a b@c>" seen from broken mailers).
std::string Clean(std::string_view id) {
  std::string out;
  out.reserve(id.size());
  for (char c : id) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u > 32 && u != 127) out.push_back(c);
  }
  return out;
}

bool LooksLikeBareId(std::string_view tok) {
  size_t at = tok.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < tok.size() &&
         tok.find_first_of("<>\"(),;") == std::string_view::npos;
}

}  // namespace

std::string NormalizeMessageId(std::string_view value) {
  size_t lt = value.find('<');
  if (lt != std::string_view::npos) {
    size_t gt = value.find('>', lt + 1);
    if (gt != std::string_view::npos) {
      std::string id = Clean(value.substr(lt + 1, gt - lt - 1));
      if (!id.empty()) return id;
    }
  }
  std::string_view t = Trim(value);
  // A bare id without brackets: take the first whitespace-delimited token holding an '@'.
  size_t pos = 0;
  while (pos < t.size()) {
    size_t end = t.find_first_of(" \t", pos);
    if (end == std::string_view::npos) end = t.size();
    std::string_view tok = t.substr(pos, end - pos);
    if (LooksLikeBareId(tok)) return std::string(tok);
    pos = end + 1;
  }
  return "";
}

std::vector<std::string> ExtractMessageIds(std::string_view value, size_t max_ids) {
  std::vector<std::string> ids;
  std::unordered_set<std::string> seen;
  size_t pos = 0;
  while (pos < value.size()) {
    size_t lt = value.find('<', pos);
    if (lt == std::string_view::npos) break;
    size_t gt = value.find('>', lt + 1);
    if (gt == std::string_view::npos) break;
    // A '<' inside the id means the first one was junk ("<<id>"): restart from the inner one.
    size_t inner = value.find('<', lt + 1);
    if (inner != std::string_view::npos && inner < gt) {
      pos = inner;
      continue;
    }
    std::string id = Clean(value.substr(lt + 1, gt - lt - 1));
    pos = gt + 1;
    if (id.empty() || id.find('@') == std::string::npos) continue;  // "<y>" and other junk
    if (seen.insert(id).second) ids.push_back(std::move(id));
  }
  if (ids.empty() && value.find('<') == std::string_view::npos) {
    // No brackets at all: some mailers write bare ids separated by spaces.
    std::string bare = NormalizeMessageId(value);
    if (!bare.empty()) ids.push_back(std::move(bare));
  }
  if (ids.size() > max_ids) {
    // Keep the first id (the thread root) and the last max_ids-1 (the parent end).
    std::vector<std::string> kept;
    kept.reserve(max_ids);
    kept.push_back(ids.front());
    kept.insert(kept.end(), ids.end() - static_cast<std::ptrdiff_t>(max_ids - 1), ids.end());
    ids = std::move(kept);
  }
  return ids;
}

}  // namespace quorum::parse
