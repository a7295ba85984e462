// SPDX-License-Identifier: Apache-2.0
// JWZ threading (https://www.jwz.org/doc/threading.html) steps 1-4 without subject grouping,
// as public-inbox and notmuch do: ghosts for absent parents, loops refused, no recursion.
#include "parse/threader.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string_view>

namespace quorum::parse {
namespace {

// Ids are views into the messages, which outlive the forest. Children are not kept while
// linking (only a count, for the loop check); they are laid out once at the end from the
// parent links, so building the forest makes no allocation per message (bench/scaling.cc).
struct Container {
  std::string_view id;
  int message = -1;  // index into messages, -1 for a ghost
  int parent = -1;
  int children = 0;       // how many (the children themselves are laid out at the end)
  int64_t sort_date = 0;  // for ordering siblings: own date, or earliest child's for a ghost
  bool dated = false;
};

// Id -> container index: open addressing over one flat array of 8-byte slots (32 bits of
// hash, index), so a lookup touches one slot and, on a hash match, the id itself; no node per
// id as in std::unordered_map, whose pointer chasing made threading slower per message as
// inputs grew (bench/scaling.cc). Grows by doubling at a load of 2/3.
class IdIndex {
 public:
  explicit IdIndex(size_t expected) {
    size_t cap = 16;
    while (cap < expected + expected / 2) cap *= 2;
    slots_.assign(cap, Slot{});
  }

  // The index stored for `id`, or `fresh` after storing it when `id` is new. `id_of(i)` gives
  // the id stored with index i.
  template <typename IdOf>
  int FindOrInsert(std::string_view id, int fresh, const IdOf& id_of) {
    uint64_t full = std::hash<std::string_view>{}(id);
    uint32_t h = static_cast<uint32_t>(full ^ (full >> 32));
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.index_plus_one == 0) break;
      if (s.hash == h && id_of(s.index_plus_one - 1) == id) return s.index_plus_one - 1;
    }
    if ((used_ + 1) * 3 > slots_.size() * 2) Grow();
    Place(Slot{h, fresh + 1});
    ++used_;
    return fresh;
  }

 private:
  struct Slot {
    uint32_t hash = 0;
    int index_plus_one = 0;  // 0: empty
  };

  void Place(Slot slot) {
    size_t mask = slots_.size() - 1;
    size_t i = slot.hash & mask;
    while (slots_[i].index_plus_one != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }

  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.index_plus_one != 0) Place(s);
    }
  }

  std::vector<Slot> slots_;
  size_t used_ = 0;
};

class Forest {
 public:
  explicit Forest(size_t hint) : index_(hint) { containers_.reserve(hint); }

  int Get(std::string_view id) {
    int fresh = static_cast<int>(containers_.size());
    int found = index_.FindOrInsert(
        id, fresh, [this](int i) { return containers_[static_cast<size_t>(i)].id; });
    if (found == fresh) {
      Container c;
      c.id = id;
      containers_.push_back(c);
    }
    return found;
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
    if (c.children > 0 && IsAncestor(child, parent)) return;
    if (c.parent >= 0) --containers_[static_cast<size_t>(c.parent)].children;
    c.parent = parent;
    ++containers_[static_cast<size_t>(parent)].children;
  }

  std::vector<Container>& containers() { return containers_; }

 private:
  std::vector<Container> containers_;
  IdIndex index_;
};

}  // namespace

std::vector<Thread> BuildThreads(const std::vector<Message>& messages) {
  // Most ids are the messages' own; ghosts (parents not in the archive) add a few.
  size_t ids = messages.size() + messages.size() / 4;
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
  // Lay the children out in one array, each container's as one run (counting sort by parent):
  // children_of(i) is child[first[i] .. first[i + 1]).
  std::vector<int> first(cs.size() + 1, 0);
  for (size_t i = 0; i < cs.size(); ++i) first[i + 1] = first[i] + cs[i].children;
  std::vector<int> child(static_cast<size_t>(first[cs.size()]));
  {
    std::vector<int> fill(first.begin(), first.end() - 1);
    for (size_t i = 0; i < cs.size(); ++i) {
      if (cs[i].parent >= 0)
        child[static_cast<size_t>(fill[static_cast<size_t>(cs[i].parent)]++)] = static_cast<int>(i);
    }
  }
  auto children_begin = [&](int n) { return child.begin() + first[static_cast<size_t>(n)]; };
  auto children_end = [&](int n) { return child.begin() + first[static_cast<size_t>(n) + 1]; };
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
        size_t count = static_cast<size_t>(children_end(node) - children_begin(node));
        if (next_child < count) {
          int c = *(children_begin(node) + static_cast<std::ptrdiff_t>(next_child++));
          stack.push_back({c, 0});
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
  for (size_t i = 0; i < cs.size(); ++i) {
    int n = static_cast<int>(i);
    if (children_end(n) - children_begin(n) > 1)
      std::sort(children_begin(n), children_end(n), earlier);
  }
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
          if (!t.first_date.valid || m.date < t.first_date) t.first_date = m.date;
          t.last_date = std::max(t.last_date, m.date);
        }
      }
      for (auto it = children_end(ci); it != children_begin(ci);) stack.push_back({*--it, self});
    }
    threads.push_back(std::move(t));
  }
  std::stable_sort(threads.begin(), threads.end(), [](const Thread& a, const Thread& b) {
    bool ad = a.first_date.valid, bd = b.first_date.valid;
    if (ad != bd) return ad;
    if (a.first_date != b.first_date) return a.first_date < b.first_date;
    return a.id < b.id;
  });
  return threads;
}

}  // namespace quorum::parse
