// Unit tests of the pieces that need no Clang AST: tokenizers, evaluator, classifier.
#include <gtest/gtest.h>

#include "classify/classify.h"
#include "classify/condition_eval.h"
#include "discover/discovery.h"
#include "discover/system_headers.h"
#include "lex/flag_defs.h"
#include "discover/project_config.h"
#include "lex/raw_scan.h"
#include "write/writers.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace envscan;

namespace {

bool never(const std::string& n) { return n.rfind("NEVER", 0) == 0; }

TEST(ConditionEval, ThreeValued) {
  EXPECT_EQ(evaluate_condition("0", never), Truth::False);
  EXPECT_EQ(evaluate_condition("1", never), Truth::True);
  EXPECT_EQ(evaluate_condition("defined(NEVER_X)", never), Truth::False);
  EXPECT_EQ(evaluate_condition("defined NEVER_X", never), Truth::False);
  EXPECT_EQ(evaluate_condition("!defined(NEVER_X)", never), Truth::True);
  EXPECT_EQ(evaluate_condition("defined(SOMETIMES)", never), Truth::Unknown);
  EXPECT_EQ(evaluate_condition("SOMETIMES && 0", never), Truth::False);
  EXPECT_EQ(evaluate_condition("SOMETIMES || 1", never), Truth::True);
  EXPECT_EQ(evaluate_condition("NEVER_X > 2", never), Truth::False);
  EXPECT_EQ(evaluate_condition("(2 + 3) * 2 == 10", never), Truth::True);
  EXPECT_EQ(evaluate_condition("__has_include(<x.h>)", never), Truth::Unknown);
  EXPECT_EQ(evaluate_condition("1 / 0", never), Truth::Unknown);
  EXPECT_EQ(evaluate_condition("0x10 == 16", never), Truth::True);
  EXPECT_EQ(evaluate_condition("1 +", never), Truth::Unknown);
}

TEST(FlagDefs, CMakeCommands) {
  std::string text =
      "# add_compile_definitions(COMMENTED)\n"
      "add_compile_definitions(A_ONE B_TWO=2)\n"
      "target_compile_definitions(lib PRIVATE C_THREE PUBLIC \"D_FOUR=x\" $<$<CONFIG:Debug>:E_FIVE=1>)\n"
      "add_definitions(-DF_SIX -Wall)\n"
      "option(G_SEVEN \"doc\" ON)\n"
      "set(CMAKE_C_FLAGS \"${CMAKE_C_FLAGS} -DH_EIGHT=3\")\n";
  auto defs = cmake_definitions("CMakeLists.txt", text);
  std::map<std::string, std::string> got;
  for (const auto& d : defs) got[d.name] = d.value;
  EXPECT_EQ(got.count("COMMENTED"), 0u);
  EXPECT_EQ(got["A_ONE"], "1");
  EXPECT_EQ(got["B_TWO"], "2");
  EXPECT_EQ(got["C_THREE"], "1");
  EXPECT_EQ(got["D_FOUR"], "x");
  EXPECT_EQ(got["E_FIVE"], "1");
  EXPECT_EQ(got["F_SIX"], "1");
  EXPECT_EQ(got["G_SEVEN"], "ON");
  EXPECT_EQ(got["H_EIGHT"], "3");
  EXPECT_EQ(got.count("lib"), 0u);
  EXPECT_EQ(got.count("PRIVATE"), 0u);
  for (const auto& d : defs)
    if (d.name == "B_TWO") {
      EXPECT_EQ(d.loc.line, 2u);
    }
}

TEST(FlagDefs, Makefile) {
  auto defs = makefile_definitions("Makefile", "CFLAGS += -DONE -DTWO=2 # -DCOMMENT\nX=-UNOT -DTHREE\n");
  std::vector<std::string> names;
  for (const auto& d : defs) names.push_back(d.name);
  EXPECT_EQ(names, (std::vector<std::string>{"ONE", "TWO", "THREE"}));
}

TEST(Glob, Patterns) {
  EXPECT_TRUE(glob_match("tests/**/fixtures/**", "tests/envscan/fixtures/tree/a.c"));
  EXPECT_TRUE(glob_match("*.c", "a.c"));
  EXPECT_FALSE(glob_match("*.c", "dir/a.c"));
  EXPECT_TRUE(glob_match("build*/**", "build-b/x/y.c"));
  EXPECT_FALSE(glob_match("third_party/**", "src/a.c"));
  // A '*' after '**': the old matcher remembered only the last star and gave up.
  EXPECT_TRUE(glob_match("src/**/*.c", "src/a/b.c"));
  EXPECT_TRUE(glob_match("src/**/*.c", "src/b.c")) << "'**/' also spans no directory";
  EXPECT_TRUE(glob_match("src/**/*.c", "src/a/b/c/d.c"));
  EXPECT_FALSE(glob_match("src/**/*.c", "src/a/b.h"));
  EXPECT_FALSE(glob_match("src/**/*.c", "lib/src/a.c"));
  EXPECT_TRUE(glob_match("**/test*.c", "a/b/test_x.c"));
  EXPECT_TRUE(glob_match("**/test*.c", "test1.c"));
  EXPECT_FALSE(glob_match("**/test*.c", "a/b/mytest.c"));
  EXPECT_FALSE(glob_match("**/test*.c", "a/test/x.c"));
  EXPECT_TRUE(glob_match("a/*/c/*.h", "a/b/c/d.h"));
  EXPECT_FALSE(glob_match("a/*/c/*.h", "a/b/x/c/d.h"));
  EXPECT_TRUE(glob_match("**/gen/**/*_test.cpp", "x/gen/y/z/a_test.cpp"));
  EXPECT_TRUE(glob_match("?.c", "a.c"));
  EXPECT_FALSE(glob_match("?.c", "/.c"));
  EXPECT_TRUE(glob_match("", ""));
  EXPECT_FALSE(glob_match("", "a"));
  EXPECT_TRUE(glob_match("**", "any/thing"));
}

TEST(RawScan, ConditionsGuardsAndCalls) {
  std::string text =
      "#ifndef G_H\n#define G_H\n"
      "#if A\nx();\n#elif B > 1\ny(\"S\");\n#else\nz(Q);\n#endif\n"
      "#ifdef C\nint f(void) { return w(\"N\"); }\n#endif\n"
      "#endif\n";
  RawFile f = scan_raw("/x/g.h", "g.h", text, Language::C);
  EXPECT_EQ(f.include_guard, "G_H");
  auto at = [&](const std::string& needle) { return static_cast<unsigned>(text.find(needle)); };
  EXPECT_EQ(join_conditions(f.conditions_at(at("x()"))), "A");
  EXPECT_EQ(join_conditions(f.conditions_at(at("y("))), "!A && B > 1");
  EXPECT_EQ(join_conditions(f.conditions_at(at("z("))), "!A && !(B > 1)");
  EXPECT_EQ(join_conditions(f.conditions_at(at("w("))), "defined(C)");
  EXPECT_EQ(f.function_at(at("w(")), "f");
  std::set<std::string> tested;
  for (const auto& t : f.tests) tested.insert(t.name);
  EXPECT_EQ(tested, (std::set<std::string>{"A", "B", "C", "G_H"}));
  EXPECT_FALSE(f.unbalanced);
}

TEST(RawScan, GuardsAfterPragmaOnceAndLeadingComments) {
  for (const char* text : {"#pragma once\n#ifndef G_H\n#define G_H\nint a;\n#endif\n",
                           "/* licence\n * text */\n// more\n#pragma once\n#ifndef G_H\n#define G_H\n#endif\n",
                           "#pragma once\n#pragma GCC system_header\n#if !defined(G_H)\n#define G_H\n#endif\n"}) {
    RawFile f = scan_raw("/x/g.h", "g.h", text, Language::C);
    EXPECT_EQ(f.include_guard, "G_H") << text;
  }
  // A pragma after other code, or a guard not defined next, is no guard.
  for (const char* text : {"int b;\n#pragma once\n#ifndef G_H\n#define G_H\n#endif\n",
                           "#pragma once\nint b;\n#ifndef G_H\n#define G_H\n#endif\n",
                           "#pragma once\n#ifndef G_H\n#define OTHER\n#endif\n"}) {
    RawFile f = scan_raw("/x/g.h", "g.h", text, Language::C);
    EXPECT_EQ(f.include_guard, "") << text;
  }
}

TEST(SystemHeaders, MacrosOfReachableHeadersOnly) {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("envscan_sys_" + std::to_string(::getpid()));
  fs::create_directories(root / "one" / "sub");
  fs::create_directories(root / "two");
  auto put = [&](const fs::path& p, const std::string& text) { std::ofstream(p) << text; };
  put(root / "one" / "top.h", "#ifndef TOP_H\n#define TOP_H\n#include <sub/deep.h>\n# include \"beside.h\"\n#endif\n");
  put(root / "one" / "sub" / "deep.h", "#if 0\n#  define FROM_DEEP 1\n#endif\n#include_next <next.h>\n");
  put(root / "one" / "beside.h", "#define FROM_BESIDE(x) x\n");
  put(root / "two" / "next.h", "#define FROM_SECOND_DIR\n");
  put(root / "two" / "unreached.h", "#define NEVER_INCLUDED\n");
  std::set<std::string> got = system_defined_macros({(root / "one").string(), (root / "two").string()}, {"top.h"});
  EXPECT_EQ(got, (std::set<std::string>{"TOP_H", "FROM_DEEP", "FROM_BESIDE", "FROM_SECOND_DIR"}));
  SystemMacroLimits one_file;
  one_file.max_files = 1;
  EXPECT_EQ(system_defined_macros({(root / "one").string()}, {"top.h"}, one_file), (std::set<std::string>{"TOP_H"}));
  fs::remove_all(root);
}

TEST(RawScan, FunctionSpansSurviveSplitSignatures) {
  std::string text =
      "#ifdef WIDE\nint f(long x) {\n#else\nint f(int x) {\n#endif\n  return x;\n}\n"
      "int g(void) { return getenv(\"G\") != 0; }\n";
  RawFile f = scan_raw("/x/s.c", "s.c", text, Language::C);
  EXPECT_EQ(f.function_at(static_cast<unsigned>(text.find("return x"))), "f");
  EXPECT_EQ(f.function_at(static_cast<unsigned>(text.find("getenv"))), "g");
}

TEST(RawScan, SurvivesHostileInput) {
  std::string text = "#endif\n#if\n\xff\xfe getenv(\"\n'unterminated\n" + std::string(100000, 'a') + "\n#if 1\n";
  RawFile f = scan_raw("/x/h.c", "h.c", text, Language::C);
  EXPECT_TRUE(f.unbalanced);
  // Found by the lexer fuzzer: a bare #ifndef as the first directive threw out_of_range
  // (it was taken for an include guard) and aborted the whole scan.
  for (const char* bare : {"#ifndef\n#endif\n", "#ifndef", "/* c */\n#ifndef // x\nint a;\n#endif\n"}) {
    RawFile g = scan_raw("/x/g.h", "g.h", bare, Language::C);
    EXPECT_EQ(g.include_guard, "") << bare;
  }
}

TEST(Classify, WordKey) {
  EXPECT_EQ(word_key("ACME_TINY_DEBUG", "ACME_"), word_key("ACME_DEBUG_TINY", "ACME_"));
  EXPECT_NE(word_key("ACME_TINY_DEBUG", "ACME_"), word_key("ACME_TINY_LOG", "ACME_"));
  EXPECT_EQ(word_key("ACME_X", "ACME_"), "");  // one word: nothing to reorder
}

TEST(Classify, PlatformMacros) {
  EXPECT_TRUE(is_platform_macro("__linux__", {}));
  EXPECT_TRUE(is_platform_macro("_WIN32", {}));
  EXPECT_TRUE(is_platform_macro("NDEBUG", {}));
  EXPECT_TRUE(is_platform_macro("SYS_DEFINED", {"SYS_DEFINED"}));
  EXPECT_FALSE(is_platform_macro("ACME_FEATURE", {}));
  // C-library families by their exact forms, not by any name sharing three letters.
  for (const char* libc : {"PRId64", "PRIxPTR", "PRIuLEAST16", "SCNu32", "SIGSEGV", "SIGRTMIN", "SIG_IGN",
                           "SIGEV_THREAD", "S_ISREG", "S_IRUSR", "S_IFMT", "WIFEXITED", "WEXITSTATUS", "WNOHANG"})
    EXPECT_TRUE(is_platform_macro(libc, {})) << libc;
  for (const char* project : {"PRINT_STATS", "PRIVATE_HEAP", "PRIORITY", "SIGNAL_SAFE", "SIGNALS", "SCNT",
                              "SCN_DEBUG", "S_ISOLATED_HEAP", "WIFI_SUPPORT", "WEXIT_HOOK", "WSTOP_WORLD"})
    EXPECT_FALSE(is_platform_macro(project, {})) << project;
}

ReadSite site(const std::string& name, const std::string& file, unsigned line, const std::string& fn) {
  ReadSite s;
  s.name = name;
  s.loc = {file, line, 1, line * 100};
  s.function = fn;
  s.via = "direct";
  s.name_from = "literal";
  return s;
}

TEST(Classify, AnalysisAloneWithoutRegistry) {
  Findings f;
  f.reads.push_back(site("X_A_B", "a.c", 1, "f"));
  f.reads.push_back(site("X_B_A", "a.c", 2, "g"));
  f.reads.push_back(site("X_LIVE", "a.c", 3, "g"));
  ReadSite dead = site("X_DEAD", "a.c", 4, "g");
  dead.condition_arms = {"0"};
  dead.condition = "0";
  dead.live = false;
  f.reads.push_back(dead);
  ClassifyContext ctx;
  Inventory inv = classify(f, ctx);
  std::map<std::string, std::string> st;
  for (const auto& v : inv.variables) st[v.name] = status_name(v.status);
  EXPECT_EQ(st["X_A_B"], "duplicate");
  EXPECT_EQ(st["X_B_A"], "duplicate");
  EXPECT_EQ(st["X_LIVE"], "active");
  EXPECT_EQ(st["X_DEAD"], "dead");
  for (const auto& v : inv.variables) EXPECT_FALSE(v.evidence.rule.empty());
}

TEST(Classify, FlagNeverDefinedMakesReadDead) {
  Findings f;
  ReadSite s = site("X_OLD", "a.c", 1, "f");
  s.condition_arms = {"defined(X_LEGACY)"};
  s.live = false;
  f.reads.push_back(s);
  FlagTest t;
  t.name = "X_LEGACY";
  t.loc = {"a.c", 1, 1, 0};
  t.directive = "ifdef";
  f.flag_tests.push_back(t);
  Inventory inv = classify(f, {});
  ASSERT_EQ(inv.variables.size(), 1u);
  EXPECT_EQ(inv.variables[0].status, EntryStatus::Dead);
  ASSERT_EQ(inv.build_flags.size(), 1u);
  EXPECT_EQ(inv.build_flags[0].status, EntryStatus::Dead);
  // Once defined anywhere (here by CMake), neither is dead.
  f.flag_defs.push_back({"X_LEGACY", "cmake", {"CMakeLists.txt", 1, 1, 0}, "1", ""});
  inv = classify(f, {});
  EXPECT_EQ(inv.variables[0].status, EntryStatus::Active);
  EXPECT_EQ(inv.variables[0].evidence.rule, "read-only-in-inactive-code");
  EXPECT_EQ(inv.build_flags[0].status, EntryStatus::Active);
}

TEST(ProjectConfig, ErrorsNameThePlace) {
  std::string dir = testing::TempDir() + "/envscan_cfg";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/.envscan.json") << "{\n  \"registry\": 3\n}\n";
  envkit::Diagnostic err;
  auto cfg = load_project_config(dir + "/.envscan.json", err);
  EXPECT_FALSE(cfg);
  EXPECT_EQ(err.pointer, "/registry");
  EXPECT_EQ(err.line, 2);
  std::ofstream(dir + "/.envscan.json") << "{\"registry\": \"r.json\", \"exclude\": [\"x/**\"]}";
  cfg = load_project_config(dir + "/.envscan.json", err);
  ASSERT_TRUE(cfg);
  EXPECT_EQ(cfg->registry, std::filesystem::path(dir + "/r.json").lexically_normal().string());
  EXPECT_EQ(cfg->exclude, std::vector<std::string>{"x/**"});
}

// The temporary file of an atomic write cannot be a planted symlink: the old scheme
// (.NAME.tmp.PID, opened without O_EXCL) wrote through it into the link's target.
TEST(AtomicWrite, PlantedSymlinkAtTheTemporaryNameIsNotFollowed) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(testing::TempDir()) / "envscan_planted";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "victim") << "precious";
  fs::create_symlink(dir / "victim", dir / (".out.json.tmp." + std::to_string(::getpid())));
  EXPECT_EQ(write_file_atomic((dir / "out.json").string(), "inventory"), "");
  std::ifstream victim(dir / "victim");
  std::string text((std::istreambuf_iterator<char>(victim)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "precious");
  EXPECT_FALSE(fs::is_symlink(dir / "out.json"));
  std::ifstream out(dir / "out.json");
  std::string written((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
  EXPECT_EQ(written, "inventory");
}

}  // namespace
