#include <gtest/gtest.h>

#include "envkit/registry.h"

using envkit::Date;
using envkit::NameInfo;
using envkit::Registry;
using envkit::Status;

namespace {

const Registry& acme() {
  static const Registry reg = [] {
    std::vector<envkit::Diagnostic> diags;
    auto r = Registry::load(std::string(FIXTURES_DIR) + "/acme.registry.json", diags);
    if (!r) throw std::runtime_error("fixture registry does not load");
    return *r;
  }();
  return reg;
}

Date d(const char* s) { return *Date::parse(s); }

}  // namespace

TEST(Date, ParsesOnlyRealCalendarDates) {
  EXPECT_TRUE(Date::parse("2024-02-29"));
  EXPECT_FALSE(Date::parse("2023-02-29"));
  EXPECT_FALSE(Date::parse("2026-13-01"));
  EXPECT_FALSE(Date::parse("2026-1-01"));
  EXPECT_FALSE(Date::parse("2026-01-01x"));
  EXPECT_EQ(d("2026-11-25").str(), "2026-11-25");
}

TEST(Date, SixMonthsLaterClampsTheDay) {
  EXPECT_EQ(d("2026-11-25").plus_months(6).str(), "2027-05-25");
  EXPECT_EQ(d("2026-08-31").plus_months(6).str(), "2027-02-28");
}

TEST(Lookup, CanonicalName) {
  NameInfo info = acme().lookup("ACME_BATCH", d("2026-03-01"));
  EXPECT_EQ(info.kind, NameInfo::Kind::Variable);
  EXPECT_EQ(info.status, Status::Active);
  EXPECT_EQ(info.variable->accessor, "acme_batch");
}

TEST(Lookup, AliasIsDeprecatedInsideItsWindowAndRemovedFromSunset) {
  EXPECT_EQ(acme().lookup("ACME_OLD_BATCH", d("2026-03-01")).status, Status::Deprecated);
  EXPECT_EQ(acme().lookup("ACME_OLD_BATCH", d("2026-06-30")).status, Status::Deprecated);
  EXPECT_EQ(acme().lookup("ACME_OLD_BATCH", d("2026-07-01")).status, Status::Removed);
  NameInfo info = acme().lookup("ACME_OLD_BATCH", d("2026-03-01"));
  EXPECT_EQ(info.kind, NameInfo::Kind::Alias);
  EXPECT_EQ(info.replacement, "ACME_BATCH");
}

TEST(Lookup, DeclaredRemovedAliasIsRemovedAtAnyDate) {
  NameInfo info = acme().lookup("ACME_ANCIENT_BATCH", d("2024-01-01"));
  EXPECT_EQ(info.kind, NameInfo::Kind::Alias);
  EXPECT_EQ(info.status, Status::Removed);
  EXPECT_EQ(info.variable->name, "ACME_BATCH") << "alias chains resolve to the canonical variable";
}

TEST(Lookup, RemovedNameFamilyFlagAndUnknown) {
  NameInfo removed = acme().lookup("ACME_CACHE", d("2026-03-01"));
  EXPECT_EQ(removed.kind, NameInfo::Kind::Removed);
  EXPECT_EQ(removed.replacement, "ACME_ARENA");
  EXPECT_EQ(acme().lookup("ACME_LEGACY_POOL", d("2026-03-01")).kind, NameInfo::Kind::RemovedFamily);
  NameInfo flag = acme().lookup("ACME_PHASE1", d("2026-03-01"));
  EXPECT_EQ(flag.kind, NameInfo::Kind::BuildFlag);
  EXPECT_EQ(flag.status, Status::Removed);
  EXPECT_EQ(acme().lookup("ACME_NOPE", d("2026-03-01")).kind, NameInfo::Kind::Unknown);
  EXPECT_EQ(acme().lookup("OTHER_BATCH", d("2026-03-01")).kind, NameInfo::Kind::Unknown);
}

TEST(Values, SizesTakeBinarySuffixes) {
  EXPECT_EQ(envkit::parse_size("2M"), 2u << 20);
  EXPECT_EQ(envkit::parse_size("64KiB"), 64u << 10);
  EXPECT_EQ(envkit::parse_size("1g"), 1ull << 30);
  EXPECT_EQ(envkit::parse_size("512"), 512u);
  EXPECT_FALSE(envkit::parse_size("2MX"));
  EXPECT_FALSE(envkit::parse_size("M"));
  EXPECT_FALSE(envkit::parse_size("99999999999999999999T"));
  EXPECT_FALSE(envkit::parse_size("20000000000T")) << "overflow is an error, not a wrap";
  EXPECT_EQ(envkit::format_size(2u << 20), "2M");
  EXPECT_EQ(envkit::format_size(1536), "1536");
  EXPECT_EQ(envkit::format_size(0), "0");
}

TEST(Values, TypedParsingIsStrict) {
  const auto& batch = *acme().find_variable("ACME_BATCH");
  std::string err;
  EXPECT_FALSE(acme().parse_value(batch, "12abc", err));
  EXPECT_NE(err.find("not an integer"), std::string::npos);
  EXPECT_FALSE(acme().parse_value(batch, "99999999999999999999", err));
  EXPECT_NE(err.find("overflows"), std::string::npos);
  EXPECT_FALSE(acme().parse_value(batch, "", err));
  auto v = acme().parse_value(batch, "-3", err);
  ASSERT_TRUE(v);
  EXPECT_FALSE(acme().in_bounds(batch, *v));
  const auto& mode = *acme().find_variable("ACME_MODE");
  EXPECT_EQ(acme().parse_value(mode, "safe", err)->i, 1);
  EXPECT_FALSE(acme().parse_value(mode, "Safe", err)) << "enum words match exactly";
}

TEST(Registry, AllVariableNamesListsCanonicalAliasAndRemoved) {
  auto names = acme().all_variable_names();
  for (const char* n : {"ACME_BATCH", "ACME_OLD_BATCH", "ACME_ANCIENT_BATCH", "ACME_VERBOSE", "ACME_CACHE"})
    EXPECT_NE(std::find(names.begin(), names.end(), n), names.end()) << n;
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
}
