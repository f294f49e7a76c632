// API conformance of the hak_ functions: errno and return values as POSIX and glibc
// document them, zero sizes, overflow, the alignment matrix, realloc contents.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <vector>

#include "alloc_test_util.h"

namespace {
bool aligned(const void *p, size_t a) { return reinterpret_cast<uintptr_t>(p) % a == 0; }
}  // namespace

TEST(AllocApi, MallocZeroGivesAUniqueFreeablePointer) {
  void *a = hak_malloc(0), *b = hak_malloc(0);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_NE(a, b);
  hak_free(a);
  hak_free(b);
  hak_free(nullptr);
}

TEST(AllocApi, HugeRequestsFailWithEnomem) {
  for (size_t n : {SIZE_MAX, SIZE_MAX / 2, static_cast<size_t>(PTRDIFF_MAX) + 1, static_cast<size_t>(1) << 50}) {
    errno = 0;
    EXPECT_EQ(hak_malloc(n), nullptr) << n;
    EXPECT_EQ(errno, ENOMEM);
  }
  void *p = reinterpret_cast<void *>(1);
  EXPECT_EQ(hak_posix_memalign(&p, 64, SIZE_MAX / 2), ENOMEM);
  EXPECT_EQ(p, reinterpret_cast<void *>(1));  // untouched on failure
}

TEST(AllocApi, CallocZeroesAndChecksOverflow) {
  errno = 0;
  EXPECT_EQ(hak_calloc(SIZE_MAX / 2, 3), nullptr);
  EXPECT_EQ(errno, ENOMEM);
  errno = 0;
  EXPECT_EQ(hak_calloc(static_cast<size_t>(1) << 33, static_cast<size_t>(1) << 33), nullptr);
  EXPECT_EQ(errno, ENOMEM);
  for (size_t n : {1, 16, 100, 1024, 4000, 70000, 300000}) {
    // dirty a block of the same class first, so calloc must clear reused memory
    void *d = hak_malloc(n);
    memset(d, 0xcd, n);
    hak_free(d);
    auto *z = static_cast<unsigned char *>(hak_calloc(n, 1));
    ASSERT_NE(z, nullptr);
    for (size_t i = 0; i < n; i++) ASSERT_EQ(z[i], 0) << n << " at " << i;
    hak_free(z);
  }
  void *zero = hak_calloc(0, 10);
  EXPECT_NE(zero, nullptr);
  hak_free(zero);
}

TEST(AllocApi, ReallocGrowsAndShrinksPreservingContents) {
  std::vector<size_t> sizes = {1, 17, 100, 512, 1024, 1500, 4096, 30000, 200000, 300000, 3000000, 700, 8, 2000000, 24};
  size_t cur = 5;
  auto *p = static_cast<unsigned char *>(hak_malloc(cur));
  fill_pattern(p, cur, 7);
  for (size_t n : sizes) {
    auto *q = static_cast<unsigned char *>(hak_realloc(p, n));
    ASSERT_NE(q, nullptr);
    size_t keep = n < cur ? n : cur;
    ASSERT_TRUE(check_pattern(q, keep, 7)) << cur << " -> " << n;
    ASSERT_GE(hak_malloc_usable_size(q), n);
    fill_pattern(q, n, 7);
    p = q;
    cur = n;
  }
  hak_free(p);
}

TEST(AllocApi, ReallocEdgeCases) {
  void *p = hak_realloc(nullptr, 40);  // realloc(NULL, n) is malloc
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(hak_realloc(p, 0), nullptr);  // glibc: frees and returns NULL
  void *q = hak_malloc(64);
  errno = 0;
  EXPECT_EQ(hak_realloc(q, SIZE_MAX), nullptr);
  EXPECT_EQ(errno, ENOMEM);
  hak_free(q);  // still valid after the failed realloc
}

TEST(AllocApi, ReallocarrayChecksOverflow) {
  errno = 0;
  void *p = hak_malloc(10);
  EXPECT_EQ(hak_reallocarray(p, SIZE_MAX / 4, 8), nullptr);
  EXPECT_EQ(errno, ENOMEM);
  void *q = hak_reallocarray(p, 100, 8);
  ASSERT_NE(q, nullptr);
  EXPECT_GE(hak_malloc_usable_size(q), 800u);
  hak_free(q);
}

TEST(AllocApi, PosixMemalignRejectsBadAlignments) {
  void *p = nullptr;
  for (size_t a : {0, 1, 2, 4, 12, 24, 48, 100, 4095}) EXPECT_EQ(hak_posix_memalign(&p, a, 16), EINVAL) << a;
  ASSERT_EQ(hak_posix_memalign(&p, 8, 16), 0);
  hak_free(p);
}

TEST(AllocApi, AlignedAllocRejectsNonPowerOfTwo) {
  errno = 0;
  EXPECT_EQ(hak_aligned_alloc(24, 48), nullptr);
  EXPECT_EQ(errno, EINVAL);
  errno = 0;
  EXPECT_EQ(hak_aligned_alloc(0, 48), nullptr);
  EXPECT_EQ(errno, EINVAL);
  void *p = hak_aligned_alloc(64, 100);  // size need not be a multiple (glibc >= 2.38)
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(aligned(p, 64));
  hak_free(p);
}

TEST(AllocApi, AlignmentMatrix) {
  std::vector<void *> all;
  for (size_t a = 16; a <= (static_cast<size_t>(8) << 20); a <<= 1) {
    for (size_t n : {1, 15, 16, 100, 1000, 1024, 5000, 65536, 300000, 5000000}) {
      void *p = nullptr;
      ASSERT_EQ(hak_posix_memalign(&p, a, n), 0) << a << " " << n;
      ASSERT_TRUE(aligned(p, a)) << a << " " << n;
      ASSERT_GE(hak_malloc_usable_size(p), n);
      memset(p, 0x5a, n);
      all.push_back(p);
      void *q = hak_aligned_alloc(a, n);
      ASSERT_TRUE(q && aligned(q, a)) << a << " " << n;
      all.push_back(q);
      void *r = hak_memalign(a, n);
      ASSERT_TRUE(r && aligned(r, a)) << a << " " << n;
      all.push_back(r);
    }
  }
  for (void *p : all) hak_free(p);
}

TEST(AllocApi, MemalignRoundsOddAlignmentsUp) {
  void *p = hak_memalign(48, 10);  // glibc rounds to 64
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(aligned(p, 64));
  hak_free(p);
  errno = 0;
  EXPECT_EQ(hak_memalign(SIZE_MAX, 10), nullptr);
  EXPECT_EQ(errno, EINVAL);
}

TEST(AllocApi, VallocAndPvalloc) {
  void *v = hak_valloc(100);
  ASSERT_TRUE(v && aligned(v, 4096));
  void *pv = hak_pvalloc(5000);
  ASSERT_TRUE(pv && aligned(pv, 4096));
  EXPECT_GE(hak_malloc_usable_size(pv), 8192u);  // rounded up to whole pages
  void *p0 = hak_pvalloc(0);
  ASSERT_TRUE(p0 && aligned(p0, 4096));
  EXPECT_GE(hak_malloc_usable_size(p0), 4096u);
  errno = 0;
  EXPECT_EQ(hak_pvalloc(SIZE_MAX - 10), nullptr);
  EXPECT_EQ(errno, ENOMEM);
  hak_free(v);
  hak_free(pv);
  hak_free(p0);
}

TEST(AllocApi, UsableSizeCoversTheRequest) {
  EXPECT_EQ(hak_malloc_usable_size(nullptr), 0u);
  for (size_t n = 0; n < 300000; n = n * 3 / 2 + 1) {
    void *p = hak_malloc(n);
    size_t u = hak_malloc_usable_size(p);
    ASSERT_GE(u, n);
    memset(p, 1, u);  // all of it is writable
    hak_free(p);
  }
}
