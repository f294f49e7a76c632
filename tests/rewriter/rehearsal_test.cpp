// The migration rehearsal: a legacy corpus (rehearsal/legacy) that reads all 50 names of
// the founding document the way legacy code does is migrated with one command against
// the real registry, on a branch with a PR description. Both versions are built with the
// real runtime layer and run under a matrix of environments; their effective settings
// must be identical (invalid values: the documented differences). A second run changes
// nothing, and envscan finds no direct read of a registry name afterwards.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.h"

using namespace rwtest;

namespace {

const fs::path repo = REPO_ROOT;

struct Env {
  std::vector<std::string> vars;
};

std::string run_with(const fs::path& bin, const std::vector<std::string>& vars, std::string* err = nullptr) {
  std::string cmd = "env -i PATH=/usr/bin:/bin";
  for (const auto& v : vars) cmd += " " + quote(v);
  Result r = sh(cmd + " " + quote(bin.string()));
  EXPECT_EQ(r.code, 0) << r.err;
  if (err) *err = r.err;
  return r.out;
}

std::string field(const std::string& out, const std::string& name) {
  auto p = out.find(name + "=");
  if (p == std::string::npos) return "?";
  return out.substr(p + name.size() + 1, out.find('\n', p) - p - name.size() - 1);
}

void write_compile_db(const fs::path& tree, const fs::path& build) {
  nlohmann::json db = nlohmann::json::array();
  for (const char* f : {"src/tiny.c", "src/superslab.c", "src/learn.c", "src/debug.c", "tools/print_settings.c"})
    db.push_back({{"directory", tree.string()},
                  {"file", (tree / f).string()},
                  {"arguments",
                   {"cc", "-std=gnu11", "-DHAKMEM_TINY_P0_BATCH_REFILL=1", "-DPOOL_TLS_PHASE1=0", "-I" + (tree / "include").string(),
                    "-I" + (tree / "src").string(), "-I" + (repo / "allocator/include").string(), "-c", (tree / f).string()}}});
  fs::create_directories(build);
  std::ofstream(build / "compile_commands.json") << db.dump(2);
}

}  // namespace

TEST(Rehearsal, LegacyCorpusMigratesOnABranchWithUnchangedBehaviour) {
  fs::path work = fresh_dir("rehearsal");
  fs::path legacy = work / "legacy", migrated = work / "migrated", build = work / "build";
  copy_tree(repo / "tests/rewriter/rehearsal/legacy", legacy);
  copy_tree(repo / "tests/rewriter/rehearsal/legacy", migrated);
  write_compile_db(migrated, build);
  ASSERT_EQ(sh("git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -q -m legacy", migrated.string()).code, 0);

  std::vector<std::string> common = {"--registry", (repo / "allocator/config/registry.json").string(), "-p", build.string(),
                                     "--today", "2026-12-03", "-j", "2"};
  // One command: branch, one commit per rule, PR description.
  std::vector<std::string> pr = {"pr", "config-migration"};
  pr.insert(pr.end(), common.begin(), common.end());
  pr.push_back(migrated.string());
  std::string cmd = "GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t " + quote(ENVREWRITE_EXE);
  for (const auto& a : pr) cmd += " " + quote(a);
  Result r = sh(cmd, migrated.string());
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  std::string body = slurp(migrated / ".git/envrewrite/config-migration.md");
  EXPECT_NE(body.find("| `HAKMEM_TINY_P0_BATCH` | `hakmem_tiny_refill_batch()` |"), std::string::npos) << body;
  std::ofstream(work / "pr.md") << body;

  // Idempotent.
  std::vector<std::string> again = common;
  again.push_back(migrated.string());
  Result second = envrewrite(again);
  EXPECT_EQ(second.code, 0) << second.out << second.err;
  EXPECT_EQ(second.out, "");

  // envscan: no direct read of a registry name remains.
  Result scan = sh(quote(ENVSCAN_EXE) + " --registry " + quote((repo / "allocator/config/registry.json").string()) + " -p " +
                   quote(build.string()) + " --today 2026-12-03 " + quote(migrated.string()));
  ASSERT_EQ(scan.code, 0) << scan.err;
  auto inv = nlohmann::json::parse(scan.out);
  int raw = 0, accessor = 0;
  for (const auto& v : inv["variables"])
    for (const auto& s : v["sites"]) {
      if (s["via"] == "accessor") ++accessor;
      else {
        ++raw;
        ADD_FAILURE() << "raw read left: " << v["name"] << " at " << s["file"] << ":" << s["line"];
      }
    }
  EXPECT_EQ(raw, 0);
  EXPECT_GE(accessor, 18);

  // Build both with the real runtime layer.
  std::string env = "CC=cc HAKMEM_INCLUDE=" + quote((repo / "allocator/include").string()) + " HAKMEM_LIB=" + quote(HAKMEM_CONFIG_LIB);
  Result b1 = sh(env + " sh " + quote((legacy / "build.sh").string()) + " " + quote((work / "legacy.bin").string()));
  ASSERT_EQ(b1.code, 0) << b1.err;
  Result b2 = sh(env + " sh " + quote((migrated / "build.sh").string()) + " " + quote((work / "migrated.bin").string()));
  ASSERT_EQ(b2.code, 0) << b2.err;
  EXPECT_EQ(slurp(migrated / "build.sh").find("-DHAKMEM_TINY_P0_BATCH_REFILL"), std::string::npos);

  // Valid values: identical effective settings.
  std::vector<std::vector<std::string>> matrix = {
      {},
      {"HAKMEM_TINY_P0_BATCH=32"},
      {"HAKMEM_TINY_REFILL_BATCH=16"},
      {"HAKMEM_TINY_REFILL_BATCH=16", "HAKMEM_TINY_P0_BATCH=32"},
      {"HAKMEM_DEBUG_LEVEL=2"},
      {"HAKMEM_DEBUG_MID=1"},
      {"HAKMEM_DEBUG_POOL=1"},
      {"HAKMEM_DEBUG_TINY=1"},
      {"HAKMEM_TRACE_ALLOCATIONS=1"},
      {"HAKMEM_TINY_PREWARM_TLS=1"},
      {"HAKMEM_PROFILE_LEVEL=3"},
      {"HAKMEM_STATS_INTERVAL_MS=250"},
      {"HAKMEM_STATS_OUTPUT_FILE=/tmp/hakmem-stats.txt"},
      {"HAKMEM_SUPERSLAB_LAZY=0"},
      {"HAKMEM_SUPERSLAB_REUSE=0"},
      {"HAKMEM_SUPERSLAB_LAZY=0", "HAKMEM_SUPERSLAB_PREWARM=8"},
      {"HAKMEM_ALLOC_LEARN=1"},
      {"HAKMEM_ALLOC_LEARN=0", "HAKMEM_LEARN=1"},
      {"HAKMEM_LEARN=1"},
      {"HAKMEM_ADAPTIVE_SIZING_INTERVAL_MS=2000"},
      {"HAKMEM_LEARN_RATE=0.25"},
      {"HAKMEM_LEARN_DECAY=0.5"},
      {"HAKMEM_LEARN_MIN_SAMPLES=50"},
      {"HAKMEM_TINY_LEARN_WINDOW=500"},
      {"HAKMEM_THP_LEARN=1"},
      {"HAKMEM_TINY_P0_BATCH=8", "HAKMEM_DEBUG_LEVEL=1", "HAKMEM_LEARN=1", "HAKMEM_LEARN_RATE=0.5", "HAKMEM_SUPERSLAB_LAZY=0"},
  };
  for (const auto& vars : matrix) {
    std::string before = run_with(work / "legacy.bin", vars);
    std::string after = run_with(work / "migrated.bin", vars);
    std::string label;
    for (const auto& v : vars) label += v + " ";
    EXPECT_EQ(before, after) << "environment: " << (label.empty() ? "(defaults)" : label);
  }

  // Invalid values: the accessor's strict parsing, documented in tools/rewriter/README.md.
  std::string defaults = run_with(work / "migrated.bin", {});
  std::string err;
  std::string bad = run_with(work / "migrated.bin", {"HAKMEM_TINY_P0_BATCH=abc"}, &err);
  EXPECT_EQ(field(bad, "refill_batch"), "64");                                                    // registry default
  EXPECT_EQ(field(run_with(work / "legacy.bin", {"HAKMEM_TINY_P0_BATCH=abc"}), "refill_batch"), "0");  // atoi
  EXPECT_NE(err.find("HAKMEM_TINY_P0_BATCH"), std::string::npos) << "the runtime layer names the bad value";
  EXPECT_EQ(field(run_with(work / "migrated.bin", {"HAKMEM_DEBUG_LEVEL=9"}), "debug_level"), "3");  // clamped
  EXPECT_EQ(field(run_with(work / "legacy.bin", {"HAKMEM_DEBUG_LEVEL=9"}), "debug_level"), "9");
  EXPECT_EQ(field(run_with(work / "migrated.bin", {"HAKMEM_SUPERSLAB_PREWARM=12x"}), "superslab_prewarm"), "0");
  EXPECT_EQ(field(run_with(work / "migrated.bin", {"HAKMEM_DEBUG_MID=0"}), "debug_mid"), "0");  // legacy: set, so 1
  // Registry conflicts are resolved by the runtime layer: prewarming needs lazy mode off.
  EXPECT_EQ(field(run_with(work / "migrated.bin", {"HAKMEM_SUPERSLAB_PREWARM=8"}), "superslab_prewarm"), "0");
  EXPECT_EQ(field(run_with(work / "legacy.bin", {"HAKMEM_SUPERSLAB_PREWARM=8"}), "superslab_prewarm"), "8");
}
