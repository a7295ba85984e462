// SPDX-License-Identifier: Apache-2.0
// JSON and text output of messages and threads.
#include "report/json_output.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/date.h"
#include "report/json_stream.h"
#include "report/json_writer.h"

namespace quorum::report {
namespace {

const char* MirrorKindName(MirrorKind k) {
  switch (k) {
    case MirrorKind::kGitHub:
      return "github";
    case MirrorKind::kGitBox:
      return "gitbox";
    case MirrorKind::kDiscourse:
      return "discourse";
    case MirrorKind::kNone:
      break;
  }
  return "none";
}

}  // namespace

void AppendMessageJsonLine(const Message& m, const std::string& thread_root,
                           const std::string& person, std::string* out) {
  // Written directly, not through an nlohmann tree: this is the biggest output (one line per
  // message); json_writer_test checks it against the tree's dump().
  JsonWriter j(out);
  auto address = [&j](const Address& a) {
    j.BeginObject().Key("name").String(a.name).Key("address").String(a.address).EndObject();
  };
  j.BeginObject();
  j.Key("message_id").String(m.message_id);
  j.Key("synthetic_id").Bool(m.synthetic_id);
  j.Key("from");
  address(m.from);
  j.Key("from_header");
  address(m.from_header);
  j.Key("person");
  person.empty() ? j.Null() : j.String(person);
  j.Key("date");
  WriteDate(m.date, &j);
  j.Key("subject").String(m.subject);
  j.Key("in_reply_to");
  m.in_reply_to.empty() ? j.Null() : j.String(m.in_reply_to);
  j.Key("references").BeginArray();
  for (const std::string& r : m.references) j.String(r);
  j.EndArray();
  j.Key("thread_root").String(thread_root);
  j.Key("list").String(m.list_id);
  j.Key("source").BeginObject();
  j.Key("file").String(m.source.file).Key("offset").Uint(m.source.offset);
  j.Key("size").Uint(m.size).EndObject();
  j.Key("mirror");
  if (m.mirror.kind != MirrorKind::kNone) {
    j.BeginObject().Key("kind").String(MirrorKindName(m.mirror.kind));
    j.Key("repo").String(m.mirror.repo).Key("item").String(m.mirror.item);
    j.Key("number").Int(m.mirror.number).Key("comment_id").String(m.mirror.comment_id);
    j.Key("login").String(m.mirror.login).EndObject();
  } else {
    j.Null();
  }
  j.Key("text").String(m.text);
  j.Key("diagnostics").BeginArray();
  for (const Diagnostic& d : m.diagnostics) {
    j.BeginObject().Key("file").String(d.where.file).Key("offset").Uint(d.where.offset);
    j.Key("code").String(d.code).Key("detail").String(d.detail).EndObject();
  }
  j.EndArray().EndObject();
  out->push_back('\n');
}

void WriteMessageJsonLine(const Message& m, const std::string& thread_root,
                          const std::string& person, std::ostream& out) {
  std::string line;
  AppendMessageJsonLine(m, thread_root, person, &line);
  out << line;
}

void WriteThreadsJson(const std::vector<Thread>& threads, const std::vector<Message>& messages,
                      std::ostream& out) {
  // Streamed one thread at a time (report/json_stream.h): the same bytes as dumping the whole
  // document with indent 2, without a tree of every thread in memory.
  const std::function<Status(std::string_view)> write = [&out](std::string_view text) {
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    return Status();
  };
  DocumentWriter doc(write);
  doc.Member("schema_version", kSchemaVersion);
  doc.WrittenArray("threads", threads.size(), [&](size_t i, JsonWriter* j) {
    const Thread& t = threads[i];
    j->BeginObject().Key("id").String(t.id).Key("subject").String(t.subject);
    j->Key("first_date");
    WriteDate(t.first_date, j);
    j->Key("last_date");
    WriteDate(t.last_date, j);
    j->Key("message_count").Int(t.message_count);
    j->Key("messages").BeginArray();
    for (const ThreadNode& n : t.nodes) {
      j->BeginObject().Key("message_id").String(n.message_id).Key("parent");
      n.parent < 0 ? j->Null() : j->String(t.nodes[static_cast<size_t>(n.parent)].message_id);
      j->Key("ghost").Bool(n.message < 0);
      if (n.message >= 0) {
        const Message& m = messages[static_cast<size_t>(n.message)];
        j->Key("date");
        WriteDate(m.date, j);
        j->Key("from").BeginObject().Key("name").String(m.from.name);
        j->Key("address").String(m.from.address).EndObject();
        j->Key("subject").String(m.subject);
      }
      j->EndObject();
    }
    j->EndArray().EndObject();
  });
  (void)doc.Finish();
}

void WriteThreadsText(const std::vector<Thread>& threads, const std::vector<Message>& messages,
                      std::ostream& out) {
  for (const Thread& t : threads) {
    out << "thread " << t.id << "  (" << t.message_count << " messages";
    if (t.first_date.valid)
      out << ", " << FormatIsoDay(t.first_date) << " .. " << FormatIsoDay(t.last_date);
    out << ")\n";
    for (const ThreadNode& n : t.nodes) {
      out << std::string(2 + 2 * static_cast<size_t>(n.depth), ' ');
      if (n.message < 0) {
        out << "[missing] <" << n.message_id << ">\n";
        continue;
      }
      const Message& m = messages[static_cast<size_t>(n.message)];
      out << (m.date.valid ? FormatIsoDay(m.date) : std::string("(no date)")) << "  "
          << (m.from.name.empty() ? m.from.address : m.from.name) << "  " << m.subject << '\n';
    }
    out << '\n';
  }
}

void WriteMessagesJsonl(Corpus* corpus, std::ostream& out, int jobs) {
  std::vector<const std::string*> root(corpus->messages.size(), nullptr);
  for (const Thread& t : corpus->threads) {
    for (const ThreadNode& n : t.nodes) {
      if (n.message >= 0) root[static_cast<size_t>(n.message)] = &t.id;
    }
  }
  const std::vector<Person>& people = corpus->people;
  const std::vector<int>& person = corpus->person_of_message;
  static const std::string kNone;
  // Lines are made in chunks of kChunk messages by `jobs` threads while this one writes the
  // finished chunks in order: the output stays byte-identical, and at most 2 * jobs chunks are
  // in memory at once.
  constexpr size_t kChunk = 256;
  const size_t n = corpus->messages.size();
  const size_t chunks = (n + kChunk - 1) / kChunk;
  auto format = [&](size_t chunk, std::string* text) {
    TextReader texts(corpus->texts.get());
    for (size_t i = chunk * kChunk; i < std::min(n, (chunk + 1) * kChunk); ++i) {
      Message& m = corpus->messages[i];
      if (m.stored.spilled) m.text = texts.Text(m);  // one message's text in memory at a time
      AppendMessageJsonLine(m, root[i] ? *root[i] : m.message_id,
                            person[i] >= 0 ? people[static_cast<size_t>(person[i])].id : kNone,
                            text);
      if (m.stored.spilled) std::string().swap(m.text);
    }
  };
  const size_t workers = std::min(chunks, static_cast<size_t>(std::max(1, jobs)));
  if (workers <= 1) {
    std::string text;
    for (size_t c = 0; c < chunks; ++c) {
      format(c, &text);
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
      text.clear();
    }
    return;
  }
  const size_t window = 2 * workers;
  struct Slot {
    std::string text;
    bool ready = false;
  };
  std::vector<Slot> slots(window);
  std::mutex mu;
  std::condition_variable changed;
  size_t written = 0;  // chunks written so far; chunk c may use its slot once c < written + window
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (size_t w = 0; w < workers; ++w) {
    pool.emplace_back([&] {
      for (size_t c; (c = next.fetch_add(1)) < chunks;) {
        Slot& slot = slots[c % window];
        {
          std::unique_lock<std::mutex> lock(mu);
          changed.wait(lock, [&] { return c < written + window; });
        }
        format(c, &slot.text);
        {
          std::lock_guard<std::mutex> lock(mu);
          slot.ready = true;
        }
        changed.notify_all();
      }
    });
  }
  for (size_t c = 0; c < chunks; ++c) {
    Slot& slot = slots[c % window];
    {
      std::unique_lock<std::mutex> lock(mu);
      changed.wait(lock, [&] { return slot.ready; });
    }
    out.write(slot.text.data(), static_cast<std::streamsize>(slot.text.size()));
    slot.text.clear();
    {
      std::lock_guard<std::mutex> lock(mu);
      slot.ready = false;
      ++written;
    }
    changed.notify_all();
  }
  for (std::thread& t : pool) t.join();
}

}  // namespace quorum::report
