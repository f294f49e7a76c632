// libhakmem.a with HAKMEM_OVERRIDE_MALLOC=1: malloc and every C++ operator of this
// program are the allocator's (the test framework itself runs on it too).
#include <gtest/gtest.h>

#include <cstdlib>
#include <malloc.h>
#include <new>

#include "hak_stats_test.h"

namespace {
bool ours(const volatile void *p) { return hak_debug_superslab_of(const_cast<const void *>(p)) != nullptr; }
struct alignas(256) Wide {
  char bytes[300];
};
}  // namespace

TEST(AllocOverride, MallocAndFriendsAreTheAllocators) {
  void *p = calloc(1, 40);
  EXPECT_TRUE(ours(p));
  EXPECT_EQ(malloc_usable_size(p), 48u);
  free(p);
  void *a = aligned_alloc(128, 200);
  EXPECT_TRUE(ours(a));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a) % 128, 0u);
  free(a);
}

TEST(AllocOverride, EveryOperatorNewFormUsesTheAllocator) {
  int *one = new int(5);
  EXPECT_TRUE(ours(one));
  delete one;
  int *arr = new int[100]();
  EXPECT_TRUE(ours(arr));
  delete[] arr;
  int *nt = new (std::nothrow) int[10]();
  EXPECT_TRUE(ours(nt));
  delete[] nt;
  Wide *w = new Wide;  // aligned new
  EXPECT_EQ(reinterpret_cast<uintptr_t>(w) % 256, 0u);
  delete w;
  Wide *wa = new Wide[3];
  EXPECT_EQ(reinterpret_cast<uintptr_t>(wa) % 256, 0u);
  delete[] wa;
  void *big = ::operator new(1 << 20, std::align_val_t(1 << 20));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(big) % (1 << 20), 0u);
  ::operator delete(big, std::align_val_t(1 << 20));
  void *sized = ::operator new(77);
  ::operator delete(sized, 77);
  void *an = ::operator new(64, std::align_val_t(64), std::nothrow);
  EXPECT_NE(an, nullptr);
  ::operator delete(an, std::align_val_t(64), std::nothrow);
}

TEST(AllocOverride, FailedNewThrowsAndNothrowReturnsNull) {
  EXPECT_THROW((void)::operator new(SIZE_MAX / 2), std::bad_alloc);
  EXPECT_THROW((void)::operator new(SIZE_MAX / 2, std::align_val_t(64)), std::bad_alloc);
  EXPECT_EQ(::operator new(SIZE_MAX / 2, std::nothrow), nullptr);
  EXPECT_EQ(::operator new[](SIZE_MAX / 2, std::align_val_t(4096), std::nothrow), nullptr);
}

TEST(AllocOverride, NewHandlerIsCalledBeforeThrowing) {
  static int calls = 0;
  std::set_new_handler([] {
    if (++calls == 3) std::set_new_handler(nullptr);
  });
  EXPECT_THROW((void)::operator new(SIZE_MAX / 2), std::bad_alloc);
  EXPECT_EQ(calls, 3);
}
