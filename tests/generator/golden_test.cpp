// Golden tests: the generator's four outputs for the ACME fixture registry
// (fixtures/acme/), compared byte for byte with the committed copies in expected/.
//
// To refresh the expected files after an intended change of the generator, run
//   ENVGEN_UPDATE_GOLDEN=1 build/tests/generator/generator_tests --gtest_filter='Golden.*'
// then review `git diff tests/generator/expected` before committing.
#include <unistd.h>

#include <cstdlib>

#include <gtest/gtest.h>

#include "test_support.h"

namespace {

using envgen_test::load_acme;
using envgen_test::read_text;

// The fixture's events are 2025-01-01, 2025-07-01, 2026-01-01, 2026-07-01 and
// 2026-09-01; this date lies inside the aliases' deprecation window.
const envkit::Date kToday{2026, 3, 1};

void expect_golden(const std::string& rel, const std::string& actual) {
  std::filesystem::path path = std::filesystem::path(EXPECTED_DIR) / rel;
  if (std::getenv("ENVGEN_UPDATE_GOLDEN")) {
    envgen_test::write_text(path, actual);
    GTEST_SKIP() << "rewrote " << path;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing; run with ENVGEN_UPDATE_GOLDEN=1";
  EXPECT_EQ(read_text(path), actual) << "generated output differs from " << path
                                     << "; if intended, refresh with ENVGEN_UPDATE_GOLDEN=1";
}

class Golden : public ::testing::Test {
 protected:
  void SetUp() override {
    bool ok = false;
    in_ = load_acme(diags_, ok);
    ASSERT_TRUE(ok) << (diags_.empty() ? std::string("?") : diags_.front().str());
  }
  std::vector<envkit::Diagnostic> diags_;
  envgen::Inputs in_;
};

TEST_F(Golden, Header) {
  std::string header;
  ASSERT_TRUE(envgen::render_header(in_, header, diags_));
  expect_golden("acme/config.h", header);
}

TEST_F(Golden, Configuration) { expect_golden("CONFIGURATION.md", envgen::render_configuration(in_)); }
TEST_F(Golden, Deprecated) { expect_golden("DEPRECATED.md", envgen::render_deprecated(in_, kToday)); }
TEST_F(Golden, BuildFlags) { expect_golden("BUILD_FLAGS.md", envgen::render_build_flags(in_)); }

TEST_F(Golden, OutputIsDeterministic) {
  std::string a, b;
  ASSERT_TRUE(envgen::render_header(in_, a, diags_));
  bool ok = false;
  auto again = load_acme(diags_, ok);
  ASSERT_TRUE(envgen::render_header(again, b, diags_));
  EXPECT_EQ(a, b);
  EXPECT_EQ(envgen::render_configuration(in_), envgen::render_configuration(again));
}

TEST_F(Golden, NothingHardCodesTheAllocatorPrefix) {
  std::string header;
  ASSERT_TRUE(envgen::render_header(in_, header, diags_));
  for (const std::string& text : {header, envgen::render_configuration(in_), envgen::render_deprecated(in_, kToday),
                                  envgen::render_build_flags(in_)}) {
    EXPECT_EQ(text.find("HAKMEM"), std::string::npos);
    EXPECT_EQ(text.find("hakmem"), std::string::npos);
  }
}

TEST_F(Golden, PresetTablesFollowFileNameOrder) {
  ASSERT_EQ(in_.presets.size(), 2u);
  EXPECT_EQ(in_.presets[0].name, "careful");
  EXPECT_EQ(in_.presets[1].name, "fast");
}

}  // namespace
