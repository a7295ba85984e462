// SPDX-License-Identifier: Apache-2.0
// SQLite writer. The only file that includes sqlite3.h.
#include "report/sqlite_output.h"

#include <sqlite3.h>

#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "core/atomic_file.h"
#include "core/time.h"

namespace quorum::report {
namespace {

constexpr const char* kSchema = R"sql(
PRAGMA foreign_keys = ON;
CREATE TABLE proposals (
  id TEXT PRIMARY KEY, title TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL,
  first_date TEXT, last_date TEXT, messages INTEGER NOT NULL, participants INTEGER NOT NULL,
  page TEXT NOT NULL);
CREATE TABLE threads (
  id TEXT PRIMARY KEY, subject TEXT NOT NULL, first_date TEXT, last_date TEXT,
  message_count INTEGER NOT NULL, proposal_id TEXT REFERENCES proposals(id), role TEXT);
CREATE TABLE messages (
  message_id TEXT PRIMARY KEY, thread_id TEXT NOT NULL REFERENCES threads(id),
  parent_id TEXT, list TEXT NOT NULL, date TEXT, epoch INTEGER, from_name TEXT NOT NULL,
  from_address TEXT NOT NULL, person TEXT, subject TEXT NOT NULL, text TEXT NOT NULL,
  source_file TEXT NOT NULL, source_offset INTEGER NOT NULL, diagnostics INTEGER NOT NULL);
CREATE TABLE vote_threads (
  thread_id TEXT PRIMARY KEY, proposal_id TEXT REFERENCES proposals(id), subject TEXT NOT NULL,
  kind TEXT NOT NULL, status TEXT NOT NULL, status_basis TEXT NOT NULL,
  computed_outcome TEXT NOT NULL, list TEXT NOT NULL, committee TEXT NOT NULL,
  opened TEXT, closed TEXT, opened_epoch INTEGER, closed_epoch INTEGER,
  result_message_id TEXT, result_date TEXT, result_epoch INTEGER, result_agrees INTEGER,
  binding_plus INTEGER NOT NULL, binding_zero INTEGER NOT NULL, binding_minus INTEGER NOT NULL,
  non_binding_plus INTEGER NOT NULL, non_binding_zero INTEGER NOT NULL,
  non_binding_minus INTEGER NOT NULL, flags TEXT NOT NULL);
CREATE TABLE votes (
  id INTEGER PRIMARY KEY, thread_id TEXT NOT NULL REFERENCES vote_threads(thread_id),
  proposal_id TEXT REFERENCES proposals(id), voter_name TEXT NOT NULL,
  voter_address TEXT NOT NULL, apache_id TEXT, person TEXT NOT NULL, value TEXT NOT NULL,
  numeric REAL NOT NULL, binding INTEGER, binding_evidence TEXT NOT NULL,
  declared_binding INTEGER, message_id TEXT NOT NULL, date TEXT, epoch INTEGER,
  evidence TEXT NOT NULL, rule TEXT NOT NULL, conditional INTEGER NOT NULL,
  superseded INTEGER NOT NULL);
CREATE TABLE result_differences (
  thread_id TEXT NOT NULL REFERENCES vote_threads(thread_id), type TEXT NOT NULL,
  name TEXT NOT NULL, detail TEXT NOT NULL, message_id TEXT);
CREATE TABLE positions (
  id INTEGER PRIMARY KEY, proposal_id TEXT NOT NULL REFERENCES proposals(id),
  label TEXT NOT NULL, keyphrases TEXT NOT NULL, messages INTEGER NOT NULL,
  participants INTEGER NOT NULL, recurring INTEGER NOT NULL, label_message_id TEXT);
CREATE TABLE position_holders (
  position_id INTEGER NOT NULL REFERENCES positions(id), name TEXT NOT NULL,
  address TEXT NOT NULL, stance TEXT NOT NULL, conditional INTEGER NOT NULL,
  quote TEXT NOT NULL, message_ids TEXT NOT NULL);
CREATE TABLE summaries (
  proposal_id TEXT PRIMARY KEY REFERENCES proposals(id), lead TEXT NOT NULL,
  lead_message_id TEXT, decision_status TEXT, result_message_id TEXT);
CREATE TABLE sides (
  proposal_id TEXT NOT NULL REFERENCES proposals(id), side TEXT NOT NULL, name TEXT NOT NULL,
  address TEXT NOT NULL, message_id TEXT, quote TEXT NOT NULL, basis TEXT NOT NULL);
CREATE INDEX messages_thread ON messages(thread_id);
CREATE INDEX messages_person ON messages(person);
CREATE INDEX messages_epoch ON messages(epoch);
CREATE INDEX threads_proposal ON threads(proposal_id);
CREATE INDEX vote_threads_proposal ON vote_threads(proposal_id);
CREATE INDEX votes_thread ON votes(thread_id);
CREATE INDEX votes_person ON votes(person);
CREATE INDEX votes_message ON votes(message_id);
CREATE INDEX result_differences_thread ON result_differences(thread_id);
CREATE INDEX positions_proposal ON positions(proposal_id);
CREATE INDEX position_holders_position ON position_holders(position_id);
CREATE INDEX sides_proposal ON sides(proposal_id);
)sql";

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StmtCloser {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtCloser>;

std::string Placeholders(int n) {
  std::string s = "(";
  for (int k = 1; k <= n; ++k) s += (k > 1 ? ",?" : "?") + std::to_string(k);
  return s + ")";
}

// A bound value: text, integer, real or NULL. Text made for the row is owned; text of the
// model is only pointed at (it outlives the Insert call that binds it).
struct Value {
  enum Type { kText, kInt, kReal, kNull } type = kNull;
  bool own = false;
  std::string_view view;
  std::string owned;
  int64_t i = 0;
  double r = 0;
  std::string_view Text() const { return own ? std::string_view(owned) : view; }
};
Value T(const std::string& s) { return Value{Value::kText, false, s, {}, 0, 0}; }
Value T(std::string&& s) { return Value{Value::kText, true, {}, std::move(s), 0, 0}; }
Value T(const char* s) { return Value{Value::kText, false, s, {}, 0, 0}; }
Value I(int64_t v) { return Value{Value::kInt, false, {}, {}, v, 0}; }
Value R(double v) { return Value{Value::kReal, false, {}, {}, 0, v}; }
Value N() { return Value{}; }
Value DateOrNull(const MailDate& d) { return d.valid ? T(FormatIsoUtc(d)) : N(); }
Value EpochOrNull(const MailDate& d) { return d.valid ? I(d.epoch) : N(); }
Value TextOrNull(const std::string& s) { return s.empty() ? N() : T(s); }
Value OptBool(const std::optional<bool>& b) { return b ? I(*b ? 1 : 0) : N(); }

class Writer {
 public:
  explicit Writer(sqlite3* db) : db_(db) {}
  bool Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      error_ = std::string("sqlite: ") + (err ? err : "error");
      sqlite3_free(err);
      return false;
    }
    return true;
  }
  // Runs `insert` followed by placeholders ?1..?n once, with `values` bound to them. The
  // statement is prepared on first use and kept (by the address of the literal `insert`).
  // Every value is bound on every run, text without a copy (SQLITE_STATIC: the statement is
  // reset before the values go away).
  bool Insert(const char* insert, std::initializer_list<Value> values) {
    auto it = cache_.find(insert);
    if (it == cache_.end()) {
      std::string sql = insert + Placeholders(static_cast<int>(values.size()));
      sqlite3_stmt* s = nullptr;
      if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
        error_ = "sqlite: " + std::string(sqlite3_errmsg(db_)) + " in: " + sql;
        return false;
      }
      it = cache_.emplace(insert, Stmt(s)).first;
    }
    sqlite3_stmt* s = it->second.get();
    int idx = 0;
    for (const Value& v : values) {
      ++idx;
      switch (v.type) {
        case Value::kText: {
          std::string_view text = v.Text();
          sqlite3_bind_text(s, idx, text.data() != nullptr ? text.data() : "",
                            static_cast<int>(text.size()), SQLITE_STATIC);
          break;
        }
        case Value::kInt:
          sqlite3_bind_int64(s, idx, v.i);
          break;
        case Value::kReal:
          sqlite3_bind_double(s, idx, v.r);
          break;
        case Value::kNull:
          sqlite3_bind_null(s, idx);
          break;
      }
    }
    bool done = sqlite3_step(s) == SQLITE_DONE;
    if (!done) {
      error_ = "sqlite: " + std::string(sqlite3_errmsg(db_)) + " in: " + insert +
               Placeholders(static_cast<int>(values.size()));
    }
    sqlite3_reset(s);
    return done;
  }
  const std::string& error() const { return error_; }

 private:
  sqlite3* db_;
  std::unordered_map<const char*, Stmt> cache_;
  std::string error_;
};

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (size_t k = 0; k < v.size(); ++k) out += (k ? sep : "") + v[k];
  return out;
}

bool Fill(const ReportModel& model, const std::vector<ProposalView>& views, Writer* w) {
  if (!w->Exec(kSchema) || !w->Exec("BEGIN")) return false;
  std::map<std::string, std::pair<std::string, std::string>> thread_proposal;  // -> (id, role)
  for (const auto& v : views) {
    const Proposal& p = model.proposals[static_cast<size_t>(v.proposal)];
    for (const auto& t : p.threads)
      thread_proposal.emplace(t.thread_id, std::make_pair(p.id, t.role));
    if (!w->Insert("INSERT INTO proposals VALUES",
                   {T(p.id), T(p.title), T(v.kind), T(v.status), DateOrNull(v.first_date),
                    DateOrNull(v.last_date), I(static_cast<int64_t>(v.messages.size())),
                    I(static_cast<int64_t>(v.participants.size())), T(v.file)})) {
      return false;
    }
  }
  // Per message: its thread's id and its parent's Message-ID (null: none), pointing into the
  // model.
  std::vector<const std::string*> thread_of(model.messages.size(), nullptr);
  std::vector<const std::string*> parent_of(model.messages.size(), nullptr);
  for (const auto& t : model.threads) {
    auto tp = thread_proposal.find(t.id);
    if (!w->Insert("INSERT OR IGNORE INTO threads VALUES",
                   {T(t.id), T(t.subject), DateOrNull(t.first_date), DateOrNull(t.last_date),
                    I(t.message_count), tp == thread_proposal.end() ? N() : T(tp->second.first),
                    tp == thread_proposal.end() ? N() : T(tp->second.second)})) {
      return false;
    }
    for (const auto& node : t.nodes) {
      if (node.message < 0) continue;
      thread_of[static_cast<size_t>(node.message)] = &t.id;
      if (node.parent >= 0) {
        parent_of[static_cast<size_t>(node.message)] =
            &t.nodes[static_cast<size_t>(node.parent)].message_id;
      }
    }
  }
  TextReader texts(model.texts.get());
  for (size_t i = 0; i < model.messages.size(); ++i) {
    const Message& m = model.messages[i];
    // Every message is in a thread; be safe anyway.
    if (thread_of[i] == nullptr || thread_of[i]->empty()) continue;
    std::string person = AuthorKey(model, static_cast<int>(i));
    if (!w->Insert("INSERT OR IGNORE INTO messages VALUES",
                   {T(m.message_id), T(*thread_of[i]),
                    parent_of[i] == nullptr ? N() : TextOrNull(*parent_of[i]), T(m.list_id),
                    DateOrNull(m.date), EpochOrNull(m.date), T(m.from.name), T(m.from.address),
                    TextOrNull(person), T(m.subject), T(texts.Text(m)), T(m.source.file),
                    I(static_cast<int64_t>(m.source.offset)),
                    I(static_cast<int64_t>(m.diagnostics.size()))})) {
      return false;
    }
  }
  for (const auto& t : model.vote_threads) {
    if (!w->Insert("INSERT OR IGNORE INTO vote_threads VALUES",
                   {T(t.thread_id),
                    TextOrNull(t.proposal_id),
                    T(t.subject),
                    T(ToString(t.kind)),
                    T(ToString(t.status)),
                    T(t.status_basis),
                    T(t.computed_outcome),
                    T(t.list),
                    T(t.committee),
                    DateOrNull(t.opened),
                    DateOrNull(t.closed),
                    EpochOrNull(t.opened),
                    EpochOrNull(t.closed),
                    TextOrNull(t.result.message_id),
                    t.result.message_id.empty() ? N() : DateOrNull(t.result.date),
                    t.result.message_id.empty() ? N() : EpochOrNull(t.result.date),
                    t.result.message_id.empty() ? N() : I(t.result.agrees ? 1 : 0),
                    I(t.tally.binding.plus),
                    I(t.tally.binding.zero),
                    I(t.tally.binding.minus),
                    I(t.tally.non_binding.plus),
                    I(t.tally.non_binding.zero),
                    I(t.tally.non_binding.minus),
                    T(Join(t.flags, " "))})) {
      return false;
    }
    for (const auto& v : t.votes) {
      std::string person = v.voter.person_id.empty() ? v.voter.address : v.voter.person_id;
      if (!w->Insert(
              "INSERT INTO votes (thread_id, proposal_id, voter_name, voter_address, apache_id, "
              "person, value, numeric, binding, binding_evidence, declared_binding, message_id, "
              "date, epoch, evidence, rule, conditional, superseded) VALUES",
              {T(t.thread_id), TextOrNull(t.proposal_id), T(v.voter.name), T(v.voter.address),
               TextOrNull(v.voter.apache_id), T(person), T(v.value), R(v.numeric),
               OptBool(v.binding), T(ToString(v.binding_evidence)), OptBool(v.declared_binding),
               T(v.message_id), DateOrNull(v.date), EpochOrNull(v.date), T(v.evidence), T(v.rule),
               I(v.conditional ? 1 : 0), I(v.superseded ? 1 : 0)})) {
        return false;
      }
    }
    for (const auto& d : t.result.differences) {
      if (!w->Insert(
              "INSERT INTO result_differences VALUES",
              {T(t.thread_id), T(d.type), T(d.name), T(d.detail), TextOrNull(d.message_id)})) {
        return false;
      }
    }
  }
  int64_t position_id = 0;
  for (const auto& v : views) {
    if (static_cast<size_t>(v.proposal) >= model.proposal_positions.size()) continue;
    const std::string& pid = model.proposals[static_cast<size_t>(v.proposal)].id;
    const Discussion& d = model.proposal_positions[static_cast<size_t>(v.proposal)];
    const Summary& s = d.summary;
    if (!w->Insert("INSERT INTO summaries VALUES",
                   {T(pid), T(s.lead), TextOrNull(s.lead_message_id),
                    s.has_decision ? TextOrNull(s.decision.status) : N(),
                    s.has_decision ? TextOrNull(s.decision.result_message_id) : N()})) {
      return false;
    }
    const std::pair<const char*, const std::vector<SideTaker>*> sides[] = {{"for", &s.support},
                                                                           {"against", &s.oppose}};
    for (const auto& [side, takers] : sides) {
      for (const SideTaker& t : *takers) {
        if (!w->Insert("INSERT INTO sides VALUES",
                       {T(pid), T(side), T(t.name), T(t.address), TextOrNull(t.message_id),
                        T(t.quote), T(t.basis)})) {
          return false;
        }
      }
    }
    for (const auto& p : d.positions) {
      ++position_id;
      if (!w->Insert(
              "INSERT INTO positions VALUES",
              {I(position_id), T(pid), T(p.label), T(Join(p.keyphrases, "; ")), I(p.messages),
               I(p.participants), I(p.recurring ? 1 : 0), TextOrNull(p.label_message_id)})) {
        return false;
      }
      for (const auto& h : p.holders) {
        if (!w->Insert("INSERT INTO position_holders VALUES",
                       {I(position_id), T(h.name), T(h.address), T(StanceName(h.stance)),
                        I(h.conditional ? 1 : 0), T(h.quote), T(Join(h.message_ids, " "))})) {
          return false;
        }
      }
    }
  }
  return w->Exec("COMMIT");
}

}  // namespace

Status WriteSqlite(const ReportModel& model, const std::vector<ProposalView>& views,
                   const std::string& path) {
  std::string name = path.substr(path.rfind('/') + 1);
  // SQLite opens the empty temp file as a new database; its name is unique to this process,
  // so two reports never build into, or remove, each other's file.
  Result<TempFile> tmp = TempFile::Beside(path);
  if (!tmp.ok()) return Error{tmp.error().code, "report: " + name + ": " + tmp.error().message};
  std::string error;
  {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(tmp.value().path().c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
    Db db(raw);
    if (rc != SQLITE_OK) {
      error = "sqlite: cannot open " + tmp.value().path() + ": " +
              (raw ? sqlite3_errmsg(raw) : "out of memory");
    } else {
      Writer w(db.get());
      // The temp file is discarded on failure, so no rollback journal is needed. A 16 MiB page
      // cache (the default is 2 MiB) keeps the index pages in memory while rows go in: half the
      // page writes, none read back.
      if (!w.Exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
                  "PRAGMA cache_size = -16384;") ||
          !Fill(model, views, &w)) {
        error = w.error();
      }
    }
  }  // closed: every page is in the file
  if (!error.empty()) return Error{ErrorCode::kIo, "report: " + name + ": " + error};
  Result<bool> committed = tmp.value().CommitIfChanged(path);
  if (!committed.ok()) {
    return Error{committed.error().code, "report: " + name + ": " + committed.error().message};
  }
  return Status();
}

}  // namespace quorum::report
