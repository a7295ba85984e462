// SPDX-License-Identifier: Apache-2.0
// Apache ids from addresses, committees and podlings from list ids.
#include "analyze/apache_ids.h"

#include "core/text.h"

namespace quorum::analyze {

std::string ApacheIdOf(std::string_view lower_address) {
  constexpr std::string_view kSuffix = "@apache.org";
  if (lower_address.size() > kSuffix.size() && lower_address.ends_with(kSuffix)) {
    return std::string(lower_address.substr(0, lower_address.size() - kSuffix.size()));
  }
  return {};
}

std::string CommitteeFromListId(std::string_view list_id) {
  std::string l = AsciiLower(Trim(list_id));
  if (!l.empty() && l.front() == '<') l.erase(0, 1);
  if (!l.empty() && l.back() == '>') l.pop_back();
  constexpr std::string_view kIncubator = ".incubator.apache.org";
  constexpr std::string_view kApache = ".apache.org";
  if (l.size() > kIncubator.size() && l.ends_with(kIncubator)) {
    return "incubator";
  }
  if (l.size() <= kApache.size() || !l.ends_with(kApache)) return {};
  std::string head = l.substr(0, l.size() - kApache.size());
  size_t dot = head.rfind('.');
  return dot == std::string::npos ? head : head.substr(dot + 1);
}

std::string PodlingFromListId(std::string_view list_id) {
  std::string l = AsciiLower(Trim(list_id));
  if (!l.empty() && l.front() == '<') l.erase(0, 1);
  if (!l.empty() && l.back() == '>') l.pop_back();
  constexpr std::string_view kIncubator = ".incubator.apache.org";
  if (l.size() <= kIncubator.size() || !l.ends_with(kIncubator)) {
    return {};
  }
  std::string head = l.substr(0, l.size() - kIncubator.size());
  size_t dot = head.rfind('.');
  std::string name = dot == std::string::npos ? head : head.substr(dot + 1);
  return name == "general" || dot == std::string::npos ? std::string() : name;
}

}  // namespace quorum::analyze
