// SPDX-License-Identifier: Apache-2.0
// Choosing a message's date: Date:, bad and implausible ones, and the delivery-date fallbacks.
#include "parse/message_date.h"

#include <algorithm>

#include "core/text.h"
#include "parse/date.h"

namespace quorum::parse {
namespace {

// git format-patch writes every From_ line as "From <sha> Mon Sep 17 00:00:00 2001": a constant,
// not a delivery date.
constexpr int64_t kGitFormatPatchEpoch = 1000684800;

bool Plausible(const MailDate& d) { return d.valid && d.epoch >= kFirstPlausibleEpoch; }

MailDate ParseReceived(std::string_view value) {
  size_t semi = value.rfind(';');
  if (semi == std::string_view::npos) return MailDate{};
  return ParseDate(value.substr(semi + 1));
}

// The date of the last (earliest-hop) Received: header with one.
MailDate FirstHopDate(const HeaderBlock& h) {
  MailDate best;
  for (const HeaderField& f : h.fields) {
    if (!IEquals(f.name, "Received")) continue;
    MailDate d = ParseReceived(f.value);
    if (d.valid) best = d;
  }
  return best;
}

// The latest plausible delivery date: every Received: header's and the From_ line's.
MailDate LatestDelivery(const HeaderBlock& h, const MailDate& from_line) {
  MailDate latest = Plausible(from_line) ? from_line : MailDate{};
  for (const HeaderField& f : h.fields) {
    if (!IEquals(f.name, "Received")) continue;
    MailDate d = ParseReceived(f.value);
    if (Plausible(d)) latest = std::max(latest, d);
  }
  return latest;
}

MailDate FromLineDate(std::string_view from_line) {
  if (from_line.empty()) return MailDate{};
  MailDate d = ParseFromLineDate(from_line);
  if (d.valid && d.epoch == kGitFormatPatchEpoch) return MailDate{};
  return d;
}

}  // namespace

MessageDate DateOfMessage(const HeaderBlock& h, std::string_view from_line) {
  MessageDate r;
  const std::string_view* v = FindHeader(h, "Date");
  r.has_header = v != nullptr;
  bool out_of_range = false;
  if (v) r.header = ParseDate(*v, &out_of_range);
  MailDate from = FromLineDate(from_line);
  if (r.header.valid) {
    std::string why;
    MailDate delivered;
    if (r.header.epoch < kFirstPlausibleEpoch) {
      why = " is before 1975";
    } else if (!(Plausible(from) && r.header.epoch <= from.epoch + kFutureSlackSeconds)) {
      // The From_ line alone clears most messages; only then are the Received: headers read.
      delivered = LatestDelivery(h, from);
      if (delivered.valid && r.header.epoch > delivered.epoch + kFutureSlackSeconds) {
        why = " is more than a day after delivery (" + FormatIsoUtc(delivered) + ")";
      }
    }
    if (why.empty()) {
      r.date = r.header;
      return r;
    }
    r.code = "implausible-date";
    r.detail = "Date: " + FormatIsoUtc(r.header) + why;
  } else if (v) {
    r.code = "bad-date";
    r.detail = (out_of_range ? "Date: outside years 0001-9999 (UTC): " : "unparseable Date: ") +
               SanitizeUtf8(*v).substr(0, 200);
  } else {
    r.code = "missing-date";
    r.detail = "no Date: header";
  }
  // Fallbacks, most trustworthy first: the first hop's Received: date, then the From_ line.
  const char* source = "Received:";
  MailDate fallback = FirstHopDate(h);
  if (!fallback.valid) {
    source = "From_ line";
    fallback = from;
  }
  if (r.header.valid) {  // implausible: a fallback must do better
    if (Plausible(fallback)) {
      r.date = fallback;
      r.detail += std::string("; dated by the ") + source + " date";
    } else {
      r.date = r.header;
      r.detail += "; kept (no plausible delivery date)";
    }
    return r;
  }
  r.date = fallback;
  return r;
}

}  // namespace quorum::parse
