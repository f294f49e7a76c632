// Frees from other threads: pushed lock-free onto the slab's remote list and collected
// by the owner when it refills; nothing lost, nothing handed out twice.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "alloc_test_util.h"

TEST(AllocRemoteFree, BlocksFreedElsewhereComeBackToTheOwner) {
  if (!stats_compiled_in()) GTEST_SKIP() << "HAKMEM_STATS=0";
  auto before = stats_now();
  std::vector<void *> v;
  for (int i = 0; i < 50000; i++) {
    v.push_back(hak_malloc(32));
    fill_pattern(v.back(), 32, i);
  }
  std::thread([&] {
    for (size_t i = 0; i < v.size(); i++) {
      ASSERT_TRUE(check_pattern(v[i], 32, i));
      hak_free(v[i]);
    }
  }).join();
  // the owner allocates again: its refills collect the remote lists
  std::vector<void *> again;
  for (int i = 0; i < 50000; i++) again.push_back(hak_malloc(32));
  auto after = stats_now();
  EXPECT_GT(after.remote_collected, before.remote_collected + 40000);
  std::set<void *> unique(again.begin(), again.end());
  EXPECT_EQ(unique.size(), again.size());
  for (void *p : again) hak_free(p);
}

TEST(AllocRemoteFree, ProducerConsumerNeverLosesABlock) {
  constexpr int kItems = 200000;
  constexpr int kRing = 1024;
  std::vector<std::atomic<void *>> ring(kRing);
  for (auto &s : ring) s.store(nullptr);
  std::atomic<int> consumed{0};
  std::thread producer([&] {
    for (int i = 0; i < kItems; i++) {
      size_t n = 16 + (i % 64) * 16;
      auto *p = static_cast<uint32_t *>(hak_malloc(n));
      p[0] = static_cast<uint32_t>(i);
      p[1] = static_cast<uint32_t>(n);
      auto &slot = ring[i % kRing];
      void *expected = nullptr;
      while (!slot.compare_exchange_weak(expected, p)) expected = nullptr;
    }
  });
  std::thread consumer([&] {
    for (int i = 0; i < kItems; i++) {
      auto &slot = ring[i % kRing];
      void *p;
      while (!(p = slot.exchange(nullptr))) std::this_thread::yield();
      auto *w = static_cast<uint32_t *>(p);
      ASSERT_EQ(w[0], static_cast<uint32_t>(i));
      ASSERT_GE(hak_malloc_usable_size(p), w[1]);
      hak_free(p);
      consumed++;
    }
  });
  producer.join();
  consumer.join();
  EXPECT_EQ(consumed.load(), kItems);
}
