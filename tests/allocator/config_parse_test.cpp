// The value grammar of every type: what is accepted, what is refused and why.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include <cmath>
#include <random>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <gtest/gtest.h>

#include "../../allocator/runtime/config_internal.h"
#include "hakmem/config.h"

namespace {

struct Case {
  hakmem_setting_id id;
  const char* text;
  int status;  // hakmem_parse_status
};

int parse(hakmem_setting_id id, const std::string& text, hakmem_value* out) {
  return hakmem_config_parse_value(id, text.data(), text.size(), out);
}

TEST(ConfigParse, Bool) {
  for (const char* yes : {"1", "true", "yes", "on"}) {
    hakmem_value v{};
    ASSERT_EQ(parse(HAKMEM_SETTING_ALLOC_LEARN, yes, &v), HK_PARSE_OK) << yes;
    EXPECT_TRUE(v.b) << yes;
  }
  for (const char* no : {"0", "false", "no", "off"}) {
    hakmem_value v{};
    v.b = true;
    ASSERT_EQ(parse(HAKMEM_SETTING_ALLOC_LEARN, no, &v), HK_PARSE_OK) << no;
    EXPECT_FALSE(v.b) << no;
  }
  // No case folding, no prefixes, no padding (gperftools read "on" as false; jemalloc
  // matched prefixes).
  for (const char* bad : {"TRUE", "True", "y", "n", "tru", "truex", " 1", "1 ", "2", "-1", "01", "enable"}) {
    hakmem_value v{};
    EXPECT_EQ(parse(HAKMEM_SETTING_ALLOC_LEARN, bad, &v), HK_PARSE_NOT_BOOL) << bad;
  }
}

TEST(ConfigParse, IntegerGrammarTable) {
  const Case cases[] = {
      {HAKMEM_SETTING_PURGE_DELAY_MS, "0", HK_PARSE_OK},
      {HAKMEM_SETTING_PURGE_DELAY_MS, "-1", HK_PARSE_OK},
      {HAKMEM_SETTING_PURGE_DELAY_MS, "007", HK_PARSE_OK},
      {HAKMEM_SETTING_PURGE_DELAY_MS, "9223372036854775807", HK_PARSE_OK},
      {HAKMEM_SETTING_PURGE_DELAY_MS, "-9223372036854775808", HK_PARSE_OK},
      {HAKMEM_SETTING_PURGE_DELAY_MS, "9223372036854775808", HK_PARSE_OVERFLOW},
      {HAKMEM_SETTING_PURGE_DELAY_MS, "-9223372036854775809", HK_PARSE_OVERFLOW},
      {HAKMEM_SETTING_PURGE_DELAY_MS, "99999999999999999999999", HK_PARSE_OVERFLOW},
      {HAKMEM_SETTING_PURGE_DELAY_MS, "99999999999999999999999x", HK_PARSE_NOT_INT},
      {HAKMEM_SETTING_PURGE_DELAY_MS, "abc", HK_PARSE_NOT_INT},
      {HAKMEM_SETTING_PURGE_DELAY_MS, "12abc", HK_PARSE_NOT_INT},
      {HAKMEM_SETTING_PURGE_DELAY_MS, "0x10", HK_PARSE_NOT_INT},
      {HAKMEM_SETTING_PURGE_DELAY_MS, "+5", HK_PARSE_NOT_INT},
      {HAKMEM_SETTING_PURGE_DELAY_MS, "-", HK_PARSE_NOT_INT},
      {HAKMEM_SETTING_PURGE_DELAY_MS, " 5", HK_PARSE_NOT_INT},
      {HAKMEM_SETTING_PURGE_DELAY_MS, "5 ", HK_PARSE_NOT_INT},
      {HAKMEM_SETTING_PURGE_DELAY_MS, "1e3", HK_PARSE_NOT_INT},
      {HAKMEM_SETTING_PURGE_DELAY_MS, "", HK_PARSE_EMPTY},
      {HAKMEM_SETTING_TINY_TLS_CAPACITY, "18446744073709551615", HK_PARSE_OK},
      {HAKMEM_SETTING_TINY_TLS_CAPACITY, "18446744073709551616", HK_PARSE_OVERFLOW},
      {HAKMEM_SETTING_TINY_TLS_CAPACITY, "-1", HK_PARSE_NOT_UINT},
      {HAKMEM_SETTING_TINY_TLS_CAPACITY, "4K", HK_PARSE_NOT_UINT},
      {HAKMEM_SETTING_TINY_TLS_CAPACITY, "", HK_PARSE_EMPTY},
  };
  for (const auto& c : cases) {
    hakmem_value v{};
    EXPECT_EQ(parse(c.id, c.text, &v), c.status) << hakmem_settings[c.id].name << "='" << c.text << "'";
  }
  hakmem_value v{};
  ASSERT_EQ(parse(HAKMEM_SETTING_PURGE_DELAY_MS, "-9223372036854775808", &v), HK_PARSE_OK);
  EXPECT_EQ(v.i, INT64_MIN);
  ASSERT_EQ(parse(HAKMEM_SETTING_PURGE_DELAY_MS, "007", &v), HK_PARSE_OK);
  EXPECT_EQ(v.i, 7);
}

TEST(ConfigParse, SizeSuffixes) {
  const struct {
    const char* text;
    uint64_t bytes;
  } good[] = {{"0", 0},           {"4096", 4096},         {"1K", 1024},         {"1k", 1024},
              {"2M", 2u << 20},   {"2MB", 2u << 20},      {"2MiB", 2u << 20},   {"3G", 3ull << 30},
              {"1T", 1ull << 40}, {"512B", 512},          {"16777215T", 16777215ull << 40}};
  for (const auto& g : good) {
    hakmem_value v{};
    ASSERT_EQ(parse(HAKMEM_SETTING_MID_CACHE_MAX, g.text, &v), HK_PARSE_OK) << g.text;
    EXPECT_EQ(v.u, g.bytes) << g.text;
  }
  const Case bad[] = {
      {HAKMEM_SETTING_MID_CACHE_MAX, "M", HK_PARSE_NOT_SIZE},        {HAKMEM_SETTING_MID_CACHE_MAX, "2 M", HK_PARSE_NOT_SIZE},
      {HAKMEM_SETTING_MID_CACHE_MAX, "2X", HK_PARSE_NOT_SIZE},       {HAKMEM_SETTING_MID_CACHE_MAX, "2MM", HK_PARSE_NOT_SIZE},
      {HAKMEM_SETTING_MID_CACHE_MAX, "2BB", HK_PARSE_NOT_SIZE},      {HAKMEM_SETTING_MID_CACHE_MAX, "-1K", HK_PARSE_NOT_SIZE},
      {HAKMEM_SETTING_MID_CACHE_MAX, "1.5M", HK_PARSE_NOT_SIZE},     {HAKMEM_SETTING_MID_CACHE_MAX, "16777216T", HK_PARSE_OVERFLOW},
      {HAKMEM_SETTING_MID_CACHE_MAX, "99999999999999999999", HK_PARSE_OVERFLOW},
      {HAKMEM_SETTING_MID_CACHE_MAX, "", HK_PARSE_EMPTY},
  };
  for (const auto& c : bad) {
    hakmem_value v{};
    EXPECT_EQ(parse(c.id, c.text, &v), c.status) << "'" << c.text << "'";
  }
}

TEST(ConfigParse, Float) {
  const struct {
    const char* text;
    double value;
  } good[] = {{"0.5", 0.5}, {".5", 0.5}, {"5.", 5.0}, {"1e-3", 0.001}, {"-2.5E2", -250.0}, {"+0.1", 0.1}, {"0", 0.0},
              {"0.000000000000000000000000000001", 1e-30}, {"123456789012345678901234567890", 1.2345678901234568e29}};
  for (const auto& g : good) {
    hakmem_value v{};
    ASSERT_EQ(parse(HAKMEM_SETTING_ALLOC_LEARN_RATE, g.text, &v), HK_PARSE_OK) << g.text;
    EXPECT_EQ(v.f, g.value) << g.text;  // exact: the parser rounds correctly
  }
  for (const char* bad : {"nan", "inf", "-inf", "0x1p3", "1e", "e5", ".", "1.2.3", "1,5", " 1", "1f", "--1"}) {
    hakmem_value v{};
    EXPECT_EQ(parse(HAKMEM_SETTING_ALLOC_LEARN_RATE, bad, &v), HK_PARSE_NOT_FLOAT) << bad;
  }
  hakmem_value v{};
  EXPECT_EQ(parse(HAKMEM_SETTING_ALLOC_LEARN_RATE, "1e400", &v), HK_PARSE_OVERFLOW);
  EXPECT_EQ(parse(HAKMEM_SETTING_ALLOC_LEARN_RATE, "1e-400", &v), HK_PARSE_OK);
  EXPECT_EQ(v.f, 0.0);
}

double parse_float_text(const std::string& text, int* status = nullptr) {
  hakmem_value v{};
  int st = parse(HAKMEM_SETTING_ALLOC_LEARN_RATE, text, &v);
  if (status) *status = st;
  return st == HK_PARSE_OK ? v.f : std::nan("");
}

// Bit-for-bit against strtod (in the C locale): %.17g of random doubles, random decimal
// strings of every length, and the hard cases (halfway points, subnormals, the largest
// double, more digits than matter).
TEST(ConfigParse, FloatIsCorrectlyRoundedLikeStrtod) {
  std::mt19937_64 rng(20261203);
  std::vector<std::string> inputs;
  char buf[64];
  for (int k = 0; k < 40000; ++k) {
    uint64_t bits = rng() & ~(UINT64_C(1) << 63);
    double d;
    std::memcpy(&d, &bits, sizeof d);
    if (!std::isfinite(d)) continue;
    std::snprintf(buf, sizeof buf, "%.17g", d);
    inputs.push_back(buf);
    std::snprintf(buf, sizeof buf, "%.16g", d);
    inputs.push_back(buf);
  }
  for (int k = 0; k < 40000; ++k) {  // random digit strings and exponents
    std::string s;
    int digits = 1 + static_cast<int>(rng() % 40);
    for (int j = 0; j < digits; ++j) s += static_cast<char>('0' + rng() % 10);
    if (rng() % 2) s.insert(rng() % s.size(), ".");
    s += "e" + std::to_string(static_cast<int>(rng() % 700) - 350);
    inputs.push_back(s);
  }
  const char* hard[] = {
      "9007199254740993",                      // 2^53 + 1: a tie, to even
      "9007199254740995",                      // a tie, rounds up to even
      "2.2250738585072011e-308",               // below the smallest normal
      "2.2250738585072012e-308",
      "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",  // around the smallest
      "1.7976931348623157e308", "1.7976931348623158e308",  // the largest double
      "1.797693134862315807937289714053e308",  // just below the overflow point
      "0.1", "0.2", "0.3", "1e23", "8.589973e9", "5e-324", "123456789012345678901234567890",
      "1.00000000000000011102230246251565404236316680908203125",  // exactly halfway 1 and next
      "1.00000000000000011102230246251565404236316680908203126",
      "1.00000000000000011102230246251565404236316680908203124",
      "7.2057594037927933e16", "3.0549363634996047e-151",
  };
  for (const char* h : hard) inputs.push_back(h);
  std::string long_half = "1.00000000000000011102230246251565404236316680908203125" + std::string(900, '0') + "1";
  inputs.push_back(long_half);  // a nonzero digit far past the 800 kept ones decides the tie
  inputs.push_back("0." + std::string(320, '0') + "24703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125");
  std::size_t mismatches = 0;
  for (const auto& text : inputs) {
    errno = 0;
    double expected = std::strtod(text.c_str(), nullptr);
    int status = 0;
    double got = parse_float_text(text, &status);
    if (std::isinf(expected)) {
      EXPECT_EQ(status, HK_PARSE_OVERFLOW) << text;
      continue;
    }
    ASSERT_EQ(status, HK_PARSE_OK) << text;
    uint64_t a, b;
    std::memcpy(&a, &got, sizeof a);
    std::memcpy(&b, &expected, sizeof b);
    if (a != b && ++mismatches <= 10)
      ADD_FAILURE() << text << ": got " << std::hexfloat << got << ", strtod " << expected << std::defaultfloat;
  }
  EXPECT_EQ(mismatches, 0u) << "of " << inputs.size() << " inputs";
}

TEST(ConfigParse, EnumWordsAreExact) {
  hakmem_value v{};
  ASSERT_EQ(parse(HAKMEM_SETTING_THP_MODE, "never", &v), HK_PARSE_OK);
  EXPECT_EQ(v.i, HAKMEM_THP_MODE_NEVER);
  for (const char* bad : {"Never", "nev", "never ", "neverr", "1", ""})
    EXPECT_NE(parse(HAKMEM_SETTING_THP_MODE, bad, &v), HK_PARSE_OK) << bad;
}

TEST(ConfigParse, StringLengthLimit) {
  const hakmem_setting_desc& d = hakmem_settings[HAKMEM_SETTING_STATS_OUTPUT_FILE];
  std::string ok(d.max_length, 'a'), too_long(d.max_length + 1, 'a');
  hakmem_value v{};
  ASSERT_EQ(parse(HAKMEM_SETTING_STATS_OUTPUT_FILE, ok, &v), HK_PARSE_OK);
  EXPECT_EQ(v.s, ok.data()) << "string values point into the environment, never copied";
  EXPECT_EQ(parse(HAKMEM_SETTING_STATS_OUTPUT_FILE, too_long, &v), HK_PARSE_TOO_LONG);
}

TEST(ConfigParse, BoundsFollowEachSettingsPolicy) {
  hakmem_value v{};
  v.i = 5000;  // HAKMEM_TINY_REFILL_BATCH: 1..1024, clamp
  EXPECT_EQ(hk_check_range(&hakmem_settings[HAKMEM_SETTING_TINY_REFILL_BATCH], &v), HK_CLAMPED);
  EXPECT_EQ(v.i, 1024);
  v.i = 0;
  EXPECT_EQ(hk_check_range(&hakmem_settings[HAKMEM_SETTING_TINY_REFILL_BATCH], &v), HK_CLAMPED);
  EXPECT_EQ(v.i, 1);
  v.u = 8u << 20;  // HAKMEM_SUPERSLAB_SIZE: 1M..4M, reject
  EXPECT_EQ(hk_check_range(&hakmem_settings[HAKMEM_SETTING_SUPERSLAB_SIZE], &v), HK_REJECTED);
  EXPECT_EQ(v.u, 8u << 20);
  v.f = 0.0;  // HAKMEM_ALLOC_LEARN_RATE: 0.001..1, reject
  EXPECT_EQ(hk_check_range(&hakmem_settings[HAKMEM_SETTING_ALLOC_LEARN_RATE], &v), HK_REJECTED);
  v.f = 0.5;
  EXPECT_EQ(hk_check_range(&hakmem_settings[HAKMEM_SETTING_ALLOC_LEARN_RATE], &v), HK_IN_RANGE);
}

TEST(ConfigParse, EditDistance) {
  EXPECT_EQ(hk_edit_distance("abc", 3, "abc", 3, 3), 0u);
  EXPECT_EQ(hk_edit_distance("abc", 3, "abd", 3, 3), 1u);
  EXPECT_EQ(hk_edit_distance("abc", 3, "ab", 2, 3), 1u);
  EXPECT_EQ(hk_edit_distance("kitten", 6, "sitting", 7, 5), 3u);
  EXPECT_EQ(hk_edit_distance("abcdef", 6, "uvwxyz", 6, 2), 3u) << "capped";
}

}  // namespace

namespace {

std::string formatted(double v) {
  hk_msg m;
  hk_msg_init(&m);
  hk_msg_double(&m, v);
  return std::string(m.buf, m.len);
}

TEST(ConfigMessages, DoublesPrintWithoutStdio) {
  EXPECT_EQ(formatted(0.25), "0.25");
  EXPECT_EQ(formatted(0.1), "0.1");
  EXPECT_EQ(formatted(-2.5), "-2.5");
  EXPECT_EQ(formatted(0), "0");
  EXPECT_EQ(formatted(1e13), "1e13");
  EXPECT_EQ(formatted(3.11111e19), "3.11111e19") << "fuzzer regression: must not overflow the scaled integer";
  EXPECT_EQ(formatted(1.5e-7), "1.5e-7");
}

TEST(ConfigMessages, LongLinesEndInAnEllipsis) {
  hk_msg m;
  hk_msg_begin(&m);
  std::string big(5000, 'a');
  hk_msg_str(&m, big.c_str());
  EXPECT_TRUE(m.truncated);
  EXPECT_LE(m.len, static_cast<size_t>(HK_MSG_CAPACITY));
}

}  // namespace

namespace {

// The banded distance agrees with a plain full-matrix Levenshtein wherever it is
// within the cap.
unsigned reference_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<unsigned>> d(a.size() + 1, std::vector<unsigned>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<unsigned>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<unsigned>(j);
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j)
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0u : 1u)});
  return d[a.size()][b.size()];
}

TEST(ConfigParse, EditDistanceMatchesReference) {
  const char* words[] = {"", "a", "ab", "abc", "HAKMEM_TINY_REFILL_BATCH", "HAKMEM_TINY_REFIL_BATCH",
                         "HAKMEM_TINY_REFILL_BATCH_SIZE", "HAKMEM_TINY_DRAIN_BATCH", "HAKMEM_SS_EMPTY_REUSE",
                         "HAKMEM_SUPERSLAB_REUSE", "xyzzy", "kitten", "sitting", "BATCH_TINY"};
  for (const char* x : words)
    for (const char* y : words)
      for (unsigned cap : {0u, 1u, 2u, 3u, 8u}) {
        unsigned ref = reference_distance(x, y);
        unsigned got = hk_edit_distance(x, std::strlen(x), y, std::strlen(y), cap);
        EXPECT_EQ(got, ref <= cap ? ref : cap + 1) << "'" << x << "' vs '" << y << "' cap " << cap;
      }
}

}  // namespace
