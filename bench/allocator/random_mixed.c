/* Random mixed sizes: each thread keeps a working set of blocks and replaces a random
 * one with a block of random size in [16, MAX] per operation.
 * usage: random_mixed THREADS MAX_BYTES OPS_PER_THREAD */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "bench_common.h"

#define SLOTS 2048

static size_t max_bytes;
static long long ops_per_thread;

static void *body(void *arg) {
  uint64_t rng = (uint64_t)(uintptr_t)arg * 0x9e3779b97f4a7c15ull + 1;
  void **slot = calloc(SLOTS, sizeof(void *));
  for (long long i = 0; i < ops_per_thread; i++) {
    unsigned k = (unsigned)(bench_rand(&rng) % SLOTS);
    /* log-uniform sizes: small sizes as common as in real programs, all classes hit */
    unsigned bits = 4 + (unsigned)(bench_rand(&rng) % (unsigned)(64 - __builtin_clzll(max_bytes) - 4));
    size_t n = 16 + bench_rand(&rng) % ((size_t)1 << bits);
    if (n > max_bytes) n = max_bytes;
    free(slot[k]);
    char *p = malloc(n);
    p[0] = 1;
    p[n - 1] = 2;
    slot[k] = p;
  }
  for (unsigned k = 0; k < SLOTS; k++) free(slot[k]);
  free(slot);
  return NULL;
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 1;
  max_bytes = argc > 2 ? strtoull(argv[2], NULL, 0) : 1024;
  ops_per_thread = argc > 3 ? atoll(argv[3]) : 2000000;
  pthread_t *ts = malloc(sizeof(pthread_t) * (size_t)threads);
  double t0 = bench_now();
  for (int t = 0; t < threads; t++) pthread_create(&ts[t], NULL, body, (void *)(uintptr_t)(t + 1));
  for (int t = 0; t < threads; t++) pthread_join(ts[t], NULL);
  bench_report((double)ops_per_thread * threads, bench_now() - t0);
  free(ts);
  return 0;
}
