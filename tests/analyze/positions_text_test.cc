// SPDX-License-Identifier: Apache-2.0
// Prose extraction for positions: code, patch, log and stack-trace lines; sentences; words.
#include "analyze/positions_text.h"

#include <catch2/catch.hpp>

#include "analyze/lexicon.h"

using namespace quorum::analyze;

TEST_CASE("positions text: code, patches, logs and traces are not prose", "[analyze][positions]") {
  CHECK(IsNonProseLine("[INFO] Building Foo 1.0.0-SNAPSHOT"));
  CHECK(IsNonProseLine("[ERROR] Failed to execute goal"));
  CHECK(IsNonProseLine("\tat org.apache.maven.cli.MavenCli.main(MavenCli.java:199)"));
  CHECK(IsNonProseLine("Caused by: java.lang.NullPointerException"));
  CHECK(IsNonProseLine("+import java.util.List;"));
  CHECK(IsNonProseLine("@@ -12,7 +12,8 @@ public class Foo {"));
  CHECK(IsNonProseLine("diff --git a/pom.xml b/pom.xml"));
  CHECK(IsNonProseLine("    <groupId>org.apache.maven</groupId>"));
  CHECK(IsNonProseLine("    if (x == null) { return; }"));
  CHECK(IsNonProseLine("---------------------------------------------------------------------"));
  CHECK(IsNonProseLine("https://issues.apache.org/jira/browse/MNG-6302"));
  CHECK(IsNonProseLine("[maven-release-plugin] prepare release maven-war-plugin-3.2.0"));
  CHECK(IsNonProseLine("$ git push origin :borked-tag-name"));
  CHECK(IsNonProseLine("maven-site-plugin-3.0-beta-1"));
  CHECK(IsNonProseLine("651052412a4b31b045974677d2f9030d9bd076ba"));
  CHECK_FALSE(IsNonProseLine("+1"));
  CHECK_FALSE(IsNonProseLine("Agreed."));
  // Prose, votes and bullets stay.
  CHECK_FALSE(IsNonProseLine("I think we should drop Java 7 in 4.0.0."));
  CHECK_FALSE(IsNonProseLine("+1 to merge demos"));
  CHECK_FALSE(IsNonProseLine("-1"));
  CHECK_FALSE(IsNonProseLine("- incremental build (based on scm is fine)"));
  CHECK_FALSE(IsNonProseLine("see https://issues.apache.org/jira/browse/MNG-6118 for details"));
  CHECK_FALSE(IsNonProseLine("[1] is the link I meant"));
}

TEST_CASE("positions text: sentences skip quotes, attributions and footers",
          "[analyze][positions]") {
  const char* text =
      "On Sat, 4 Nov 2017 at 12:20, Stephen Connolly <\n"
      "stephen@example.org> wrote:\n"
      "> We keep 3.5.x as a stable branch.\n"
      "\n"
      "I like this idea. It would make the\n"
      "build faster!\n"
      "-1\n"
      "checksums are checksums, not security\n"
      "In summary, +1 to merge demos, -1 to merge ant-tasks\n"
      "* first item\n"
      "* second item\n"
      "\n"
      "[INFO] BUILD FAILURE\n"
      "Sent from my phone\n"
      "--\n"
      "Some signature\n";
  std::vector<std::string> s = ProseSentences(text);
  std::vector<std::string> want = {"I like this idea.",
                                   "It would make the build faster!",
                                   "-1",
                                   "checksums are checksums, not security",
                                   "In summary",
                                   "+1 to merge demos",
                                   "-1 to merge ant-tasks",
                                   "first item",
                                   "second item"};
  CHECK(s == want);
}

TEST_CASE("positions text: content words are stemmed, stop words break phrases",
          "[analyze][positions]") {
  std::vector<Word> w = ContentWords("We should not have two IRs coexisting in the codebase.");
  std::vector<std::string> stems;
  for (const Word& x : w) stems.push_back(x.stem);
  CHECK(stems == std::vector<std::string>{"ir", "coexist", "", Stem("codebase")});
  CHECK(Stem("coexistence") == Stem("coexisting"));
  CHECK(Stem("migration") == Stem("migrate"));
  CHECK(Stem("tags") == "tag");
  std::vector<Word> v = ContentWords("Maven 4.0.0 and maven-resolver-provider");
  REQUIRE(v.size() == 6);
  CHECK(v[1].stem == "4.0.0");
  CHECK(v[3].surface == "maven");
  CHECK(v[4].surface == "resolver");
}

TEST_CASE("positions text: a WordCache gives the same content words", "[analyze][positions]") {
  WordCache cache;
  const std::vector<std::string> sentences = {
      "We should not have two IRs coexisting in the codebase.",
      "Maven 4.0.0 and maven-resolver-provider, again: maven-resolver-provider",
      "I'd rather keep Java 8 for the 3.x line; the others don't need it.", "the the and of",
      "Coexisting IRs are coexisting"};
  for (int pass = 0; pass < 2; ++pass) {  // the second pass reads the words back from the cache
    for (const std::string& s : sentences) {
      std::vector<Word> plain = ContentWords(s);
      std::vector<Word> cached = ContentWords(s, &cache);
      REQUIRE(plain.size() == cached.size());
      for (size_t i = 0; i < plain.size(); ++i) {
        CHECK(plain[i].stem == cached[i].stem);
        CHECK(plain[i].surface == cached[i].surface);
      }
    }
  }
}

TEST_CASE("lexicon: longest phrase first, on word boundaries, no overlap", "[analyze][lexicon]") {
  SideLexicon sides;
  CHECK(sides.Side("That is not a good idea.") == -1);  // not "good idea" as well
  CHECK(sides.Side("A good idea, and another good idea.") == 1);
  CHECK(sides.Side("+1") == 1);
  CHECK(sides.Side("x+1") == 0);  // no word boundary before the token
  CHECK(sides.Side("-1") == -1);
  PhraseLexicon phrases("sides.txt");
  CHECK(phrases.Sum("good idea; not a good idea; GOOD IDEA") == 3);
  CHECK(phrases.Without("Not a good idea") == "               ");
  CHECK(phrases.Without("a goodidea") == "a goodidea");
}
