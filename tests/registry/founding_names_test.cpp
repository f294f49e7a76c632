// The registry must give every legacy name of the founding document a fate, and stay
// within the plan's budgets (at most 80 runtime variables, at most 40 build flags).
#include <gtest/gtest.h>

#include <fstream>

#include "envkit/registry.h"

using envkit::Date;
using envkit::NameInfo;
using envkit::Registry;

namespace {

const std::string kRegistry = std::string(SOURCE_ROOT) + "/allocator/config/registry.json";

std::optional<Registry> load_real() {
  std::vector<envkit::Diagnostic> diags;
  auto reg = Registry::load(kRegistry, diags);
  for (const auto& d : diags) ADD_FAILURE() << d.str();
  return reg;
}

}  // namespace

TEST(ProjectRegistry, LoadsWithoutDiagnostics) { EXPECT_TRUE(load_real().has_value()); }

TEST(ProjectRegistry, EveryFoundingDocumentNameHasAFate) {
  auto reg = load_real();
  ASSERT_TRUE(reg);
  std::ifstream in(std::string(SOURCE_ROOT) + "/tests/registry/founding_names.txt");
  ASSERT_TRUE(in);
  std::string name;
  int count = 0;
  while (std::getline(in, name)) {
    if (name.empty() || name[0] == '#') continue;
    ++count;
    NameInfo info = reg->lookup(name, *Date::parse("2026-11-25"));
    EXPECT_NE(info.kind, NameInfo::Kind::Unknown) << name << " is missing from " << kRegistry;
    EXPECT_NE(info.kind, NameInfo::Kind::BuildFlag) << name << " is a runtime variable, not a build flag";
  }
  EXPECT_EQ(count, 50) << "the founding document names exactly 50 HAKMEM_* variables";
}

TEST(ProjectRegistry, StaysWithinThePlansBudgets) {
  auto reg = load_real();
  ASSERT_TRUE(reg);
  EXPECT_LE(reg->variables.size(), 80u);
  EXPECT_LE(reg->build_flags.size(), 40u);
  for (const auto& v : reg->variables)
    for (const auto& a : v.aliases)
      EXPECT_EQ(a.sunset, a.deprecated_since.plus_months(6))
          << a.name << ": the deprecation policy is six months from first acceptance";
}

TEST(ProjectPresets, AllFourValidateAgainstTheRegistry) {
  auto reg = load_real();
  ASSERT_TRUE(reg);
  for (const char* name : {"production", "debug", "research", "minimal"}) {
    std::vector<envkit::Diagnostic> diags;
    auto p = reg->load_preset(std::string(SOURCE_ROOT) + "/allocator/presets/v1/" + name + ".json", diags);
    for (const auto& d : diags) ADD_FAILURE() << d.str();
    EXPECT_TRUE(p) << name;
  }
}
