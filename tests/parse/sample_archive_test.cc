// SPDX-License-Identifier: Apache-2.0
// Checks that our own sample archive (data/sample) is well formed and says what its README says.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "../test_util.h"
#include "mini_mbox.h"
#include "parse/identity.h"
#include "parse/mirror.h"
#include "parse/own_text.h"

using namespace quorum;

namespace {

struct SampleMail {
  std::string file;
  std::string subject;
  std::string message_id;
  std::string date;
  Message msg;
};

const std::vector<SampleMail>& Sample() {
  static const std::vector<SampleMail> mails = [] {
    std::vector<SampleMail> out;
    for (const char* file :
         {"data/sample/dev-example-2024-05.mbox", "data/sample/dev-example-2024-06.mbox"}) {
      for (const test::MiniMessage& mm : test::SplitMbox(test::ReadFile(test::SourcePath(file)))) {
        SampleMail s;
        s.file = file;
        s.subject = mm.Header("Subject");
        s.message_id = mm.Header("Message-ID");
        s.date = mm.Header("Date");
        s.msg.from_header = test::ParseFrom(mm.Header("From"));
        s.msg.body = test::TextBody(mm);
        s.msg.list_id = mm.Header("List-Id");
        std::string mid = s.message_id.substr(1, s.message_id.size() - 2);
        s.msg.message_id = mid;
        s.msg.from = parse::DetectMirror(mm.headers, s.msg.from_header, s.subject, mid, s.msg.body,
                                         &s.msg.mirror);
        s.msg.text = parse::ExtractOwnText(s.msg.body, s.msg.mirror.kind);
        out.push_back(std::move(s));
      }
    }
    return out;
  }();
  return mails;
}

const SampleMail& ById(std::string_view fragment) {
  for (const SampleMail& s : Sample()) {
    if (s.message_id.find(fragment) != std::string::npos) return s;
  }
  FAIL("no sample mail " << fragment);
  return Sample().front();
}

}  // namespace

TEST_CASE("sample: every mail has the required headers", "[parse][sample]") {
  REQUIRE(Sample().size() == 35);
  std::set<std::string> ids;
  for (const SampleMail& s : Sample()) {
    INFO(s.message_id);
    CHECK(!s.subject.empty());
    CHECK(!s.date.empty());
    CHECK(!s.msg.from_header.address.empty());
    CHECK(s.msg.list_id == "<dev.example.apache.org>");
    CHECK(ids.insert(s.message_id).second);
  }
}

TEST_CASE("sample: mirrors are recognised and their authors resolved", "[parse][sample]") {
  std::map<MirrorKind, int> kinds;
  for (const SampleMail& s : Sample()) ++kinds[s.msg.mirror.kind];
  CHECK(kinds[MirrorKind::kGitHub] == 15);
  CHECK(kinds[MirrorKind::kDiscourse] == 2);
  CHECK(kinds[MirrorKind::kNone] == 18);
  const SampleMail& carlos = ById("pull/42/c2130000342");
  CHECK(carlos.msg.from.name == "Carlos Ramírez");
  CHECK(carlos.msg.mirror.login == "cramirez");
  CHECK(ById("issues/1234/2156000101").msg.mirror.login == "alicez");
  CHECK(ById("topic/301/1205").msg.from.name == "erik");
}

TEST_CASE("sample: own text of the mirrored RFC comments", "[parse][sample]") {
  for (const SampleMail& s : Sample()) {
    INFO(s.message_id);
    CHECK(s.msg.text.find("Reply to this email") == std::string::npos);
    CHECK(s.msg.text.find("unsubscribe") == std::string::npos);
    CHECK(s.msg.text.find("Visit Topic") == std::string::npos);
    CHECK(!s.msg.text.empty());
  }
  CHECK(ById("pull/42@github.com").msg.text.find("Commit Summary") == std::string::npos);
  CHECK(ById("review/1987000011").msg.text.rfind("What does \"graduates\" mean here?", 0) == 0);
  CHECK(ById("c2130000871").msg.text.rfind("The exit criteria help", 0) == 0);
  CHECK(ById("topic/301/1205").msg.text ==
        "Same for us. Alice said on the PR that a [DISCUSS] thread on dev@ is next.");
}

TEST_CASE("sample: own text of the discussion replies", "[parse][sample]") {
  const std::string& dana = ById("discuss1-dokafor").msg.text;
  CHECK(dana.find("my concern is not CI minutes") != std::string::npos);
  CHECK(dana.find("From my side that would be enough") != std::string::npos);
  CHECK(dana.find("Against:") == std::string::npos);
  CHECK(ById("discuss2.erik").msg.text ==
        "I agree with Dana's addition, and I would like to see this adopted. We have a\ncode "
        "generator for a small RISC-V board that would be a good first candidate.\n\nBest "
        "regards,\nErik");
  CHECK(ById("discuss3-grace").msg.text == "+1 to moving forward, and to Dana's triage rule.");
  CHECK(ById("discuss4-cramirez").msg.text.find("escribió") == std::string::npos);
  CHECK(ById("discuss0-alicez").msg.text.find("Apache Example PMC") == std::string::npos);
}

TEST_CASE("sample: own text of the vote replies", "[parse][sample]") {
  CHECK(ById("vote2-cramirez").msg.text == "+1 (binding)\n\nCarlos");
  CHECK(ById("vote3-boblee").msg.text == "+1");
  const std::string& erik = ById("vote7.erik").msg.text;
  CHECK(erik.rfind("+1 (non-binding)", 0) == 0);
  CHECK(erik.find("Göteborg") != std::string::npos);
  CHECK(erik.find("[ ] +1") == std::string::npos);
  const std::string& fatima = ById("vote8-fhaddad").msg.text;
  CHECK(fatima.find("\nFrom my perspective the review gap") != std::string::npos);
  const std::string& dana = ById("vote9-dokafor").msg.text;
  CHECK(dana.find("+1 (binding)") != std::string::npos);
  CHECK(dana.find("-1 (binding) because") == std::string::npos);
}

TEST_CASE("sample: identities resolve to nine people", "[parse][sample]") {
  std::vector<Message> msgs;
  for (const SampleMail& s : Sample()) msgs.push_back(s.msg);
  auto people = parse::MergeIdentities(msgs);
  std::vector<std::string> names;
  for (const auto& p : people) names.push_back(p.name);
  INFO(Catch::Detail::stringify(names));
  CHECK(people.size() == 9);
  int alice = parse::FindPerson(people, {"", "alicez@apache.org"});
  REQUIRE(alice >= 0);
  CHECK(parse::FindPerson(people, {"Alice Zhang", "notifications@github.com"}) == alice);
  CHECK(parse::FindPerson(people, {"Alice Zhang", "notifications@github.com.INVALID"}) == alice);
  int grace = parse::FindPerson(people, {"", "grace.kim@example.com"});
  CHECK(parse::FindPerson(people, {"Grace Kim via Apache Example Discuss",
                                   "discuss@discuss.example.apache.org"}) == grace);
  // The forum's single-word "erik" is not merged with Erik Söderberg (documented limit).
  CHECK(parse::FindPerson(people, {"erik", "discuss@discuss.example.apache.org"}) !=
        parse::FindPerson(people, {"", "erik@example.org"}));
}
