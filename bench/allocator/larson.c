/* Larson's server benchmark: each thread owns an array of blocks and replaces random
 * ones with blocks of random size (8..1000 bytes); after each round a new thread takes
 * over the array, so blocks are freed by threads that did not allocate them.
 * usage: larson THREADS SECONDS */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "bench_common.h"

#define SLOTS 1000
#define ROUND_OPS 20000

struct lane {
  void *slot[SLOTS];
  uint64_t rng;
  long long ops;
};

static atomic_int stop;

static void *round_body(void *arg) {
  struct lane *l = arg;
  for (int i = 0; i < ROUND_OPS; i++) {
    unsigned k = (unsigned)(bench_rand(&l->rng) % SLOTS);
    size_t n = 8 + bench_rand(&l->rng) % 993;
    free(l->slot[k]);
    char *p = malloc(n);
    p[0] = (char)n;
    p[n - 1] = (char)i;
    l->slot[k] = p;
  }
  l->ops += ROUND_OPS;
  return NULL;
}

static void *lane_driver(void *arg) {
  struct lane *l = arg;
  while (!atomic_load(&stop)) {
    pthread_t t;
    pthread_create(&t, NULL, round_body, l);  /* the next round runs on a new thread */
    pthread_join(t, NULL);
  }
  return NULL;
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 2;
  double seconds = argc > 2 ? atof(argv[2]) : 1.0;
  struct lane *lanes = calloc((size_t)threads, sizeof *lanes);
  for (int t = 0; t < threads; t++) {
    lanes[t].rng = 0x9e3779b97f4a7c15ull * (uint64_t)(t + 1);
    for (int k = 0; k < SLOTS; k++) lanes[t].slot[k] = malloc(8 + bench_rand(&lanes[t].rng) % 993);
  }
  pthread_t *ts = malloc(sizeof(pthread_t) * (size_t)threads);
  double t0 = bench_now();
  for (int t = 0; t < threads; t++) pthread_create(&ts[t], NULL, lane_driver, &lanes[t]);
  while (bench_now() - t0 < seconds) {
    struct timespec nap = {0, 10 * 1000 * 1000};
    nanosleep(&nap, NULL);
  }
  atomic_store(&stop, 1);
  for (int t = 0; t < threads; t++) pthread_join(ts[t], NULL);
  double elapsed = bench_now() - t0;
  long long ops = 0;
  for (int t = 0; t < threads; t++) {
    ops += lanes[t].ops;
    for (int k = 0; k < SLOTS; k++) free(lanes[t].slot[k]);
  }
  bench_report((double)ops, elapsed);
  free(ts);
  free(lanes);
  return 0;
}
