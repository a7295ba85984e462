// SPDX-License-Identifier: Apache-2.0
// TextStore: bodies and own texts spilled to an anonymous file and read back intact.
#include "core/text_store.h"

#include <dirent.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"

using namespace quorum;

namespace {

size_t Entries(const std::string& dir) {
  size_t n = 0;
  if (DIR* d = opendir(dir.c_str())) {
    while (readdir(d) != nullptr) ++n;
    closedir(d);
  }
  return n;
}

Message WithText(std::string body, std::string text) {
  Message m;
  m.message_id = "id@x";
  m.body = std::move(body);
  m.text = std::move(text);
  return m;
}

// Runs `body` in a child process whose files may not grow past 64 KiB (a full disk, without
// filling one) and returns the child's exit status: what `body` returned, -1 if it died.
int UnderFileLimit(const std::function<int()>& body) {
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit lim{65536, 65536};
    setrlimit(RLIMIT_FSIZE, &lim);
    _exit(body());
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("spilled body and text read back byte for byte", "[text_store]") {
  test::TempDir dir;
  size_t before = Entries(dir.path());
  Result<std::shared_ptr<TextStore>> made = TextStore::Create(dir.path());
  REQUIRE(made.ok());
  TextStore& store = *made.value();
  // No name in the directory: nothing to clean up after a crash.
  CHECK(Entries(dir.path()) == before);

  std::string binary("a\0b\r\n\xff\xfe", 7);
  std::string big(2 << 20, 'x');
  big[12345] = '\0';
  std::vector<Message> ms = {WithText("quoted\n> body\nown", "own"), WithText("", ""),
                             WithText(binary, ""), WithText("", binary), WithText(big, big)};
  std::vector<Message> original = ms;
  for (Message& m : ms) REQUIRE(store.Spill(&m).ok());
  TextReader r(&store);
  for (size_t i = 0; i < ms.size(); ++i) {
    INFO("message " << i);
    CHECK(ms[i].stored.spilled);
    CHECK(ms[i].body.empty());
    CHECK(ms[i].text.empty());
    CHECK(r.Text(ms[i]) == original[i].text);
    CHECK(r.Body(ms[i]) == original[i].body);
  }
  // Out of order too: each read goes by offset, not by position.
  CHECK(r.Text(ms[0]) == "own");
  CHECK(store.read_errors() == 0);
  size_t total = 0;
  for (const Message& m : original) total += m.body.size() + m.text.size();
  CHECK(store.bytes() == total);
}

TEST_CASE("a message that was never spilled is read from itself", "[text_store]") {
  Message m = WithText("body", "text");
  TextReader none(nullptr);
  CHECK(none.Text(m) == "text");
  CHECK(none.Body(m) == "body");
  test::TempDir dir;
  auto store = TextStore::Create(dir.path());
  REQUIRE(store.ok());
  TextReader r(store.value().get());
  CHECK(&r.Text(m) == &m.text);  // no copy
}

TEST_CASE("two threads spill at once without mixing texts", "[text_store]") {
  test::TempDir dir;
  auto made = TextStore::Create(dir.path());
  REQUIRE(made.ok());
  TextStore& store = *made.value();
  std::vector<Message> a(2000), b(2000);
  auto fill = [](std::vector<Message>* v, char c) {
    for (size_t i = 0; i < v->size(); ++i) {
      (*v)[i] = WithText(std::string(i % 97, c) + "|body", std::to_string(i) + c);
    }
  };
  fill(&a, 'a');
  fill(&b, 'b');
  std::thread ta([&] {
    for (Message& m : a) REQUIRE(store.Spill(&m).ok());
  });
  std::thread tb([&] {
    for (Message& m : b) REQUIRE(store.Spill(&m).ok());
  });
  ta.join();
  tb.join();
  TextReader r(&store);
  for (size_t i = 0; i < a.size(); ++i) {
    REQUIRE(r.Text(a[i]) == std::to_string(i) + 'a');
    REQUIRE(r.Body(b[i]) == std::string(i % 97, 'b') + "|body");
  }
}

TEST_CASE("a store that cannot be made says where", "[text_store]") {
  Result<std::shared_ptr<TextStore>> made = TextStore::Create("/nonexistent/quorum-dir");
  REQUIRE_FALSE(made.ok());
  CHECK(made.error().code == ErrorCode::kIo);
  CHECK(made.error().message.find("/nonexistent/quorum-dir") != std::string::npos);
}

TEST_CASE("a full disk keeps the text in memory and says why", "[text_store]") {
  test::TempDir dir;
  // In a child: a 64 KiB file-size limit stands for a full disk.
  CHECK(UnderFileLimit([&] {
          auto made = TextStore::Create(dir.path());
          if (!made.ok()) return 10;
          Message small = WithText("b", "t");
          Message big = WithText(std::string(100000, 'b'), "kept");
          if (!made.value()->Spill(&small).ok()) return 11;
          Status s = made.value()->Spill(&big);
          if (s.ok()) return 12;
          if (s.error().message.find(dir.path()) == std::string::npos) return 13;
          if (big.stored.spilled || big.text != "kept" || big.body.size() != 100000) return 14;
          TextReader r(made.value().get());
          if (r.Text(big) != "kept" || r.Text(small) != "t") return 15;
          return 0;
        }) == 0);
}

TEST_CASE("SpillAll writes a block of messages in one go and reads back each", "[text_store]") {
  test::TempDir dir;
  auto made = TextStore::Create(dir.path());
  REQUIRE(made.ok());
  TextStore& store = *made.value();
  // More body and text pieces than one pwritev takes (IOV_MAX), some of them empty.
  std::vector<Message> ms(1500);
  for (size_t i = 0; i < ms.size(); ++i) {
    ms[i] = WithText(i % 3 == 0 ? "" : std::string(i % 211, 'b') + std::to_string(i),
                     i % 5 == 0 ? "" : "text " + std::to_string(i));
  }
  std::vector<Message> original = ms;
  Message first = WithText("before", "the block");
  REQUIRE(store.Spill(&first).ok());
  std::vector<Message*> block;
  for (Message& m : ms) block.push_back(&m);
  REQUIRE(store.SpillAll(block).ok());
  TextReader r(&store);
  for (size_t i = 0; i < ms.size(); ++i) {
    INFO("message " << i);
    REQUIRE(ms[i].stored.spilled);
    CHECK(ms[i].text.empty());
    CHECK(r.Text(ms[i]) == original[i].text);
    CHECK(r.Body(ms[i]) == original[i].body);
  }
  CHECK(r.Text(first) == "the block");
  CHECK(store.read_errors() == 0);
}

TEST_CASE("a full disk during SpillAll keeps every text of the block in memory", "[text_store]") {
  test::TempDir dir;
  CHECK(UnderFileLimit([&] {
          auto made = TextStore::Create(dir.path());
          if (!made.ok()) return 10;
          // The first 60,000 bytes fit under the limit, the rest do not: a partial write.
          std::vector<Message> ms = {WithText(std::string(60000, 'a'), "one"),
                                     WithText(std::string(20000, 'b'), "two")};
          Status s = made.value()->SpillAll({&ms[0], &ms[1]});
          if (s.ok()) return 12;
          if (s.error().message.find(dir.path()) == std::string::npos) return 13;
          for (const Message& m : ms) {
            if (m.stored.spilled || m.text.empty() || m.body.empty()) return 14;
          }
          return 0;
        }) == 0);
}

TEST_CASE("Append stores derived bytes beside spilled texts and ReadAt gives them back",
          "[text_store]") {
  test::TempDir dir;
  Result<std::shared_ptr<TextStore>> made = TextStore::Create(dir.path());
  REQUIRE(made.ok());
  TextStore& store = *made.value();
  Message m = WithText("body\n", "text\n");
  REQUIRE(store.Spill(&m).ok());
  Result<uint64_t> a = store.Append("first");
  Result<uint64_t> b = store.Append(std::string("sec\0ond", 7));
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  std::string out;
  store.ReadAt(b.value(), 7, &out);
  CHECK(out == std::string("sec\0ond", 7));
  store.ReadAt(a.value(), 5, &out);
  CHECK(out == "first");
  store.ReadText(m.stored, &out);
  CHECK(out == "text\n");
  CHECK(store.read_errors() == 0);
}

TEST_CASE("SpillAll lays a block's own texts end to end, before its bodies", "[text_store]") {
  test::TempDir dir;
  auto made = TextStore::Create(dir.path());
  REQUIRE(made.ok());
  std::vector<Message> ms = {WithText("body one", "text one"), WithText("", "text two"),
                             WithText("body three", ""), WithText("body four", "text four")};
  std::vector<Message*> block;
  for (Message& m : ms) block.push_back(&m);
  REQUIRE(made.value()->SpillAll(block).ok());
  for (size_t i = 0; i + 1 < ms.size(); ++i) {
    INFO("message " << i);
    CHECK(ms[i + 1].stored.text_offset == ms[i].stored.text_offset + ms[i].stored.text_size);
    CHECK(ms[i + 1].stored.offset == ms[i].stored.offset + ms[i].stored.body_size);
  }
  CHECK(ms[0].stored.offset == ms.back().stored.text_offset + ms.back().stored.text_size);
}

TEST_CASE("a StoreCursor reads what ReadAt reads, in any order", "[text_store]") {
  test::TempDir dir;
  auto made = TextStore::Create(dir.path());
  REQUIRE(made.ok());
  TextStore& store = *made.value();
  // Pieces of many sizes, some larger than the largest read-ahead window (256 KiB) and some
  // that straddle a window's end.
  std::vector<std::pair<uint64_t, uint32_t>> pieces;
  std::string all;
  for (uint32_t i = 0; i < 400; ++i) {
    uint32_t size = i % 97 == 0 ? (300u << 10) + i : (i * 7919u) % 9000u;
    std::string piece(size, static_cast<char>('a' + i % 26));
    if (!piece.empty()) piece[0] = static_cast<char>(i % 251);
    Result<uint64_t> at = store.Append(piece);
    REQUIRE(at.ok());
    pieces.emplace_back(at.value(), size);
    all += piece;
  }
  CHECK(store.settled_bytes() == store.bytes());
  auto expect = [&](size_t i) { return all.substr(pieces[i].first, pieces[i].second); };
  std::vector<size_t> order(pieces.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<std::vector<size_t>> orders = {order, {order.rbegin(), order.rend()}, {}, {}};
  for (size_t i = 0; i < order.size(); i += 2) orders[2].push_back(i);  // every other one
  for (size_t i = 0; i < order.size(); ++i) orders[3].push_back((i * 151) % order.size());
  for (size_t o = 0; o < orders.size(); ++o) {
    StoreCursor cursor(&store);
    std::string out;
    const uint64_t reads_before = store.reads();
    for (size_t i : orders[o]) {
      INFO("order " << o << ", piece " << i);
      cursor.Read(pieces[i].first, pieces[i].second, &out);
      REQUIRE(out == expect(i));
    }
    // In store order the cursor reads ahead: one pread for many pieces (about 2 MB in 256 KiB
    // windows, and the pieces larger than a window on their own).
    if (o == 0) CHECK(store.reads() - reads_before < 40);
    // The same piece twice, and a piece inside the window read for the one before.
    cursor.Read(pieces[5].first, pieces[5].second, &out);
    cursor.Read(pieces[5].first, pieces[5].second, &out);
    CHECK(out == expect(5));
  }
  CHECK(store.read_errors() == 0);
}

TEST_CASE("a StoreCursor reads ahead no further than the file goes", "[text_store]") {
  test::TempDir dir;
  // In a child: a 64 KiB file-size limit stands for a full disk. The failed append leaves the
  // store's end past the file's, and a window read there comes back short.
  CHECK(UnderFileLimit([&] {
          auto made = TextStore::Create(dir.path());
          if (!made.ok()) return 10;
          TextStore& store = *made.value();
          std::string good(60000, 'g');
          good[59999] = 'G';
          if (!store.Append(good).ok()) return 11;
          if (store.Append(std::string(100000, 'x')).ok()) return 12;
          StoreCursor cursor(&store);
          std::string out;
          cursor.Read(59000, 900, &out);  // a plain read
          if (out != good.substr(59000, 900)) return 13;
          cursor.Read(59900, 100, &out);  // sequential: a window, cut at the end of the file
          if (out != good.substr(59900, 100) || store.read_errors() != 0) return 14;
          cursor.Read(65000, 100, &out);  // inside that window
          if (out.size() != 100 || store.read_errors() != 0) return 15;
          cursor.Read(65100, 1000, &out);  // sequential, but the file ends 436 bytes on
          if (!out.empty() || store.read_errors() != 1) return 16;
          return 0;
        }) == 0);
}

TEST_CASE("a StoreCursor counts a read past the store's end as an error", "[text_store]") {
  test::TempDir dir;
  auto made = TextStore::Create(dir.path());
  REQUIRE(made.ok());
  TextStore& store = *made.value();
  REQUIRE(store.Append(std::string(100, 'x')).ok());
  StoreCursor cursor(&store);
  std::string out = "stale";
  cursor.Read(0, 10, &out);
  CHECK(out == std::string(10, 'x'));
  cursor.Read(90, 20, &out);  // sequential, but only 10 of its bytes exist
  CHECK(out.empty());
  CHECK(store.read_errors() == 1);
}
