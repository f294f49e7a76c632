// The shared pool: SuperSlabs emptied by one thread are cached and reused by another.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "alloc_test_util.h"

TEST(AllocSharedPool, EmptySuperSlabsAreCachedAndReused) {
  if (!stats_compiled_in()) GTEST_SKIP() << "HAKMEM_STATS=0";
  auto before = stats_now();
  std::thread([] {
    std::vector<void *> v;
    for (int i = 0; i < 150000; i++) v.push_back(hak_malloc(64));  // ~9 MiB: several SuperSlabs
    for (void *p : v) hak_free(p);
  }).join();
  auto mid = stats_now();
  EXPECT_GT(mid.ss_cached, 0);
  std::thread([] {
    std::vector<void *> v;
    for (int i = 0; i < 150000; i++) v.push_back(hak_malloc(64));
    for (void *p : v) hak_free(p);
  }).join();
  auto after = stats_now();
  EXPECT_GT(after.ss_reused, mid.ss_reused);
  EXPECT_EQ(after.ss_unmapped, before.ss_unmapped);  // default: reuse on, 8 cached
  EXPECT_GE(after.threads_exited, before.threads_exited + 2);
}

TEST(AllocSharedPool, ExitedThreadsLeaveBusySuperSlabsForAdoption) {
  if (!stats_compiled_in()) GTEST_SKIP() << "HAKMEM_STATS=0";
  auto before = stats_now();
  std::vector<void *> kept;
  std::thread([&] {
    for (int i = 0; i < 1000; i++) kept.push_back(hak_malloc(80));
  }).join();
  auto mid = stats_now();
  EXPECT_GT(mid.ss_abandoned, 0);
  for (void *p : kept) hak_free(p);  // remote frees into an abandoned SuperSlab
  // a new thread adopts it when it needs memory
  std::thread([] {
    std::vector<void *> v;
    for (int i = 0; i < 200000; i++) v.push_back(hak_malloc(80));
    for (void *p : v) hak_free(p);
  }).join();
  auto after = stats_now();
  EXPECT_GT(after.ss_adopted, before.ss_adopted);
}
