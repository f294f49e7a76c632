// Large objects: mapped directly with a header page, freed mappings cached and reused.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "alloc_test_util.h"

TEST(AllocLarge, MappedBlocksAreUsableAndPageAligned) {
  for (size_t n : {262145u, 300000u, 1u << 20, 5u << 20, 33u << 20}) {
    auto *p = static_cast<unsigned char *>(hak_malloc(n));
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 4096, 0u);
    EXPECT_GE(hak_malloc_usable_size(p), n);
    p[0] = 1;
    p[n - 1] = 2;
    EXPECT_EQ(hak_debug_superslab_of(p), nullptr);
    hak_free(p);
  }
}

TEST(AllocLarge, FreedMappingsAreReusedFromTheCache) {
  if (!stats_compiled_in()) GTEST_SKIP() << "HAKMEM_STATS=0";
  void *p = hak_malloc(1 << 20);
  hak_free(p);
  auto before = stats_now();
  for (int i = 0; i < 20; i++) hak_free(hak_malloc(1 << 20));
  auto after = stats_now();
  EXPECT_EQ(after.large_cache_hits - before.large_cache_hits, 20);
  EXPECT_EQ(after.large_maps, before.large_maps);
}

TEST(AllocLarge, CacheIsBoundedByLargeCacheMax) {
  if (!stats_compiled_in()) GTEST_SKIP() << "HAKMEM_STATS=0";
  std::vector<void *> v;
  for (int i = 0; i < 16; i++) v.push_back(hak_malloc(2 << 20));  // 32 MiB, default cache 8 MiB
  for (void *p : v) hak_free(p);
  auto s = stats_now();
  EXPECT_LE(s.large_cached_bytes, 8 << 20);
  EXPECT_GT(s.large_unmaps, 0);
}

TEST(AllocLarge, CallocOfLargeIsZero) {
  for (int round = 0; round < 3; round++) {
    auto *p = static_cast<unsigned char *>(hak_malloc(600000));
    memset(p, 0xab, 600000);
    hak_free(p);
    auto *z = static_cast<unsigned char *>(hak_calloc(1, 600000));  // may reuse the dirty mapping
    for (size_t i = 0; i < 600000; i += 4096) ASSERT_EQ(z[i], 0);
    ASSERT_EQ(z[599999], 0);
    hak_free(z);
  }
}
