// SPDX-License-Identifier: Apache-2.0
// Just-enough mbox splitting and decoding for tests that read real archives (not the real parser).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/message.h"
#include "core/text.h"
#include "parse/headers.h"

namespace quorum::test {

struct MiniMessage {
  std::shared_ptr<const std::string> raw;  // the message; `headers` view it
  parse::HeaderBlock headers;
  std::string raw_body;

  std::string Header(std::string_view name) const {
    const std::string_view* v = parse::FindHeader(headers, name);
    return v ? std::string(*v) : std::string();
  }
};

// A From_ line: "From " and a four-digit year 19xx/20xx at the end.
inline bool IsFromLine(std::string_view line) {
  if (line.substr(0, 5) != "From ") return false;
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  if (line.size() < 10) return false;
  std::string_view y = line.substr(line.size() - 4);
  for (char c : y) {
    if (c < '0' || c > '9') return false;
  }
  return y[0] == '1' || y[0] == '2';
}

// Splits on From_ lines; undoes mboxrd ">From " quoting.
inline std::vector<MiniMessage> SplitMbox(const std::string& bytes) {
  std::vector<std::string> raws;
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t nl = bytes.find('\n', pos);
    if (nl == std::string::npos) nl = bytes.size();
    std::string_view line(bytes.data() + pos, nl - pos);
    if (IsFromLine(line)) {
      raws.emplace_back();
    } else if (!raws.empty()) {
      size_t k = 0;
      while (k < line.size() && line[k] == '>') ++k;
      if (k > 0 && line.substr(k, 5) == "From ") line.remove_prefix(1);
      raws.back().append(line);
      raws.back().push_back('\n');
    }
    pos = nl + 1;
  }
  std::vector<MiniMessage> out;
  for (std::string& raw : raws) {
    Diagnostics d;
    MiniMessage m;
    m.raw = std::make_shared<const std::string>(std::move(raw));
    m.headers = parse::ParseHeaderBlock(*m.raw, {}, {}, &d);
    m.raw_body = m.raw->substr(m.headers.body_offset);
    out.push_back(std::move(m));
  }
  return out;
}

inline int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

inline std::string Latin1ToUtf8(std::string_view s) {
  std::string out;
  for (char c : s) AppendUtf8(static_cast<unsigned char>(c), &out);
  return out;
}

inline std::string DecodeQp(std::string_view s, bool underscore_is_space) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && underscore_is_space) {
      out.push_back(' ');
    } else if (s[i] == '=' && i + 1 < s.size() && s[i + 1] == '\n') {
      ++i;  // soft line break
    } else if (s[i] == '=' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 &&
               HexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

inline std::string DecodeBase64(std::string_view s) {
  std::string out;
  unsigned buf = 0;
  int bits = 0;
  for (char c : s) {
    int v = (c >= 'A' && c <= 'Z')   ? c - 'A'
            : (c >= 'a' && c <= 'z') ? c - 'a' + 26
            : (c >= '0' && c <= '9') ? c - '0' + 52
            : c == '+'               ? 62
            : c == '/'               ? 63
                                     : -1;
    if (v < 0) continue;
    buf = (buf << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buf >> bits) & 0xFF));
    }
  }
  return out;
}

// RFC 2047 words in ISO-8859-1 or UTF-8 only (enough for the Maven names).
inline std::string DecodeWords(std::string_view s) {
  std::string out;
  size_t pos = 0;
  bool last_was_word = false;
  while (pos < s.size()) {
    size_t start = s.find("=?", pos);
    if (start == std::string_view::npos) {
      out.append(s.substr(pos));
      break;
    }
    size_t q1 = s.find('?', start + 2);
    size_t q2 = q1 == std::string_view::npos ? q1 : s.find('?', q1 + 1);
    size_t end = q2 == std::string_view::npos ? q2 : s.find("?=", q2 + 1);
    if (end == std::string_view::npos) {
      out.append(s.substr(pos));
      break;
    }
    std::string_view between = s.substr(pos, start - pos);
    if (!(last_was_word && Trim(between).empty())) out.append(between);
    std::string charset = AsciiLower(s.substr(start + 2, q1 - start - 2));
    char enc = static_cast<char>(s[q1 + 1] | 0x20);
    std::string_view text = s.substr(q2 + 1, end - q2 - 1);
    std::string bytes = enc == 'b' ? DecodeBase64(text) : DecodeQp(text, true);
    out += charset == "utf-8" ? bytes : Latin1ToUtf8(bytes);
    pos = end + 2;
    last_was_word = true;
  }
  return out;
}

// "Name <a@b>", "\"Name\" <a@b>", "a@b". Names decoded with DecodeWords.
inline Address ParseFrom(std::string_view v) {
  Address a;
  size_t lt = v.rfind('<');
  size_t gt = v.rfind('>');
  if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt) {
    a.address = std::string(Trim(v.substr(lt + 1, gt - lt - 1)));
    std::string_view name = Trim(v.substr(0, lt));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
      name = name.substr(1, name.size() - 2);
    a.name = DecodeWords(name);
  } else {
    a.address = std::string(Trim(v));
  }
  return a;
}

// The first text/plain part of a (possibly multipart) body, transfer-decoded and as UTF-8.
inline std::string TextBody(const MiniMessage& m) {
  std::string ctype = m.Header("Content-Type");
  std::string cte = AsciiLower(m.Header("Content-Transfer-Encoding"));
  std::string body = m.raw_body;
  std::string lower_ctype = AsciiLower(ctype);
  if (lower_ctype.find("multipart/") != std::string::npos) {
    size_t b = lower_ctype.find("boundary=");
    if (b == std::string::npos) return body;
    std::string boundary = ctype.substr(b + 9);
    if (!boundary.empty() && boundary.front() == '"') boundary = boundary.substr(1);
    boundary = boundary.substr(0, boundary.find_first_of("\";"));
    size_t first = body.find("--" + boundary);
    if (first == std::string::npos) return body;
    size_t hdr_end = body.find("\n\n", first);
    size_t next = body.find("\n--" + boundary, hdr_end);
    if (hdr_end == std::string::npos) return body;
    std::string part_headers = AsciiLower(body.substr(first, hdr_end - first));
    body = body.substr(hdr_end + 2,
                       next == std::string::npos ? std::string::npos : next - hdr_end - 2);
    lower_ctype = part_headers;
    size_t te = part_headers.find("content-transfer-encoding:");
    cte = te == std::string::npos ? "" : part_headers.substr(te + 26, 20);
  }
  if (cte.find("quoted-printable") != std::string::npos) body = DecodeQp(body, false);
  if (cte.find("base64") != std::string::npos) body = DecodeBase64(body);
  bool utf8 = lower_ctype.find("utf-8") != std::string::npos ||
              lower_ctype.find("charset") == std::string::npos;
  return utf8 ? body : Latin1ToUtf8(body);
}

inline const MiniMessage* FindById(const std::vector<MiniMessage>& msgs, std::string_view id) {
  for (const MiniMessage& m : msgs) {
    std::string mid = m.Header("Message-ID");
    if (mid.find(id) != std::string::npos) return &m;
  }
  return nullptr;
}

}  // namespace quorum::test
