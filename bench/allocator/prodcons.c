/* Producer/consumer: producers allocate blocks (16..512 bytes) and hand them over in
 * batches through a locked queue; consumers free them. With one thread the same thread
 * produces a batch and then consumes it.
 * usage: prodcons THREADS TOTAL_BLOCKS */
#include <pthread.h>
#include <stdlib.h>

#include "bench_common.h"

#define BATCH 256

struct batch {
  struct batch *next;
  void *p[BATCH];
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static struct batch *queue;
static long long per_producer;
static int producers_left;

static struct batch *make_batch(uint64_t *rng) {
  struct batch *b = malloc(sizeof *b);
  for (int i = 0; i < BATCH; i++) {
    size_t n = 16 + bench_rand(rng) % 497;
    char *p = malloc(n);
    p[0] = (char)i;
    b->p[i] = p;
  }
  return b;
}

static void eat_batch(struct batch *b) {
  for (int i = 0; i < BATCH; i++) free(b->p[i]);
  free(b);
}

static void *producer(void *arg) {
  uint64_t rng = (uint64_t)(uintptr_t)arg * 0x9e3779b97f4a7c15ull + 1;
  for (long long made = 0; made < per_producer; made += BATCH) {
    struct batch *b = make_batch(&rng);
    pthread_mutex_lock(&lock);
    b->next = queue;
    queue = b;
    pthread_cond_signal(&ready);
    pthread_mutex_unlock(&lock);
  }
  pthread_mutex_lock(&lock);
  producers_left--;
  pthread_cond_broadcast(&ready);
  pthread_mutex_unlock(&lock);
  return NULL;
}

static void *consumer(void *arg) {
  (void)arg;
  for (;;) {
    pthread_mutex_lock(&lock);
    while (!queue && producers_left) pthread_cond_wait(&ready, &lock);
    struct batch *b = queue;
    queue = NULL;
    pthread_mutex_unlock(&lock);
    if (!b) return NULL;
    while (b) {
      struct batch *next = b->next;
      eat_batch(b);
      b = next;
    }
  }
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 2;
  long long total = argc > 2 ? atoll(argv[2]) : 4000000;
  double t0 = bench_now();
  if (threads <= 1) {
    uint64_t rng = 1;
    for (long long made = 0; made < total; made += BATCH) eat_batch(make_batch(&rng));
  } else {
    int np = threads / 2, nc = threads - np;
    per_producer = total / np;
    producers_left = np;
    pthread_t ts[64];
    for (int i = 0; i < np; i++) pthread_create(&ts[i], NULL, producer, (void *)(uintptr_t)(i + 1));
    for (int i = 0; i < nc; i++) pthread_create(&ts[np + i], NULL, consumer, NULL);
    for (int i = 0; i < np + nc; i++) pthread_join(ts[i], NULL);
  }
  bench_report((double)total, bench_now() - t0);
  return 0;
}
