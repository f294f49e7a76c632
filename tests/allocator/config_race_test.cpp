// hakmem_config_init() called by many threads at once in a process where nothing has
// initialised the layer yet (no constructor here, unlike config_once_test): every
// caller must return only after the one initialisation has finished, and see its values.
// The environment gets 200,000 unknown HAKMEM_ names, so that the initialisation takes
// milliseconds and the other callers surely arrive while it runs.
#include <pthread.h>

#include <atomic>
#include <cstdlib>
#include <vector>

#include <string>

#include <gtest/gtest.h>

#include "hakmem/config.h"

extern char** environ;

namespace {

constexpr int kThreads = 16;
pthread_barrier_t g_start;
std::atomic<int> g_saw_seven{0}, g_saw_other{0};

void* racer(void*) {
  pthread_barrier_wait(&g_start);
  hakmem_config_init();
  (hakmem_tiny_refill_batch() == 7 ? g_saw_seven : g_saw_other).fetch_add(1);
  return nullptr;
}

TEST(ConfigRace, ConcurrentFirstCallsAllSeeTheFinishedConfiguration) {
  static std::vector<std::string> entries;
  for (int i = 0; i < 200000; ++i) entries.push_back("HAKMEM_UNKNOWN_SETTING_" + std::to_string(i) + "=1");
  entries.push_back("HAKMEM_TINY_REFILL_BATCH=7");
  static std::vector<char*> env;
  for (auto& e : entries) env.push_back(e.data());
  env.push_back(nullptr);
  environ = env.data();
  pthread_barrier_init(&g_start, nullptr, kThreads);
  std::vector<pthread_t> threads(kThreads);
  for (auto& t : threads) pthread_create(&t, nullptr, racer, nullptr);
  for (auto& t : threads) pthread_join(t, nullptr);
  pthread_barrier_destroy(&g_start);
  EXPECT_EQ(g_saw_seven.load(), kThreads);
  EXPECT_EQ(g_saw_other.load(), 0) << "a caller returned before the initialisation had finished";
}

}  // namespace
