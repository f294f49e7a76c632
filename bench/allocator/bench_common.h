/* Shared helpers of the allocator benchmarks: clock, a fast per-thread random number
 * generator, and the result line every benchmark prints ("ops_per_sec=N"). */
#ifndef HAKMEM_BENCH_COMMON_H
#define HAKMEM_BENCH_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

static inline double bench_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline uint64_t bench_rand(uint64_t *state) {
  uint64_t x = *state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return *state = x;
}

static inline void bench_report(double ops, double seconds) {
  printf("ops_per_sec=%.0f\n", ops / seconds);
}

#endif
