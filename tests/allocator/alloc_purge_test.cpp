// Purge: free pages of empty slabs go back to the OS (RSS falls), malloc_trim forces it.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "alloc_test_util.h"

TEST(AllocPurge, MallocTrimReturnsFreePagesAndRssFalls) {
  if (!stats_compiled_in()) GTEST_SKIP() << "HAKMEM_STATS=0";
  std::vector<void *> v;
  for (int i = 0; i < 20000; i++) {
    v.push_back(hak_malloc(3000));  // ~60 MiB of mid-size blocks, above the 32 MiB cache
    fill_pattern(v.back(), 3000, i);
  }
  size_t held = hak_debug_rss_bytes();
  for (void *p : v) hak_free(p);
  auto before = stats_now();
  EXPECT_EQ(hak_malloc_trim(0), 1);
  auto after = stats_now();
  size_t trimmed = hak_debug_rss_bytes();
  EXPECT_GT(after.purges, before.purges);
  EXPECT_LT(trimmed + (40u << 20), held) << "held " << held << " trimmed " << trimmed;
}

TEST(AllocPurge, TinySlabsEmptiedByDrainsArePurgedAfterTheDelay) {
  if (!stats_compiled_in()) GTEST_SKIP() << "HAKMEM_STATS=0";
  auto before = stats_now();
  std::thread([] {
    std::vector<void *> v;
    for (int i = 0; i < 100000; i++) v.push_back(hak_malloc(96));
    for (void *p : v) hak_free(p);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // default delay: 10 ms
    hak_debug_purge_now();
  }).join();
  auto after = stats_now();
  EXPECT_GT(after.tiny_slabs_emptied, before.tiny_slabs_emptied);
  EXPECT_GT(after.purged_bytes, before.purged_bytes);
}
