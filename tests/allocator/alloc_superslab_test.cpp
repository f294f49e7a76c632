// SuperSlabs: aligned to their size so masking an address finds the owner; carved
// lazily, one slab unit per class.
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "alloc_test_util.h"

TEST(AllocSuperslab, MaskingFindsTheSuperSlabOfEveryBlock) {
  size_t ss = hak_debug_superslab_size();
  ASSERT_EQ(ss & (ss - 1), 0u);
  std::vector<void *> v;
  for (int i = 0; i < 5000; i++) v.push_back(hak_malloc(16 + (i % 60) * 16));
  for (void *p : v) {
    void *owner = hak_debug_superslab_of(p);
    ASSERT_NE(owner, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(owner) % ss, 0u);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) & ~(ss - 1), reinterpret_cast<uintptr_t>(owner));
    EXPECT_NE(owner, p);  // blocks never start a SuperSlab: the header is there
  }
  for (void *p : v) hak_free(p);
}

TEST(AllocSuperslab, ClassesGetTheirOwnSlabUnits) {
  // Blocks of two classes never share a 64 KiB slab unit.
  std::set<uintptr_t> units16, units32;
  std::vector<void *> v;
  for (int i = 0; i < 3000; i++) {
    void *a = hak_malloc(16), *b = hak_malloc(32);
    units16.insert(reinterpret_cast<uintptr_t>(a) >> 16);
    units32.insert(reinterpret_cast<uintptr_t>(b) >> 16);
    v.push_back(a);
    v.push_back(b);
  }
  for (uintptr_t u : units16) EXPECT_EQ(units32.count(u), 0u);
  for (void *p : v) hak_free(p);
}

TEST(AllocSuperslab, CarvingIsLazy) {
  if (!stats_compiled_in()) GTEST_SKIP() << "HAKMEM_STATS=0";
  auto before = stats_now();
  // A first allocation carves at most the units its refill batch needs (64 blocks of
  // 1 KiB may span two 64 KiB units), never the whole SuperSlab, and populates nothing.
  void *p = hak_malloc(900);
  auto after = stats_now();
  EXPECT_LE(after.tiny_slabs_carved - before.tiny_slabs_carved, 2);
  EXPECT_EQ(after.ss_populated, before.ss_populated);
  hak_free(p);
}

TEST(AllocSuperslab, BlocksOfOneSlabAreDistinctAndWritable) {
  std::vector<void *> v;
  for (int i = 0; i < 20000; i++) {
    void *p = hak_malloc(48);
    fill_pattern(p, 48, i);
    v.push_back(p);
  }
  std::set<void *> unique(v.begin(), v.end());
  EXPECT_EQ(unique.size(), v.size());
  for (size_t i = 0; i < v.size(); i++) ASSERT_TRUE(check_pattern(v[i], 48, i));
  for (void *p : v) hak_free(p);
}
