// `envscan check` as a gate: every rule against its triggering and clean fixture, the
// rules page, severities, suppressions, exit codes, baselines, diff, SARIF and the git
// hook in a temporary repository.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../run_envscan.h"
#include "check/output.h"
#include "check/rule.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const std::string kFixtures = ENVSCAN_CHECK_FIXTURES;
const std::string kToday = "2026-03-01";

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs a shell command; exit status and what it printed (stdout and stderr together).
RunResult sh(const std::string& cmd) {
  // One output file per call: ctest runs these tests in parallel processes.
  char tmpl[] = "/tmp/envscan_check_sh_XXXXXX";
  int fd = mkstemp(tmpl);
  if (fd >= 0) close(fd);
  int status = std::system(("(" + cmd + ") >" + quote(tmpl) + " 2>&1").c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(tmpl);
  std::remove(tmpl);
  return r;
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

fs::path fresh_dir(const std::string& name) {
  // The process id keeps concurrent runs of the suite (other checkouts) apart.
  fs::path dir = fs::path(testing::TempDir()) / (name + "_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

json check_json(const std::vector<std::string>& extra, const std::string& path, int* exit_code = nullptr) {
  std::vector<std::string> args = {"check", "--today", kToday, "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(path);
  RunResult r = run_envscan(args);
  if (exit_code) *exit_code = r.exit_code;
  EXPECT_NE(r.exit_code, 2) << r.err;
  try {
    return json::parse(r.out);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "not JSON: " << r.out << r.err;
    return json::object({{"findings", json::array()}});
  }
}

std::vector<json> of_rule(const json& report, const std::string& rule) {
  std::vector<json> out;
  for (const auto& f : report["findings"])
    if (f["rule"] == rule) out.push_back(f);
  return out;
}

// `expect-check: RULE` (optionally `line=N`) in a fixture file: a finding of RULE on
// that line (or line N) of that file.
struct Marker {
  std::string file, rule;
  unsigned line;
};

std::vector<Marker> markers(const fs::path& dir) {
  std::vector<Marker> out;
  static const std::regex re(R"(expect-check: ([a-z-]+)(?: line=([0-9]+))?)");
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path());
    std::string line;
    unsigned n = 0;
    while (std::getline(in, line)) {
      ++n;
      std::smatch m;
      if (!std::regex_search(line, m, re)) continue;
      out.push_back({fs::relative(e.path(), dir).generic_string(), m[1],
                     m[2].matched ? static_cast<unsigned>(std::stoul(m[2])) : n});
    }
  }
  return out;
}

class CheckRule : public testing::TestWithParam<std::string> {};

TEST_P(CheckRule, TriggeringFixtureReportsIt) {
  fs::path dir = fs::path(kFixtures) / GetParam() / "trigger";
  ASSERT_TRUE(fs::is_directory(dir)) << "every rule needs " << dir;
  json report = check_json({}, dir.string());
  EXPECT_FALSE(of_rule(report, GetParam()).empty()) << report.dump(2);
  for (const auto& m : markers(dir)) {
    bool found = false;
    for (const auto& f : report["findings"])
      found = found || (f["rule"] == m.rule && f["file"] == m.file && f["line"] == m.line);
    EXPECT_TRUE(found) << m.file << ":" << m.line << ": expected " << m.rule << "\n" << report.dump(2);
  }
  for (const auto& f : of_rule(report, GetParam())) {
    EXPECT_FALSE(f["message"].get<std::string>().empty());
    EXPECT_EQ(f["fingerprint"].get<std::string>().size(), 16u);
  }
}

TEST_P(CheckRule, CleanFixtureStaysQuiet) {
  fs::path dir = fs::path(kFixtures) / GetParam() / "clean";
  ASSERT_TRUE(fs::is_directory(dir)) << "every rule needs " << dir;
  json report = check_json({}, dir.string());
  EXPECT_TRUE(of_rule(report, GetParam()).empty()) << report.dump(2);
}

std::vector<std::string> rule_ids() {
  std::vector<std::string> ids;
  for (const auto* r : envscan::all_rules()) ids.push_back(r->id);
  return ids;
}

INSTANTIATE_TEST_SUITE_P(Rules, CheckRule, testing::ValuesIn(rule_ids()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return std::regex_replace(info.param, std::regex("-"), "_");
                         });

TEST(CheckRules, TheIssuesRulesAllExistWithDocs) {
  for (const char* id : {"undocumented-env", "removed-env-read", "deprecated-env-read", "raw-env-read",
                         "dead-registry-entry", "dead-flag", "undocumented-flag", "duplicate-name",
                         "default-mismatch", "type-mismatch", "docs-stale", "preset-unknown-var",
                         "preset-out-of-range", "script-unknown-var", "past-sunset", "unused-suppression"}) {
    const auto* r = envscan::find_rule(id);
    ASSERT_NE(r, nullptr) << id;
    EXPECT_GT(std::string(r->doc).size(), 80u) << id;
    EXPECT_TRUE(std::string(r->severity) == "error" || std::string(r->severity) == "warning");
  }
}

TEST(CheckRules, GeneratedRulesPageIsFresh) {
  std::string page = slurp(std::string(ENVSCAN_REPO) + "/docs/check-rules.md");
  EXPECT_EQ(page, envscan::rules_markdown())
      << "regenerate: envscan rules --format markdown -o docs/check-rules.md";
  RunResult r = run_envscan({"rules", "--format", "markdown"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, page);
}

TEST(CheckIntegration, PreCommitHookAndExampleWorkflowStayWired) {
  std::string hooks = slurp(std::string(ENVSCAN_REPO) + "/.pre-commit-hooks.yaml");
  for (const char* line : {"- id: envscan-check", "name: ", "entry: envscan check --staged", "language: system",
                           "pass_filenames: false", "always_run: true"})
    EXPECT_NE(hooks.find(line), std::string::npos) << line;
  std::string workflow = slurp(std::string(ENVSCAN_REPO) + "/docs/examples/envscan-gate.yml");
  for (const char* step : {"envscan check --format sarif -o envscan.sarif", "github/codeql-action/upload-sarif",
                           "envscan diff --format markdown", "gh pr comment"})
    EXPECT_NE(workflow.find(step), std::string::npos) << step;
}

TEST(CheckSeverities, ConfigurationRaisesLowersAndTurnsOffRules) {
  fs::path dir = fresh_dir("envscan_check_severities");
  fs::copy_file(fs::path(kFixtures) / "raw-env-read/trigger/src/app.c", dir / "app.c");
  fs::copy_file(fs::path(kFixtures) / "registry.json", dir / "registry.json");
  write(dir / ".envscan.json", R"({"registry": "registry.json", "check": {"severities": {"raw-env-read": "error", "dead-registry-entry": "off", "past-sunset": "warning"}}})");
  int rc = 0;
  json report = check_json({}, dir.string(), &rc);
  EXPECT_EQ(rc, 1) << "raw-env-read raised to error fails the check";
  ASSERT_FALSE(of_rule(report, "raw-env-read").empty());
  EXPECT_EQ(of_rule(report, "raw-env-read")[0]["severity"], "error");
  EXPECT_TRUE(of_rule(report, "dead-registry-entry").empty());

  write(dir / ".envscan.json", R"({"registry": "registry.json", "check": {"severities": {"raw-env-read": "fatal"}}})");
  RunResult bad = run_envscan({"check", dir.string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find(".envscan.json:1:"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("/check/severities/raw-env-read"), std::string::npos) << bad.err;
}

TEST(CheckSuppressions, ReasonedSuppressionSilencesItsRuleOnly) {
  fs::path dir = fs::path(kFixtures) / "unused-suppression/clean";
  json report = check_json({}, dir.string());
  EXPECT_TRUE(of_rule(report, "raw-env-read").empty()) << report.dump(2);
  EXPECT_TRUE(of_rule(report, "malformed-suppression").empty());
  EXPECT_TRUE(of_rule(report, "unused-suppression").empty());
  // Without its reason the same comment suppresses nothing and is an error itself.
  int rc = 0;
  json bad = check_json({}, (fs::path(kFixtures) / "malformed-suppression/trigger").string(), &rc);
  EXPECT_EQ(rc, 1);
  EXPECT_FALSE(of_rule(bad, "raw-env-read").empty());
}

TEST(CheckExitCodes, CleanDriftAndUsage) {
  fs::path clean = fs::path(kFixtures) / "dead-registry-entry/clean";
  EXPECT_EQ(run_envscan({"check", "--today", kToday, clean.string()}).exit_code, 0);
  EXPECT_EQ(run_envscan({"check", "--today", kToday, "--werror", clean.string()}).exit_code, 1)
      << "the clean fixture still warns (raw-env-read)";
  RunResult drift = run_envscan({"check", "--today", kToday, (fs::path(kFixtures) / "undocumented-env/trigger").string()});
  EXPECT_EQ(drift.exit_code, 1);
  EXPECT_NE(drift.out.find("app.c:3:10: error: environment variable ACME_CACHE_CAPP is read but not declared"),
            std::string::npos) << drift.out;
  EXPECT_NE(drift.out.find("note: did you mean ACME_CACHE_CAP?"), std::string::npos) << drift.out;
  EXPECT_EQ(run_envscan({"check", "--format", "yaml", clean.string()}).exit_code, 2);
  EXPECT_EQ(run_envscan({"check", "--baseline", "/nonexistent/baseline.json", clean.string()}).exit_code, 2);
  EXPECT_EQ(run_envscan({"check", "--bogus", clean.string()}).exit_code, 2);
}

TEST(CheckBaseline, OldFindingsStayQuietAfterUnrelatedEditsNewOnesAreReported) {
  fs::path dir = fresh_dir("envscan_check_baseline");
  fs::copy_file(fs::path(kFixtures) / "registry.json", dir / "registry.json");
  write(dir / ".envscan.json", R"({"registry": "registry.json"})");
  write(dir / "legacy.c", "#include <stdlib.h>\nint legacy(void) { return getenv(\"ACME_LEGACY\") != 0; }\n");
  std::string baseline = (dir / "baseline.json").string();
  RunResult w = run_envscan({"check", "--today", kToday, "--write-baseline", baseline, dir.string()});
  ASSERT_EQ(w.exit_code, 0) << w.err;
  EXPECT_EQ(run_envscan({"check", "--today", kToday, dir.string()}).exit_code, 1) << "legacy drift without baseline";
  EXPECT_EQ(run_envscan({"check", "--today", kToday, "--baseline", baseline, dir.string()}).exit_code, 0);

  // Unrelated edits move the legacy read down: still quiet.
  write(dir / "legacy.c", "#include <stdlib.h>\n/* a comment */\n\nstatic int unrelated(void) { return 1; }\n"
                          "int legacy(void) { return getenv(\"ACME_LEGACY\") != 0 && unrelated(); }\n");
  RunResult moved = run_envscan({"check", "--today", kToday, "--baseline", baseline, dir.string()});
  EXPECT_EQ(moved.exit_code, 0) << moved.out;
  EXPECT_NE(moved.err.find("in the baseline"), std::string::npos);

  // A new undeclared read is reported.
  write(dir / "fresh.c", "#include <stdlib.h>\nint fresh(void) { return getenv(\"ACME_NEW_THING\") != 0; }\n");
  RunResult fresh = run_envscan({"check", "--today", kToday, "--baseline", baseline, dir.string()});
  EXPECT_EQ(fresh.exit_code, 1);
  EXPECT_NE(fresh.out.find("ACME_NEW_THING"), std::string::npos) << fresh.out;
  EXPECT_EQ(fresh.out.find("ACME_LEGACY"), std::string::npos) << fresh.out;
}

TEST(CheckSarif, RuleMetadataAndStableFingerprints) {
  std::string dir = (fs::path(kFixtures) / "removed-env-read/trigger").string();
  RunResult a = run_envscan({"check", "--today", kToday, "--format", "sarif", dir});
  RunResult b = run_envscan({"check", "--today", kToday, "--format", "sarif", dir});
  EXPECT_EQ(a.exit_code, 1);
  EXPECT_EQ(a.out, b.out) << "deterministic";
  json s = json::parse(a.out);
  EXPECT_EQ(s["version"], "2.1.0");
  const auto& run = s["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["rules"].size(), envscan::all_rules().size());
  for (const auto& rule : run["tool"]["driver"]["rules"]) {
    EXPECT_TRUE(rule.contains("shortDescription") && rule.contains("fullDescription") && rule.contains("help"));
    EXPECT_TRUE(rule["defaultConfiguration"].contains("level"));
  }
  bool saw_removed = false;
  for (const auto& r : run["results"]) {
    EXPECT_TRUE(r["partialFingerprints"].contains("primaryLocationLineHash"));
    const auto& loc = r["locations"][0]["physicalLocation"];
    EXPECT_EQ(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    if (r["ruleId"] == "removed-env-read") {
      saw_removed = true;
      EXPECT_EQ(r["level"], "error");
      EXPECT_EQ(loc["artifactLocation"]["uri"], "app.c");
      EXPECT_GE(loc["region"]["startLine"].get<int>(), 1);
    }
  }
  EXPECT_TRUE(saw_removed);
}

TEST(CheckDiff, RenameAdditionRemovalAndStatusChange) {
  fs::path dir = fresh_dir("envscan_check_diff");
  fs::copy_file(fs::path(kFixtures) / "registry.json", dir / "registry.json");
  write(dir / ".envscan.json", R"({"registry": "registry.json"})");
  write(dir / "a.c", "#include <stdlib.h>\nint a(void) { return getenv(\"ACME_BEFORE\") != 0; }\n"
                     "int b(void) { return getenv(\"ACME_DROPPED\") != 0; }\n"
                     "int c(void) { return getenv(\"ACME_MODE\") != 0; }\n");
  std::string old_inv = (dir / "old.json").string(), new_inv = (dir / "new.json").string();
  ASSERT_EQ(run_envscan({"--today", kToday, "-o", old_inv, dir.string()}).exit_code, 0);
  write(dir / "a.c", "#include <stdlib.h>\nint a(void) { return getenv(\"ACME_AFTER\") != 0; }\n"
                     "int c(void) { return 0; }\n"
                     "int d(void) { return getenv(\"ACME_ADDED\") != 0; }\n");
  ASSERT_EQ(run_envscan({"--today", kToday, "-o", new_inv, dir.string()}).exit_code, 0);

  RunResult text = run_envscan({"diff", old_inv, new_inv});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("~ ACME_BEFORE -> ACME_AFTER"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("+ ACME_ADDED [undocumented]"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("- ACME_DROPPED [undocumented]"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("* ACME_MODE: active -> dead"), std::string::npos) << text.out;
  EXPECT_EQ(run_envscan({"diff", "--exit-code", old_inv, new_inv}).exit_code, 1);
  EXPECT_EQ(run_envscan({"diff", "--exit-code", old_inv, old_inv}).exit_code, 0);

  json j = json::parse(run_envscan({"diff", "--format", "json", old_inv, new_inv}).out);
  ASSERT_EQ(j["variables"]["renamed"].size(), 1u);
  EXPECT_EQ(j["variables"]["renamed"][0]["from"], "ACME_BEFORE");
  EXPECT_EQ(j["variables"]["renamed"][0]["to"], "ACME_AFTER");
  std::string md = run_envscan({"diff", "--format", "markdown", old_inv, new_inv}).out;
  EXPECT_NE(md.find("| renamed | `ACME_BEFORE` → `ACME_AFTER` |"), std::string::npos) << md;
  EXPECT_EQ(run_envscan({"diff", old_inv}).exit_code, 2);
}

TEST(CheckDiff, SinceScansTheRevisionAndTheWorkingTree) {
  fs::path repo = fresh_dir("envscan_check_diff_since");
  fs::copy_file(fs::path(kFixtures) / "registry.json", repo / "registry.json");
  write(repo / ".envscan.json", R"({"registry": "registry.json"})");
  write(repo / "src/a.c", "#include <stdlib.h>\nint a(void) { return getenv(\"ACME_BEFORE\") != 0; }\n");
  std::string cd = "cd " + quote(repo.string()) + " && ";
  std::string git = "git -c user.name=t -c user.email=t@example.invalid -c commit.gpgsign=false ";
  ASSERT_EQ(sh(cd + "git init -q . && " + git + "add -A && " + git + "commit -qm init").exit_code, 0);
  write(repo / "src/a.c", "#include <stdlib.h>\nint a(void) { return getenv(\"ACME_AFTER\") != 0; }\n");
  RunResult r = sh(cd + quote(ENVSCAN_EXE) + " diff --since HEAD src/");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("~ ACME_BEFORE -> ACME_AFTER"), std::string::npos) << r.out;
  EXPECT_EQ(sh(cd + quote(ENVSCAN_EXE) + " diff --since no-such-rev src/").exit_code, 2);
}

// The story of the issue: a developer adds a read of an undeclared variable; the hook
// refuses the commit with the message; declaring it lets the commit through.
TEST(CheckHook, RefusesTheCommitUntilTheRegistryDeclaresTheVariable) {
  fs::path repo = fresh_dir("envscan_check_hook");
  fs::copy_file(fs::path(kFixtures) / "registry-min.json", repo / "registry.json");
  write(repo / ".envscan.json", R"({"registry": "registry.json", "check": {"raw_env_allow": ["**"]}})");
  write(repo / "src/app.c", "#include <stdlib.h>\nint only(void) { return getenv(\"ACME_ONLY\") != 0; }\n");
  std::string cd = "cd " + quote(repo.string()) + " && ";
  std::string git = "git -c user.name=t -c user.email=t@example.invalid -c commit.gpgsign=false ";
  ASSERT_EQ(sh(cd + "git init -q . && " + git + "add -A && " + git + "commit -qm init").exit_code, 0);

  // A foreign hook is kept unless --force.
  write(repo / ".git/hooks/pre-commit", "#!/bin/sh\nexit 0\n");
  RunResult refused = sh(cd + quote(ENVSCAN_EXE) + " install-hook src/");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.out.find("--force"), std::string::npos) << refused.out;
  RunResult installed = sh(cd + quote(ENVSCAN_EXE) + " install-hook --force src/");
  ASSERT_EQ(installed.exit_code, 0) << installed.out;
  EXPECT_EQ(sh(cd + quote(ENVSCAN_EXE) + " install-hook src/").exit_code, 0) << "its own hook is rewritten";

  write(repo / "src/new.c", "#include <stdlib.h>\nint t(void) { return getenv(\"ACME_NEW_THING\") != 0; }\n");
  RunResult blocked = sh(cd + git + "add -A && " + git + "commit -qm 'read ACME_NEW_THING'");
  EXPECT_NE(blocked.exit_code, 0) << blocked.out;
  EXPECT_NE(blocked.out.find("src/new.c:2:22: error: environment variable ACME_NEW_THING is read but not declared in registry.json [undocumented-env]"),
            std::string::npos) << blocked.out;
  EXPECT_NE(blocked.out.find("to declare it, add {\"name\": \"ACME_NEW_THING\""), std::string::npos) << blocked.out;

  // Fixing the file without staging the fix does not help: the index is what is committed.
  write(repo / "src/new.c", "int t(void) { return 0; }\n");
  RunResult unstaged_fix = sh(cd + git + "commit -qm 'read ACME_NEW_THING'");
  EXPECT_NE(unstaged_fix.exit_code, 0) << unstaged_fix.out;
  EXPECT_NE(unstaged_fix.out.find("ACME_NEW_THING is read but not declared"), std::string::npos) << unstaged_fix.out;
  write(repo / "src/new.c", "#include <stdlib.h>\nint t(void) { return getenv(\"ACME_NEW_THING\") != 0; }\n");

  std::string reg = slurp((repo / "registry.json").string());
  reg.replace(reg.find("  ],\n  \"build_flags\""), 4,
              "    ,{\"name\": \"ACME_NEW_THING\", \"type\": \"bool\", \"default\": false, \"layer\": \"core\", "
              "\"status\": \"active\", \"accessor\": \"new_thing\", \"description\": \"New.\"}\n  ],");
  write(repo / "registry.json", reg);
  RunResult passed = sh(cd + git + "add -A && " + git + "commit -qm 'read ACME_NEW_THING, declared'");
  EXPECT_EQ(passed.exit_code, 0) << passed.out;
}

TEST(CheckStaged, ReportsStagedFilesAndEverythingWhenTheRegistryIsStaged) {
  fs::path repo = fresh_dir("envscan_check_staged");
  fs::copy_file(fs::path(kFixtures) / "registry-min.json", repo / "registry.json");
  write(repo / ".envscan.json", R"({"registry": "registry.json", "check": {"raw_env_allow": ["**"]}})");
  write(repo / "old.c", "#include <stdlib.h>\nint o(void) { return getenv(\"ACME_LEGACY\") != 0; }\n");
  write(repo / "ok.c", "#include <stdlib.h>\nint k(void) { return getenv(\"ACME_ONLY\") != 0; }\n");
  std::string cd = "cd " + quote(repo.string()) + " && ";
  std::string git = "git -c user.name=t -c user.email=t@example.invalid -c commit.gpgsign=false ";
  ASSERT_EQ(sh(cd + "git init -q . && " + git + "add -A && " + git + "commit -qm init").exit_code, 0);
  std::string check = quote(ENVSCAN_EXE) + " check --today " + kToday + " --staged . ";
  write(repo / "ok.c", "#include <stdlib.h>\nint k(void) { return getenv(\"ACME_ONLY\") == 0; }\n");
  sh(cd + "git add ok.c");
  RunResult only_ok = sh(cd + check);
  EXPECT_EQ(only_ok.exit_code, 0) << "old.c's drift is not staged\n" << only_ok.out;
  std::string reg = slurp((repo / "registry.json").string());
  write(repo / "registry.json", reg + "\n");
  sh(cd + "git add registry.json");
  RunResult all = sh(cd + check);
  EXPECT_EQ(all.exit_code, 1) << all.out;
  EXPECT_NE(all.out.find("old.c:2:"), std::string::npos) << all.out;
  EXPECT_EQ(sh(cd + quote(ENVSCAN_EXE) + " check --since HEAD .").exit_code, 1);
  EXPECT_EQ(sh(cd + quote(ENVSCAN_EXE) + " check --since no-such-rev .").exit_code, 2);
}

}  // namespace
