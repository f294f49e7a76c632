// Size classes and rounding: every request gets a block of at least its size, 16-byte
// aligned, from the class the tables promise, with bounded waste.
#include <gtest/gtest.h>

#include "alloc_test_util.h"

TEST(AllocSizeClass, TinyClassesCoverEverySizeWithBoundedWaste) {
  size_t prev = 0;
  for (size_t n = 1; n <= 1024; n++) {
    size_t cs = hak_debug_class_size(n);
    ASSERT_TRUE(hak_debug_is_tiny(n));
    ASSERT_GE(cs, n);
    ASSERT_EQ(cs % 16, 0u);
    ASSERT_GE(cs, prev);
    if (n > 128) ASSERT_LE(cs, n + n / 4 + 16) << n;
    else ASSERT_LT(cs - n, 16u) << n;
    prev = cs;
  }
  EXPECT_EQ(hak_debug_class_size(0), 16u);
  EXPECT_EQ(hak_debug_class_size(129), 160u);
  EXPECT_EQ(hak_debug_class_size(1024), 1024u);
}

TEST(AllocSizeClass, MidClassesAreFourPerDoubling) {
  EXPECT_FALSE(hak_debug_is_tiny(1025));
  EXPECT_EQ(hak_debug_class_size(1025), 1280u);
  EXPECT_EQ(hak_debug_class_size(2048), 2048u);
  EXPECT_EQ(hak_debug_class_size(2049), 2560u);
  EXPECT_EQ(hak_debug_class_size(256 * 1024), 256u * 1024);
  EXPECT_EQ(hak_debug_class_size(256 * 1024 + 1), 0u);  // large: mapped directly
  for (size_t n = 1025; n <= 256 * 1024; n += 97) {
    size_t cs = hak_debug_class_size(n);
    ASSERT_GE(cs, n);
    ASSERT_LE(cs, n + n / 4 + 16) << n;
  }
}

TEST(AllocSizeClass, UsableSizeIsTheClassSize) {
  for (size_t n : {1, 15, 16, 17, 100, 129, 1000, 1024, 1025, 5000, 70000, 262144}) {
    void *p = hak_malloc(n);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 16, 0u);
    EXPECT_EQ(hak_malloc_usable_size(p), hak_debug_class_size(n)) << n;
    hak_free(p);
  }
}
