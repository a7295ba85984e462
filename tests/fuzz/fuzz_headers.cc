// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: header value decoders (RFC 2047/2231, addresses, dates, message ids).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/text.h"
#include "parse/address.h"
#include "parse/date.h"
#include "parse/message_id.h"
#include "parse/rfc2047.h"
#include "parse/rfc2231.h"

using namespace quorum;
using namespace quorum::parse;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view v(reinterpret_cast<const char*>(data), size);
  bool bad = false;
  if (!IsValidUtf8(DecodeHeaderText(v, &bad))) abort();
  if (!IsValidUtf8(DecodeRfc2231Value(v, &bad))) abort();
  for (const Address& a : ParseAddressList(v, 1000)) {
    if (!IsValidUtf8(a.name)) abort();
  }
  Address f = ParseFrom(v);
  if (!IsValidUtf8(f.name)) abort();
  MailDate d = ParseDate(v);
  (void)d;
  (void)ParseFromLineDate(v);
  (void)NormalizeMessageId(v);
  MimeField field = ParseMimeField(v, &bad);
  if (!IsValidUtf8(MimeParam(field, "filename"))) abort();
  if (ExtractMessageIds(v, 50).size() > 50) abort();
  return 0;
}
