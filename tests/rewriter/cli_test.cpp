// The command line over fixture trees: each case under fixtures/cases/NAME has a
// `before` tree, the `after` tree --apply must produce, and notes.expect (lines that the
// review notes must contain). Every case is also checked for idempotence and for a dry
// run whose diff is the one `diff -u` prints.
#include <gtest/gtest.h>

#include "test_support.h"

using namespace rwtest;

namespace {

const fs::path fx = REWRITER_FIXTURES;

std::vector<std::string> base(const fs::path& tree) {
  return {"--registry", (fx / "registry.json").string(), "--today", "2026-03-01", "-j", "2", "--root", tree.string()};
}

fs::path stage(const std::string& name) {
  fs::path tree = fresh_dir("case-" + name);
  copy_tree(fx / "common", tree);
  copy_tree(fx / "cases" / name / "before", tree);
  return tree;
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(fx / "cases")) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class Case : public ::testing::TestWithParam<std::string> {};

TEST_P(Case, ApplyGivesTheExpectedTreeAndASecondRunChangesNothing) {
  const std::string name = GetParam();
  fs::path tree = stage(name);
  auto args = base(tree);
  args.push_back("--apply");
  args.push_back(tree.string());
  Result r = envrewrite(args);
  ASSERT_EQ(r.code, 0) << r.err;
  fs::path after = fx / "cases" / name / "after";
  for (const auto& e : fs::recursive_directory_iterator(after)) {
    if (!e.is_regular_file()) continue;
    fs::path rel = fs::relative(e.path(), after);
    EXPECT_EQ(slurp(tree / rel), slurp(e.path())) << name << ": " << rel;
    EXPECT_EQ(fs::status(tree / rel).permissions(), fs::status(e.path()).permissions()) << rel;
  }
  std::istringstream expect(slurp(fx / "cases" / name / "notes.expect"));
  for (std::string line; std::getline(expect, line);) {
    if (line.empty()) continue;
    EXPECT_NE(r.err.find(line), std::string::npos) << "missing note: " << line << "\n" << r.err;
  }
  // Idempotent.
  auto dry = base(tree);
  dry.push_back(tree.string());
  Result again = envrewrite(dry);
  EXPECT_EQ(again.code, 0) << again.out << again.err;
  EXPECT_EQ(again.out, "");
}

TEST_P(Case, DryRunPrintsWhatDiffUPrintsAndWritesNothing) {
  const std::string name = GetParam();
  fs::path tree = stage(name);
  auto args = base(tree);
  args.push_back("--rule");
  args.push_back(name == "dead_flags" ? "remove-dead-flag" : name == "scripts" ? "scripts-and-env-files" : "getenv-to-accessor");
  args.push_back(tree.string());
  Result r = envrewrite(args);
  ASSERT_NE(r.code, 2) << r.err;
  // Nothing written.
  for (const auto& e : fs::recursive_directory_iterator(fx / "cases" / name / "before")) {
    if (!e.is_regular_file()) continue;
    EXPECT_EQ(slurp(tree / fs::relative(e.path(), fx / "cases" / name / "before")), slurp(e.path()));
  }
  if (r.code == 0) {
    EXPECT_EQ(r.out, "");
    return;
  }
  // Apply the printed diff with patch(1): the result is what --apply of that rule gives.
  fs::path copy = fresh_dir("patch-" + name);
  copy_tree(tree, copy);
  std::ofstream(copy / "changes.diff") << r.out;
  Result p = sh("patch -p1 -s < changes.diff", copy.string());
  EXPECT_EQ(p.code, 0) << p.out << p.err << r.out;
  fs::remove(copy / "changes.diff");
  auto apply_args = args;
  apply_args.insert(apply_args.end() - 1, "--apply");
  ASSERT_EQ(envrewrite(apply_args).code, 0);
  for (const auto& e : fs::recursive_directory_iterator(tree)) {
    if (!e.is_regular_file()) continue;
    fs::path rel = fs::relative(e.path(), tree);
    EXPECT_EQ(slurp(copy / rel), slurp(e.path())) << rel;
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Case, ::testing::ValuesIn(case_names()));

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(envrewrite({}).code, 2);
  EXPECT_EQ(envrewrite({"--rule", "no-such-rule", "."}).code, 2);
  EXPECT_EQ(envrewrite({"--bogus", "."}).code, 2);
  EXPECT_EQ(envrewrite({"--split", "."}).code, 2);
  Result missing = envrewrite({"--registry", (fx / "registry.json").string(), "/no/such/dir"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("/no/such/dir"), std::string::npos);
  Result help = envrewrite({"--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("exit codes"), std::string::npos);
}

TEST(Cli, ExportFixesIsReadByClangApplyReplacements) {
  fs::path tree = stage("getenv_idioms");
  fs::path fixes = fresh_dir("fixes");
  auto args = base(tree);
  args.push_back("--export-fixes");
  args.push_back((fixes / "envrewrite.yaml").string());
  args.push_back(tree.string());
  Result r = envrewrite(args);
  ASSERT_EQ(r.code, 1) << r.err;
  std::string yaml = slurp(fixes / "envrewrite.yaml");
  EXPECT_NE(yaml.find("DiagnosticName: \"envrewrite-getenv-to-accessor\""), std::string::npos);
  Result which = sh("command -v clang-apply-replacements-19 || command -v clang-apply-replacements");
  if (which.code != 0) GTEST_SKIP() << "clang-apply-replacements is not installed";
  std::string tool = which.out.substr(0, which.out.find('\n'));
  Result apply = sh(quote(tool) + " " + quote(fixes.string()));
  ASSERT_EQ(apply.code, 0) << apply.err;
  EXPECT_EQ(slurp(tree / "src/idioms.c"), slurp(fx / "cases/getenv_idioms/after/src/idioms.c"));
}

TEST(Cli, RollsBackWhenTheRewriteWouldNotCompile) {
  // The accessor header is missing: the rewritten file cannot compile, so nothing stays written.
  fs::path tree = fresh_dir("rollback");
  copy_tree(fx / "cases/getenv_idioms/before", tree);
  std::string before = slurp(tree / "src/idioms.c");
  auto args = base(tree);
  args.push_back("--apply");
  args.push_back(tree.string());
  Result r = envrewrite(args);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("compile error"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("restored"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(tree / "src/idioms.c"), before);
}

// Clang's tooling reads a '\\' in a path as a separator: such a file must be located,
// rewritten and verified like any other, without a stray message.
TEST(Cli, BackslashInFileNameIsRewrittenLikeAnyOther) {
  fs::path tree = stage("getenv_idioms");
  fs::rename(tree / "src/idioms.c", tree / "src/we\\ird.c");
  auto args = base(tree);
  args.push_back("--apply");
  args.push_back(tree.string());
  Result r = envrewrite(args);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err.find("Skipping"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(tree / "src/we\\ird.c"), slurp(fx / "cases/getenv_idioms/after/src/idioms.c"));
}

TEST(Cli, BranchHasOneCommitPerRuleAndAPrDescription) {
  fs::path tree = fresh_dir("branch");
  copy_tree(fx / "common", tree);
  for (const char* c : {"getenv_idioms", "aliases", "dead_flags", "scripts"}) copy_tree(fx / "cases" / c / "before", tree);
  ASSERT_EQ(sh("git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -q -m base", tree.string()).code, 0);
  // A dirty tree is refused.
  std::ofstream(tree / "src/idioms.c", std::ios::app) << "\n";
  auto args = base(tree);
  args.insert(args.begin(), {"pr", "migrate"});
  args.push_back(tree.string());
  Result dirty = envrewrite(args, tree.string());
  EXPECT_EQ(dirty.code, 2);
  EXPECT_NE(dirty.err.find("uncommitted"), std::string::npos);
  ASSERT_EQ(sh("git checkout -q -- .", tree.string()).code, 0);
  Result r = sh("GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t " + [&] {
    std::string cmd = quote(ENVREWRITE_EXE);
    for (const auto& a : args) cmd += " " + quote(a);
    return cmd;
  }(), tree.string());
  ASSERT_EQ(r.code, 0) << r.err;
  Result subjects = sh("git log --format=%s -n 5", tree.string());
  for (const char* rule : {"remove-dead-flag", "getenv-to-accessor", "alias-to-canonical", "accessor-rename", "scripts-and-env-files"})
    EXPECT_NE(subjects.out.find("envrewrite " + std::string(rule)), std::string::npos) << subjects.out;
  EXPECT_EQ(sh("git rev-parse --abbrev-ref HEAD", tree.string()).out, "migrate\n");
  EXPECT_EQ(sh("git status --porcelain --untracked-files=no", tree.string()).out, "");
  std::string body = slurp(tree / ".git/envrewrite/migrate.md");
  for (const char* part : {"## What changed and why", "## Variables migrated", "| `ACME_OLD_BATCH` | `ACME_BATCH` |",
                           "## Left for manual review", "default-mismatch", "## Verification"})
    EXPECT_NE(body.find(part), std::string::npos) << part << "\n" << body;
  // Never pushes: no remote was touched (there is none), and a second run has nothing to do.
  auto dry = base(tree);
  dry.push_back(tree.string());
  EXPECT_EQ(envrewrite(dry).code, 0);
}

}  // namespace

namespace {

TEST(Cli, SplitMakesOneCommitPerRuleAndLayer) {
  fs::path tree = fresh_dir("split");
  copy_tree(fx / "common", tree);
  copy_tree(fx / "cases/getenv_idioms/before", tree);
  ASSERT_EQ(sh("git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -q -m base", tree.string()).code, 0);
  std::string cmd = "GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t " + quote(ENVREWRITE_EXE);
  for (const auto& a : base(tree)) cmd += " " + quote(a);
  cmd += " --branch layered --split --pr-body " + quote((tree / "../split-pr.md").string()) + " " + quote(tree.string());
  Result r = sh(cmd, tree.string());
  ASSERT_EQ(r.code, 0) << r.err;
  Result subjects = sh("git log --format=%s -n 3", tree.string());
  EXPECT_NE(subjects.out.find("envrewrite getenv-to-accessor (core)"), std::string::npos) << subjects.out;
  EXPECT_NE(subjects.out.find("envrewrite getenv-to-accessor (debug)"), std::string::npos) << subjects.out;
  EXPECT_NE(slurp(tree / "../split-pr.md").find("## Variables migrated"), std::string::npos);
  EXPECT_EQ(slurp(tree / "src/idioms.c"), slurp(fx / "cases/getenv_idioms/after/src/idioms.c"));
}

}  // namespace

namespace {

TEST(Cli, ClangFormatTouchesOnlyRewrittenLines) {
  Result which = sh("command -v clang-format-19 || command -v clang-format");
  if (which.code != 0) GTEST_SKIP() << "clang-format is not installed";
  fs::path tree = fresh_dir("format");
  copy_tree(fx / "common", tree);
  std::ofstream(tree / ".clang-format") << "BasedOnStyle: LLVM\n";
  fs::create_directories(tree / "src");
  std::ofstream(tree / "src/f.c") << "#include <stdlib.h>\n\n#include \"acme/config.h\"\n\n"
                                     "int    untouched   (void) { return 1; }\n\n"
                                     "int batch(void) {\n  const char *s = getenv(\"ACME_BATCH\");\n"
                                     "  int    n   =   s ? atoi(s) : 64;\n  return n;\n}\n";
  const std::string want = "#include <stdlib.h>\n\n#include \"acme/config.h\"\n\n"
                           "int    untouched   (void) { return 1; }\n\n"
                           "int batch(void) {\n  int n = acme_batch();\n  return n;\n}\n";
  auto args = base(tree);
  args.push_back(tree.string());
  Result dry = envrewrite(args);
  ASSERT_EQ(dry.code, 1) << dry.err;
  EXPECT_NE(dry.out.find("+  int n = acme_batch();\n"), std::string::npos) << dry.out;
  args.insert(args.end() - 1, "--apply");
  Result r = envrewrite(args);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(slurp(tree / "src/f.c"), want);
}

}  // namespace
