// envgen's command line: exit codes, --check, and writing only what changed.
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdlib>

#include <gtest/gtest.h>

#include "test_support.h"

namespace {

namespace fs = std::filesystem;
using envgen_test::fixture;
using envgen_test::read_text;

struct RunResult {
  int status = -1;
  std::string out, err;
};

RunResult run_envgen(const fs::path& dir, const std::string& args) {
  std::string cmd = std::string(ENVGEN_PATH) + " " + args + " > " + (dir / "stdout").string() + " 2> " +
                    (dir / "stderr").string();
  int raw = std::system(cmd.c_str());
  RunResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = read_text(dir / "stdout");
  r.err = read_text(dir / "stderr");
  return r;
}

std::string outputs(const fs::path& dir) {
  return " --header " + (dir / "out/config.h").string() + " --configuration " + (dir / "out/CONFIGURATION.md").string() +
         " --deprecated " + (dir / "out/DEPRECATED.md").string() + " --build-flags " +
         (dir / "out/BUILD_FLAGS.md").string();
}

std::string acme_inputs() {
  return " --registry " + fixture("acme/registry.json") + " --presets " + fixture("acme/presets");
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = envgen_test::scratch_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "out");
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(Cli, HelpTeachesUsage) {
  RunResult r = run_envgen(dir_, "--help");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("--check"), std::string::npos);
  EXPECT_NE(r.out.find("--today YYYY-MM-DD"), std::string::npos);
}

TEST_F(Cli, UsageErrorsExit2) {
  EXPECT_EQ(run_envgen(dir_, "--registry x.json").status, 2);
  RunResult r = run_envgen(dir_, "--bogus");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("unknown argument '--bogus'"), std::string::npos) << r.err;
  r = run_envgen(dir_, acme_inputs() + outputs(dir_) + " --today 2026-02-30");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--today '2026-02-30' is not a date"), std::string::npos) << r.err;
}

TEST_F(Cli, BadPresetExits1NamingFileAndPointer) {
  RunResult r = run_envgen(dir_, " --registry " + fixture("acme/registry.json") + " --presets " +
                               fixture("bad-presets/out-of-range") + outputs(dir_));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("range.json:6:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/settings/ACME_DEBUG"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "out/config.h"));
}

TEST_F(Cli, BadRegistryExits1) {
  envgen_test::write_text(dir_ / "broken.json", "{\n  \"schema\": \"config-registry/1\",\n  \"project\": \n}\n");
  RunResult r = run_envgen(dir_, " --registry " + (dir_ / "broken.json").string() + " --presets " + fixture("acme/presets") +
                               outputs(dir_));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("broken.json:4:"), std::string::npos) << r.err;
}

TEST_F(Cli, CheckReportsStaleFilesAndWritesNothing) {
  std::string args = acme_inputs() + outputs(dir_) + " --today 2026-03-01";
  RunResult r = run_envgen(dir_, args + " --check");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("config.h: error: stale generated file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("BUILD_FLAGS.md: error: stale"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("hint: regenerate with `cmake --build build --target regen`"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "out/config.h"));

  ASSERT_EQ(run_envgen(dir_, args).status, 0);
  EXPECT_EQ(run_envgen(dir_, args + " --check").status, 0);

  // One edited file is named alone.
  envgen_test::write_text(dir_ / "out/CONFIGURATION.md", "edited by hand\n");
  r = run_envgen(dir_, args + " --check");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("CONFIGURATION.md: error: stale"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("config.h: error"), std::string::npos) << r.err;
}

TEST_F(Cli, WritesOnlyChangedFiles) {
  std::string args = acme_inputs() + outputs(dir_) + " --today 2026-03-01";
  ASSERT_EQ(run_envgen(dir_, args).status, 0);
  struct stat before {};
  ASSERT_EQ(::stat((dir_ / "out/config.h").c_str(), &before), 0);
  RunResult r = run_envgen(dir_, args);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "") << "nothing changed, nothing should be written";
  struct stat after {};
  ASSERT_EQ(::stat((dir_ / "out/config.h").c_str(), &after), 0);
  EXPECT_EQ(before.st_ino, after.st_ino);

  // After the aliases' sunset only DEPRECATED.md changes.
  r = run_envgen(dir_, acme_inputs() + outputs(dir_) + " --today 2026-07-01");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("wrote " + (dir_ / "out/DEPRECATED.md").string()), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("config.h"), std::string::npos) << r.out;
  for (const auto& entry : fs::directory_iterator(dir_ / "out"))
    EXPECT_EQ(entry.path().string().find(".envgen-tmp."), std::string::npos) << "temporary file left behind";
}

}  // namespace
