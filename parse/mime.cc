// SPDX-License-Identifier: Apache-2.0
// MIME body extraction: our limits first, then mimetic builds the tree, then we pick and decode.
//
// mimetic 0.9.8 (Debian 12) recurses once per nesting level with no limit, treats lone CR and
// LF+CR as line ends, matches boundaries by prefix, splits lines longer than ~4 KiB when looking
// for boundaries, stops the whole parse on a boundary of an outer multipart, and grows header
// buffers 128 bytes at a time. Given random-access iterators it even switches to a parser that
// finds boundaries anywhere in a line and swallows the rest of the message when an inner one is
// missing. So it never sees the raw message: Normalizer below rewrites the message into a form
// whose structure we have already checked and whose every line mimetic's line-based parser
// (selected with a forward iterator) reads exactly as we do:
//   - line ends become LF (split with mimetic's own rules); inside multiparts, body lines
//     longer than 4000 bytes are split and a split-off piece never starts with '-';
//   - only RFC 2046 delimiter lines ("--b" + blanks, "--b--...") count; a line that merely
//     starts with an open delimiter ("--b10" under "--b1") gets a leading space so that
//     mimetic's prefix rule does not take it;
//   - each entity's header is replaced by at most four short synthetic fields: our copies of
//     Content-Type/-Transfer-Encoding/-Disposition under X-Quorum-* names (the walk reads
//     those) and a canonical "Content-Type: multipart/...; boundary=..." only for multiparts we
//     open. message/rfc822 parts are never opened (they are not the body of the outer mail);
//   - a multipart deeper than MimeLimits::max_depth becomes an opaque leaf (GMime behaviour);
//   - after MimeLimits::max_parts parts the message is cut;
//   - an outer boundary that closes inner multiparts gets explicit close lines for them.
// All of that is one forward pass with an explicit boundary stack (at most max_depth deep).
#include "parse/mime.h"

#include <mimetic/mimetic.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <iterator>
#include <optional>
#include <vector>

#include "core/text.h"
#include "parse/charset.h"
#include "parse/rfc2047.h"
#include "parse/rfc2231.h"

namespace quorum::parse {
namespace {

constexpr size_t kMaxBodyLine = 4000;        // below mimetic's 4093-byte block split
constexpr size_t kMaxSyntheticField = 8192;  // our copies of the MIME fields
constexpr size_t kMaxBoundary = 200;         // RFC 2046 allows 70

constexpr const char* kCtField = "X-Quorum-Content-Type";
constexpr const char* kCteField = "X-Quorum-Transfer-Encoding";
constexpr const char* kCdField = "X-Quorum-Disposition";
constexpr const char* kOpaqueField = "X-Quorum-Opaque";

void AddDiag(const SourceRef& base, const char* code, std::string detail, Diagnostics* diags) {
  if (!diags) return;
  for (const Diagnostic& d : *diags) {
    if (d.code == code && d.where.offset == base.offset && d.where.file == base.file) return;
  }
  diags->push_back(Diagnostic{base, code, std::move(detail)});
}

struct Line {
  size_t start = 0;
  size_t end = 0;   // content end (before the line break)
  size_t next = 0;  // start of the next line
  bool terminated = false;
};

// Reads the line at `pos` with mimetic's notion of a line break: CR, LF, CR LF or LF CR.
bool NextLine(std::string_view s, size_t pos, Line* line) {
  if (pos >= s.size()) return false;
  // memchr for LF, then for a CR before it: mail lines rarely hold a CR, and both are fast.
  const char* p = s.data() + pos;
  const void* lf = std::memchr(p, '\n', s.size() - pos);
  size_t i = lf ? static_cast<size_t>(static_cast<const char*>(lf) - s.data()) : s.size();
  if (const void* cr = std::memchr(p, '\r', i - pos)) {
    i = static_cast<size_t>(static_cast<const char*>(cr) - s.data());
  }
  line->start = pos;
  line->end = i;
  if (i == s.size()) {
    line->next = i;
    line->terminated = false;
    return true;
  }
  char other = s[i] == '\n' ? '\r' : '\n';
  line->next = i + 1 < s.size() && s[i + 1] == other ? i + 2 : i + 1;
  line->terminated = true;
  return true;
}

struct PartHeader {
  std::string content_type;
  std::string transfer_encoding;
  std::string disposition;
  bool have_type = false;
  size_t body_pos = 0;           // where the body's first line starts
  bool first_line_body = false;  // the header ended on a line that is not a field
  // Content-Type parsed as written and as the walk reads it back (TypeAsWritten, SyntheticType):
  // each is parsed once, and once for both when they are the same text, as they nearly always are.
  mutable std::optional<MimeField> type;
  mutable std::optional<MimeField> synthetic_type;
};

// Scans a part header the way mimetic's loadHeader does: up to an empty line, or up to a line
// that is not "name:" (that line is then the first body line). Keeps only the MIME fields.
PartHeader ScanPartHeader(std::string_view s, size_t pos) {
  PartHeader h;
  std::string* last = nullptr;
  Line l;
  while (NextLine(s, pos, &l)) {
    std::string_view text = s.substr(l.start, l.end - l.start);
    if (text.empty()) {
      h.body_pos = l.next;
      return h;
    }
    if (text[0] == ' ' || text[0] == '\t') {
      if (last && last->size() < kMaxSyntheticField) {
        last->push_back(' ');
        last->append(Trim(text));
      }
      pos = l.next;
      continue;
    }
    size_t i = 0;
    while (i < text.size() && static_cast<unsigned char>(text[i]) > 32 &&
           static_cast<unsigned char>(text[i]) < 127 && text[i] != ':') {
      ++i;
    }
    size_t name_end = i;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i >= text.size() || text[i] != ':') {
      h.body_pos = l.start;
      h.first_line_body = true;
      return h;
    }
    std::string_view name = text.substr(0, name_end);
    std::string_view value = Trim(text.substr(i + 1));
    last = nullptr;
    if (IEquals(name, "Content-Type") && !h.have_type) {
      h.have_type = true;
      last = &h.content_type;
    } else if (IEquals(name, "Content-Transfer-Encoding") && h.transfer_encoding.empty()) {
      last = &h.transfer_encoding;
    } else if (IEquals(name, "Content-Disposition") && h.disposition.empty()) {
      last = &h.disposition;
    }
    if (last) last->assign(value.substr(0, kMaxSyntheticField));
    pos = l.next;
  }
  h.body_pos = s.size();
  return h;
}

void AppendField(const char* name, std::string_view value, std::string* out) {
  out->append(name);
  out->append(": ");
  for (char c : value.substr(0, kMaxSyntheticField)) {
    out->push_back(c == '\r' || c == '\n' ? ' ' : c);
  }
  out->push_back('\n');
}

// A MIME field as the tree walk reads it back from mimetic: our synthetic copy (AppendField)
// with the leading blanks mimetic skips, cut at a NUL byte as mimetic's C strings are.
std::string SyntheticFieldValue(std::string_view value) {
  std::string_view v = value.substr(0, kMaxSyntheticField);
  v = v.substr(0, v.find('\0'));
  size_t lead = v.find_first_not_of(" \t\r\n");  // CR and LF become blanks, then go
  if (lead == std::string_view::npos) return std::string();
  std::string out(v.substr(lead));
  for (char& c : out) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return out;
}

bool IsAttachment(const MimeField& ct, const MimeField& cd) {
  if (cd.value == "attachment") return true;
  if (!MimeParam(cd, "filename").empty()) return true;
  if (!MimeParam(ct, "name").empty()) return true;
  return false;
}

struct Frame {
  std::string delimiter;  // "--" + boundary
  int depth = 0;          // depth of the multipart entity
  bool digest = false;    // multipart/digest: untyped parts are message/rfc822
};

enum class Opaque { kNone, kBadBoundary, kDepthLimit };

// The leaf that the tree walk in Extract takes as the text, as Normalizer wrote it: its header,
// and where its body lines are in Normalizer's output.
struct TextLeaf {
  PartHeader header;
  Opaque opaque = Opaque::kNone;
  bool in_digest = false;
  size_t begin = 0;     // the first body line
  size_t end = 0;       // just past the last one
  bool closed = false;  // a delimiter line starts at `end` (else the output ends there)
};

const MimeField& TypeAsWritten(const PartHeader& h) {
  if (!h.type) {
    bool err = false;
    h.type = ParseMimeField(h.content_type, &err);
  }
  return *h.type;
}

// The Content-Type that the tree walk reads back from mimetic: our synthetic copy.
const MimeField& SyntheticType(const PartHeader& h) {
  if (!h.synthetic_type) {
    std::string v = SyntheticFieldValue(h.content_type);
    bool err = false;
    h.synthetic_type = v == h.content_type ? TypeAsWritten(h) : ParseMimeField(v, &err);
  }
  return *h.synthetic_type;
}

// A leaf's content type as the tree walk reads it back from mimetic: our synthetic copy, and
// text/plain (message/rfc822 in a digest) when it names no type.
MimeField LeafType(const PartHeader& h, bool in_digest) {
  MimeField ct = h.have_type ? SyntheticType(h) : MimeField{};
  if (ct.value.empty() || ct.value.find('/') == std::string::npos) {
    ct.value = in_digest ? "message/rfc822" : "text/plain";
  }
  return ct;
}

bool IsAttachmentPart(const PartHeader& h, const MimeField& ct) {
  bool err = false;
  return IsAttachment(ct, ParseMimeField(SyntheticFieldValue(h.disposition), &err));
}

// Whether the tree walk in Extract takes this leaf as the text: a text/plain part that is not
// an attachment (the same tests on the same field values as the walk).
bool WalkTakesAsText(const PartHeader& h, Opaque opaque, bool in_digest) {
  if (opaque == Opaque::kDepthLimit) return false;
  MimeField ct = LeafType(h, in_digest);
  if (opaque == Opaque::kBadBoundary) {
    ct.value = "text/plain";
  } else if (ct.value.starts_with("multipart/")) {
    return false;
  }
  return !IsAttachmentPart(h, ct) && ct.value == "text/plain";
}

class Normalizer {
 public:
  // `skip_after_text`: once the part that the walk takes as the text has ended, later body
  // lines are left out (the structure stays): mimetic then does not copy attachments and
  // HTML alternatives that cannot be the text. ExtractBodyTextFullTree keeps everything.
  Normalizer(std::string_view s, const MimeLimits& limits, const SourceRef& base,
             Diagnostics* diags, bool skip_after_text)
      : s_(s), limits_(limits), base_(base), diags_(diags), skip_after_text_(skip_after_text) {}

  // Writes the synthetic header of an entity at `depth` and opens it when it is a multipart
  // within the limits.
  void OpenEntity(const PartHeader& h, int depth) {
    if (h.have_type) AppendField(kCtField, h.content_type, &out_);
    if (!h.transfer_encoding.empty()) AppendField(kCteField, h.transfer_encoding, &out_);
    if (!h.disposition.empty()) AppendField(kCdField, h.disposition, &out_);
    const MimeField& ct = TypeAsWritten(h);
    Opaque opaque = Opaque::kNone;
    bool opened = false;
    const bool in_digest = !stack_.empty() && stack_.back().digest;
    if (h.have_type && ct.value.starts_with("multipart/")) {
      std::string boundary = MimeParam(ct, "boundary");
      // An empty boundary="" is usable (every "--" line delimits, as GMime reads it); a
      // missing one is not.
      bool present = std::any_of(ct.params.begin(), ct.params.end(),
                                 [](const auto& kv) { return kv.first == "boundary"; });
      std::string delimiter = "--" + boundary;
      std::string canonical = ct.value + "; boundary=\"" + boundary + "\"";
      bool ok = present && boundary.size() <= kMaxBoundary &&
                boundary.find_first_of("\"\\\r\n") == std::string::npos &&
                ct.value.find_first_of("\"\\;") == std::string::npos;
      if (ok) {
        // mimetic must read back exactly the boundary we track, from the field as its header
        // parser hands it over (cut at a NUL byte).
        mimetic::ContentType check(SyntheticFieldValue(canonical));
        ok = check.isMultipart() && check.param("boundary") == boundary;
      }
      if (!ok) {
        AddDiag(base_, "mime-bad-boundary", "multipart without a usable boundary: kept as one part",
                diags_);
        AppendField(kOpaqueField, "bad-boundary", &out_);
        opaque = Opaque::kBadBoundary;
      } else if (depth >= limits_.max_depth) {
        AddDiag(base_, "mime-depth-limit",
                "MIME nesting deeper than " + std::to_string(limits_.max_depth) +
                    " levels: the deeper part is kept as one opaque part",
                diags_);
        AppendField(kOpaqueField, "depth-limit", &out_);
        opaque = Opaque::kDepthLimit;
      } else {
        AppendField("Content-Type", canonical, &out_);
        bool digest = SyntheticType(h).value == "multipart/digest";
        stack_.push_back(Frame{delimiter, depth, digest});
        opened = true;
      }
    }
    out_.push_back('\n');
    if (skip_after_text_ && !opened && !text_seen_) {
      in_text_ = text_seen_ = WalkTakesAsText(h, opaque, in_digest);
      if (text_seen_) text_ = TextLeaf{h, opaque, in_digest, out_.size(), 0, false};
    }
  }

  std::string Run(const PartHeader& top, size_t body_offset) {
    out_.reserve(s_.size() + s_.size() / 16 + 256);
    OpenEntity(top, 0);
    size_t pos = body_offset;
    Line l;
    while (NextLine(s_, pos, &l)) {
      pos = l.next;
      std::string_view text = s_.substr(l.start, l.end - l.start);
      if (text.size() >= 2 && text[0] == '-' && text[1] == '-' && !stack_.empty()) {
        // RFC 2046 5.1.1: a delimiter line is "--boundary" plus optional blanks, or
        // "--boundary--" (we accept anything after the closing "--"). Innermost first.
        size_t match = stack_.size();
        bool closing = false;
        bool prefix_only = false;  // mimetic would take it (it matches by prefix); we do not
        for (size_t k = stack_.size(); k-- > 0;) {
          const std::string& d = stack_[k].delimiter;
          if (text.compare(0, d.size(), d) != 0) continue;
          std::string_view rest = text.substr(d.size());
          if (rest.starts_with("--")) {
            match = k;
            closing = true;
            break;
          }
          if (rest.find_first_not_of(" \t") == std::string_view::npos) {
            match = k;
            break;
          }
          prefix_only = true;
        }
        if (match < stack_.size()) {
          if (in_text_) {  // the text part ends here: skip later bodies
            in_text_ = false;
            text_.end = out_.size();
            text_.closed = true;
          }
          // An outer boundary ends the inner multiparts: close them explicitly, because
          // mimetic would otherwise stop parsing the whole message here.
          while (stack_.size() > match + 1) {
            out_.append(stack_.back().delimiter);
            out_.append("--\n");
            stack_.pop_back();
          }
          const Frame& f = stack_.back();
          if (closing) {
            out_.append(f.delimiter);
            out_.append("--\n");
            stack_.pop_back();
            continue;
          }
          if (++parts_ > limits_.max_parts) {
            AddDiag(base_, "mime-part-limit",
                    "more than " + std::to_string(limits_.max_parts) +
                        " MIME parts: the rest of the message is skipped",
                    diags_);
            return Finish();
          }
          out_.append(f.delimiter);
          out_.push_back('\n');
          int depth = f.depth + 1;
          PartHeader h = ScanPartHeader(s_, pos);
          OpenEntity(h, depth);
          pos = h.body_pos;
          continue;
        }
        if (text_seen_ && !in_text_) continue;
        if (prefix_only) out_.push_back(' ');  // "--b10" must not end "--b1" in mimetic
      }
      if (text_seen_ && !in_text_) continue;
      AppendBodyLine(text);
    }
    return Finish();
  }

  // After Run: the leaf the walk takes as the text, when skip_after_text found one.
  const TextLeaf* text_leaf() const { return text_seen_ ? &text_ : nullptr; }

 private:
  std::string Finish() {
    if (in_text_) text_.end = out_.size();  // the text part runs to the end
    in_text_ = false;
    return std::move(out_);
  }

  void AppendBodyLine(std::string_view text) {
    if (stack_.empty()) {  // no boundary to look for: long lines are harmless
      out_.append(text);
      out_.push_back('\n');
      return;
    }
    bool first = true;
    while (first || !text.empty()) {
      std::string_view piece = text.substr(0, kMaxBodyLine);
      text.remove_prefix(piece.size());
      if (!first && !piece.empty() && piece[0] == '-') out_.push_back(' ');
      out_.append(piece);
      out_.push_back('\n');
      first = false;
    }
  }

  std::string_view s_;
  const MimeLimits& limits_;
  const SourceRef& base_;
  Diagnostics* diags_;
  std::string out_;
  std::vector<Frame> stack_;
  size_t parts_ = 0;
  const bool skip_after_text_;
  bool text_seen_ = false;  // the part the walk takes as the text has been opened
  bool in_text_ = false;    // ... and has not ended yet
  TextLeaf text_;           // that part, once text_seen_
};

// Whether mimetic drops the line end before the delimiter line (of `delimiter_size` bytes) that
// ends a part whose body is `body` (LF-terminated lines, as Normalizer writes them). RFC 2046
// gives that line end to the delimiter, and mimetic's copy_until_boundary drops it, except when
// its 4093-byte line block was flushed while it read the delimiter line: the line end has then
// been handed on already. This replays the block's fill level line by line.
bool MimeticDropsLineEnd(std::string_view body, size_t delimiter_size) {
  constexpr size_t kFlushAt = 4093;  // copy_until_boundary: blksz - 2 - nlsz
  size_t fill = 0;                   // bytes in the block
  size_t line_start = 0;             // where the current line starts in it
  // Reads `count` bytes of the current line: before each byte the block is flushed when full,
  // keeping only the current line (or nothing, when the line alone fills it).
  auto read = [&](size_t count) {
    while (count > 0) {
      if (fill >= kFlushAt) {
        fill = line_start == 0 ? 0 : fill - line_start;
        line_start = 0;
      }
      size_t step = std::min(count, kFlushAt - fill);
      fill += step;
      count -= step;
    }
  };
  for (size_t pos = 0; pos < body.size();) {
    size_t eol = body.find('\n', pos);
    size_t next = eol == std::string_view::npos ? body.size() : eol + 1;
    read(next - pos);
    line_start = fill;
    pos = next;
  }
  read(delimiter_size + 1);  // the delimiter line is recognised at its line end
  return line_start > 0;
}

// A plain pointer tagged as a forward iterator (see the comment at its use).
struct LineIterator {
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;
  const char* p = nullptr;
  reference operator*() const { return *p; }
  LineIterator& operator++() {
    ++p;
    return *this;
  }
  LineIterator operator++(int) {
    LineIterator t = *this;
    ++p;
    return t;
  }
  bool operator==(const LineIterator& o) const { return p == o.p; }
  bool operator!=(const LineIterator& o) const { return p != o.p; }
};

std::string FieldValue(const mimetic::MimeEntity& e, const char* name) {
  const mimetic::Header& h = e.header();
  if (!h.hasField(name)) return "";
  return h.field(name).value();
}

bool IsB64(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/' || c == '=';
}

// mimetic's Base64 decoder indexes its table with any byte (c > sDecTableSz should be >=;
// bytes >= 0x80 index negatively). Only alphabet characters reach it.
std::string DecodeBase64Body(std::string_view body) {
  std::string clean;
  clean.reserve(body.size());
  for (char c : body) {
    if (IsB64(c)) clean.push_back(c);
  }
  // Data after padding confuses decoders; end at the first '=' run, as most readers do.
  size_t eq = clean.find('=');
  if (eq != std::string::npos) clean.resize(eq);
  std::string out;
  out.reserve(clean.size() * 3 / 4 + 3);
  mimetic::Base64::Decoder dec;
  mimetic::decode(clean.begin(), clean.end(), dec, std::back_inserter(out));
  return out;
}

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Quoted-printable (RFC 2045 6.7). Our own: mimetic's QP decoder drops the line break after a
// line that ends in blanks ("a \nb" -> "ab"), which also destroys format=flowed. Soft breaks
// "=\n" join lines; a malformed '=' is kept as written; trailing blanks are kept (they carry
// format=flowed soft breaks from senders that did not encode them).
std::string DecodeQuotedPrintable(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c != '=') {
      size_t eq = in.find('=', i);  // copy up to the next escape in one go
      if (eq == std::string_view::npos) eq = in.size();
      out.append(in.substr(i, eq - i));
      i = eq - 1;
      continue;
    }
    if (i + 2 < in.size() && Hex(in[i + 1]) >= 0 && Hex(in[i + 2]) >= 0) {
      out.push_back(static_cast<char>(Hex(in[i + 1]) * 16 + Hex(in[i + 2])));
      i += 2;
      continue;
    }
    // Soft line break: '=' then optional blanks then the end of the line.
    size_t j = i + 1;
    while (j < in.size() && (in[j] == ' ' || in[j] == '\t')) ++j;
    if (j < in.size() && (in[j] == '\n' || in[j] == '\r')) {
      if (in[j] == '\r' && j + 1 < in.size() && in[j + 1] == '\n') ++j;
      i = j;
      continue;
    }
    if (j == in.size()) break;  // '=' at the very end
    out.push_back(c);
  }
  return out;
}

std::string ToLf(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// RFC 3676: joins soft-broken lines (ending in a space), removes space-stuffing, keeps quote
// depth; with DelSp=yes the trailing space of a soft break is deleted.
std::string Unflow(std::string_view text, bool delsp) {
  std::string out;
  out.reserve(text.size());
  bool in_para = false;  // the previous line was a soft break
  size_t para_depth = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    bool last = nl == std::string_view::npos;
    std::string_view line = text.substr(pos, last ? std::string_view::npos : nl - pos);
    if (last && line.empty()) break;
    size_t depth = 0;
    while (depth < line.size() && line[depth] == '>') ++depth;
    std::string_view content = line.substr(depth);
    if (!content.empty() && content[0] == ' ') content.remove_prefix(1);  // stuffing
    bool sig = content == "-- ";
    bool soft = !sig && !content.empty() && content.back() == ' ';
    if (in_para && depth != para_depth) {
      out.push_back('\n');  // quote depth changed: the paragraph ends (RFC 3676 4.5)
      in_para = false;
    }
    if (!in_para) {
      out.append(depth, '>');
      if (depth > 0 && !content.empty()) out.push_back(' ');
    }
    if (soft && delsp) content.remove_suffix(1);
    out.append(content);
    if (soft) {
      in_para = true;
      para_depth = depth;
    } else {
      out.push_back('\n');
      in_para = false;
    }
    if (last) break;
    pos = nl + 1;
  }
  if (in_para) out.push_back('\n');
  return out;
}

// text/enriched (RFC 1896) to text: "<<" is '<', formatting commands and <param> contents are
// dropped, n line breaks in a row stand for n-1 (a single one is a space).
std::string EnrichedToText(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  int param_depth = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '<') {
      if (i + 1 < in.size() && in[i + 1] == '<') {
        if (param_depth == 0) out.push_back('<');
        ++i;
        continue;
      }
      size_t close = in.find('>', i + 1);
      if (close == std::string_view::npos) break;
      std::string cmd = AsciiLower(in.substr(i + 1, close - i - 1));
      if (cmd == "param") ++param_depth;
      if (cmd == "/param" && param_depth > 0) --param_depth;
      i = close;
      continue;
    }
    if (param_depth > 0) continue;
    if (c == '\n') {
      size_t run = 1;
      while (i + run < in.size() && in[i + run] == '\n') ++run;
      if (run == 1) {
        out.push_back(' ');
      } else {
        out.append(run - 1, '\n');
      }
      i += run - 1;
      continue;
    }
    out.push_back(c);
  }
  if (!out.empty() && out.back() != '\n') out.push_back('\n');
  return out;
}

// Decodes the body of the chosen leaf (`cte_field`: its Content-Transfer-Encoding as written) to
// UTF-8 text with LF line ends. Text beyond `max_text` decoded bytes is dropped
// ("body-truncated").
std::string DecodeLeaf(std::string_view body, std::string_view cte_field, const MimeField& ct,
                       bool is_html, size_t max_text, const SourceRef& base, Diagnostics* diags) {
  std::string cte = AsciiLower(Trim(cte_field));
  std::string decoded;     // holds base64 and quoted-printable output
  std::string_view bytes;  // the part's bytes before charset conversion
  // Decode no more of the part than can be kept: base64 text of max_text bytes takes at most
  // 4/3 of that plus line ends (generously: 3/2), quoted-printable at most three times that.
  std::string_view in = body;
  if (cte == "base64") {
    decoded = DecodeBase64Body(in.substr(0, max_text / 2 * 3 + 4));
    bytes = decoded;
  } else if (cte == "quoted-printable") {
    decoded = DecodeQuotedPrintable(in.substr(0, max_text * 3 + 3));
    bytes = decoded;
  } else {
    bytes = in.substr(0, max_text + 1);
  }
  bool cut = bytes.size() > max_text || (cte == "base64" && in.size() > max_text / 2 * 3 + 4) ||
             (cte == "quoted-printable" && in.size() > max_text * 3 + 3);
  if (cut) {
    AddDiag(base, "body-truncated",
            "text part of " + std::to_string(body.size()) + " encoded bytes cut to " +
                std::to_string(std::min(bytes.size(), max_text)) + " decoded bytes",
            diags);
    if (bytes.size() > max_text) bytes = bytes.substr(0, max_text);
  }
  std::string charset = MimeParam(ct, "charset");
  std::string text;
  if (Trim(charset).empty()) {
    text = IsValidUtf8(bytes) ? std::string(bytes) : ToUtf8(bytes, "windows-1252", nullptr);
  } else {
    bool known = true;
    text = ToUtf8(bytes, charset, &known);
    if (!known) {
      AddDiag(base, "unknown-charset",
              "charset \"" + SanitizeUtf8(charset.substr(0, 64)) +
                  "\" is not supported: decoded as windows-1252",
              diags);
    }
  }
  std::string().swap(decoded);  // keep peak memory near two copies of the part
  if (text.find('\r') != std::string::npos) text = ToLf(text);
  // The line break before a delimiter belongs to the delimiter (RFC 2046 5.1.1); end every
  // non-empty text with one so that single-part and multipart bodies look alike.
  if (!text.empty() && text.back() != '\n') text.push_back('\n');
  if (!is_html && AsciiLower(MimeParam(ct, "format")) == "flowed") {
    text = Unflow(text, AsciiLower(MimeParam(ct, "delsp")) == "yes");
  }
  return text;
}

// The body of a single-part message as the tree walk would see it: the lines after the header
// with every line end (CR, LF, CR LF, LF CR) made LF and the last line terminated. Usually that
// is `body` itself, and no copy is made (*storage stays empty).
std::string_view SinglePartBody(std::string_view body, std::string* storage) {
  if (body.empty()) return body;
  if (body.find('\r') == std::string_view::npos && body.back() == '\n') return body;
  storage->reserve(body.size() + 1);
  Line l;
  for (size_t pos = 0; NextLine(body, pos, &l); pos = l.next) {
    storage->append(body.substr(l.start, l.end - l.start));
    storage->push_back('\n');
  }
  return *storage;
}

// The text of a message that is not a multipart, without building a MIME tree: what the tree
// walk in Extract gives for a one-leaf tree (tests/parse/mime_fast_path_test.cc compares them).
BodyText ExtractSinglePart(std::string_view raw, size_t body_offset, const PartHeader& top,
                           const MimeLimits& limits, const SourceRef& base, Diagnostics* diags) {
  MimeField ct = LeafType(top, /*in_digest=*/false);
  BodyText out;
  if (IsAttachmentPart(top, ct)) return out;
  bool html = ct.value == "text/html";
  bool enriched = ct.value == "text/enriched";
  if (ct.value != "text/plain" && !html && !enriched) return out;
  std::string storage;
  std::string_view body = SinglePartBody(raw.substr(body_offset), &storage);
  std::string text = DecodeLeaf(body, SyntheticFieldValue(top.transfer_encoding), ct,
                                html || enriched, limits.max_text_bytes, base, diags);
  if (html) {
    out.text = HtmlToText(text);
    out.from_html = true;
  } else if (enriched) {
    out.text = EnrichedToText(text);
  } else {
    out.text = std::move(text);
  }
  out.content_type = ct.value;
  return out;
}

BodyText Extract(std::string_view raw, const HeaderBlock& headers, const MimeLimits& limits,
                 const SourceRef& base, Diagnostics* diags, bool full_tree) {
  if (raw.size() > limits.max_message_bytes) {
    AddDiag(base, "message-truncated",
            "message of " + std::to_string(raw.size()) + " bytes cut to " +
                std::to_string(limits.max_message_bytes),
            diags);
    raw = raw.substr(0, limits.max_message_bytes);
  }
  PartHeader top;
  if (const std::string_view* v = FindHeader(headers, "Content-Type")) {
    top.have_type = true;
    top.content_type = v->substr(0, kMaxSyntheticField);
  }
  if (const std::string_view* v = FindHeader(headers, "Content-Transfer-Encoding")) {
    top.transfer_encoding = v->substr(0, kMaxSyntheticField);
  }
  if (const std::string_view* v = FindHeader(headers, "Content-Disposition")) {
    top.disposition = v->substr(0, kMaxSyntheticField);
  }
  size_t body_offset = std::min(headers.body_offset, raw.size());
  // Without a blank line ParseHeaderBlock reports body_offset 0: there is no body.
  if (body_offset == 0 && !raw.empty()) body_offset = raw.size();

  if (!full_tree) {
    if (!top.have_type || !TypeAsWritten(top).value.starts_with("multipart/")) {
      return ExtractSinglePart(raw, body_offset, top, limits, base, diags);
    }
  }

  Normalizer normalizer(raw, limits, base, diags, !full_tree);
  std::string norm = normalizer.Run(top, body_offset);
  if (const TextLeaf* leaf = normalizer.text_leaf()) {
    // The part the walk would take: decode it from Normalizer's output, as mimetic would hand
    // it over, without building the tree (tests/parse/mime_fast_path_test.cc compares them).
    std::string_view body = std::string_view(norm).substr(leaf->begin, leaf->end - leaf->begin);
    if (leaf->closed) {
      size_t eol = norm.find('\n', leaf->end);
      size_t delimiter = (eol == std::string::npos ? norm.size() : eol) - leaf->end;
      if (!body.empty() && MimeticDropsLineEnd(body, delimiter)) body.remove_suffix(1);
    }
    MimeField ct = LeafType(leaf->header, leaf->in_digest);
    if (leaf->opaque == Opaque::kBadBoundary) ct.value = "text/plain";
    BodyText out;
    out.text = DecodeLeaf(body, SyntheticFieldValue(leaf->header.transfer_encoding), ct, false,
                          limits.max_text_bytes, base, diags);
    out.content_type = "text/plain";
    return out;
  }

  // A forward iterator, not std::string's random-access one: for random-access iterators
  // mimetic switches to a parser that searches boundaries anywhere (even mid-line) and, when
  // the innermost one is missing, swallows the rest of the message. The forward-iterator
  // parser reads line by line, which is what Normalize() prepared for.
  mimetic::MimeEntity root(LineIterator{norm.data()}, LineIterator{norm.data() + norm.size()});
  std::string().swap(norm);  // mimetic holds its own copy of every body: free ours now
  // Pre-order walk with an explicit stack. Depth is bounded by the Normalizer, but we do not
  // rely on that for the walk.
  struct Item {
    const mimetic::MimeEntity* e;
    bool in_digest;
  };
  std::vector<Item> stack{{&root, false}};
  const mimetic::MimeEntity* html = nullptr;
  MimeField html_ct;
  const mimetic::MimeEntity* enriched = nullptr;
  MimeField enriched_ct;
  while (!stack.empty()) {
    Item it = stack.back();
    stack.pop_back();
    const mimetic::MimeEntity& e = *it.e;
    bool err = false;
    std::string ct_raw = FieldValue(e, kCtField);
    MimeField ct = ParseMimeField(ct_raw, &err);
    if (ct.value.empty() || ct.value.find('/') == std::string::npos) {
      ct.value = it.in_digest ? "message/rfc822" : "text/plain";
    }
    if (e.header().hasField(kOpaqueField)) {
      // Too deep: skipped. A multipart without a usable boundary is read as text, as CPython
      // and most clients do, so a broken top-level multipart still yields its words.
      if (FieldValue(e, kOpaqueField) != "bad-boundary") continue;
      ct.value = "text/plain";
    }
    if (ct.value.starts_with("multipart/")) {
      const mimetic::MimeEntityList& parts = e.body().parts();
      bool digest = ct.value == "multipart/digest";
      for (auto p = parts.rbegin(); p != parts.rend(); ++p) stack.push_back({*p, digest});
      continue;
    }
    MimeField cd = ParseMimeField(FieldValue(e, kCdField), &err);
    if (IsAttachment(ct, cd)) continue;
    if (ct.value == "text/plain") {
      BodyText out;
      out.text = DecodeLeaf(e.body(), FieldValue(e, kCteField), ct, false, limits.max_text_bytes,
                            base, diags);
      out.content_type = "text/plain";
      return out;
    }
    if (ct.value == "text/html" && !html) {
      html = &e;
      html_ct = ct;
    }
    if (ct.value == "text/enriched" && !enriched) {
      enriched = &e;
      enriched_ct = ct;
    }
  }
  BodyText out;
  if (html) {
    out.text = HtmlToText(DecodeLeaf(html->body(), FieldValue(*html, kCteField), html_ct, true,
                                     limits.max_text_bytes, base, diags));
    out.content_type = "text/html";
    out.from_html = true;
  } else if (enriched) {
    out.text = EnrichedToText(DecodeLeaf(enriched->body(), FieldValue(*enriched, kCteField),
                                         enriched_ct, true, limits.max_text_bytes, base, diags));
    out.content_type = "text/enriched";
  }
  return out;
}

// mimetic and the standard library may throw (std::bad_alloc, length_error); a bad message
// must never end the run.
BodyText ExtractGuarded(std::string_view raw, const HeaderBlock& headers, const MimeLimits& limits,
                        const SourceRef& base, Diagnostics* diags, bool full_tree) {
  try {
    return Extract(raw, headers, limits, base, diags, full_tree);
  } catch (const std::exception& ex) {
    AddDiag(base, "mime-error", std::string("MIME decoding failed: ") + ex.what(), diags);
  } catch (...) {
    AddDiag(base, "mime-error", "MIME decoding failed", diags);
  }
  return BodyText{};
}

}  // namespace

BodyText ExtractBodyText(std::string_view raw, const HeaderBlock& headers, const MimeLimits& limits,
                         const SourceRef& base, Diagnostics* diags) {
  return ExtractGuarded(raw, headers, limits, base, diags, false);
}

BodyText ExtractBodyTextFullTree(std::string_view raw, const HeaderBlock& headers,
                                 const MimeLimits& limits, const SourceRef& base,
                                 Diagnostics* diags) {
  return ExtractGuarded(raw, headers, limits, base, diags, true);
}

}  // namespace quorum::parse
