// SPDX-License-Identifier: Apache-2.0
// RFC 5322 address lists: one left-to-right pass with no recursion, lenient like mail clients.
#include "parse/address.h"

#include "core/text.h"
#include "parse/charset.h"
#include "parse/rfc2047.h"

namespace quorum::parse {
namespace {

bool IsWsp(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsSpecial(char c) {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == ',' || c == ';' || c == ':' ||
         c == '"';
}

// End of an encoded word starting at v[pos] ("=?cs?X?text?="), or npos. An encoded word is
// taken whole even when it holds specials such as ',' (seen from broken mailers).
size_t EncodedWordEnd(std::string_view v, size_t pos) {
  if (v.compare(pos, 2, "=?") != 0) return std::string_view::npos;
  size_t q = pos + 2;
  int marks = 0;
  while (q < v.size() && marks < 2) {
    if (IsWsp(v[q])) return std::string_view::npos;
    if (v[q] == '?') ++marks;
    ++q;
  }
  if (marks < 2) return std::string_view::npos;
  while (q + 1 < v.size()) {
    if (IsWsp(v[q])) return std::string_view::npos;
    if (v[q] == '?' && v[q + 1] == '=') return q + 2;
    ++q;
  }
  return std::string_view::npos;
}

struct Word {
  std::string text;  // unquoted content
  bool quoted = false;
  bool space_before = false;
};

struct Pending {
  std::vector<Word> words;
  std::string angle;
  bool has_angle = false;
  std::string comment;  // the first comment, used as a name for "addr (Name)"
  void Clear() {
    words.clear();
    angle.clear();
    has_angle = false;
    comment.clear();
  }
};

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (IsWsp(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string DecodeName(std::string_view raw) {
  bool err = false;
  return CollapseSpaces(DecodeHeaderText(raw, &err));
}

// The addr-spec inside <...>: whitespace and comments dropped, source route removed, and the
// obfuscated "user at domain.org" form repaired.
std::string CleanAngle(std::string_view in) {
  std::string out;
  std::string spaced;  // with single spaces, to recognise "user at domain"
  int depth = 0;
  bool quoted = false;
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (quoted) {
      out.push_back(c);
      spaced.push_back(c);
      if (c == '\\' && i + 1 < in.size()) {
        out.push_back(in[++i]);
        spaced.push_back(in[i]);
      } else if (c == '"') {
        quoted = false;
      }
      continue;
    }
    if (depth > 0) {
      if (c == '\\')
        ++i;
      else if (c == '(')
        ++depth;
      else if (c == ')')
        --depth;
      continue;
    }
    if (c == '(') {
      ++depth;
      spaced.push_back(' ');
      continue;
    }
    if (IsWsp(c)) {
      spaced.push_back(' ');
      continue;
    }
    if (c == '"') quoted = true;
    out.push_back(c);
    spaced.push_back(c);
  }
  if (!out.empty() && out[0] == '@') {  // obsolete route "@a,@b:user@host"
    size_t colon = out.find(':');
    out = colon == std::string::npos ? std::string() : out.substr(colon + 1);
  }
  if (out.find('@') == std::string::npos) {
    std::string s = CollapseSpaces(spaced);
    size_t at = s.find(" at ");
    if (at != std::string::npos && at > 0 && s.find(' ') == at &&
        s.find('.', at) != std::string::npos && s.find(' ', at + 4) == std::string::npos) {
      return s.substr(0, at) + "@" + s.substr(at + 4);
    }
  }
  return out;
}

bool FinishRaw(const Pending& p, Address* a);

// Turns the words of one mailbox into an Address. Returns false when there is nothing. Raw
// 8-bit addresses follow the header rule (UTF-8 if valid, else Windows-1252), so every string
// we return is valid UTF-8.
bool Finish(const Pending& p, Address* a) {
  bool ok = FinishRaw(p, a);
  if (!IsValidUtf8(a->address)) a->address = ToUtf8(a->address, "windows-1252", nullptr);
  return ok;
}

bool FinishRaw(const Pending& p, Address* a) {
  a->name.clear();
  a->address.clear();
  std::string phrase;
  for (const Word& w : p.words) {
    if (w.space_before && !phrase.empty()) phrase.push_back(' ');
    phrase += w.text;
  }
  if (p.has_angle) {
    a->address = CleanAngle(p.angle);
    a->name = DecodeName(phrase);
    if (a->name.empty() && !p.comment.empty()) a->name = DecodeName(p.comment);
    return !a->address.empty() || !a->name.empty();
  }
  if (p.words.empty()) return false;
  // No angle brackets: an addr-spec ("a@b", "a @ b", "\"x y\"@b"), possibly obfuscated as
  // "user at domain.org", with the name in a comment.
  bool has_at = false;
  for (const Word& w : p.words) {
    if (!w.quoted && w.text.find('@') != std::string::npos) has_at = true;
  }
  if (has_at) {
    for (const Word& w : p.words) {
      if (w.quoted) {
        a->address += "\"" + w.text + "\"";
      } else {
        a->address += w.text;
      }
    }
    a->name = DecodeName(p.comment);
    return true;
  }
  if (p.words.size() == 3 && !p.words[0].quoted && IEquals(p.words[1].text, "at") &&
      !p.words[2].quoted && p.words[2].text.find('.') != std::string::npos) {
    a->address = p.words[0].text + "@" + p.words[2].text;
    a->name = DecodeName(p.comment);
    return true;
  }
  if (p.words.size() == 1 && !p.words[0].quoted &&
      p.words[0].text.find("=?") == std::string::npos) {
    a->address = p.words[0].text;  // a local name such as "root" or "MAILER-DAEMON"
    a->name = DecodeName(p.comment);
    return true;
  }
  a->name = DecodeName(phrase);  // a name without an address
  return !a->name.empty();
}

// One pass over the value; calls `emit` for every mailbox. Groups are flattened: a ':' drops
// the group name, ';' ends a mailbox. Stops after `max` mailboxes.
template <typename Emit>
void Scan(std::string_view v, size_t max, Emit emit) {
  Pending p;
  size_t count = 0;
  bool space = false;
  size_t i = 0;
  size_t n = v.size();
  auto finish = [&]() {
    Address a;
    if (Finish(p, &a)) {
      emit(std::move(a));
      ++count;
    }
    p.Clear();
  };
  while (i < n && count < max) {
    char c = v[i];
    if (IsWsp(c)) {
      space = true;
      ++i;
    } else if (c == '(') {
      // Comment, possibly nested; iterative with a depth counter.
      int depth = 0;
      size_t start = i + 1;
      std::string text;
      while (i < n) {
        char d = v[i];
        if (d == '\\' && i + 1 < n) {
          if (depth == 1) text.push_back(v[i + 1]);
          i += 2;
          continue;
        }
        if (d == '(') {
          if (depth >= 1) text.push_back(d);
          ++depth;
        } else if (d == ')') {
          --depth;
          if (depth == 0) {
            ++i;
            break;
          }
          text.push_back(d);
        } else if (depth >= 1) {
          text.push_back(d);
        }
        ++i;
      }
      (void)start;
      if (p.comment.empty()) p.comment = text;
      space = true;
    } else if (c == '"') {
      Word w;
      w.quoted = true;
      w.space_before = space;
      ++i;
      while (i < n && v[i] != '"') {
        if (v[i] == '\\' && i + 1 < n) ++i;
        w.text.push_back(v[i]);
        ++i;
      }
      if (i < n) ++i;
      p.words.push_back(std::move(w));
      space = false;
    } else if (c == '<') {
      size_t close = v.find('>', i + 1);
      size_t end = close == std::string_view::npos ? n : close;
      if (!p.has_angle) {
        p.angle = std::string(v.substr(i + 1, end - i - 1));
        p.has_angle = true;
      }
      i = close == std::string_view::npos ? n : close + 1;
      space = true;
    } else if (c == ',' || c == ';') {
      finish();
      ++i;
      space = false;
    } else if (c == ':') {
      // Group name ("undisclosed-recipients:") or junk: what came before is not a mailbox.
      p.Clear();
      ++i;
      space = false;
    } else if (c == '>' || c == ')') {
      ++i;
    } else {
      Word w;
      w.space_before = space;
      size_t ew_end = EncodedWordEnd(v, i);
      size_t start = i;
      if (ew_end != std::string_view::npos) {
        i = ew_end;
      } else {
        while (i < n && !IsWsp(v[i]) && !IsSpecial(v[i])) ++i;
      }
      w.text = std::string(v.substr(start, i - start));
      p.words.push_back(std::move(w));
      space = false;
    }
  }
  if (count < max) finish();
}

}  // namespace

std::vector<Address> ParseAddressList(std::string_view value, size_t max_addresses) {
  std::vector<Address> out;
  Scan(value, max_addresses, [&](Address a) {
    if (!a.address.empty()) out.push_back(std::move(a));
  });
  return out;
}

Address ParseFrom(std::string_view value) {
  // The first mailbox with an address; else the first name-only entry. The scan stops early
  // enough: at most a few entries are looked at in the common case.
  Address first_name_only;
  Address found;
  bool have = false;
  Scan(value, 10000, [&](Address a) {
    if (have) return;
    if (!a.address.empty()) {
      found = std::move(a);
      have = true;
    } else if (first_name_only.name.empty()) {
      first_name_only = std::move(a);
    }
  });
  return have ? found : first_name_only;
}

}  // namespace quorum::parse
