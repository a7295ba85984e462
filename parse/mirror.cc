// SPDX-License-Identifier: Apache-2.0
// Mirrored-mail detection from Message-ID, sender, subject and the first body lines.
#include "parse/mirror.h"

#include <cstdint>
#include <string>
#include <vector>

#include "core/text.h"

namespace quorum::parse {
namespace {

bool EndsWithI(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && IEquals(s.substr(s.size() - suffix.size()), suffix);
}

bool IsDigits(std::string_view s) {
  if (s.empty() || s.size() > 18) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

int64_t ToInt(std::string_view digits) {
  int64_t v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

// Leading run of digits of `s`.
std::string_view LeadingDigits(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && n < 18 && IsDigit(s[n])) ++n;
  return s.substr(0, n);
}

std::string_view StripAngles(std::string_view id) {
  id = Trim(id);
  if (!id.empty() && id.front() == '<') id.remove_prefix(1);
  if (!id.empty() && id.back() == '>') id.remove_suffix(1);
  return id;
}

// The first `max_lines` non-blank lines of the body.
std::vector<std::string_view> FirstLines(std::string_view body, size_t max_lines) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < body.size() && out.size() < max_lines) {
    size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) nl = body.size();
    std::string_view line = Trim(body.substr(pos, nl - pos));
    if (!line.empty()) out.push_back(line);
    pos = nl + 1;
  }
  return out;
}

bool IsGitHubAddress(std::string_view addr) {
  return IEquals(addr, "notifications@github.com") || IEquals(addr, "noreply@github.com") ||
         EndsWithI(addr, "@github.com.invalid") || EndsWithI(addr, "@reply.github.com");
}

bool IsGitBoxAddress(std::string_view addr) {
  return IEquals(addr, "git@apache.org") || IEquals(addr, "gitbox@apache.org") ||
         IEquals(addr, "git@git.apache.org") || EndsWithI(addr, "@gitbox.apache.org");
}

// "<owner>/<repo>/(pull|issues)/<N>[/<rest>]@github.com"
bool ParseGitHubMessageId(std::string_view mid, Mirror* m) {
  size_t at = mid.rfind('@');
  if (at == std::string_view::npos || !IEquals(mid.substr(at + 1), "github.com")) return false;
  std::string_view local = mid.substr(0, at);
  std::string_view parts[4];
  for (int k = 0; k < 4; ++k) {
    size_t slash = local.find('/');
    if (k < 3 && slash == std::string_view::npos) return false;
    parts[k] = local.substr(0, slash);
    local = slash == std::string_view::npos ? std::string_view() : local.substr(slash + 1);
  }
  if (parts[0].empty() || parts[1].empty()) return false;
  if (parts[2] != "pull" && parts[2] != "issues") return false;
  if (!IsDigits(parts[3])) return false;
  m->repo = std::string(parts[0]) + "/" + std::string(parts[1]);
  m->item = std::string(parts[2]);
  m->number = ToInt(parts[3]);
  m->comment_id = std::string(local);
  return true;
}

// "[owner/repo] Title (#N)", "(PR #N)", "(Issue #N)", with any "Re:" before.
bool ParseGitHubSubject(std::string_view subject, Mirror* m) {
  size_t open = subject.find('[');
  while (open != std::string_view::npos) {
    size_t close = subject.find(']', open);
    if (close == std::string_view::npos) return false;
    std::string_view repo = subject.substr(open + 1, close - open - 1);
    size_t slash = repo.find('/');
    if (slash != std::string_view::npos && slash > 0 && slash + 1 < repo.size() &&
        repo.find('/', slash + 1) == std::string_view::npos &&
        repo.find(' ') == std::string_view::npos) {
      m->repo = std::string(repo);
      std::string_view rest = Trim(subject.substr(close + 1));
      size_t paren = rest.rfind('(');
      if (paren != std::string_view::npos && !rest.empty() && rest.back() == ')') {
        std::string_view ref = rest.substr(paren + 1, rest.size() - paren - 2);
        std::string item;
        if (IStartsWith(ref, "PR ")) {
          item = "pull";
          ref.remove_prefix(3);
        } else if (IStartsWith(ref, "Issue ")) {
          item = "issues";
          ref.remove_prefix(6);
        }
        if (!ref.empty() && ref.front() == '#' && IsDigits(ref.substr(1))) {
          m->number = ToInt(ref.substr(1));
          m->item = item;
        }
      }
      return true;
    }
    open = subject.find('[', close);
  }
  return false;
}

// "https://github.com/<owner>/<repo>/(pull|issues)/<N>[#anchor]" anywhere in `line`.
bool ParseGitHubUrl(std::string_view line, bool short_repo, Mirror* m) {
  constexpr std::string_view kPrefix = "https://github.com/";
  size_t p = line.find(kPrefix);
  if (p == std::string_view::npos) return false;
  std::string_view url = line.substr(p + kPrefix.size());
  size_t end = url.find_first_of(" \t>)");
  if (end != std::string_view::npos) url = url.substr(0, end);
  size_t s1 = url.find('/');
  size_t s2 = s1 == std::string_view::npos ? s1 : url.find('/', s1 + 1);
  size_t s3 = s2 == std::string_view::npos ? s2 : url.find('/', s2 + 1);
  if (s3 == std::string_view::npos) return false;
  std::string_view owner = url.substr(0, s1);
  std::string_view repo = url.substr(s1 + 1, s2 - s1 - 1);
  std::string_view item = url.substr(s2 + 1, s3 - s2 - 1);
  if (item != "pull" && item != "issues") return false;
  std::string_view tail = url.substr(s3 + 1);
  std::string_view num = LeadingDigits(tail);
  if (num.empty()) return false;
  m->repo = short_repo ? std::string(repo) : std::string(owner) + "/" + std::string(repo);
  m->item = std::string(item);
  m->number = ToInt(num);
  size_t hash = tail.find('#');
  if (hash != std::string_view::npos) {
    std::string_view anchor = tail.substr(hash + 1);
    struct {
      std::string_view prefix, id_prefix;
    } const kAnchors[] = {
        {"issuecomment-", "c"}, {"pullrequestreview-", "review/"}, {"discussion_r", "r"}};
    for (const auto& a : kAnchors) {
      if (anchor.substr(0, a.prefix.size()) == a.prefix) {
        std::string_view id = LeadingDigits(anchor.substr(a.prefix.size()));
        if (!id.empty()) m->comment_id = std::string(a.id_prefix) + std::string(id);
      }
    }
  }
  return true;
}

// The word before " commented", " opened", ... in "login commented on PR #N:"-style text.
// Returns the login and, when the text names one, sets the item and number.
std::string ParseGitBoxAction(std::string_view text, Mirror* m) {
  static constexpr std::string_view kVerbs[] = {
      " commented on ", " opened ",    " merged ",   " closed ", " reopened ", " edited ",
      " created ",      " requested ", " approved ", " pushed ", " submitted "};
  size_t best = std::string_view::npos;
  for (std::string_view v : kVerbs) {
    size_t p = text.find(v);
    if (p != std::string_view::npos && p < best) best = p;
  }
  if (best == std::string_view::npos || best == 0) return {};
  std::string_view login = text.substr(0, best);
  if (login.find(' ') != std::string_view::npos) return {};
  std::string_view rest = text.substr(best);
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    std::string_view num = LeadingDigits(rest.substr(hash + 1));
    if (!num.empty() && m->number == 0) m->number = ToInt(num);
    std::string_view before = rest.substr(0, hash);
    if (m->item.empty()) {
      if (before.find("pull request") != std::string_view::npos ||
          before.find("PR ") != std::string_view::npos)
        m->item = "pull";
      else if (before.find("issue") != std::string_view::npos)
        m->item = "issues";
    }
  }
  return std::string(login);
}

std::string_view StripViaSuffix(std::string_view name) {
  name = Trim(name);
  for (std::string_view suffix : {"(via GitHub)", "via GitHub"}) {
    if (EndsWithI(name, suffix)) return Trim(name.substr(0, name.size() - suffix.size()));
  }
  return name;
}

Address DetectGitHub(const HeaderBlock& headers, const Address& from, std::string_view subject,
                     std::string_view mid, std::string_view body, Mirror* m) {
  m->kind = MirrorKind::kGitHub;
  if (!ParseGitHubMessageId(mid, m)) ParseGitHubSubject(subject, m);
  if (const std::string_view* sender = FindHeader(headers, "X-GitHub-Sender")) {
    m->login = std::string(Trim(*sender));
  }
  std::vector<std::string_view> first = FirstLines(body, 1);
  if (m->login.empty() && !first.empty()) {
    std::string_view line = first[0];
    size_t left = line.find(" left a comment (");
    if (left == std::string_view::npos) left = line.find(" left a review (");
    if (left != std::string_view::npos && left > 0 &&
        line.substr(0, left).find(' ') == std::string_view::npos) {
      m->login = std::string(line.substr(0, left));
    } else if (line.size() > 1 && line[0] == '@') {
      size_t sp = line.find(' ');
      if (sp != std::string_view::npos && line.find(" this pull request") != std::string_view::npos)
        m->login = std::string(line.substr(1, sp - 1));
    }
  }
  std::string name(Trim(from.name));
  if (name.empty() || IEquals(name, from.address)) name = m->login;
  return Address{name, from.address};
}

Address DetectGitBox(const Address& from, std::string_view subject, std::string_view body,
                     Mirror* m) {
  m->kind = MirrorKind::kGitBox;
  std::vector<std::string_view> first = FirstLines(body, 6);
  for (std::string_view line : first) {
    if (ParseGitHubUrl(line, /*short_repo=*/true, m)) break;
  }
  // Subject forms: "[GitHub] [repo] login commented on ...", "[GitHub] login commented on ...",
  // legacy "[GitHub] repo pull request #N: title", and "[PR] title [repo]" / "Re: [I] ...".
  std::string_view s = Trim(subject);
  while (IStartsWith(s, "Re:") || IStartsWith(s, "Fwd:")) s = Trim(s.substr(s.find(':') + 1));
  std::string subject_login;
  if (IStartsWith(s, "[GitHub]")) {
    s = Trim(s.substr(8));
    if (!s.empty() && s.front() == '[') {
      size_t close = s.find(']');
      if (close != std::string_view::npos) {
        if (m->repo.empty()) m->repo = std::string(s.substr(1, close - 1));
        s = Trim(s.substr(close + 1));
      }
    }
    subject_login = ParseGitBoxAction(s, m);
    if (subject_login.empty()) {
      // Legacy bridge: "repo pull request #168: title" / "repo issue #12: title".
      size_t sp = s.find(' ');
      if (sp != std::string_view::npos) {
        if (m->repo.empty()) m->repo = std::string(s.substr(0, sp));
        std::string_view rest = s.substr(sp + 1);
        size_t hash = rest.find('#');
        if (hash != std::string_view::npos && m->number == 0) {
          std::string_view num = LeadingDigits(rest.substr(hash + 1));
          if (!num.empty()) m->number = ToInt(num);
        }
        if (m->item.empty()) m->item = IStartsWith(rest, "pull request") ? "pull" : "issues";
      }
    }
  } else if ((IStartsWith(s, "[PR]") || IStartsWith(s, "[I]")) && !s.empty() && s.back() == ']') {
    size_t open = s.rfind('[');
    if (m->repo.empty()) m->repo = std::string(s.substr(open + 1, s.size() - open - 2));
    if (m->item.empty()) m->item = IStartsWith(s, "[PR]") ? "pull" : "issues";
  }
  std::string body_login;
  if (!first.empty()) {
    std::string_view line = first[0];
    if (IStartsWith(line, "Github user ")) line.remove_prefix(12);
    body_login = ParseGitBoxAction(line, m);
  }
  std::string_view name = StripViaSuffix(from.name);
  std::string login;
  if (!name.empty() && !IEquals(name, "GitBox") && name.find(' ') == std::string_view::npos &&
      !IEquals(name, from.address)) {
    login = std::string(name);  // "login (via GitHub)" or the legacy bridge's "login"
  } else if (!subject_login.empty()) {
    login = subject_login;
  } else {
    login = body_login;
  }
  m->login = login;
  return Address{login.empty() ? std::string(name) : login, from.address};
}

// "topic/<T>[/<P>[.<random>]]@host"
bool ParseDiscourseMessageId(std::string_view mid, Mirror* m) {
  if (!IStartsWith(mid, "topic/")) return false;
  size_t at = mid.rfind('@');
  if (at == std::string_view::npos) return false;
  std::string_view local = mid.substr(6, at - 6);
  std::string_view topic = LeadingDigits(local);
  if (topic.empty()) return false;
  m->kind = MirrorKind::kDiscourse;
  m->repo = std::string(mid.substr(at + 1));
  m->item = "topic";
  m->number = ToInt(topic);
  local.remove_prefix(topic.size());
  if (!local.empty() && local.front() == '/') {
    m->comment_id = std::string(LeadingDigits(local.substr(1)));
  }
  return true;
}

}  // namespace

Address DetectMirror(const HeaderBlock& headers, const Address& from, std::string_view subject,
                     std::string_view message_id, std::string_view body, Mirror* mirror) {
  Mirror local;
  Mirror* m = mirror != nullptr ? mirror : &local;
  *m = Mirror{};
  std::string_view mid = StripAngles(message_id);
  std::string_view addr = Trim(from.address);

  Mirror probe;
  if (IsGitHubAddress(addr) || ParseGitHubMessageId(mid, &probe) ||
      FindHeader(headers, "X-GitHub-Sender") != nullptr) {
    return DetectGitHub(headers, from, subject, mid, body, m);
  }
  if (IsGitBoxAddress(addr) || EndsWithI(mid, "@gitbox.apache.org") ||
      EndsWithI(Trim(from.name), "(via GitHub)")) {
    return DetectGitBox(from, subject, body, m);
  }
  if (ParseDiscourseMessageId(mid, m)) {
    std::string_view name = Trim(from.name);
    size_t via = name.find(" via ");
    if (via != std::string_view::npos) name = name.substr(0, via);
    return Address{std::string(name), from.address};
  }
  return from;
}

}  // namespace quorum::parse
