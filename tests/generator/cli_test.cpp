// envgen's command line: exit codes, --check, and writing only what changed.
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <cstdlib>
#include <thread>

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

// `timeout` turns a hang (reading a FIFO or an endless device) into a failure.
RunResult run_envgen(const fs::path& dir, const std::string& args) {
  std::string cmd = "timeout 60 " + std::string(ENVGEN_PATH) + " " + args + " > " + (dir / "stdout").string() + " 2> " +
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

TEST_F(Cli, DeviceOutputIsWrittenInPlaceNeverReadNorReplaced) {
  // /dev/full: the old content is not read (it never ends), the write fails loudly and
  // the node stays a device.
  std::string args = acme_inputs() + outputs(dir_) + " --today 2026-03-01";
  RunResult r = run_envgen(dir_, acme_inputs() + " --header /dev/full --configuration " +
                                     (dir_ / "out/CONFIGURATION.md").string() + " --deprecated " +
                                     (dir_ / "out/DEPRECATED.md").string() + " --build-flags " +
                                     (dir_ / "out/BUILD_FLAGS.md").string() + " --today 2026-03-01");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("/dev/full: write failed"), std::string::npos) << r.err;
  struct stat st {};
  ASSERT_EQ(::stat("/dev/full", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode)) << "the device node was replaced";
}

TEST_F(Cli, FifoOutputIsWrittenInPlace) {
  ASSERT_EQ(run_envgen(dir_, acme_inputs() + outputs(dir_) + " --today 2026-03-01").status, 0);
  std::string expected = read_text(dir_ / "out/config.h");
  fs::path fifo = dir_ / "header.fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string got;
  std::thread reader([&] { got = read_text(fifo); });
  RunResult r = run_envgen(dir_, acme_inputs() + " --header " + fifo.string() + " --configuration " +
                                     (dir_ / "out/CONFIGURATION.md").string() + " --deprecated " +
                                     (dir_ / "out/DEPRECATED.md").string() + " --build-flags " +
                                     (dir_ / "out/BUILD_FLAGS.md").string() + " --today 2026-03-01");
  reader.join();
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(got, expected);
  EXPECT_TRUE(fs::is_fifo(fifo)) << "the FIFO was replaced by a regular file";
}

TEST_F(Cli, TemporaryFilesCannotBeRedirectedByPlantedSymlinks) {
  // Plant symlinks at every name the old scheme (PATH.envgen-tmp.PID) could pick for
  // the next few processes: a write through any of them would reach the victim.
  fs::path victim = dir_ / "victim";
  envgen_test::write_text(victim, "precious\n");
  pid_t next = ::getpid();
  for (int i = 0; i < 400; ++i)
    fs::create_symlink(victim, dir_ / ("out/config.h.envgen-tmp." + std::to_string(next + i)));
  ASSERT_EQ(run_envgen(dir_, acme_inputs() + outputs(dir_) + " --today 2026-03-01").status, 0);
  EXPECT_EQ(read_text(victim), "precious\n");
  EXPECT_FALSE(fs::is_symlink(dir_ / "out/config.h"));
}

// --header HEADER --configuration CONFIGURATION with fixed documents for the other two.
std::string two_outputs(const fs::path& dir, const std::string& header, const std::string& configuration) {
  return acme_inputs() + " --header " + header + " --configuration " + configuration + " --deprecated " +
         (dir / "out/d.md").string() + " --build-flags " + (dir / "out/b.md").string() + " --today 2026-03-01";
}

TEST_F(Cli, TwoOutputsNamingOnePathAreAUsageError) {
  RunResult r = run_envgen(dir_, two_outputs(dir_, (dir_ / "out/x").string(), (dir_ / "out/x").string()));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--header '" + (dir_ / "out/x").string() + "' and --configuration '"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("name the same file"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "out/x"));
}

// One file reached by two spellings: the last write would silently win.
TEST_F(Cli, TwoOutputsReachingOneFileAreAUsageError) {
  envgen_test::write_text(dir_ / "out/real.md", "old\n");
  fs::create_directories(dir_ / "out/sub");
  fs::create_symlink(dir_ / "out/real.md", dir_ / "out/link.md");
  fs::create_hard_link(dir_ / "out/real.md", dir_ / "out/hard.md");
  fs::create_directories(dir_ / "out/new");
  fs::create_directory_symlink(dir_ / "out/new", dir_ / "out/alias");
  const std::string real = (dir_ / "out/real.md").string();
  const std::pair<std::string, std::string> cases[] = {
      {real, (dir_ / "out/link.md").string()},                                 // a symlink
      {real, (dir_ / "out/hard.md").string()},                                 // a hard link
      {real, (dir_ / "out/sub/../real.md").string()},                          // dir/../file
      {(dir_ / "out/new/x.md").string(), (dir_ / "out/alias/x.md").string()},  // not there yet, via a linked folder
      {(dir_ / "out/new/y.md").string(), (dir_ / "out/sub/../new/y.md").string()},  // not there yet, dir/..
  };
  for (const auto& [a, b] : cases) {
    SCOPED_TRACE(a + " vs " + b);
    RunResult r = run_envgen(dir_, two_outputs(dir_, a, b));
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find("' name the same file"), std::string::npos) << r.err;
    EXPECT_EQ(read_text(dir_ / "out/real.md"), "old\n");
    EXPECT_FALSE(fs::exists(dir_ / "out/new/x.md"));
    EXPECT_FALSE(fs::exists(dir_ / "out/d.md")) << "nothing may be written";
  }
}

// `link/../x.md` is x.md beside the link's target, not beside the link: two files.
TEST_F(Cli, OutputsThatOnlyLookAlikeAreBothWritten) {
  fs::create_directories(dir_ / "out/deep/er");
  fs::create_directory_symlink(dir_ / "out/deep/er", dir_ / "out/short");
  RunResult r = run_envgen(dir_, two_outputs(dir_, (dir_ / "out/x.md").string(), (dir_ / "out/short/../x.md").string()));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(read_text(dir_ / "out/x.md").find("#ifndef ACME_CONFIG_H"), std::string::npos) << "the header";
  EXPECT_EQ(read_text(dir_ / "out/deep/x.md").rfind("# ", 0), 0u) << "the configuration document";
}

// Registry strings reach comments, strings, tables and prose of the outputs: none of
// them may break out of its context.
TEST_F(Cli, HostileRegistryStringsStayInTheirContext) {
  std::string reg = read_text(fixture("acme/registry.json"));
  auto replace = [&](const std::string& from, const std::string& to) {
    auto at = reg.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    reg.replace(at, from.size(), to);
  };
  replace(R"("name": "ACME", )", R"("name": "ACME */\n#error injected through the project name\n/* ", )");
  replace(R"("default": "/tmp/acme.log")", R"("default": "/tmp/*/\n#error injected through a default")");
  replace(R"("description": "Per-thread caches.")",
          R"("description": "Per-thread\n# Fake heading <script>alert(1)</script> --> | x")");
  // The registry directory ends a C comment and an HTML comment too: "reg*-->/registry.json".
  fs::path hostile_dir = dir_ / "reg*-->";
  envgen_test::write_text(hostile_dir / "registry.json", reg);
  RunResult r = run_envgen(dir_, " --registry '" + (hostile_dir / "registry.json").string() + "' --presets " +
                                     fixture("acme/presets") + outputs(dir_) + " --today 2026-03-01");
  ASSERT_EQ(r.status, 0) << r.err;
  std::string header = read_text(dir_ / "out/config.h");
  // Compiles as C: no comment was ended early.
  envgen_test::write_text(dir_ / "use.c", "#include \"" + (dir_ / "out/config.h").string() + "\"\nint main(void) { return 0; }\n");
  std::string cc = "cc -std=c11 -fsyntax-only " + (dir_ / "use.c").string() + " 2> " + (dir_ / "cc.err").string();
  EXPECT_EQ(std::system(cc.c_str()), 0) << read_text(dir_ / "cc.err");
  EXPECT_EQ(header.find("\n#error"), std::string::npos);
  std::string config = read_text(dir_ / "out/CONFIGURATION.md");
  EXPECT_EQ(config.find("\n# Fake heading"), std::string::npos) << "a newline in prose started a heading";
  EXPECT_EQ(config.find("<script>"), std::string::npos);
  EXPECT_NE(config.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(config.find("\n#error"), std::string::npos);
  for (const char* doc : {"out/CONFIGURATION.md", "out/DEPRECATED.md", "out/BUILD_FLAGS.md"}) {
    std::string text = read_text(dir_ / doc);
    std::string first = text.substr(text.find("<!--"), text.find('\n', text.find("<!--")) - text.find("<!--"));
    EXPECT_EQ(first.find("-->"), first.size() - 3) << doc << ": the comment ends only at its end: " << first;
  }
}

}  // namespace
