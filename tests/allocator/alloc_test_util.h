// Helpers of the in-process allocator tests (linked with the prefixed library).
#pragma once

#include <cstddef>
#include <cstdint>

#include "hak_stats_test.h"
#include "hakmem.h"

inline struct hak_stats_snapshot stats_now() {
  struct hak_stats_snapshot s{};
  hak_stats_snapshot(&s);
  return s;
}

inline bool stats_compiled_in() {
  struct hak_stats_snapshot s{};
  return hak_stats_snapshot(&s) == 0;
}

inline void fill_pattern(void *p, size_t n, uint32_t seed) {
  auto *b = static_cast<unsigned char *>(p);
  for (size_t i = 0; i < n; i++) b[i] = static_cast<unsigned char>((seed * 2654435761u + i * 31u) >> 7);
}

inline bool check_pattern(const void *p, size_t n, uint32_t seed) {
  auto *b = static_cast<const unsigned char *>(p);
  for (size_t i = 0; i < n; i++)
    if (b[i] != static_cast<unsigned char>((seed * 2654435761u + i * 31u) >> 7)) return false;
  return true;
}
