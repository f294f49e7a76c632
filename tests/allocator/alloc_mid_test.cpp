// The mid-size pool: blocks from spans under the class lock, small thread caches in
// front, contents kept, blocks returned across threads.
#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "alloc_test_util.h"

TEST(AllocMid, BlocksAreDistinctAlignedAndKeepTheirContents) {
  std::vector<std::pair<void *, size_t>> v;
  for (int i = 0; i < 3000; i++) {
    size_t n = 1025 + (static_cast<size_t>(i) * 7919) % (256 * 1024 - 1025);
    void *p = hak_malloc(n);
    ASSERT_NE(p, nullptr);
    ASSERT_EQ(reinterpret_cast<uintptr_t>(p) % 16, 0u);
    ASSERT_GE(hak_malloc_usable_size(p), n);
    fill_pattern(p, n < 4096 ? n : 4096, i);
    v.emplace_back(p, n);
  }
  std::set<void *> unique;
  for (auto &e : v) unique.insert(e.first);
  EXPECT_EQ(unique.size(), v.size());
  for (size_t i = 0; i < v.size(); i++) {
    ASSERT_TRUE(check_pattern(v[i].first, v[i].second < 4096 ? v[i].second : 4096, i));
    hak_free(v[i].first);
  }
}

TEST(AllocMid, ThreadCacheServesRepeatedRequestsWithoutTheLock) {
  if (!stats_compiled_in()) GTEST_SKIP() << "HAKMEM_STATS=0";
  void *warm = hak_malloc(8000);
  hak_free(warm);
  auto before = stats_now();
  for (int i = 0; i < 1000; i++) hak_free(hak_malloc(8000));
  auto after = stats_now();
  EXPECT_LT(after.mid_lock_allocs - before.mid_lock_allocs, 10);
}

TEST(AllocMid, EmptiedSpansAreCountedAsFreeCommittedMemory) {
  if (!stats_compiled_in()) GTEST_SKIP() << "HAKMEM_STATS=0";
  auto before = stats_now();
  std::thread([] {
    std::vector<void *> v;
    for (int i = 0; i < 500; i++) v.push_back(hak_malloc(20000));
    for (void *p : v) hak_free(p);
  }).join();
  auto after = stats_now();
  EXPECT_GT(after.mid_spans_emptied, before.mid_spans_emptied);
  EXPECT_GT(after.mid_free_committed, 0);
}

TEST(AllocMid, CrossThreadFreesReturnToThePool) {
  std::vector<void *> v;
  for (int i = 0; i < 2000; i++) v.push_back(hak_malloc(3000 + i));
  std::thread([&] {
    for (void *p : v) hak_free(p);
  }).join();
  std::vector<void *> again;
  for (int i = 0; i < 2000; i++) again.push_back(hak_malloc(3000 + i));
  std::set<void *> unique(again.begin(), again.end());
  EXPECT_EQ(unique.size(), again.size());
  for (void *p : again) hak_free(p);
}
