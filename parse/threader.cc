// SPDX-License-Identifier: Apache-2.0
// JWZ threading (https://www.jwz.org/doc/threading.html) steps 1-4 without subject grouping,
// as public-inbox and notmuch do: ghosts for absent parents, loops refused, no recursion.
#include "parse/threader.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace quorum::parse {
namespace {

// Ids are views into the messages, which outlive the forest: one allocation less per id than
// owning copies in both the index and the container (bench/scaling.cc).
struct Container {
  std::string_view id;
  int message = -1;  // index into messages, -1 for a ghost
  int parent = -1;
  std::vector<int> children;
  int64_t sort_date = 0;  // for ordering siblings: own date, or earliest child's for a ghost
  bool dated = false;
};

class Forest {
 public:
  explicit Forest(size_t hint) {
    containers_.reserve(hint);
    index_.reserve(hint);
  }

  int Get(std::string_view id) {
    auto [it, inserted] = index_.try_emplace(id, static_cast<int>(containers_.size()));
    if (inserted) {
      Container c;
      c.id = id;
      containers_.push_back(std::move(c));
    }
    return it->second;
  }

  // True when `ancestor` is `node` or above it.
  bool IsAncestor(int ancestor, int node) const {
    for (int c = node; c >= 0; c = containers_[static_cast<size_t>(c)].parent) {
      if (c == ancestor) return true;
    }
    return false;
  }

  // Makes `parent` the parent of `child` unless that would make a loop. With `force`, an
  // existing parent is replaced (a message's own headers beat a guess from someone's References).
  void Link(int parent, int child, bool force) {
    Container& c = containers_[static_cast<size_t>(child)];
    if (parent == child || c.parent == parent) return;
    if (c.parent >= 0 && !force) return;
    // A loop is only possible when the child already has descendants.
    if (!c.children.empty() && IsAncestor(child, parent)) return;
    if (c.parent >= 0) Unlink(child);
    c.parent = parent;
    containers_[static_cast<size_t>(parent)].children.push_back(child);
  }

  std::vector<Container>& containers() { return containers_; }

 private:
  void Unlink(int child) {
    Container& c = containers_[static_cast<size_t>(child)];
    std::vector<int>& sib = containers_[static_cast<size_t>(c.parent)].children;
    sib.erase(std::find(sib.begin(), sib.end(), child));
    c.parent = -1;
  }

  std::vector<Container> containers_;
  std::unordered_map<std::string_view, int> index_;
};

}  // namespace

std::vector<Thread> BuildThreads(const std::vector<Message>& messages) {
  // Room for every id the messages name, so that the index never rehashes: messages with
  // thousands of References would otherwise rehash it many times over (bench/scaling.cc).
  size_t ids = 0;
  for (const Message& m : messages) ids += 2 + m.references.size();
  Forest forest(ids);
  for (size_t i = 0; i < messages.size(); ++i) {
    const Message& m = messages[i];
    int self = forest.Get(m.message_id);
    Container& c = forest.containers()[static_cast<size_t>(self)];
    c.message = static_cast<int>(i);
    c.sort_date = m.date.epoch;
    c.dated = m.date.valid;
    // Link the References chain (each id the parent of the next) where nothing better is known.
    int prev = -1;
    for (const std::string& ref : m.references) {
      if (ref == m.message_id) break;  // a message listing itself: ignore the rest
      int r = forest.Get(ref);
      if (prev >= 0) forest.Link(prev, r, /*force=*/false);
      prev = r;
    }
    // The parent: In-Reply-To when present (public-inbox trusts it over References), else the
    // last reference.
    int parent = -1;
    if (!m.in_reply_to.empty() && m.in_reply_to != m.message_id) {
      parent = forest.Get(m.in_reply_to);
      if (prev >= 0 && prev != parent) forest.Link(prev, parent, /*force=*/false);
    } else {
      parent = prev;
    }
    if (parent >= 0) forest.Link(parent, self, /*force=*/true);
  }

  std::vector<Container>& cs = forest.containers();
  // Ghosts sort by their earliest dated descendant: propagate dates upwards, children first.
  // Containers are visited in an order where every child precedes its parent (post-order
  // via an explicit stack).
  std::vector<int> roots;
  for (size_t i = 0; i < cs.size(); ++i) {
    if (cs[i].parent < 0) roots.push_back(static_cast<int>(i));
  }
  std::vector<int> order;  // post-order
  order.reserve(cs.size());
  {
    std::vector<std::pair<int, size_t>> stack;
    for (int r : roots) {
      stack.push_back({r, 0});
      while (!stack.empty()) {
        auto& [node, next_child] = stack.back();
        const std::vector<int>& ch = cs[static_cast<size_t>(node)].children;
        if (next_child < ch.size()) {
          int child = ch[next_child++];
          stack.push_back({child, 0});
        } else {
          order.push_back(node);
          stack.pop_back();
        }
      }
    }
  }
  for (int n : order) {
    Container& c = cs[static_cast<size_t>(n)];
    if (c.parent < 0) continue;
    Container& p = cs[static_cast<size_t>(c.parent)];
    if (p.message < 0 && c.dated && (!p.dated || c.sort_date < p.sort_date)) {
      p.sort_date = c.sort_date;
      p.dated = true;
    }
  }
  auto earlier = [&](int a, int b) {
    const Container& x = cs[static_cast<size_t>(a)];
    const Container& y = cs[static_cast<size_t>(b)];
    if (x.dated != y.dated) return x.dated;
    if (x.dated && x.sort_date != y.sort_date) return x.sort_date < y.sort_date;
    return x.id < y.id;
  };
  for (Container& c : cs) std::sort(c.children.begin(), c.children.end(), earlier);
  std::sort(roots.begin(), roots.end(), earlier);

  std::vector<Thread> threads;
  threads.reserve(roots.size());
  for (int r : roots) {
    Thread t;
    t.id = std::string(cs[static_cast<size_t>(r)].id);
    // Pre-order walk with an explicit stack; children pushed in reverse to keep their order.
    std::vector<std::pair<int, int>> stack{{r, -1}};  // container, parent node index
    while (!stack.empty()) {
      auto [ci, parent_node] = stack.back();
      stack.pop_back();
      const Container& c = cs[static_cast<size_t>(ci)];
      ThreadNode node;
      node.message_id = std::string(c.id);
      node.parent = parent_node;
      node.message = c.message;
      node.depth = parent_node < 0 ? 0 : t.nodes[static_cast<size_t>(parent_node)].depth + 1;
      int self = static_cast<int>(t.nodes.size());
      t.nodes.push_back(std::move(node));
      if (c.message >= 0) {
        const Message& m = messages[static_cast<size_t>(c.message)];
        ++t.message_count;
        if (t.subject.empty()) t.subject = m.subject;
        if (m.date.valid) {
          if (t.first_date == 0 || m.date.epoch < t.first_date) t.first_date = m.date.epoch;
          if (t.last_date == 0 || m.date.epoch > t.last_date) t.last_date = m.date.epoch;
        }
      }
      for (auto it = c.children.rbegin(); it != c.children.rend(); ++it)
        stack.push_back({*it, self});
    }
    threads.push_back(std::move(t));
  }
  std::stable_sort(threads.begin(), threads.end(), [](const Thread& a, const Thread& b) {
    bool ad = a.first_date != 0, bd = b.first_date != 0;
    if (ad != bd) return ad;
    if (a.first_date != b.first_date) return a.first_date < b.first_date;
    return a.id < b.id;
  });
  return threads;
}

}  // namespace quorum::parse
