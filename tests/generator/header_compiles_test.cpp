// The golden header is valid C++ too (this file includes it without the tables), and
// the tables and accessors defined by the C translation unit hold what the fixture says.
#include <cstring>
#include <string>

#include <gtest/gtest.h>

#include "acme/config.h"

extern "C" {
int64_t acme_test_batch(void);
uint64_t acme_test_arena(void);
int acme_test_mode(void);
const char* acme_test_log_file(void);
bool acme_test_enabled(void);
double acme_test_rate(void);
void acme_test_set_batch(int64_t v);
}

namespace {

TEST(GeneratedHeader, AccessorsReadDefaultsFromStorage) {
  EXPECT_EQ(acme_test_batch(), 64);
  EXPECT_EQ(acme_batch(), 64);  // the C++ inline accessor reads the same storage
  EXPECT_EQ(acme_test_arena(), 2u * 1024 * 1024);
  EXPECT_EQ(acme_test_mode(), ACME_MODE_FAST);
  EXPECT_STREQ(acme_test_log_file(), "/tmp/acme.log");
  EXPECT_TRUE(acme_test_enabled());
  EXPECT_DOUBLE_EQ(acme_test_rate(), 0.5);
  acme_test_set_batch(7);
  EXPECT_EQ(acme_batch(), 7);
  acme_test_set_batch(64);
}

TEST(GeneratedHeader, DescriptorTable) {
  const acme_setting_desc& d = acme_settings[ACME_SETTING_BATCH];
  EXPECT_STREQ(d.name, "ACME_BATCH");
  EXPECT_EQ(d.name_len, std::strlen("ACME_BATCH"));
  EXPECT_EQ(d.type, ACME_TYPE_INT);
  EXPECT_EQ(d.min.i, -8);
  EXPECT_EQ(d.max.i, 1024);
  EXPECT_EQ(d.out_of_range, ACME_OUT_OF_RANGE_CLAMP);
  EXPECT_STREQ(acme_layers[d.layer].id, "cache");
  const acme_setting_desc& mode = acme_settings[ACME_SETTING_MODE];
  ASSERT_EQ(mode.enum_count, 3u);
  EXPECT_STREQ(mode.enum_words[ACME_MODE_EXTRA_SAFE], "extra-safe");
  EXPECT_STREQ(acme_settings[ACME_SETTING_ENABLED].description,
               "Master switch | with a pipe, \"quotes\" and a trigraph ?\?/ to escape.");
}

TEST(GeneratedHeader, AliasesRemovedNamesConflictsPresets) {
  ASSERT_EQ(ACME_ALIAS_COUNT, 3u);
  EXPECT_STREQ(acme_aliases[0].name, "ACME_OLD_BATCH");
  EXPECT_EQ(acme_aliases[0].target, ACME_SETTING_BATCH);
  EXPECT_EQ(acme_aliases[0].deprecated_since, 20260101);
  EXPECT_EQ(acme_aliases[0].sunset, 20260701);
  EXPECT_EQ(acme_aliases[1].value_map_count, 2u);
  EXPECT_STREQ(acme_aliases[1].value_map[1].to, "3");
  EXPECT_EQ(acme_aliases[2].declared_removed, 1);
  ASSERT_EQ(ACME_REMOVED_COUNT, 2u);
  EXPECT_STREQ(acme_removed_names[0].replacement, "ACME_MODE=fast");
  ASSERT_EQ(ACME_REMOVED_FAMILY_COUNT, 1u);
  EXPECT_EQ(acme_removed_families[0].name_len, 10u);
  ASSERT_EQ(ACME_CONFLICT_COUNT, 1u);
  EXPECT_EQ(acme_conflicts[0].prefer, ACME_SETTING_DEBUG);
  ASSERT_EQ(ACME_PRESET_COUNT, 2u);
  EXPECT_STREQ(acme_presets[1].name, "fast");
  ASSERT_EQ(acme_presets[1].count, 4u);
  EXPECT_EQ(acme_presets[1].entries[1].setting, ACME_SETTING_ARENA);
  EXPECT_EQ(acme_presets[1].entries[1].value.u, 8u * 1024 * 1024);
}

TEST(GeneratedHeader, NameIndexIsSortedBytewise) {
  ASSERT_EQ(ACME_NAME_COUNT, 9u + 3u + 2u);
  for (unsigned k = 1; k < ACME_NAME_COUNT; ++k)
    EXPECT_LT(std::strcmp(acme_names[k - 1].name, acme_names[k].name), 0) << acme_names[k].name;
}

}  // namespace
