// Multi-threaded stress: many threads, random sizes across every class (tiny, mid-size,
// large), blocks handed between threads and freed there, content patterns verified on
// every free, threads created and ended in waves. No block may be lost or corrupted, and
// RSS must stay bounded.
#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include "alloc_test_util.h"

namespace {

struct Block {
  void *p;
  uint32_t size;
  uint32_t seed;
};

constexpr int kSlots = 4096;
std::atomic<Block *> exchange_slots[kSlots];
std::atomic<long long> allocated{0}, freed{0}, corrupt{0};

size_t random_size(std::mt19937 &rng) {
  unsigned r = rng() % 1000;
  if (r < 800) return 1 + rng() % 1024;          // tiny
  if (r < 990) return 1025 + rng() % 65536;      // mid-size
  if (r < 998) return 65536 + rng() % 200000;    // upper mid-size
  return 262145 + rng() % (2 << 20);             // large
}

void release(Block *b) {
  size_t check = b->size < 256 ? b->size : 256;
  if (!check_pattern(b->p, check, b->seed) || hak_malloc_usable_size(b->p) < b->size) corrupt++;
  hak_free(b->p);
  delete b;
  freed++;
}

void worker(unsigned seed, int ops) {
  std::mt19937 rng(seed);
  std::vector<Block *> mine;
  for (int i = 0; i < ops; i++) {
    unsigned action = rng() % 10;
    if (action < 5 || mine.empty()) {
      size_t n = random_size(rng);
      void *p = hak_malloc(n);
      if (!p) {
        corrupt++;
        continue;
      }
      auto *b = new Block{p, static_cast<uint32_t>(n), static_cast<uint32_t>(rng())};
      fill_pattern(p, n < 256 ? n : 256, b->seed);
      allocated++;
      mine.push_back(b);
    } else if (action < 8) {
      size_t k = rng() % mine.size();
      release(mine[k]);
      mine[k] = mine.back();
      mine.pop_back();
    } else {
      // hand a block to another thread through a slot; take whatever was there
      size_t k = rng() % mine.size();
      Block *out = mine[k];
      mine[k] = mine.back();
      mine.pop_back();
      Block *in = exchange_slots[rng() % kSlots].exchange(out);
      if (in) mine.push_back(in);
    }
    if (mine.size() > 2000) {
      release(mine.back());
      mine.pop_back();
    }
  }
  // about half of what is left outlives the thread and is freed by others or at the end
  for (size_t i = 0; i < mine.size(); i++) {
    if (i % 2) release(mine[i]);
    else if (Block *in = exchange_slots[rng() % kSlots].exchange(mine[i])) release(in);
  }
}

}  // namespace

TEST(AllocStress, ThreadsWithCrossThreadFreesNeverLoseOrCorruptABlock) {
  const int waves = 6, threads = 8, ops = 40000;
  size_t rss_start = hak_debug_rss_bytes();
  size_t rss_peak = 0;
  for (int w = 0; w < waves; w++) {
    std::vector<std::thread> ts;
    for (int t = 0; t < threads; t++) ts.emplace_back(worker, w * 100 + t, ops);
    for (auto &t : ts) t.join();
    size_t rss = hak_debug_rss_bytes();
    if (rss > rss_peak) rss_peak = rss;
  }
  for (auto &s : exchange_slots)
    if (Block *b = s.exchange(nullptr)) release(b);
  EXPECT_EQ(corrupt.load(), 0);
  EXPECT_EQ(allocated.load(), freed.load());
  // At most 8 threads x 2000 live blocks (mostly small) plus the 4096 handed over: the
  // heap stays far below this bound unless memory leaks wave after wave.
  EXPECT_LT(rss_peak, rss_start + (size_t(512) << 20)) << "peak RSS " << (rss_peak >> 20) << " MiB";
  hak_malloc_trim(0);
  if (stats_compiled_in()) {
    auto s = stats_now();
    EXPECT_GE(s.threads_exited, waves * threads);
    EXPECT_GT(s.remote_collected, 0);
  }
}

TEST(AllocStress, ForkedChildHasAWorkingHeap) {
  std::atomic<bool> stop{false};
  std::thread busy([&] {
    std::mt19937 rng(1);
    while (!stop) hak_free(hak_malloc(random_size(rng)));
  });
  for (int i = 0; i < 6; i++) {
    pid_t pid = fork();
    if (pid == 0) {
      std::mt19937 rng(i);
      std::vector<void *> v;
      for (int k = 0; k < 5000; k++) v.push_back(hak_malloc(random_size(rng) % 5000 + 1));
      std::thread t([&] {
        for (void *p : v) hak_free(p);
      });
      t.join();
      _exit(0);
    }
    int status = -1;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child " << i << " status " << status;
  }
  stop = true;
  busy.join();
}
