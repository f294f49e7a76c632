// The command line: exit codes, determinism, schema, formats, atomic output.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <spawn.h>
#include <unistd.h>

#include <thread>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "write/inventory_json.h"
#include "run_envscan.h"

namespace {

const std::string fx = ENVSCAN_FIXTURES;

std::vector<std::string> base_args() {
  return {"--registry", fx + "/registry.json", "--today", "2026-03-01", "--root", fx + "/tree", "-j", "2"};
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run_envscan({}).exit_code, 2);
  EXPECT_EQ(run_envscan({"--format", "yaml", fx}).exit_code, 2);
  EXPECT_EQ(run_envscan({"--today", "2026-02-30", fx}).exit_code, 2);
  EXPECT_EQ(run_envscan({"-j", "0", fx}).exit_code, 2);
  EXPECT_EQ(run_envscan({"--bogus", fx}).exit_code, 2);
  RunResult missing = run_envscan({fx + "/does-not-exist"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("does-not-exist"), std::string::npos);
}

TEST(Cli, ConflictingOptionsAreAUsageError) {
  RunResult r = run_envscan({"--no-registry", "--registry", fx + "/registry.json", fx + "/tree/direct.c"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--no-registry and --registry"), std::string::npos) << r.err;
}

// Progress goes to stderr only: always gives one line per phase (what a CI log keeps), the
// default gives nothing when the output is not a terminal, and neither touches the inventory.
TEST(Cli, ProgressLinesOnStderrOnlyWhenAskedOrOnATerminal) {
  auto args = base_args();
  args.insert(args.end(), {"--progress", "always", fx + "/tree"});
  RunResult on = run_envscan(args);
  ASSERT_EQ(on.exit_code, 0) << on.err;
  EXPECT_EQ(on.out, fixture_inventory_json());
  EXPECT_TRUE(std::regex_search(on.err, std::regex(R"((^|\n)envscan: lexing [0-9]+/[0-9]+ files\n)"))) << on.err;
  EXPECT_TRUE(std::regex_search(on.err, std::regex(R"((^|\n)envscan: parsing [0-9]+/[0-9]+ files\n)"))) << on.err;
  RunResult quiet = run_envscan([&] { auto a = base_args(); a.push_back(fx + "/tree"); return a; }());
  ASSERT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.err.find("envscan: lexing"), std::string::npos) << "not a terminal: no progress by default";
  RunResult bad = run_envscan({"--progress", "sometimes", fx + "/tree"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--progress must be auto, always or never"), std::string::npos) << bad.err;
}

// Nothing delivered is never success: a full disk, a closed standard output.
TEST(Cli, FailedOutputExitsTwo) {
  auto args = base_args();
  args.push_back(fx + "/tree/direct.c");
  RunResult full = run_envscan_to(args, "> /dev/full");
  EXPECT_EQ(full.exit_code, 2);
  EXPECT_NE(full.err.find("standard output: write failed"), std::string::npos) << full.err;
  EXPECT_EQ(run_envscan_to(args, ">&-").exit_code, 2);
  auto to_file = args;
  to_file.insert(to_file.begin(), {"-o", "/dev/full"});
  EXPECT_EQ(run_envscan(to_file).exit_code, 2);
  auto check = args;
  check.insert(check.begin(), "check");
  EXPECT_EQ(run_envscan_to(check, "> /dev/full").exit_code, 2);
  EXPECT_EQ(run_envscan_to(check, ">&-").exit_code, 2);
}

// A cloned repository can carry .envscan.json as a FIFO or a link to a device: refused
// with a clear error, never read without end or waited on.
TEST(Cli, ProjectConfigThatIsNotARegularFileIsRefused) {
  namespace fs = std::filesystem;
  for (const char* kind : {"fifo", "device"}) {
    fs::path dir = fs::path(testing::TempDir()) / (std::string("envscan_cfg_") + kind);
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "a.c") << "int x;\n";
    if (std::string(kind) == "fifo") ASSERT_EQ(::mkfifo((dir / ".envscan.json").c_str(), 0600), 0);
    else fs::create_symlink("/dev/zero", dir / ".envscan.json");
    RunResult r = run_envscan({"--no-registry", dir.string()});
    EXPECT_EQ(r.exit_code, 2) << kind << ": " << r.err;
    EXPECT_NE(r.err.find(".envscan.json: error: cannot read file: not a regular file"), std::string::npos) << r.err;
  }
}

TEST(Cli, BadRegistryIsFatalAndLocated) {
  std::string bad = testing::TempDir() + "/bad_registry.json";
  std::ofstream(bad) << "{\n  \"schema\": \"config-registry/1\",\n  \"project\": 5\n}\n";
  RunResult r = run_envscan({"--registry", bad, fx + "/tree"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad_registry.json:"), std::string::npos) << r.err;
}

TEST(Cli, HelpTeachesWithExamples) {
  RunResult r = run_envscan({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("examples:"), std::string::npos);
  EXPECT_NE(r.out.find("exit codes:"), std::string::npos);
  EXPECT_EQ(run_envscan({"--version"}).exit_code, 0);
}

TEST(Cli, OutputValidatesAgainstSchema) {
  auto doc = nlohmann::ordered_json::parse(fixture_inventory_json());
  auto problems = envscan::validate_inventory(doc);
  EXPECT_TRUE(problems.empty()) << (problems.empty() ? "" : problems.front());
  EXPECT_EQ(doc["schema"], "envscan-inventory/1");
  // The validator must catch a broken document too.
  doc["variables"][0]["status"] = "sideways";
  EXPECT_FALSE(envscan::validate_inventory(doc).empty());
}

TEST(Cli, TwoRunsAreByteIdentical) {
  auto args = base_args();
  args.push_back(fx + "/tree");
  RunResult a = run_envscan(args);
  auto args1 = args;
  args1[7] = "1";  // a different -j must not change the output either
  RunResult b = run_envscan(args1);
  ASSERT_EQ(a.exit_code, 0);
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(a.out, fixture_inventory_json());
}

TEST(Cli, OtherFormats) {
  auto args = base_args();
  args.insert(args.end(), {"--format", "sarif", fx + "/tree"});
  RunResult s = run_envscan(args);
  ASSERT_EQ(s.exit_code, 0);
  auto sarif = nlohmann::json::parse(s.out);
  EXPECT_EQ(sarif["version"], "2.1.0");
  ASSERT_FALSE(sarif["runs"][0]["results"].empty());
  std::size_t located = 0;
  for (const auto& r : sarif["runs"][0]["results"]) {
    EXPECT_TRUE(r.contains("partialFingerprints"));
    if (!r.contains("locations")) continue;  // registry entries when the registry is outside the root
    ++located;
    EXPECT_EQ(r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    std::string uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    EXPECT_NE(uri.front(), '/') << "URIs must be relative to the source root";
  }
  EXPECT_GT(located, 0u);
  EXPECT_EQ(run_envscan(args).out, s.out) << "SARIF fingerprints and order must be stable";
  // Text and Markdown carry every entry with its status, not just one name.
  auto inv = nlohmann::json::parse(fixture_inventory_json());
  for (const char* fmt : {"text", "markdown"}) {
    auto a = base_args();
    a.insert(a.end(), {"--format", fmt, fx + "/tree"});
    RunResult r = run_envscan(a);
    EXPECT_EQ(r.exit_code, 0);
    for (const auto& v : inv["variables"]) {
      std::string name = std::regex_replace(v["name"].get<std::string>(), std::regex(R"([*.])"), R"(\$&)");
      std::string st = v["status"];
      std::regex row(std::string(fmt) == "text" ? "\n" + name + " +" + st + " " : "\\| `" + name + "` \\| " + st + " \\|");
      EXPECT_TRUE(std::regex_search(r.out, row)) << fmt << ": no row for " << name << " with status " << st;
    }
    for (const auto& f : inv["build_flags"]) {
      std::string name = f["name"], st = f["status"];
      std::regex row(std::string(fmt) == "text" ? "\n" + name + " +" + st + " " : "\\| `" + name + "` \\| " + st + " \\|");
      EXPECT_TRUE(std::regex_search(r.out, row)) << fmt << ": no row for flag " << name << " with status " << st;
    }
  }
}

TEST(Cli, VerboseAddsTheIncludeSearchList) {
  auto args = base_args();
  args.insert(args.end(), {"-v", fx + "/tree/direct.c"});
  RunResult r = run_envscan(args);
  ASSERT_EQ(r.exit_code, 0);
  auto doc = nlohmann::json::parse(r.out);
  ASSERT_TRUE(doc.contains("search_list"));
  bool builtin = false;
  for (const auto& d : doc["search_list"]) builtin |= d.get<std::string>().find("clang") != std::string::npos;
  EXPECT_TRUE(builtin) << "the builtin-header directory must be on the search list: " << doc["search_list"].dump();
}

// The benchmark times clang over exactly these files: a file without reads is lexed only.
TEST(Cli, VerboseListsTheFilesParsedWithTheAst) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(testing::TempDir()) / ("envscan_parsed_files_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "reads.c") << "#include <stdlib.h>\nint f(void) { return getenv(\"SOME_VAR\") != 0; }\n";
  std::ofstream(dir / "plain.c") << "int g(void) { return 1; }\n";
  RunResult r = run_envscan({"--no-registry", "-v", "--root", dir.string(), dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::ordered_json::parse(r.out);
  EXPECT_TRUE(envscan::validate_inventory(doc).empty());
  EXPECT_EQ(doc["parsed_files"], nlohmann::ordered_json::parse(R"([{"file": "reads.c"}])"));
  EXPECT_EQ(doc["summary"]["files_parsed"], 1);
  EXPECT_FALSE(nlohmann::json::parse(run_envscan({"--no-registry", "--root", dir.string(), dir.string()}).out)
                   .contains("parsed_files"))
      << "only with -v";
  fs::remove_all(dir);
}

TEST(Cli, WritesOutputFileAtomically) {
  std::string out = testing::TempDir() + "/envscan_out.json";
  std::filesystem::remove(out);
  auto args = base_args();
  args.insert(args.end(), {"-o", out, fx + "/tree"});
  RunResult r = run_envscan(args);
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(slurp(out), fixture_inventory_json());
  for (const auto& e : std::filesystem::directory_iterator(testing::TempDir()))
    EXPECT_EQ(e.path().filename().string().find(".envscan_out.json.tmp"), std::string::npos);
}

TEST(Cli, OutputThroughASymlinkKeepsTheLinkAndAFifoStaysAFifo) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(testing::TempDir()) / "envscan_out_special";
  fs::remove_all(dir);
  fs::create_directories(dir);
  // A symlink: the file it points to gets the inventory, the link stays a link.
  std::ofstream(dir / "real.json") << "old";
  fs::create_symlink("real.json", dir / "link.json");
  auto args = base_args();
  args.insert(args.end(), {"-o", (dir / "link.json").string(), fx + "/tree"});
  ASSERT_EQ(run_envscan(args).exit_code, 0);
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir / "link.json")));
  EXPECT_EQ(slurp((dir / "real.json").string()), fixture_inventory_json());
  // A FIFO (like /dev/stdout or /dev/null): written to, never renamed over.
  const fs::path fifo = dir / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string drained;
  std::thread reader([&] { drained = slurp(fifo.string()); });
  auto fifo_args = base_args();
  fifo_args.insert(fifo_args.end(), {"-o", fifo.string(), fx + "/tree"});
  RunResult r = run_envscan(fifo_args);
  reader.join();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_fifo(fs::status(fifo)));
  EXPECT_EQ(drained, fixture_inventory_json());
}

TEST(Cli, SarifPlacesEveryFindingOnALineIncludingRegistryEntries) {
  RunResult r = run_envscan({"--format", "sarif", "--today", "2026-11-25", std::string(ENVSCAN_REPO) + "/allocator"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto sarif = nlohmann::json::parse(r.out);
  std::size_t registry_results = 0;
  for (const auto& res : sarif["runs"][0]["results"]) {
    ASSERT_TRUE(res.contains("locations")) << res.dump();
    const auto& phys = res["locations"][0]["physicalLocation"];
    EXPECT_GT(phys["region"]["startLine"].get<int>(), 0) << res.dump();
    registry_results += phys["artifactLocation"]["uri"] == "allocator/config/registry.json";
  }
  EXPECT_GT(registry_results, 0u) << "the allocator's unread registry entries are findings about the registry";
}

TEST(Cli, WithoutRegistryClassifiesByAnalysis) {
  RunResult r = run_envscan({"--no-registry", "--root", fx + "/tree", fx + "/tree"});
  ASSERT_EQ(r.exit_code, 0);
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["registry"], "");
  std::map<std::string, std::string> status, rule;
  for (const auto& v : doc["variables"]) {
    EXPECT_NE(v["status"], "undocumented") << "no registry: nothing can be undocumented";
    EXPECT_NE(v["status"], "deprecated");
    EXPECT_NE(v["status"], "removed");
    status[v["name"]] = v["status"];
    rule[v["name"]] = v["evidence"]["rule"];
  }
  // What analysis alone still decides: live reads, dead code, duplicates.
  EXPECT_EQ(status["ACME_CACHE_CAP"], "active");
  EXPECT_EQ(rule["ACME_CACHE_CAP"], "live-read");
  EXPECT_EQ(status["ACME_TINY_DEBUG"], "duplicate") << "same words reordered as ACME_DEBUG_TINY";
  std::size_t dead = 0;
  for (const auto& [n, s] : status) dead += s == "dead";
  EXPECT_GT(dead, 0u) << "reads under #if 0 or a never-defined flag are dead without a registry too";
}

TEST(Cli, LexerOnlyModeStillFindsReads) {
  auto args = base_args();
  args.insert(args.end(), {"--no-ast", fx + "/tree"});
  RunResult r = run_envscan(args);
  ASSERT_EQ(r.exit_code, 0);
  auto doc = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& v : doc["variables"]) found |= v["name"] == "ACME_CACHE_CAP" && !v["sites"].empty();
  EXPECT_TRUE(found);
  EXPECT_EQ(doc["summary"]["files_parsed"], 0);
}

}  // namespace

namespace {

// Symlink loops, broken links, non-UTF-8 bytes, a very long line, unbalanced
// conditionals and an empty file: diagnostics, never a crash.
TEST(Cli, HostileTreeGivesDiagnosticsNotCrashes) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(testing::TempDir()) / "envscan_hostile";
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  fs::create_directory_symlink("..", dir / "sub" / "loop");
  fs::create_symlink("nowhere.c", dir / "broken.c");
  std::ofstream(dir / "bytes.c") << "/* \xff\xfe\xc3 */\nint f(void) { return getenv(\"HOSTILE_BYTES\") != 0; }\n";
  std::ofstream(dir / "long.c") << "int g(void) { return 0" << std::string(2000000, ' ') << "+ (getenv(\"HOSTILE_LONG\") != 0); }\n";
  std::ofstream(dir / "unbalanced.c") << "#endif\n#if X\nint h(void) { return getenv(\"HOSTILE_UNBALANCED\") != 0; }\n";
  std::ofstream(dir / "empty.c");
  RunResult r = run_envscan({"--no-registry", "--root", dir.string(), dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  std::set<std::string> names, rules;
  for (const auto& v : doc["variables"]) names.insert(v["name"]);
  for (const auto& d : doc["diagnostics"]) rules.insert(d["rule"]);
  EXPECT_TRUE(names.count("HOSTILE_BYTES"));
  EXPECT_TRUE(names.count("HOSTILE_LONG"));
  EXPECT_TRUE(names.count("HOSTILE_UNBALANCED"));
  EXPECT_TRUE(rules.count("symlink-loop")) << doc["diagnostics"].dump();
  EXPECT_TRUE(rules.count("unbalanced-conditional"));
}

TEST(Cli, UnusableCompileCommandIsADiagnostic) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(testing::TempDir()) / "envscan_baddb";
  fs::remove_all(dir);
  fs::create_directories(dir / "build");
  std::ofstream(dir / "a.c") << "#include <stdlib.h>\nint f(void) { return getenv(\"BADDB_READ\") != 0; }\n";
  std::ofstream(dir / "build" / "compile_commands.json")
      << "[{\"directory\": \"/no/such/dir\", \"command\": \"cc -DFROM_DB=1 -c a.c\", \"file\": \"" << (dir / "a.c").string() << "\"}]";
  RunResult r = run_envscan({"--no-registry", "-p", (dir / "build").string(), "--root", dir.string(), (dir / "a.c").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  bool diag = false, read = false;
  for (const auto& d : doc["diagnostics"]) diag |= d["rule"] == "bad-compile-command";
  for (const auto& v : doc["variables"]) read |= v["name"] == "BADDB_READ";
  EXPECT_TRUE(diag);
  EXPECT_TRUE(read) << "the raw lexer still reports the read";
  RunResult missing = run_envscan({"--no-registry", "-p", (dir / "nodb").string(), (dir / "a.c").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("compile_commands.json"), std::string::npos);
}

}  // namespace

namespace {

TEST(Check, CompilerStyleFindingsAndExitCodes) {
  auto args = base_args();
  args.insert(args.begin(), "check");
  args.push_back(fx + "/tree");
  RunResult r = run_envscan(args);
  EXPECT_EQ(r.exit_code, 1) << "the fixture tree reads removed and undeclared names";
  EXPECT_NE(r.out.find("statuses.c:10:15: error: environment variable ACME_ANCIENT_CAP is removed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[removed-env-read]"), std::string::npos);
  EXPECT_NE(r.out.find("note: use ACME_CACHE_CAP instead"), std::string::npos);
  EXPECT_NE(r.err.find("error(s)"), std::string::npos);

  // A clean tree passes; --werror turns warnings into failure.
  namespace fs = std::filesystem;
  fs::path dir = fs::path(testing::TempDir()) / "envscan_clean";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "ok.c") << "#include <stdlib.h>\nint f(void) { return getenv(\"ACME_DEBUG\") != 0; }\n";
  std::vector<std::string> clean = {"check", "--registry", fx + "/registry.json", "--today", "2026-03-01",
                                    "--root", dir.string(), dir.string()};
  RunResult ok = run_envscan(clean);
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  EXPECT_EQ(ok.out.find("error:"), std::string::npos);
  EXPECT_NE(ok.out.find("warning:"), std::string::npos) << "unread registry entries still warn";
  // Findings about registry entries point at their declaration's line.
  EXPECT_TRUE(std::regex_search(ok.out, std::regex(R"(registry\.json:[0-9]+:[0-9]+: warning: environment variable ACME_NEVER_READ is dead)")))
      << ok.out;
  clean.insert(clean.begin() + 1, "--werror");
  EXPECT_EQ(run_envscan(clean).exit_code, 1);
}

}  // namespace

// A folder of compatibility headers named like system ones (compat/pthread.h including
// <windows.h>) must not shadow the system headers: the file parses, no missing include.
TEST(Cli, SystemHeadersWinOverTreeShims) {
  std::string fx = std::string(ENVSCAN_FIXTURES) + "/tree";
  RunResult r = run_envscan({"--registry", std::string(ENVSCAN_FIXTURES) + "/registry.json", "--root", fx,
                             fx + "/dataflow/shim"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto inv = nlohmann::json::parse(r.out);
  for (const auto& d : inv["diagnostics"])
    EXPECT_NE(d["rule"], "missing-include") << d.dump();
  EXPECT_EQ(inv["summary"]["files_parsed"], 1) << inv["diagnostics"].dump();
}

// Without a compile database, compile_flags.txt (clangd's convention) gives every file its
// flags: a -D makes the guarded read live, and counts as the flag's definition.
TEST(Cli, CompileFlagsTxtIsUsed) {
  const std::filesystem::path dir = std::filesystem::path(testing::TempDir()) / "envscan_compile_flags";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "inc");
  std::ofstream(dir / "compile_flags.txt") << "-DCF_FEATURE\n-Iinc\n";
  std::ofstream(dir / "inc" / "cf_names.h") << "#define CF_NAME \"CF_READ_WITH_FLAG\"\n";
  std::ofstream(dir / "main.c") << "#include <stdlib.h>\n#include <cf_names.h>\n"
                                   "#ifdef CF_FEATURE\nint f(void) { return getenv(CF_NAME) != 0; }\n#endif\n";
  RunResult r = run_envscan({"--no-registry", "--root", dir.string(), dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto inv = nlohmann::json::parse(r.out);
  bool live = false;
  for (const auto& v : inv["variables"])
    if (v["name"] == "CF_READ_WITH_FLAG")
      for (const auto& s : v["sites"]) live |= s["live"].get<bool>() && s["source"] == "ast";
  EXPECT_TRUE(live) << inv.dump();
  bool defined = false;
  for (const auto& f : inv["build_flags"])
    if (f["name"] == "CF_FEATURE")
      for (const auto& d : f["defined_at"]) defined |= d["file"] == "compile_flags.txt";
  EXPECT_TRUE(defined) << inv["build_flags"].dump();
}

// A function named like an accessor is a read only when it comes from the registry's
// generated header; a look-alike of the tree's own is not.
// A -D value that lists NAME=value pairs, split by the code and set: the build's names count,
// not the source's fallback.
TEST(Cli, DefineValueListingPairsIsSplitIntoWrites) {
  const std::filesystem::path dir = std::filesystem::path(testing::TempDir()) / "envscan_define_pairs";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "compile_flags.txt") << "-DEXTRA_ENV=\"CF_PAIR_A=1 CF_PAIR_B=on\"\n";
  std::ofstream(dir / "main.c") << "#include <stdlib.h>\n#include <string.h>\n"
                                   "#ifndef EXTRA_ENV\n#define EXTRA_ENV \"CF_FALLBACK=1\"\n#endif\n"
                                   "void apply(void) {\n  char* s = strdup(EXTRA_ENV);\n"
                                   "  for (char* t = strtok(s, \" \"); t; t = strtok(NULL, \" \")) putenv(t);\n}\n";
  RunResult r = run_envscan({"--no-registry", "--root", dir.string(), dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto inv = nlohmann::json::parse(r.out);
  std::set<std::string> written;
  for (const auto& w : inv["writes"]) written.insert(w["name"].get<std::string>() + ":" + w["kind"].get<std::string>());
  EXPECT_TRUE(written.count("CF_PAIR_A:putenv")) << inv.dump();
  EXPECT_TRUE(written.count("CF_PAIR_B:putenv")) << inv.dump();
  EXPECT_FALSE(written.count("CF_FALLBACK:putenv")) << "the fallback is not what this build sets";
}

TEST(Cli, AccessorsAreMatchedByTheirHeader) {
  namespace stdfs = std::filesystem;
  const stdfs::path dir = stdfs::path(testing::TempDir()) / "envscan_accessor_header";
  stdfs::remove_all(dir);
  stdfs::create_directories(dir / "include" / "acme");
  std::string reg = slurp(std::string(ENVSCAN_FIXTURES) + "/registry.json");
  const std::string project = "\"c_prefix\": \"acme\"";
  ASSERT_NE(reg.find(project), std::string::npos);
  reg.replace(reg.find(project), project.size(), project + ", \"header\": \"acme/config.h\"");
  std::ofstream(dir / "registry.json") << reg;
  std::ofstream(dir / "include" / "acme" / "config.h") << "int acme_cache_cap(void);\n";
  std::ofstream(dir / "uses.c") << "#include <acme/config.h>\nint uses(void) { return acme_cache_cap(); }\n";
  std::ofstream(dir / "lookalike.c") << "static int acme_cache_cap(void) { return 3; }\n"
                                        "int lookalike(void) { return acme_cache_cap(); }\n";
  RunResult r = run_envscan({"--registry", (dir / "registry.json").string(), "--root", dir.string(), dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto inv = nlohmann::json::parse(r.out);
  std::set<std::string> files;
  for (const auto& v : inv["variables"])
    if (v["name"] == "ACME_CACHE_CAP")
      for (const auto& s : v["sites"]) files.insert(s["file"]);
  EXPECT_EQ(files, std::set<std::string>{"uses.c"}) << inv["variables"].dump();
}

namespace {

namespace fs = std::filesystem;

// Per process: other checkouts may run the same tests in the same /tmp at once.
fs::path fresh_dir(const std::string& name) {
  fs::path dir = fs::path(testing::TempDir()) / (name + "." + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::set<std::string> rules_of(const nlohmann::json& doc) {
  std::set<std::string> rules;
  for (const auto& d : doc["diagnostics"]) rules.insert(d["rule"].get<std::string>());
  return rules;
}

bool reads(const nlohmann::json& doc, const std::string& name) {
  for (const auto& v : doc["variables"])
    if (v["name"] == name) return true;
  return false;
}

// 381 bytes whose macros expand to a 65,536-term sum: the parser's recursion overflowed
// the stack and the whole scan was lost. Now the scan finishes and the lexer's result
// for the file stands.
TEST(Hostile, MacroBombDoesNotLoseTheScan) {
  fs::path dir = fresh_dir("envscan_bomb");
  std::ofstream bomb(dir / "bomb.c");
  bomb << "#include <stdlib.h>\n#define A0 1\n";
  for (int i = 1; i <= 16; ++i) bomb << "#define A" << i << " A" << i - 1 << "+A" << i - 1 << "\n";
  bomb << "int x = A16;\nint f(void) { return getenv(\"BOMB_READ\") != 0; }\n";
  bomb.close();
  std::ofstream(dir / "ok.c") << "#include <stdlib.h>\nint g(void) { return getenv(\"PLAIN_READ\") != 0; }\n";
  RunResult r = run_envscan({"--no-registry", "--root", dir.string(), dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_TRUE(reads(doc, "BOMB_READ"));
  EXPECT_TRUE(reads(doc, "PLAIN_READ"));
}

// 20 million unary '!' overflow even the large parse stack: the crash is confined to
// that file (a parse-crashed diagnostic, an error for check), its lexer reads stand, and
// the other files are parsed as usual.
TEST(Hostile, ParserCrashIsConfinedToItsFile) {
  fs::path dir = fresh_dir("envscan_parser_crash");
  std::ofstream(dir / "deep.c") << "#include <stdlib.h>\nint x = " << std::string(20000000, '!')
                                << "1;\nint f(void) { return getenv(\"DEEP_READ\") != 0; }\n";
  std::ofstream(dir / "ok.c") << "#include <stdlib.h>\nint g(void) { return atoi(getenv(\"OK_READ\")); }\n";
  RunResult r = run_envscan({"--no-registry", "--root", dir.string(), dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  bool crashed = false;
  for (const auto& d : doc["diagnostics"])
    crashed |= d["file"] == "deep.c" && d["rule"] == "parse-crashed" && d["severity"] == "error";
  EXPECT_TRUE(crashed) << doc["diagnostics"].dump();
  EXPECT_TRUE(reads(doc, "DEEP_READ"));
  bool ok_from_ast = false;
  for (const auto& v : doc["variables"])
    for (const auto& s : v["sites"]) ok_from_ast |= v["name"] == "OK_READ" && s["source"] == "ast" && s["idiom"] == "atoi";
  EXPECT_TRUE(ok_from_ast) << "the other file keeps its AST";
  fs::remove_all(dir);
}

// File names are bytes: not UTF-8, with ESC, with a backslash.
TEST(Hostile, OddFileNamesAreWrittenLosslesslyAndShownSafely) {
  fs::path dir = fresh_dir("envscan_odd_names");
  auto put = [&](const std::string& name, const std::string& var) {
    std::ofstream(dir / name) << "#include <stdlib.h>\nint f(void) { return getenv(\"" << var << "\") != 0; }\n";
  };
  put("bad\xff.c", "BAD_BYTES");
  put("esc\x1b[31m.c", "ACME_ESC_NAME");  // undeclared: check reports its site
  put("back\\slash.c", "BACK_SLASH");
  RunResult r = run_envscan({"--no-registry", "--root", dir.string(), dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_TRUE(envscan::validate_inventory(nlohmann::ordered_json::parse(r.out)).empty());
  bool escaped = false;
  for (const auto& v : doc["variables"])
    for (const auto& s : v["sites"])
      if (s["file"] == "bad\\xff.c") escaped = s.value("file_escaped", false);
  EXPECT_TRUE(escaped) << r.out;
  EXPECT_TRUE(reads(doc, "BAD_BYTES") && reads(doc, "ACME_ESC_NAME") && reads(doc, "BACK_SLASH"));
  for (const char* fmt : {"text", "markdown"}) {
    RunResult t = run_envscan({"--no-registry", "--format", fmt, "--root", dir.string(), dir.string()});
    EXPECT_EQ(t.exit_code, 0);
    EXPECT_EQ(t.out.find('\x1b'), std::string::npos) << fmt << " printed a raw ESC";
    EXPECT_NE(t.out.find("esc\\x1b[31m.c"), std::string::npos) << t.out;
  }
  RunResult c = run_envscan({"check", "--registry", fx + "/registry.json", "--root", dir.string(), dir.string()});
  EXPECT_EQ(c.out.find('\x1b'), std::string::npos) << "check printed a raw ESC";
  EXPECT_NE(c.out.find("esc\\x1b[31m.c"), std::string::npos) << c.out;
}

// Clang's tooling reads a '\\' in a path as a separator: such a file must still be parsed
// with the AST (an idiom only the AST sees), quietly, in a tree and given by name.
TEST(Hostile, BackslashInFileNameIsParsedWithTheAst) {
  fs::path dir = fresh_dir("envscan_backslash");
  fs::create_directories(dir / "sub\\dir");
  const char* text = "#include <stdlib.h>\nint f(void) { return atoi(getenv(\"BACK_SLASH\")); }\n";
  std::ofstream(dir / "we\\ird.c") << text;
  std::ofstream(dir / "sub\\dir" / "in.c") << text;
  auto from_ast = [](const nlohmann::json& doc, const std::string& file) {
    for (const auto& v : doc["variables"])
      for (const auto& s : v["sites"])
        if (v["name"] == "BACK_SLASH" && s["file"] == file) return s["source"] == "ast" && s["idiom"] == "atoi";
    return false;
  };
  for (const std::vector<std::string>& where : {std::vector<std::string>{dir.string()},
                                                std::vector<std::string>{(dir / "we\\ird.c").string()}}) {
    std::vector<std::string> args = {"--no-registry", "--root", dir.string()};
    args.insert(args.end(), where.begin(), where.end());
    RunResult r = run_envscan(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "") << "no stray message from Clang's tooling";
    auto doc = nlohmann::json::parse(r.out);
    EXPECT_TRUE(from_ast(doc, "we\\ird.c")) << r.out;
    if (where.front() == dir.string()) {
      EXPECT_TRUE(from_ast(doc, "sub\\dir/in.c")) << r.out;
    }
    EXPECT_TRUE(rules_of(doc).empty()) << "no diagnostic: " << doc["diagnostics"].dump();
  }
  fs::remove_all(dir);
}

// Names a program can ask for that are no identifier: reported apart, never lost.
TEST(Hostile, OddVariableNamesGoToOtherReads) {
  fs::path dir = fresh_dir("envscan_odd_vars");
  std::ofstream(dir / "a.c") << "#include <stdlib.h>\nint f(void) { return getenv(\"my-var\") != 0 && "
                                "getenv(\"A\\0B\") != 0 && getenv(\"caf\xc3\xa9\") != 0 && getenv(\"ACME_OK\") != 0; }\n";
  RunResult r = run_envscan({"--registry", fx + "/registry.json", "--root", dir.string(), dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  std::set<std::string> others;
  for (const auto& o : doc["other_reads"]) others.insert(o["name"].get<std::string>());
  EXPECT_TRUE(others.count("my-var")) << doc["other_reads"].dump();
  EXPECT_TRUE(others.count(std::string("A\0B", 3))) << doc["other_reads"].dump();
  EXPECT_TRUE(others.count("caf\xc3\xa9")) << doc["other_reads"].dump();
  EXPECT_TRUE(reads(doc, "ACME_OK"));
  RunResult n = run_envscan({"--no-registry", "--root", dir.string(), dir.string()});
  auto nd = nlohmann::json::parse(n.out);
  EXPECT_EQ(nd["other_reads"].size(), 3u) << "without a registry too: " << nd["other_reads"].dump();
}

// A tree whose only reads go through a reader macro: no file calls getenv directly.
TEST(Hostile, ReaderMacroAloneIsFound) {
  fs::path dir = fresh_dir("envscan_macro_only");
  // Split literal: no string in the tree starts with the registry prefix either.
  std::ofstream(dir / "env.h") << "#include <stdlib.h>\n#define GET() getenv(\"ACME\" \"_MACRO_ONLY\")\n";
  std::ofstream(dir / "use.c") << "#include \"env.h\"\nint f(void) { return GET() != 0; }\n";
  RunResult r = run_envscan({"--no-registry", "--root", dir.string(), dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_TRUE(reads(doc, "ACME_MACRO_ONLY")) << r.out;
  RunResult c = run_envscan({"check", "--registry", fx + "/registry.json", "--root", dir.string(), dir.string()});
  EXPECT_EQ(c.exit_code, 1) << "an undeclared read through a macro must fail the gate: " << c.out;
  EXPECT_NE(c.out.find("ACME_MACRO_ONLY"), std::string::npos) << c.out;
}

// Meson, Bear and `ninja -t compdb` write `file` relative to `directory`.
TEST(Hostile, RelativeFileInCompileDatabaseKeepsTheAst) {
  fs::path dir = fresh_dir("envscan_relative_db");
  fs::create_directories(dir / "build");
  std::ofstream(dir / "a.c") << "#include <stdlib.h>\nint f(void) { int n = atoi(getenv(\"REL_DB_READ\")); return n; }\n";
  std::ofstream(dir / "build" / "compile_commands.json")
      << "[{\"directory\": \"" << dir.string() << "\", \"command\": \"cc -c a.c\", \"file\": \"a.c\"}]";
  RunResult r = run_envscan({"--no-registry", "-p", (dir / "build").string(), "--root", dir.string(), dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["summary"]["files_parsed"], 1) << doc["diagnostics"].dump();
  bool ast = false;
  for (const auto& v : doc["variables"])
    for (const auto& s : v["sites"]) ast |= v["name"] == "REL_DB_READ" && s["source"] == "ast" && s["idiom"] == "atoi";
  EXPECT_TRUE(ast) << r.out;
}

// Runs envscan as an unprivileged user when the tests run as root (root reads anything).
RunResult run_envscan_unprivileged(const std::vector<std::string>& args) {
  if (::geteuid() != 0) return run_envscan(args);
  std::vector<std::string> all = {"--reuid=65534", "--regid=65534", "--clear-groups", ENVSCAN_EXE};
  all.insert(all.end(), args.begin(), args.end());
  // run_envscan quotes and prefixes its executable; setpriv takes the real one as argument.
  std::string cmd = "setpriv";
  for (const auto& a : all) cmd += " '" + a + "'";
  std::string tag = std::to_string(::getpid());
  std::string out = testing::TempDir() + "/unpriv.out." + tag, err = testing::TempDir() + "/unpriv.err." + tag;
  int status = std::system((cmd + " >" + out + " 2>" + err).c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  std::remove(out.c_str());
  std::remove(err.c_str());
  return r;
}

// An unreadable directory or file was skipped silently, and check passed on it.
TEST(Hostile, UnreadableFilesAreReportedAndFailTheGate) {
  fs::path dir = fresh_dir("envscan_unreadable");
  fs::permissions(dir, fs::perms::all);
  fs::create_directories(dir / "locked");
  std::ofstream(dir / "locked" / "hidden.c") << "int f(void) { return getenv(\"ACME_HIDDEN\") != 0; }\n";
  std::ofstream(dir / "secret.c") << "int g(void) { return getenv(\"ACME_SECRET\") != 0; }\n";
  std::ofstream(dir / "ok.c") << "int h(void) { return 0; }\n";
  // The registry beside the tree: the unprivileged user may not reach the checkout's copy.
  const std::string registry = (dir / "registry.json").string();
  std::ofstream(registry) << slurp(fx + "/registry.json");
  fs::permissions(dir / "locked", fs::perms::none);
  fs::permissions(dir / "secret.c", fs::perms::none);
  RunResult r = run_envscan_unprivileged({"--no-registry", "--root", dir.string(), dir.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  std::set<std::string> unreadable;
  for (const auto& d : doc["diagnostics"])
    if (d["rule"] == "unreadable-file" && d["severity"] == "error") unreadable.insert(d["file"].get<std::string>());
  EXPECT_TRUE(unreadable.count("locked")) << doc["diagnostics"].dump();
  EXPECT_TRUE(unreadable.count("secret.c")) << doc["diagnostics"].dump();
  RunResult c = run_envscan_unprivileged(
      {"check", "--registry", registry, "--root", dir.string(), dir.string()});
  EXPECT_EQ(c.exit_code, 1) << c.out << c.err;
  EXPECT_NE(c.out.find("secret.c: error: cannot read"), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("locked: error: cannot read directory"), std::string::npos) << c.out;
  // A project can accept them as warnings.
  std::ofstream(dir / ".envscan.json") << R"({"unscanned_files": "warning"})";
  RunResult w = run_envscan_unprivileged({"check", "--registry", registry, dir.string()});
  EXPECT_EQ(w.exit_code, 0) << w.out << w.err;
  fs::permissions(dir / "locked", fs::perms::all);
  fs::permissions(dir / "secret.c", fs::perms::owner_read | fs::perms::owner_write);
}

}  // namespace

namespace {

namespace fs = std::filesystem;

struct SweepRun {
  int exit_code = -1;
  long max_rss_kb = 0;
  std::string out;
};

// Runs envscan directly (no shell) and reads its own peak RSS from wait4.
SweepRun run_measured(const std::vector<std::string>& args, const fs::path& out_file) {
  std::vector<std::string> all = {ENVSCAN_EXE, "-o", out_file.string()};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid;
  SweepRun r;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), ::environ) != 0) return r;
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.max_rss_kb = usage.ru_maxrss;
  r.out = slurp(out_file.string());
  return r;
}

// Generated pathological inputs: every one must leave a valid inventory (exit below 3)
// in bounded memory.
TEST(Sweep, PathologicalFilesGiveValidOutputInBoundedMemory) {
  fs::path dir = fs::path(testing::TempDir()) / ("envscan_sweep." + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "tree");
  auto put = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / "tree" / name, std::ios::binary) << text;
  };
  std::string nested;  // 10,000 nested #if: conditions used to grow quadratically
  for (int i = 0; i < 10000; ++i) nested += "#if NEST_" + std::to_string(i) + "\n";
  nested += "int f(void) { return getenv(\"SWEEP_NESTED\") != 0; }\n";
  for (int i = 0; i < 10000; ++i) nested += "#endif\n";
  put("nested.c", nested);
  std::string elifs = "#if E0\n";  // a long #elif chain: each arm negates every earlier one
  for (int i = 1; i < 5000; ++i) elifs += "#elif E" + std::to_string(i) + "\n";
  put("elifs.c", elifs + "int g(void) { return getenv(\"SWEEP_ELIF\") != 0; }\n#endif\n");
  std::string sum = "#include <stdlib.h>\nint x = 0";
  for (int i = 0; i < 70000; ++i) sum += "+1";
  put("sum.c", sum + ";\nint h(void) { return getenv(\"SWEEP_SUM\") != 0; }\n");
  std::string bomb = "#include <stdlib.h>\n#define A0 1\n";
  for (int i = 1; i <= 16; ++i) bomb += "#define A" + std::to_string(i) + " A" + std::to_string(i - 1) + "+A" + std::to_string(i - 1) + "\n";
  put("bomb.c", bomb + "int y = A16;\nint k(void) { return getenv(\"SWEEP_BOMB\") != 0; }\n");
  put("long_line.c", "int z = 0" + std::string(3000000, ' ') + ";\n");
  std::string binary;
  for (int i = 0; i < 200000; ++i) binary += static_cast<char>((i * 7919) & 0xff);
  put("binary.c", binary);
  put("nul\x01name\xfe.h", std::string("#define Q \"\0\" \n", 15));
  put("parens.c", std::string(100000, '(') + "\n");
  put("unterminated.c", "/* never closed\nint f(void) { return getenv(\"X\"); }\n\"open string\n#if\n#elif\n#endif\n#endif\n");
  put("empty.h", "");
  for (const auto& mode : std::vector<std::vector<std::string>>{{}, {"--no-ast"}}) {
    std::vector<std::string> args = {"--no-registry", "-j", "2", "--root", (dir / "tree").string()};
    args.insert(args.end(), mode.begin(), mode.end());
    args.push_back((dir / "tree").string());
    SweepRun r = run_measured(args, dir / "out.json");
    ASSERT_GE(r.exit_code, 0) << "envscan crashed" << (mode.empty() ? "" : " with --no-ast");
    EXPECT_LT(r.exit_code, 3);
    auto doc = nlohmann::ordered_json::parse(r.out, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << "not JSON";
    auto problems = envscan::validate_inventory(doc);
    EXPECT_TRUE(problems.empty()) << problems.front();
    EXPECT_LT(r.out.size(), 64u << 20) << "output must stay linear in the input";
    EXPECT_LT(r.max_rss_kb, 1536L * 1024) << "peak RSS " << r.max_rss_kb << " KiB";
    std::set<std::string> names;
    for (const auto& v : doc["variables"]) names.insert(v["name"].get<std::string>());
    for (const char* n : {"SWEEP_NESTED", "SWEEP_ELIF", "SWEEP_SUM", "SWEEP_BOMB"}) EXPECT_TRUE(names.count(n)) << n;
  }
  fs::remove_all(dir);
}

}  // namespace
