/* A program linked with libhakmem.a that runs one allocation scenario under the
 * environment it is given and prints the allocator's counters as name=value lines.
 * The per-variable tests run it with and without a variable and compare. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hak_stats_test.h"
#include "hakmem/config.h"

static void *blocks[1 << 20];

static void put(const char *name, long long v) { printf("%s=%lld\n", name, v); }

/* n blocks of `size`, then all freed in allocation order. */
static void alloc_free(size_t size, size_t n) {
  for (size_t i = 0; i < n; i++) {
    blocks[i] = malloc(size);
    if (!blocks[i]) { put("alloc_failed", (long long)i); exit(1); }
    memset(blocks[i], (int)(i & 0xff), size < 64 ? size : 64);
  }
  for (size_t i = 0; i < n; i++) free(blocks[i]);
}

static void *thread_body(void *arg) {
  size_t n = (size_t)arg;
  void **local = malloc(n * sizeof(void *));
  for (size_t i = 0; i < n; i++) local[i] = malloc(16 + (i % 64) * 16);
  /* half kept alive past thread exit: freed by main (remote frees to an abandoned slab) */
  for (size_t i = 0; i < n; i += 2) free(local[i]);
  return local;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: hakmem_probe scenario [size count]\n");
    return 2;
  }
  /* stdout's buffer is static so that the probe's own output allocates nothing */
  static char outbuf[1 << 16];
  setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
  const char *what = argv[1];
  size_t size = argc > 2 ? strtoull(argv[2], NULL, 0) : 64;
  size_t count = argc > 3 ? strtoull(argv[3], NULL, 0) : 1000;
  if (count > sizeof blocks / sizeof blocks[0]) count = sizeof blocks / sizeof blocks[0];
  if (!strcmp(what, "alloc-free")) {
    alloc_free(size, count);
  } else if (!strcmp(what, "alloc-free-twice")) {
    alloc_free(size, count);
    alloc_free(size, count);
  } else if (!strcmp(what, "one")) {
    void *volatile p = malloc(size);  /* volatile: the pair must not be optimised away */
    free(p);
  } else if (!strcmp(what, "hold")) {
    for (size_t i = 0; i < count; i++) blocks[i] = malloc(size);
    put("rss_held", (long long)hak_debug_rss_bytes());
  } else if (!strcmp(what, "threads")) {
    pthread_t t[8];
    void *kept[8];
    for (int i = 0; i < 8; i++) pthread_create(&t[i], NULL, thread_body, (void *)count);
    for (int i = 0; i < 8; i++) pthread_join(t[i], &kept[i]);
    for (int i = 0; i < 8; i++) {
      void **local = kept[i];
      for (size_t j = 1; j < count; j += 2) free(local[j]);
      free(local);
    }
    alloc_free(64, count);
  } else if (!strcmp(what, "config")) {
    hakmem_config_print(1);
  } else if (strcmp(what, "none")) {
    fprintf(stderr, "unknown scenario %s\n", what);
    return 2;
  }
  put("class_size", (long long)hak_debug_class_size(size));
  put("is_tiny", hak_debug_is_tiny(size));
  put("superslab_size", (long long)hak_debug_superslab_size());
  put("tiny_cached", size <= 1024 ? (long long)hak_debug_tiny_cached(size) : 0);
  put("rss", (long long)hak_debug_rss_bytes());
  struct hak_stats_snapshot snap;
  put("stats_built", hak_stats_snapshot(&snap) == 0);
  put("tls_cache_built", hak_debug_tls_cache_built());
  fflush(stdout);
  hak_stats_print(1);
  return 0;
}
