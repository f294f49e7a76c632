// The printed configuration (golden) and the hakmem-config command line.
//
// The golden file golden/print_config.txt is the dump for the environment in
// kGoldenEnv. After an intended change (of the printer or of the registry), refresh it:
//   HAKMEM_UPDATE_GOLDEN=1 build/tests/allocator/allocator_config_tests --gtest_filter='ConfigPrintGolden.*'
// and review the diff.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "config_harness.h"

namespace {

const std::vector<std::string> kGoldenEnv = {
    "HAKMEM_PRESET=production", "HAKMEM_TINY_REFILL_BATCH=100",  "HAKMEM_LEARN=1",
    "HAKMEM_SUPERSLAB_SIZE=8M", "HAKMEM_STATS_OUTPUT_FILE=/tmp/hakmem.log", "HAKMEM_SUPERSLAB_PREWARM=2",
    "HAKMEM_THP_MODE=never"};

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ConfigPrintGolden, EffectiveConfiguration) {
  hakmem_test::init_with(kGoldenEnv);
  std::string printed = hakmem_test::printed_config();
  std::filesystem::path golden = std::filesystem::path(GOLDEN_DIR) / "print_config.txt";
  if (std::getenv("HAKMEM_UPDATE_GOLDEN")) {
    std::ofstream(golden, std::ios::binary) << printed;
    GTEST_SKIP() << "rewrote " << golden;
  }
  EXPECT_EQ(printed, read_file(golden)) << "refresh with HAKMEM_UPDATE_GOLDEN=1 if intended";
}

struct CliRun {
  int status = -1;
  std::string out, err;
};

// Runs hakmem-config in a clean environment (env -i) plus `env`; `stdout_to` replaces
// the captured standard output (e.g. "> /dev/full").
CliRun run_cli(const std::string& env, const std::string& args, const std::string& stdout_to = "") {
  auto dir = std::filesystem::temp_directory_path();
  std::string tag = std::to_string(::getpid());
  auto out = dir / ("hakmem-config-out-" + tag), err = dir / ("hakmem-config-err-" + tag);
  std::string cmd = "env -i " + env + " " + HAKMEM_CONFIG_PATH + " " + args + " " +
                    (stdout_to.empty() ? "> " + out.string() : stdout_to) + " 2> " + err.string();
  int raw = std::system(cmd.c_str());
  CliRun r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return r;
}

TEST(HakmemConfigCli, ExplainsAndExitsZeroEvenWhenBad) {
  CliRun r = run_cli("HAKMEM_TINY_REFILL_BATCH=abc HAKMEM_TINY_REFIL_BATCH=2", "");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.err.find("HAKMEM_TINY_REFILL_BATCH='abc' is not an integer"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean HAKMEM_TINY_REFILL_BATCH?"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("HAKMEM_TINY_REFILL_BATCH=64"), std::string::npos) << r.out;
}

TEST(HakmemConfigCli, CheckFailsOnBadUnknownOrRemoved) {
  EXPECT_EQ(run_cli("HAKMEM_TINY_REFILL_BATCH=abc", "--check").status, 1);
  EXPECT_EQ(run_cli("HAKMEM_NOPE=1", "--check").status, 1);
  EXPECT_EQ(run_cli("HAKMEM_TINY_SFC_CAP=1", "--check").status, 1);
  EXPECT_EQ(run_cli("HAKMEM_TINY_P0_BATCH=8", "--check --today 2027-05-25").status, 1) << "alias past its sunset";
  CliRun ok = run_cli("HAKMEM_TINY_REFILL_BATCH=32 HAKMEM_PRESET=minimal", "--check");
  EXPECT_EQ(ok.status, 0) << ok.err;
  EXPECT_EQ(ok.err, "");
  CliRun deprecated = run_cli("HAKMEM_TINY_P0_BATCH=8", "--check --today 2027-01-01");
  EXPECT_EQ(deprecated.status, 0) << "a deprecated alias still works: a warning, not a failure";
  EXPECT_NE(deprecated.err.find("is deprecated"), std::string::npos);
}

TEST(HakmemConfigCli, HelpAndUsage) {
  CliRun help = run_cli("", "--help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("--check"), std::string::npos);
  EXPECT_EQ(run_cli("", "--frobnicate").status, 2);
  EXPECT_EQ(run_cli("", "--today 2027-13-01").status, 2);
}

TEST(HakmemConfigCli, FailedOutputIsNotSuccess) {
  CliRun full = run_cli("", "", "> /dev/full");
  EXPECT_EQ(full.status, 2);
  EXPECT_NE(full.err.find("standard output: write failed"), std::string::npos) << full.err;
  EXPECT_EQ(run_cli("", "", ">&-").status, 2) << "standard output closed";
  EXPECT_EQ(run_cli("", "--help", "> /dev/full").status, 2);
  EXPECT_EQ(run_cli("", "--quiet", "> /dev/full").status, 0) << "--quiet writes nothing to standard output";
}

TEST(HakmemConfigCli, QuietPrintsOnlyMessages) {
  CliRun r = run_cli("HAKMEM_PRESET=debug", "--quiet");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "");
  // The debug preset turns on HAKMEM_PRINT_CONFIG, so the start-up dump goes to stderr,
  // exactly as the allocator would print it.
  EXPECT_NE(r.err.find("hakmem: effective configuration (preset debug)"), std::string::npos) << r.err;
}

}  // namespace
