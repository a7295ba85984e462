// SPDX-License-Identifier: Apache-2.0
// Builds core::Message values (and simple threads) for tests, field by field, in one expression.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/message.h"
#include "core/thread.h"

namespace quorum::test {

// A Message with only the fields a test names; the rest keep Message's defaults.
//   Message m = Mail("v1@x").From("Ann", "ann@apache.org").At(kT0).Subject("Re: [VOTE] x")
//                   .ReplyTo("v@x").Text("+1");
class MessageBuilder {
 public:
  explicit MessageBuilder(std::string id) { m_.message_id = std::move(id); }

  // The author (Message::from). FromHeader sets the From: header as decoded separately.
  MessageBuilder& From(std::string name, std::string address) {
    m_.from = {std::move(name), std::move(address)};
    return *this;
  }
  MessageBuilder& FromHeader(std::string name, std::string address) {
    m_.from_header = {std::move(name), std::move(address)};
    return *this;
  }
  // A valid date: `epoch` seconds (UTC) written at `offset_minutes` from UTC.
  MessageBuilder& At(int64_t epoch, int offset_minutes = 0) {
    m_.date = {epoch, offset_minutes, true};
    return *this;
  }
  MessageBuilder& Subject(std::string subject) {
    m_.subject = std::move(subject);
    return *this;
  }
  MessageBuilder& List(std::string list_id) {
    m_.list_id = std::move(list_id);
    return *this;
  }
  // In-Reply-To only; ReplyTo also sets References to {parent}. An empty parent sets nothing.
  MessageBuilder& InReplyTo(std::string parent) {
    m_.in_reply_to = std::move(parent);
    return *this;
  }
  MessageBuilder& References(std::vector<std::string> ids) {
    m_.references = std::move(ids);
    return *this;
  }
  MessageBuilder& ReplyTo(const std::string& parent) {
    if (parent.empty()) return *this;
    m_.in_reply_to = parent;
    m_.references = {parent};
    return *this;
  }
  // The author's own text (Message::text); Body sets the decoded body, TextAndBody both.
  MessageBuilder& Text(std::string text) {
    m_.text = std::move(text);
    return *this;
  }
  MessageBuilder& Body(std::string body) {
    m_.body = std::move(body);
    return *this;
  }
  MessageBuilder& TextAndBody(const std::string& text) {
    m_.text = text;
    m_.body = text;
    return *this;
  }
  MessageBuilder& Mirrored(Mirror mirror) {
    m_.mirror = std::move(mirror);
    return *this;
  }
  // A copy of a GitHub comment on `repo`'s `item` ("issues" or "pull") number `number`.
  MessageBuilder& GitHub(std::string repo, std::string item, int64_t number) {
    m_.mirror.kind = MirrorKind::kGitHub;
    m_.mirror.repo = std::move(repo);
    m_.mirror.item = std::move(item);
    m_.mirror.number = number;
    return *this;
  }

  const Message& Build() const { return m_; }
  operator Message() const { return m_; }  // NOLINT(google-explicit-constructor): fluent use

 private:
  Message m_;
};

inline MessageBuilder Mail(std::string id) { return MessageBuilder(std::move(id)); }

// One thread in which each message answers the one before: messages[0] is the root, node i is
// messages[i] at depth i. No subject or dates: only what BuildThreads would link.
inline Thread ChainThread(const std::vector<Message>& messages) {
  Thread t;
  if (!messages.empty()) t.id = messages[0].message_id;
  for (size_t i = 0; i < messages.size(); ++i) {
    const int n = static_cast<int>(i);
    t.nodes.push_back({messages[i].message_id, n - 1, n, n});
  }
  return t;
}

}  // namespace quorum::test
