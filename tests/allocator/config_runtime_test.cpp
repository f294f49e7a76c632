// Initialisation from a synthetic environment: precedence, aliases and their dates,
// unknown and removed names, conflicts, secure mode, hostile input, messages.
#include <string>

#include <gtest/gtest.h>

#include "config_harness.h"

namespace {

using hakmem_test::init_with;

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

TEST(ConfigPrecedence, DefaultsWithAnEmptyEnvironment) {
  auto run = init_with({"PATH=/bin", "HOME=/root"});
  EXPECT_EQ(run.messages, "");
  EXPECT_EQ(hakmem_tiny_refill_batch(), 64);
  EXPECT_EQ(hakmem_preset(), HAKMEM_PRESET_NONE);
  EXPECT_EQ(hakmem_config_source_of(HAKMEM_SETTING_TINY_REFILL_BATCH), HAKMEM_CONFIG_SOURCE_DEFAULT);
}

TEST(ConfigPrecedence, PresetOverDefault) {
  auto run = init_with({"HAKMEM_PRESET=debug"});
  // The debug preset turns on HAKMEM_PRINT_CONFIG (and level 3 confirms the preset).
  EXPECT_EQ(run.messages.rfind("hakmem: preset debug applied (17 settings)\nhakmem: HAKMEM_PRESET=debug applied\n"
                               "hakmem: effective configuration (preset debug)\n", 0), 0u) << run.messages;
  EXPECT_EQ(hakmem_tiny_refill_batch(), 8);
  EXPECT_EQ(hakmem_config_source_of(HAKMEM_SETTING_TINY_REFILL_BATCH), HAKMEM_CONFIG_SOURCE_PRESET);
  EXPECT_EQ(hakmem_debug_level(), 3);
  EXPECT_EQ(hakmem_config_source_of(HAKMEM_SETTING_PRESET), HAKMEM_CONFIG_SOURCE_VARIABLE);
}

TEST(ConfigPrecedence, VariableOverPresetWhateverTheOrder) {
  for (auto env : {std::vector<std::string>{"HAKMEM_TINY_REFILL_BATCH=100", "HAKMEM_PRESET=debug"},
                   std::vector<std::string>{"HAKMEM_PRESET=debug", "HAKMEM_TINY_REFILL_BATCH=100"}}) {
    init_with(env);
    EXPECT_EQ(hakmem_tiny_refill_batch(), 100);
    EXPECT_EQ(hakmem_config_source_of(HAKMEM_SETTING_TINY_REFILL_BATCH), HAKMEM_CONFIG_SOURCE_VARIABLE);
    EXPECT_EQ(hakmem_tiny_drain_batch(), 8) << "the preset's other values stay";
  }
}

TEST(ConfigPrecedence, BadVariableKeepsThePresetValue) {
  auto run = init_with({"HAKMEM_PRESET=debug", "HAKMEM_TINY_REFILL_BATCH=abc"});
  EXPECT_EQ(hakmem_tiny_refill_batch(), 8);
  EXPECT_EQ(hakmem_config_source_of(HAKMEM_SETTING_TINY_REFILL_BATCH), HAKMEM_CONFIG_SOURCE_PRESET);
  EXPECT_TRUE(has(run.messages,
                  "hakmem: HAKMEM_TINY_REFILL_BATCH='abc' is not an integer (expected 1..1024); using 8\n"))
      << run.messages;
}

TEST(ConfigPrecedence, UnknownPresetWord) {
  auto run = init_with({"HAKMEM_PRESET=fast"});
  EXPECT_EQ(hakmem_preset(), HAKMEM_PRESET_NONE);
  EXPECT_EQ(run.messages,
            "hakmem: HAKMEM_PRESET='fast' is not a known word (expected one of none, production, debug, research or "
            "minimal); using none\n");
  EXPECT_EQ(run.report.bad_values, 1u);
}

TEST(ConfigValues, TheIssuesExampleMessage) {
  auto run = init_with({"HAKMEM_TINY_REFILL_BATCH=abc"});
  EXPECT_EQ(run.messages, "hakmem: HAKMEM_TINY_REFILL_BATCH='abc' is not an integer (expected 1..1024); using 64\n");
  EXPECT_EQ(hakmem_tiny_refill_batch(), 64);
}

TEST(ConfigValues, ClampAndRejectAreReported) {
  auto run = init_with({"HAKMEM_TINY_REFILL_BATCH=5000", "HAKMEM_SUPERSLAB_SIZE=8M"});
  EXPECT_EQ(hakmem_tiny_refill_batch(), 1024);
  EXPECT_EQ(hakmem_superslab_size(), 2u << 20);
  EXPECT_TRUE(has(run.messages, "HAKMEM_TINY_REFILL_BATCH='5000' is out of range (expected 1..1024); using 1024\n"));
  EXPECT_TRUE(has(run.messages,
                  "HAKMEM_SUPERSLAB_SIZE='8M' is out of range (expected 1M..4M bytes, K/M/G/T suffixes allowed); "
                  "using 2M\n"))
      << run.messages;
  EXPECT_EQ(run.report.bad_values, 2u);
  EXPECT_EQ(hakmem_config_source_of(HAKMEM_SETTING_TINY_REFILL_BATCH), HAKMEM_CONFIG_SOURCE_VARIABLE);
  EXPECT_EQ(hakmem_config_source_of(HAKMEM_SETTING_SUPERSLAB_SIZE), HAKMEM_CONFIG_SOURCE_DEFAULT);
}

TEST(ConfigValues, EveryTypeThroughTheEnvironment) {
  auto run = init_with({"HAKMEM_ALLOC_LEARN=yes", "HAKMEM_PURGE_DELAY_MS=-1", "HAKMEM_TINY_TLS_CAPACITY=512",
                        "HAKMEM_LARGE_CACHE_MAX=64M", "HAKMEM_ALLOC_LEARN_RATE=0.25", "HAKMEM_THP_MODE=never",
                        "HAKMEM_STATS_OUTPUT_FILE=/var/log/hakmem-%p.log"});
  EXPECT_EQ(run.messages, "");
  EXPECT_TRUE(hakmem_alloc_learn());
  EXPECT_EQ(hakmem_purge_delay_ms(), -1);
  EXPECT_EQ(hakmem_tiny_tls_capacity(), 512u);
  EXPECT_EQ(hakmem_large_cache_max(), 64u << 20);
  EXPECT_DOUBLE_EQ(hakmem_alloc_learn_rate(), 0.25);
  EXPECT_EQ(hakmem_thp_mode(), HAKMEM_THP_MODE_NEVER);
  EXPECT_STREQ(hakmem_stats_output_file(), "/var/log/hakmem-%p.log");
}

TEST(ConfigValues, EmptyValueIsAnErrorUsingTheDefault) {
  auto run = init_with({"HAKMEM_TINY_REFILL_BATCH=", "HAKMEM_STATS_OUTPUT_FILE="});
  EXPECT_TRUE(has(run.messages, "HAKMEM_TINY_REFILL_BATCH='' is empty (expected 1..1024); using 64\n"));
  EXPECT_TRUE(has(run.messages, "HAKMEM_STATS_OUTPUT_FILE='' is empty (expected at most 1024 bytes); using ''\n"))
      << run.messages;
  EXPECT_EQ(run.report.bad_values, 2u);
}

// Strings an attacker or a broken script could put in the environment. Nothing may
// crash, every known name's value is shown truncated and escaped, and the value used
// is always a defined one.
TEST(ConfigHostile, StringsTable) {
  const std::string huge(1 << 20, '7');
  const std::string long_name = "HAKMEM_" + std::string(100000, 'X');
  const struct {
    std::string entry;
    std::string expected_message;  // substring
  } cases[] = {
      {"HAKMEM_TINY_REFILL_BATCH=HAKMEM_TINY_REFILL_BATCH=5",
       "HAKMEM_TINY_REFILL_BATCH='HAKMEM_TINY_REFILL_BATCH=5' is not an integer (expected 1..1024); using 64"},
      {"HAKMEM_TINY_REFILL_BATCH=" + huge,
       "HAKMEM_TINY_REFILL_BATCH='" + std::string(64, '7') + "...' does not fit in 64 bits (expected 1..1024); using 64"},
      {"HAKMEM_TINY_REFILL_BATCH=12\x1b[31m", "HAKMEM_TINY_REFILL_BATCH='12\\x1b[31m' is not an integer"},
      {"HAKMEM_TINY_REFILL_BATCH=1\n2", "HAKMEM_TINY_REFILL_BATCH='1\\x0a2' is not an integer"},
      {"HAKMEM_TINY_REFILL_BATCH=\xff\xfe", "HAKMEM_TINY_REFILL_BATCH='\\xff\\xfe' is not an integer"},
      {"HAKMEM_STATS_OUTPUT_FILE=" + std::string(5000, '/'),
       "HAKMEM_STATS_OUTPUT_FILE='" + std::string(64, '/') + "...' is too long (expected at most 1024 bytes); using ''"},
      {"HAKMEM_=1", "hakmem: HAKMEM_ is not a known setting and is ignored"},
      {long_name + "=secret", "hakmem: HAKMEM_" + std::string(57, 'X') + "... is not a known setting and is ignored\n"},
      {"HAKMEM_ALLOC_LEARN=true\\", "HAKMEM_ALLOC_LEARN='true\\x5c' is not a boolean"},
  };
  for (const auto& c : cases) {
    auto run = init_with({c.entry});
    EXPECT_TRUE(has(run.messages, c.expected_message)) << "entry: " << c.entry.substr(0, 80) << "\n" << run.messages;
    EXPECT_LT(run.messages.size(), 1000u) << "one bounded line per problem";
    EXPECT_EQ(hakmem_tiny_refill_batch(), 64);
  }
}

// A quote inside a quoted value must not close the quotes: in the printed
// configuration `NAME='x'  # variable` could otherwise fake the source column.
TEST(ConfigHostile, QuotesInValuesAreEscaped) {
  auto run = init_with({"HAKMEM_STATS_OUTPUT_FILE=/tmp/x'                # default"});
  std::string printed = hakmem_test::printed_config();
  EXPECT_TRUE(has(printed, "HAKMEM_STATS_OUTPUT_FILE='/tmp/x\\x27                # default'")) << printed;
  EXPECT_FALSE(has(printed, "/tmp/x'")) << printed;
  run = init_with({"HAKMEM_TINY_REFILL_BATCH=1'2"});
  EXPECT_TRUE(has(run.messages, "HAKMEM_TINY_REFILL_BATCH='1\\x272' is not an integer")) << run.messages;
}

// 10,000 unknown names: a bounded number of lines and a count of the rest.
TEST(ConfigHostile, RepeatedMessagesAreCappedWithACount) {
  std::vector<std::string> env;
  for (int i = 0; i < 10000; ++i) env.push_back("HAKMEM_UNKNOWN_" + std::to_string(i) + "=1");
  auto run = init_with(env);
  EXPECT_EQ(run.report.unknown_names, 10000u) << "every name is still counted";
  std::size_t lines = 0;
  for (char c : run.messages) lines += c == '\n';
  EXPECT_LE(lines, 25u) << run.messages.substr(0, 2000);
  EXPECT_TRUE(has(run.messages, "hakmem: 9980 more unknown setting name(s) ignored")) << run.messages.substr(0, 4000);
}

TEST(ConfigHostile, EntriesWithoutValueOrPrefixAreIgnored) {
  auto run = init_with({"HAKMEM_TINY_REFILL_BATCH", "HAKMEM", "", "=HAKMEM_X", "XHAKMEM_TINY_REFILL_BATCH=5",
                        "hakmem_tiny_refill_batch=5"});
  EXPECT_EQ(run.messages, "");
  EXPECT_EQ(hakmem_tiny_refill_batch(), 64);
}

TEST(ConfigHostile, UnknownNamesNeverShowTheirValue) {
  auto run = init_with({"HAKMEM_API_TOKEN=hunter2"});
  EXPECT_FALSE(has(run.messages, "hunter2")) << run.messages;
  EXPECT_EQ(run.report.unknown_names, 1u);
}

TEST(ConfigHostile, DuplicateNameUsesTheFirst) {
  auto run = init_with({"HAKMEM_TINY_REFILL_BATCH=10", "HAKMEM_TINY_REFILL_BATCH=20"});
  EXPECT_EQ(hakmem_tiny_refill_batch(), 10);
  EXPECT_EQ(run.messages,
            "hakmem: HAKMEM_TINY_REFILL_BATCH is ignored: it is set more than once and the first value is used\n");
}

TEST(ConfigAliases, HonouredWithAWarningBeforeTheSunset) {
  auto run = init_with({"HAKMEM_TINY_P0_BATCH=32"}, 20270524);
  EXPECT_EQ(hakmem_tiny_refill_batch(), 32);
  EXPECT_EQ(hakmem_config_source_of(HAKMEM_SETTING_TINY_REFILL_BATCH), HAKMEM_CONFIG_SOURCE_ALIAS);
  EXPECT_EQ(run.messages,
            "hakmem: HAKMEM_TINY_P0_BATCH is deprecated; use HAKMEM_TINY_REFILL_BATCH (this name is ignored from "
            "2027-05-25)\n");
  EXPECT_EQ(run.report.deprecated, 1u);
  EXPECT_EQ(run.report.removed_names, 0u);
}

TEST(ConfigAliases, IgnoredFromTheSunsetOn) {
  auto run = init_with({"HAKMEM_TINY_P0_BATCH=32"}, 20270525);
  EXPECT_EQ(hakmem_tiny_refill_batch(), 64);
  EXPECT_EQ(run.messages,
            "hakmem: HAKMEM_TINY_P0_BATCH is no longer accepted since 2027-05-25 and is ignored; use "
            "HAKMEM_TINY_REFILL_BATCH\n");
  EXPECT_EQ(run.report.removed_names, 1u);
}

TEST(ConfigAliases, SilentBeforeItsDeprecationDate) {
  auto run = init_with({"HAKMEM_TINY_P0_BATCH=32"}, 20260101);
  EXPECT_EQ(hakmem_tiny_refill_batch(), 32);
  EXPECT_EQ(run.messages, "");
}

TEST(ConfigAliases, CanonicalWinsAndTheMessageSaysSo) {
  for (auto env : {std::vector<std::string>{"HAKMEM_TINY_P0_BATCH=32", "HAKMEM_TINY_REFILL_BATCH=100"},
                   std::vector<std::string>{"HAKMEM_TINY_REFILL_BATCH=100", "HAKMEM_TINY_P0_BATCH=32"}}) {
    auto run = init_with(env);
    EXPECT_EQ(hakmem_tiny_refill_batch(), 100);
    EXPECT_EQ(hakmem_config_source_of(HAKMEM_SETTING_TINY_REFILL_BATCH), HAKMEM_CONFIG_SOURCE_VARIABLE);
    EXPECT_EQ(run.messages,
              "hakmem: HAKMEM_TINY_P0_BATCH is ignored: HAKMEM_TINY_REFILL_BATCH is set too and wins "
              "(HAKMEM_TINY_P0_BATCH is its deprecated name)\n");
  }
}

TEST(ConfigAliases, TwoAliasesOfOneSetting) {
  auto run = init_with({"HAKMEM_TINY_P0_BATCH=32", "HAKMEM_TINY_ULTRA_REFILL=16"});
  EXPECT_EQ(hakmem_tiny_refill_batch(), 32);
  EXPECT_TRUE(has(run.messages,
                  "HAKMEM_TINY_ULTRA_REFILL is ignored: HAKMEM_TINY_P0_BATCH, another deprecated name of the same "
                  "setting, is set first\n"))
      << run.messages;
}

TEST(ConfigAliases, ValueMapTranslatesLegacyValues) {
  init_with({"HAKMEM_TINY_VERBOSE=1"});
  EXPECT_EQ(hakmem_debug_level(), 3);
  init_with({"HAKMEM_TINY_LOG=1"});
  EXPECT_EQ(hakmem_debug_level(), 2);
  auto run = init_with({"HAKMEM_TINY_LOG=loud"});
  EXPECT_EQ(hakmem_debug_level(), 0);
  EXPECT_TRUE(has(run.messages, "HAKMEM_TINY_LOG='loud' is not an integer (expected 0..3); using 0")) << run.messages;
}

TEST(ConfigNames, UnknownNameGetsASuggestion) {
  auto run = init_with({"HAKMEM_TINY_REFIL_BATCH=3"});
  EXPECT_EQ(run.messages,
            "hakmem: HAKMEM_TINY_REFIL_BATCH is not a known setting and is ignored; did you mean "
            "HAKMEM_TINY_REFILL_BATCH?\n");
  EXPECT_EQ(run.report.unknown_names, 1u);
}

TEST(ConfigNames, SuggestionLeadsFromAnAliasToItsReplacement) {
  auto run = init_with({"HAKMEM_SS_EMPTY_REUS=1"});
  EXPECT_TRUE(has(run.messages, "did you mean HAKMEM_SUPERSLAB_REUSE?")) << run.messages;
}

TEST(ConfigNames, NoSuggestionForAFarName) {
  auto run = init_with({"HAKMEM_COMPLETELY_DIFFERENT_THING=1"});
  EXPECT_EQ(run.messages, "hakmem: HAKMEM_COMPLETELY_DIFFERENT_THING is not a known setting and is ignored\n");
}

TEST(ConfigNames, RemovedNameIsNotUnknown) {
  auto run = init_with({"HAKMEM_TINY_SFC_CAP=64"});
  EXPECT_EQ(run.messages,
            "hakmem: HAKMEM_TINY_SFC_CAP was removed and is ignored (The Single-Free-Cache was replaced by the "
            "unified cache in Phase 3d-B; its code is gone.); use HAKMEM_TINY_TLS_CAPACITY\n");
  EXPECT_EQ(run.report.removed_names, 1u);
  EXPECT_EQ(run.report.unknown_names, 0u);
}

TEST(ConfigNames, RemovedFamily) {
  auto run = init_with({"HAKMEM_EXTERNAL_GUARD_MODE=2"});
  EXPECT_TRUE(has(run.messages, "hakmem: HAKMEM_EXTERNAL_GUARD_MODE was removed with every HAKMEM_EXTERNAL_GUARD* "
                                "name and is ignored"))
      << run.messages;
  EXPECT_EQ(run.report.removed_names, 1u);
}

TEST(ConfigConflicts, PreferredSettingWins) {
  auto run = init_with({"HAKMEM_SUPERSLAB_PREWARM=4"});
  EXPECT_EQ(hakmem_superslab_prewarm(), 0u);
  EXPECT_TRUE(hakmem_superslab_lazy());
  EXPECT_TRUE(has(run.messages,
                  "hakmem: HAKMEM_SUPERSLAB_PREWARM conflicts with HAKMEM_SUPERSLAB_LAZY; keeping "
                  "HAKMEM_SUPERSLAB_LAZY, HAKMEM_SUPERSLAB_PREWARM falls back to 0 ("))
      << run.messages;
  EXPECT_EQ(run.report.conflicts, 1u);
}

TEST(ConfigConflicts, NoConflictWhenTheOtherIsOff) {
  auto run = init_with({"HAKMEM_SUPERSLAB_PREWARM=4", "HAKMEM_SUPERSLAB_LAZY=0"});
  EXPECT_EQ(run.messages, "");
  EXPECT_EQ(hakmem_superslab_prewarm(), 4u);
}

TEST(ConfigSecure, EnvironmentIgnoredAndNothingPrinted) {
  auto run = init_with({"HAKMEM_TINY_REFILL_BATCH=abc", "HAKMEM_PRESET=debug", "HAKMEM_BOGUS=1",
                        "HAKMEM_PRINT_CONFIG=1"},
                       20261201, /*secure=*/1);
  EXPECT_EQ(run.messages, "");
  EXPECT_EQ(run.report.secure, 1);
  EXPECT_EQ(hakmem_tiny_refill_batch(), 64);
  EXPECT_EQ(hakmem_preset(), HAKMEM_PRESET_NONE);
  EXPECT_TRUE(has(hakmem_test::printed_config(), "(secure mode: environment ignored)"));
}

TEST(ConfigDebugLevel, InfoAtLevelTwoConfirmationsAtThree) {
  auto quiet = init_with({"HAKMEM_PRESET=production", "HAKMEM_TINY_REFILL_BATCH=100"});
  EXPECT_EQ(quiet.messages, "");
  auto level2 = init_with({"HAKMEM_PRESET=production", "HAKMEM_DEBUG_LEVEL=2"});
  EXPECT_EQ(level2.messages, "hakmem: preset production applied (15 settings)\n");
  auto level3 = init_with({"HAKMEM_DEBUG_LEVEL=3", "HAKMEM_LEARN=1"});
  EXPECT_TRUE(has(level3.messages, "hakmem: HAKMEM_ALLOC_LEARN=true applied from HAKMEM_LEARN\n")) << level3.messages;
  EXPECT_TRUE(has(level3.messages, "hakmem: HAKMEM_DEBUG_LEVEL=3 applied\n")) << level3.messages;
}

TEST(ConfigPrint, OnRequestAtStartUp) {
  auto run = init_with({"HAKMEM_PRINT_CONFIG=1"});
  EXPECT_TRUE(has(run.messages, "hakmem: effective configuration\n"));
  EXPECT_TRUE(has(run.messages, "HAKMEM_PRINT_CONFIG=true"));
  EXPECT_EQ(run.messages, hakmem_test::printed_config());
}

}  // namespace
