// Safe input and output shared by the tools: regular files only on input, with a cap;
// atomic replacement of regular files and in-place writes to devices and FIFOs.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "envkit/file_io.h"
#include "envkit/json_source.h"

namespace {
namespace fs = std::filesystem;
using envkit::ReadStatus;

class FileIo : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("envkit-file-io-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
            std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  static std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  fs::path dir_;
};

TEST_F(FileIo, ReadRefusesEndlessDevicesAtOnce) {
  std::string text, error;
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(envkit::read_regular_file("/dev/zero", text, error), ReadStatus::Error);
  EXPECT_NE(error.find("not a regular file"), std::string::npos) << error;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  EXPECT_TRUE(text.empty());
}

TEST_F(FileIo, ReadRefusesAFifoWithoutWaitingForAWriter) {
  fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string text, error;
  EXPECT_EQ(envkit::read_regular_file(fifo.string(), text, error), ReadStatus::Error);
  EXPECT_NE(error.find("not a regular file"), std::string::npos) << error;
}

TEST_F(FileIo, ReadCapsTheSize) {
  std::ofstream(dir_ / "big") << std::string(1000, 'x');
  std::string text, error;
  EXPECT_EQ(envkit::read_regular_file((dir_ / "big").string(), text, error, 999), ReadStatus::Error);
  EXPECT_NE(error.find("larger than 999 bytes"), std::string::npos) << error;
  EXPECT_EQ(envkit::read_regular_file((dir_ / "big").string(), text, error, 1000), ReadStatus::Ok);
  EXPECT_EQ(text.size(), 1000u);
  EXPECT_EQ(envkit::read_regular_file((dir_ / "none").string(), text, error), ReadStatus::Missing);
}

TEST_F(FileIo, JsonLoaderNamesWhyAFileWasRefused) {
  envkit::Diagnostic err;
  EXPECT_FALSE(envkit::load_json_file("/dev/zero", err));
  EXPECT_EQ(err.str(), "/dev/zero: error: cannot read file: not a regular file (a device, FIFO or socket); refused [io]");
}

TEST_F(FileIo, WriteReplacesARegularFileKeepingItsMode) {
  fs::path out = dir_ / "out.txt";
  std::ofstream(out) << "old";
  ::chmod(out.c_str(), 0640);
  EXPECT_EQ(envkit::write_output_file(out.string(), "new"), "");
  EXPECT_EQ(slurp(out), "new");
  struct stat st;
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1) << "no temporary file left";
}

TEST_F(FileIo, WriteFollowsASymlinkAndKeepsIt) {
  std::ofstream(dir_ / "real") << "old";
  fs::create_symlink("real", dir_ / "link");
  EXPECT_EQ(envkit::write_output_file((dir_ / "link").string(), "new"), "");
  EXPECT_TRUE(fs::is_symlink(dir_ / "link"));
  EXPECT_EQ(slurp(dir_ / "real"), "new");
}

TEST_F(FileIo, WriteToAFifoWritesInPlace) {
  fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string got;
  std::thread reader([&] { got = slurp(fifo); });
  EXPECT_EQ(envkit::write_output_file(fifo.string(), "through the pipe"), "");
  reader.join();
  EXPECT_EQ(got, "through the pipe");
  EXPECT_TRUE(fs::is_fifo(fifo)) << "the FIFO was replaced by a regular file";
}

TEST_F(FileIo, WriteFailuresOnDevicesAreReported) {
  std::string err = envkit::write_output_file("/dev/full", "x");
  EXPECT_NE(err.find("/dev/full: write failed"), std::string::npos) << err;
  EXPECT_TRUE(fs::is_character_file("/dev/full"));
  EXPECT_NE(envkit::write_output_file(dir_.string(), "x"), "");
  EXPECT_NE(envkit::write_output_file((dir_ / "missing-dir/out").string(), "x"), "");
}

}  // namespace
