// Each bad registry under fixtures/bad/ breaks exactly one rule; its expected
// diagnostics sit beside it in <name>.expect, one line each, exactly as printed.
// Refresh after an intended message change: ENVKIT_UPDATE_EXPECTATIONS=1 ctest -R BadRegistry
// and review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "envkit/registry.h"

namespace fs = std::filesystem;
using envkit::Diagnostic;
using envkit::Registry;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> bad_fixture_names() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(fs::path(FIXTURES_DIR) / "bad"))
    if (e.path().extension() == ".json") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST(ValidRegistry, AcmeFixtureLoadsWithoutDiagnostics) {
  std::vector<Diagnostic> diags;
  auto reg = Registry::load(std::string(FIXTURES_DIR) + "/acme.registry.json", diags);
  for (const auto& d : diags) ADD_FAILURE() << d.str();
  ASSERT_TRUE(reg.has_value());
  EXPECT_EQ(reg->prefix, "ACME_");
  EXPECT_EQ(reg->variables.size(), 4u);
  EXPECT_EQ(reg->build_flags.size(), 2u);
}

class BadRegistry : public ::testing::TestWithParam<std::string> {};

TEST_P(BadRegistry, ReportsTheExpectedLocatedError) {
  const std::string name = GetParam();
  const fs::path dir = fs::path(FIXTURES_DIR) / "bad";
  const std::string rel = "bad/" + name + ".json";
  std::vector<Diagnostic> diags;
  auto reg = Registry::load_text(rel, read_file(dir / (name + ".json")), diags);
  EXPECT_FALSE(reg.has_value()) << "a bad registry must not load";
  ASSERT_FALSE(diags.empty());

  std::string actual;
  for (const auto& d : diags) {
    EXPECT_GT(d.line, 0) << "every registry error names a line: " << d.str();
    // One broken rule, one kind of error: anything else is a follow-on error.
    EXPECT_EQ(d.rule, diags.front().rule) << "follow-on error: " << d.str();
    actual += d.str() + "\n";
  }
  const fs::path expect = dir / (name + ".expect");
  if (std::getenv("ENVKIT_UPDATE_EXPECTATIONS")) {
    std::ofstream(expect, std::ios::binary) << actual;
    GTEST_SKIP() << "wrote " << expect;
  }
  ASSERT_TRUE(fs::exists(expect)) << "missing expectation file " << expect;
  EXPECT_EQ(read_file(expect), actual);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadRegistry, ::testing::ValuesIn(bad_fixture_names()),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });
