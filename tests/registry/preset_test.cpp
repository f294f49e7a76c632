#include <gtest/gtest.h>

#include "envkit/registry.h"

using envkit::Diagnostic;
using envkit::Registry;

namespace {

const Registry& acme() {
  static const Registry reg = [] {
    std::vector<Diagnostic> diags;
    return *Registry::load(std::string(FIXTURES_DIR) + "/acme.registry.json", diags);
  }();
  return reg;
}

std::string preset(const std::string& settings) {
  return R"({"schema": "config-preset/1", "name": "fast", "description": "Fast.", "settings": {)" + settings + "}}";
}

std::string first_error(const std::string& settings) {
  std::vector<Diagnostic> diags;
  auto p = acme().load_preset_text("fast.json", preset(settings), diags);
  EXPECT_FALSE(p.has_value());
  return diags.empty() ? std::string("<no diagnostic>") : diags.front().str();
}

}  // namespace

TEST(Preset, ValidValuesAreTypedInFileOrder) {
  std::vector<Diagnostic> diags;
  auto p = acme().load_preset_text("fast.json", preset(R"("ACME_MODE": "safe", "ACME_ARENA": "4M", "ACME_BATCH": 32)"),
                                   diags);
  for (const auto& d : diags) ADD_FAILURE() << d.str();
  ASSERT_TRUE(p);
  ASSERT_EQ(p->settings.size(), 3u);
  EXPECT_EQ(p->settings[0].first, "ACME_MODE");
  EXPECT_EQ(p->settings[0].second.i, 1);
  EXPECT_EQ(p->settings[1].second.u, 4u << 20);
  EXPECT_EQ(p->settings[2].second.i, 32);
}

TEST(Preset, UnknownVariableIsNamedWithItsPlace) {
  EXPECT_EQ(first_error(R"("ACME_BATCH": 8,
    "ACME_NOPE": 1)"),
            "fast.json:2:18: error: preset fast sets \"ACME_NOPE\", which is not a registry variable "
            "(at /settings/ACME_NOPE) [preset-unknown-variable]");
}

TEST(Preset, RemovedNameIsNotAVariable) {
  EXPECT_NE(first_error(R"("ACME_CACHE": "1M")").find("(it is removed)"), std::string::npos);
}

TEST(Preset, OutOfRangeValueIsRejected) {
  EXPECT_EQ(first_error(R"("ACME_BATCH": 4096)"),
            "fast.json:1:98: error: ACME_BATCH = 4096 is outside 1..1024 (at /settings/ACME_BATCH) "
            "[preset-out-of-range]");
  EXPECT_NE(first_error(R"("ACME_ARENA": "2G")").find("is outside 64K..1G"), std::string::npos);
}

TEST(Preset, WrongTypeAndEnumWordAreRejected) {
  EXPECT_NE(first_error(R"("ACME_BATCH": "64")").find("expected an integer"), std::string::npos);
  EXPECT_NE(first_error(R"("ACME_MODE": "turbo")").find("not one of the allowed values"), std::string::npos);
}

TEST(Preset, AliasMustBeSpelledCanonically) {
  EXPECT_NE(first_error(R"("ACME_OLD_BATCH": 8)").find("use ACME_BATCH"), std::string::npos);
}

TEST(Preset, SchemaViolationIsLocated) {
  std::vector<Diagnostic> diags;
  auto p = acme().load_preset_text("p.json", R"({"schema": "config-preset/1", "name": "Bad Name", "description": "x", "settings": {}})", diags);
  EXPECT_FALSE(p);
  ASSERT_FALSE(diags.empty());
  EXPECT_EQ(diags[0].pointer, "/name");
}
