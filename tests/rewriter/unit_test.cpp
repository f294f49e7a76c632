// Building blocks: the #if simplifier against unifdef, the diff writer against diff -u,
// the lexer, default comparison, the atomic writer and the fix file.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include "apply/applier.h"
#include "output/output.h"
#include "rules/context.h"
#include "rules/unifdef.h"
#include "test_support.h"

using namespace envrewrite;
using namespace rwtest;

namespace {

std::string apply_changes(const std::string& text, const UnifdefResult& r) {
  std::string out;
  unsigned pos = 0;
  for (const auto& c : r.changes) {
    out += text.substr(pos, c.offset - pos) + c.text;
    pos = c.offset + c.length;
  }
  return out + text.substr(pos);
}

struct OracleCase {
  std::string options;  // unifdef's
  std::map<std::string, std::optional<long long>> fixed;
};

}  // namespace

TEST(Unifdef, MatchesUnifdefOnEveryFixture) {
  if (!fs::exists("/usr/bin/unifdef")) GTEST_SKIP() << "unifdef is not installed";
  std::vector<OracleCase> cases = {
      {"-DFOO=0", {{"FOO", 0}}},
      {"-DFOO=1", {{"FOO", 1}}},
      {"-UFOO", {{"FOO", std::nullopt}}},
      {"-DFOO=1 -DBAR=0", {{"FOO", 1}, {"BAR", 0}}},
      {"-UFOO -DBAR=2", {{"FOO", std::nullopt}, {"BAR", 2}}},
      {"-DBAZ=1", {{"BAZ", 1}}},
  };
  int files = 0;
  for (const auto& e : fs::directory_iterator(fs::path(REWRITER_FIXTURES) / "unifdef")) {
    ++files;
    std::string text = slurp(e.path());
    for (const auto& c : cases) {
      Result oracle = sh("/usr/bin/unifdef " + c.options + " " + quote(e.path().string()));
      ASSERT_LE(oracle.code, 1) << oracle.err;
      UnifdefResult r = unifdef(text, c.fixed);
      ASSERT_TRUE(r.error.empty()) << r.error;
      EXPECT_EQ(apply_changes(text, r), oracle.out) << e.path().filename() << " with " << c.options;
    }
  }
  EXPECT_GE(files, 3);
}

TEST(Unifdef, FixtureCaseAgreesWithUnifdef) {
  if (!fs::exists("/usr/bin/unifdef")) GTEST_SKIP() << "unifdef is not installed";
  fs::path f = fs::path(REWRITER_FIXTURES) / "cases/dead_flags/before/paths.c";
  Result oracle = sh("/usr/bin/unifdef -DACME_PHASE1=0 -DACME_FAST_PATH=1 -UACME_ARENA_EXP " + quote(f.string()));
  UnifdefResult r = unifdef(slurp(f), {{"ACME_PHASE1", 0}, {"ACME_FAST_PATH", 1}, {"ACME_ARENA_EXP", std::nullopt}});
  EXPECT_EQ(apply_changes(slurp(f), r), oracle.out);
}

TEST(Unifdef, UnbalancedFileIsLeftAlone) {
  UnifdefResult r = unifdef("#if FOO\nint a;\n", {{"FOO", 0}});
  EXPECT_FALSE(r.error.empty());
  EXPECT_TRUE(r.changes.empty());
  r = unifdef("#endif\n", {{"FOO", 0}});
  EXPECT_FALSE(r.error.empty());
}

TEST(CTokens, SkipsCommentsAndIncludePaths) {
  auto toks = c_tokens("#include \"ACME_X\"\n// \"ACME_X\"\n/* \"ACME_X\" */ f(\"ACME_X\", 'a', R\"(ACME_X)\");\n");
  int strings = 0;
  for (const auto& t : toks)
    if (t.kind == CToken::String) {
      ++strings;
      EXPECT_EQ(t.text, "ACME_X");
    }
  EXPECT_EQ(strings, 1);
}

TEST(Diff, SameHunksAsDiffU) {
  fs::path dir = fresh_dir("diff");
  std::string before;
  for (int i = 1; i <= 40; ++i) before += "line " + std::to_string(i) + "\n";
  // Edits: replace in line 3, delete line 10, insert before line 11 (merged hunk), change line 35.
  auto at = [&](const std::string& s) { return static_cast<unsigned>(before.find(s)); };
  std::vector<Edit> edits = {
      {"f", at("line 3\n") + 5, 1, "three", "r", "", "", "", "", 1},
      {"f", at("line 10\n"), 8, "", "r", "", "", "", "", 1},
      {"f", at("line 11\n"), 0, "inserted\n", "r", "", "", "", "", 1},
      {"f", at("line 35\n"), 7, "LINE 35", "r", "", "", "", "", 1},
  };
  std::vector<const Edit*> ptrs;
  for (const auto& e : edits) ptrs.push_back(&e);
  std::string after = apply_edits(before, ptrs);
  std::ofstream(dir / "a") << before;
  std::ofstream(dir / "b") << after;
  Result d = sh("diff -u a b | tail -n +3", dir.string());
  std::string ours = unified_diff("f", before, ptrs);
  ASSERT_EQ(ours.substr(0, ours.find("@@")), "--- a/f\n+++ b/f\n");
  EXPECT_EQ(ours.substr(ours.find("@@")), d.out);
}

TEST(Diff, NoNewlineAtEndAndInsertionAtTop) {
  fs::path dir = fresh_dir("diff2");
  std::string before = "a\nb\nc";
  std::vector<Edit> edits = {{"f", 0, 0, "top\n", "r", "", "", "", "", 1}, {"f", 4, 1, "C", "r", "", "", "", "", 1}};
  std::vector<const Edit*> ptrs = {&edits[0], &edits[1]};
  std::string after = apply_edits(before, ptrs);
  EXPECT_EQ(after, "top\na\nb\nC");
  std::ofstream(dir / "a") << before;
  std::ofstream(dir / "b") << after;
  Result d = sh("diff -u a b | tail -n +3", dir.string());
  std::string ours = unified_diff("f", before, ptrs);
  EXPECT_EQ(ours.substr(ours.find("@@")), d.out);
}

TEST(Defaults, ComparedAsTheRegistryTypeReadsThem) {
  std::vector<envkit::Diagnostic> diags;
  auto reg = envkit::Registry::load(std::string(REWRITER_FIXTURES) + "/registry.json", diags);
  ASSERT_TRUE(reg) << (diags.empty() ? "" : diags[0].str());
  std::string shown;
  EXPECT_TRUE(same_default(*reg, *reg->find_variable("ACME_BATCH"), "64", shown));
  EXPECT_FALSE(same_default(*reg, *reg->find_variable("ACME_BATCH"), "32", shown));
  EXPECT_EQ(shown, "64");
  EXPECT_TRUE(same_default(*reg, *reg->find_variable("ACME_CACHE_SIZE"), "1048576", shown));
  EXPECT_TRUE(same_default(*reg, *reg->find_variable("ACME_RATE"), "0.5", shown));
  EXPECT_TRUE(same_default(*reg, *reg->find_variable("ACME_DEBUG"), "0", shown));
  EXPECT_FALSE(same_default(*reg, *reg->find_variable("ACME_DEBUG"), "1", shown));
  EXPECT_TRUE(same_default(*reg, *reg->find_variable("ACME_LIMIT"), "100UL", shown));
  EXPECT_FALSE(same_default(*reg, *reg->find_variable("ACME_LIMIT"), "DEFAULT_LIMIT", shown));
}

TEST(Applier, KeepsModeAndRefusesChangedOrOutsideFiles) {
  fs::path dir = fresh_dir("apply");
  fs::create_directories(dir / "root");
  fs::path f = dir / "root" / "x.sh";
  std::ofstream(f) << "old\n";
  fs::permissions(f, fs::perms::owner_all | fs::perms::group_read);
  FileWrite w{f.string(), "old\n", "new\n"};
  EXPECT_EQ(check_writes({w}, {(dir / "root").string()}), "");
  EXPECT_EQ(write_all({w}), "");
  EXPECT_EQ(slurp(f), "new\n");
  EXPECT_EQ(fs::status(f).permissions() & fs::perms::all, fs::perms::owner_all | fs::perms::group_read);
  // Changed since read.
  EXPECT_NE(check_writes({w}, {(dir / "root").string()}).find("changed since it was read"), std::string::npos);
  // A symlink leading out of the root.
  std::ofstream(dir / "outside.c") << "old\n";
  fs::create_symlink(dir / "outside.c", dir / "root" / "link.c");
  FileWrite out{(dir / "root" / "link.c").string(), "old\n", "new\n"};
  EXPECT_NE(check_writes({out}, {(dir / "root").string()}).find("outside"), std::string::npos);
  // Rollback restores the bytes.
  FileWrite back{f.string(), "old\n", "new\n"};
  EXPECT_EQ(roll_back({back}), "");
  EXPECT_EQ(slurp(f), "old\n");
  // No temporary file is left behind.
  for (const auto& e : fs::directory_iterator(dir / "root"))
    EXPECT_EQ(e.path().filename().string().find(".envrewrite."), std::string::npos) << e.path();
}

TEST(FixFile, ClangTidyExportFixesShape) {
  Plan p;
  p.edits.push_back({"/t/a.c", 10, 3, "x()\n\"q\"", "getenv-to-accessor", "msg", "ACME_X", "", "", 1});
  std::string y = fixes_yaml(p, "/build");
  EXPECT_NE(y.find("MainSourceFile: ''"), std::string::npos);
  EXPECT_NE(y.find("  - DiagnosticName: \"envrewrite-getenv-to-accessor\""), std::string::npos);
  EXPECT_NE(y.find("          Offset: 10\n          Length: 3\n"), std::string::npos);
  EXPECT_NE(y.find("ReplacementText: \"x()\\n\\\"q\\\"\""), std::string::npos);
  EXPECT_EQ(fixes_yaml(Plan{}, "/b").find("Diagnostics: []"), std::string(fixes_yaml(Plan{}, "/b")).find("Diagnostics:"));
}
