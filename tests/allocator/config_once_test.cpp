// hakmem_config_init() as the allocator calls it: from a constructor before main,
// without a single heap allocation.
//
// This program replaces malloc, calloc and realloc to count calls made while the
// layer initialises. Run by ctest with HAKMEM_TINY_REFILL_BATCH=7 and a few bad
// settings in its environment (see CMakeLists.txt).
#include <malloc.h>
#include <pthread.h>

#include <atomic>
#include <cstdlib>
#include <cstring>

#include <gtest/gtest.h>

#include "config_harness.h"

extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
}

namespace {
std::atomic<bool> g_counting{false};
std::atomic<int> g_allocations{0};
int64_t g_batch_in_constructor = -1;
}  // namespace

extern "C" void* malloc(size_t n) {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1);
  return __libc_malloc(n);
}
extern "C" void* calloc(size_t a, size_t b) {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1);
  return __libc_calloc(a, b);
}
extern "C" void* realloc(void* p, size_t n) {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1);
  return __libc_realloc(p, n);
}

// Runs before main, like another library's constructor that allocates first.
__attribute__((constructor(101))) static void early_constructor() {
  g_counting = true;
  hakmem_config_init();
  g_counting = false;
  g_batch_in_constructor = hakmem_tiny_refill_batch();
}

namespace {

TEST(ConfigOnce, ConstructorCallReadTheEnvironmentWithoutAllocating) {
  ASSERT_STREQ(std::getenv("HAKMEM_TINY_REFILL_BATCH"), "7") << "ctest sets the environment";
  EXPECT_EQ(g_batch_in_constructor, 7);
  EXPECT_EQ(g_allocations.load(), 0) << "initialisation called malloc";
}

// Concurrent first calls are tested in config_race_test.cpp: here the constructor has
// already initialised the layer, so threads could never race.

TEST(ConfigOnce, ReinitialisationWithBadSettingsDoesNotAllocate) {
  std::vector<std::string> env = {"HAKMEM_TINY_REFILL_BATCH=abc", "HAKMEM_TINY_REFIL_BATCH=1", "HAKMEM_LEARN=1",
                                  "HAKMEM_TINY_SFC_CAP=1", "HAKMEM_SUPERSLAB_PREWARM=3", "HAKMEM_PRINT_CONFIG=1",
                                  "HAKMEM_DEBUG_LEVEL=3"};
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  hakmem_config_options opt{envp.data(), 20261201, 0, -1};
  g_allocations = 0;
  g_counting = true;
  hakmem_config_init_with(&opt);
  hakmem_config_print(-1);
  g_counting = false;
  EXPECT_EQ(g_allocations.load(), 0);
  EXPECT_GE(hakmem_config_last_report()->bad_values, 1u);
}

}  // namespace
