// SPDX-License-Identifier: Apache-2.0
// Header block splitting and unfolding (RFC 5322 section 2.2), bounded by HeaderLimits.
#include "parse/headers.h"

#include <cstring>

#include "core/text.h"

namespace quorum::parse {
namespace {

void AddDiag(const SourceRef& base, size_t offset, const char* code, std::string detail,
             Diagnostics* diags) {
  diags->push_back(Diagnostic{SourceRef{base.file, base.offset + offset}, code, std::move(detail)});
}

HeaderBlock ParseUntrimmed(std::string_view raw, const HeaderLimits& limits, const SourceRef& base,
                           Diagnostics* diags);

}  // namespace

HeaderBlock ParseHeaderBlock(std::string_view raw, const HeaderLimits& limits,
                             const SourceRef& base, Diagnostics* diags) {
  HeaderBlock block = ParseUntrimmed(raw, limits, base, diags);
  for (HeaderField& f : block.fields) f.value = Trim(f.value);
  return block;
}

const std::string_view* FindHeader(const HeaderBlock& block, std::string_view name) {
  for (const HeaderField& f : block.fields) {
    if (IEquals(f.name, name)) return &f.value;
  }
  return nullptr;
}

namespace {

HeaderBlock ParseUntrimmed(std::string_view raw, const HeaderLimits& limits, const SourceRef& base,
                           Diagnostics* diags) {
  HeaderBlock block;
  block.fields.reserve(32);  // archived list mail carries 20-40 fields
  bool truncated_reported = false;
  size_t pos = 0;
  bool field_limit_hit = false;
  bool open = false;              // the last field may take continuation lines
  std::string* folded = nullptr;  // the last field's value, once a continuation line came
  while (pos < raw.size()) {
    const char* nl = static_cast<const char*>(memchr(raw.data() + pos, '\n', raw.size() - pos));
    size_t end = nl ? static_cast<size_t>(nl - raw.data()) : raw.size();
    size_t next = nl ? end + 1 : raw.size();
    std::string_view line = raw.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {  // end of the header block
      block.body_offset = next;
      return block;
    }
    if (pos > limits.max_block_bytes) {
      AddDiag(base, pos, "header-block-limit",
              "header block longer than " + std::to_string(limits.max_block_bytes) +
                  " bytes; the rest of it is skipped",
              diags);
      // Skip to the blank line that ends the block.
      const char* p = raw.data() + pos;
      const char* stop = raw.data() + raw.size();
      size_t body = raw.size();
      while (p < stop) {
        const char* q = static_cast<const char*>(memchr(p, '\n', static_cast<size_t>(stop - p)));
        if (!q) break;
        const char* after = q + 1;
        if (after < stop &&
            (*after == '\n' || (*after == '\r' && after + 1 < stop && after[1] == '\n'))) {
          body = static_cast<size_t>(after - raw.data()) + (*after == '\r' ? 2 : 1);
          break;
        }
        p = after;
      }
      block.body_offset = body;
      return block;
    }
    if (line[0] == ' ' || line[0] == '\t') {
      if (open && !block.fields.empty()) {
        HeaderField& f = block.fields.back();
        if (f.value.size() + line.size() <= limits.max_field_bytes) {
          if (folded == nullptr) folded = &block.unfolded.emplace_back(f.value);
          folded->append(line);
          f.value = *folded;
        } else if (!truncated_reported) {
          AddDiag(base, pos, "header-field-truncated",
                  std::string(f.name) + " longer than " + std::to_string(limits.max_field_bytes) +
                      " bytes",
                  diags);
          truncated_reported = true;
        }
      } else if (block.fields.empty() && !open) {
        AddDiag(base, pos, "header-continuation-without-field",
                "continuation line before any field", diags);
      }
      pos = next;
      continue;
    }
    size_t colon = line.find(':');
    bool valid_name = colon != std::string_view::npos && colon > 0;
    if (valid_name) {
      for (size_t i = 0; i < colon; ++i) {
        unsigned char c = static_cast<unsigned char>(line[i]);
        if (c <= 32 || c >= 127) {
          // "Subject : x" (space before the colon) is obsolete syntax, still a field.
          if (c == ' ' || c == '\t') {
            if (Trim(line.substr(i, colon - i)).empty()) break;
          }
          valid_name = false;
          break;
        }
      }
    }
    if (!valid_name) {
      if (block.fields.empty() && pos == 0) {
        // Not a header block at all (e.g. a message with no headers): the body starts here.
        AddDiag(base, pos, "no-header-block", "message does not start with a header field", diags);
        block.body_offset = 0;
        return block;
      }
      AddDiag(base, pos, "bad-header-line", "line is neither a field nor a continuation", diags);
      open = false;
      pos = next;
      continue;
    }
    if (block.fields.size() >= limits.max_fields) {
      if (!field_limit_hit) {
        AddDiag(base, pos, "header-field-limit",
                "more than " + std::to_string(limits.max_fields) + " header fields; rest ignored",
                diags);
        field_limit_hit = true;
      }
      open = false;
      pos = next;
      continue;
    }
    HeaderField f;
    f.name = Trim(line.substr(0, colon));
    std::string_view value = line.substr(colon + 1);
    if (value.size() > limits.max_field_bytes) {
      AddDiag(
          base, pos, "header-field-truncated",
          std::string(f.name) + " longer than " + std::to_string(limits.max_field_bytes) + " bytes",
          diags);
      value = value.substr(0, limits.max_field_bytes);
    }
    truncated_reported = value.size() < line.size() - colon - 1;
    f.value = value;
    block.fields.push_back(f);
    folded = nullptr;  // a view of the message until a continuation line comes
    open = true;
    pos = next;
  }
  // No blank line: the whole message is headers (or truncated).
  block.body_offset = raw.size();
  return block;
}

}  // namespace
}  // namespace quorum::parse
