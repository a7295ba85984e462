// SPDX-License-Identifier: Apache-2.0
// Assembles a Message from a raw message: header decoding, body, own text, mirror, fallbacks.
#include "parse/message_parser.h"

#include "core/hash.h"
#include "core/text.h"
#include "parse/address.h"
#include "parse/headers.h"
#include "parse/message_date.h"
#include "parse/message_id.h"
#include "parse/mirror.h"
#include "parse/own_text.h"
#include "parse/rfc2047.h"

namespace quorum::parse {
namespace {

void Diag(Message* m, uint64_t offset, const char* code, std::string detail) {
  m->diagnostics.push_back(Diagnostic{SourceRef{m->source.file, offset}, code, std::move(detail)});
}

// "List-Id: Maven Developers List <dev.maven.apache.org>" -> "dev.maven.apache.org";
// "Mailing-List: contact dev-help@maven.apache.org; run by ezmlm" -> "dev.maven.apache.org".
std::string ListIdOf(const HeaderBlock& h) {
  if (const std::string_view* v = FindHeader(h, "List-Id")) {
    size_t lt = v->rfind('<'), gt = v->rfind('>');
    if (lt != std::string::npos && gt != std::string::npos && gt > lt + 1) {
      return AsciiLower(Trim(std::string_view(*v).substr(lt + 1, gt - lt - 1)));
    }
    std::string_view t = Trim(*v);
    if (!t.empty() && t.find(' ') == std::string_view::npos) return AsciiLower(t);
  }
  if (const std::string_view* v = FindHeader(h, "Mailing-List")) {
    // ezmlm: "contact <list>-help@<domain>; run by ezmlm"
    std::string_view t = *v;
    size_t help = t.find("-help@");
    if (help != std::string_view::npos) {
      size_t b = t.rfind(' ', help);
      b = b == std::string_view::npos ? 0 : b + 1;
      size_t e = t.find_first_of("; >", help);
      if (e == std::string_view::npos) e = t.size();
      std::string local(t.substr(b, help - b));
      std::string domain(t.substr(help + 6, e - help - 6));
      if (!local.empty() && !domain.empty()) return AsciiLower(local + "." + domain);
    }
  }
  return "";
}

}  // namespace

Message ParseMessage(const RawMessage& raw, const std::string& file, const ParseOptions& options) {
  Message m;
  m.source = SourceRef{file, raw.offset};
  m.size = raw.size;
  // The header block starts after the From_ line; diagnostics inside it are offset from there.
  uint64_t header_offset = raw.offset + (raw.from_line.empty() ? 0 : raw.from_line.size() + 1);
  HeaderBlock h = ParseHeaderBlock(raw.bytes, options.header_limits, SourceRef{file, header_offset},
                                   &m.diagnostics);

  // Identity and references.
  if (const std::string_view* v = FindHeader(h, "Message-ID"))
    m.message_id = NormalizeMessageId(*v);
  if (m.message_id.empty()) {
    if (const std::string_view* v = FindHeader(h, "Message-Id"))
      m.message_id = NormalizeMessageId(*v);
  }
  if (const std::string_view* v = FindHeader(h, "In-Reply-To")) {
    std::vector<std::string> ids = ExtractMessageIds(*v, 8);
    if (!ids.empty()) m.in_reply_to = ids.front();
  }
  if (const std::string_view* v = FindHeader(h, "References")) m.references = ExtractMessageIds(*v);

  // Decoded headers.
  bool bad = false;
  if (const std::string_view* v = FindHeader(h, "Subject")) {
    m.subject = DecodeHeaderText(*v, &bad);
    if (bad)
      Diag(&m, header_offset, "bad-encoded-word", "Subject: " + SanitizeUtf8(*v).substr(0, 200));
  }
  const std::string_view* from = FindHeader(h, "From");
  if (!from) from = FindHeader(h, "Sender");
  if (from) m.from_header = ParseFrom(*from);
  if (m.from_header.address.empty() && m.from_header.name.empty()) {
    Diag(&m, header_offset, "missing-from",
         from ? "From: has no address: " + SanitizeUtf8(*from).substr(0, 200) : "no From: header");
  }
  MessageDate dated = DateOfMessage(h, raw.from_line);
  m.date = dated.date;
  if (dated.code) Diag(&m, header_offset, dated.code, std::move(dated.detail));
  m.list_id = ListIdOf(h);

  if (m.message_id.empty()) {
    // A stable id from what every archive copy shares (not Received: or Return-Path:), so that
    // reruns and the other archive variants of the same message give the same id.
    Sha256 h256;
    for (const char* name : {"From", "Date", "Subject", "To", "In-Reply-To"}) {
      const std::string_view* v = FindHeader(h, name);
      h256.Update(v ? std::string_view(*v) : std::string_view());
      h256.Update("\n");
    }
    h256.Update(raw.bytes.substr(std::min(h.body_offset, raw.bytes.size())));
    m.message_id = "quorum-" + h256.HexDigest().substr(0, 24) + "@synthetic";
    m.synthetic_id = true;
    Diag(&m, header_offset, "missing-message-id", "no usable Message-ID; derived " + m.message_id);
  }
  if (raw.truncated) {
    Diag(&m, raw.offset, "message-truncated",
         raw.ended_early ? "the file ends inside this message: its text is cut"
                         : "message larger than the size cap");
  }

  // What tells two different messages that reuse one Message-ID apart: author and send time.
  std::string key = AsciiLower(m.from_header.address);
  key += '\n';
  const MailDate& sent = dated.header.valid ? dated.header : m.date;
  key += dated.has_header && sent.valid ? std::to_string(sent.epoch) : "nodate\n" + m.subject;
  m.content_key = Sha256Hex(key).substr(0, 16);

  if (options.decode_body) {
    BodyText body = ExtractBodyText(raw.bytes, h, options.mime_limits, SourceRef{file, raw.offset},
                                    &m.diagnostics);
    m.body = std::move(body.text);
  }
  m.from = DetectMirror(h, m.from_header, m.subject, m.message_id, m.body, &m.mirror);
  if (options.decode_body) {
    m.text = ExtractOwnText(m.body, m.mirror.kind);
    if (!options.keep_body) std::string().swap(m.body);
  }
  return m;
}

}  // namespace quorum::parse
