/* Statistics storage and the test-only view (stats/hak_stats_test.h). */
#include <string.h>
#include <unistd.h>

#include "../api/alloc_paths.h"
#include "../init/init.h"
#include "../mid/mid.h"
#include "../os/os.h"
#include "../shared_pool/shared_pool.h"
#include "../tiny/size_class.h"
#include "hak_stats_test.h"
#include "stats.h"

#if HAKMEM_STATS
struct hak_stats hak_stats;
#endif

int hak_stats_snapshot(struct hak_stats_snapshot *out) {
  memset(out, 0, sizeof *out);
#if HAKMEM_STATS
#define HAK_SNAPSHOT_COPY(name) out->name = atomic_load_explicit(&hak_stats.name, memory_order_relaxed);
  HAK_STATS_FIELDS(HAK_SNAPSHOT_COPY)
#undef HAK_SNAPSHOT_COPY
  return 0;
#else
  return -1;
#endif
}

static void put_line(int fd, const char *name, long long v) {
  char buf[96], digits[24];
  size_t n = 0, d = 0;
  unsigned long long u = v < 0 ? (unsigned long long)-v : (unsigned long long)v;
  do digits[d++] = (char)('0' + u % 10); while ((u /= 10) && d < sizeof digits);
  while (*name && n < 64) buf[n++] = *name++;
  buf[n++] = '=';
  if (v < 0) buf[n++] = '-';
  while (d) buf[n++] = digits[--d];
  buf[n++] = '\n';
  ssize_t w = write(fd, buf, n);
  (void)w;
}

void hak_stats_print(int fd) {
  struct hak_stats_snapshot s;
  hak_stats_snapshot(&s);
#define HAK_SNAPSHOT_PRINT(name) put_line(fd, #name, s.name);
  HAK_STATS_FIELDS(HAK_SNAPSHOT_PRINT)
#undef HAK_SNAPSHOT_PRINT
}

size_t hak_debug_class_size(size_t request) {
  hak_init();
  if (request <= hak_g.tiny_max) return hak_tiny_class_size[hak_tiny_class_of(request)];
  if (request <= hak_g.large_threshold) return hak_mid_class_size(hak_mid_class_of(request));
  return 0;
}

int hak_debug_is_tiny(size_t request) {
  hak_init();
  return request <= hak_g.tiny_max;
}

size_t hak_debug_superslab_size(void) {
  hak_init();
  return hak_g.ss_size;
}

void *hak_debug_superslab_of(const void *p) {
  uintptr_t a = (uintptr_t)p;
  if (!(a & ~hak_g.ss_mask)) return NULL;
  struct hak_superslab *ss = hak_ss_of(p);
  return ss->h.kind == HAK_KIND_LARGE ? NULL : ss;
}

size_t hak_debug_rss_bytes(void) { return hak_os_rss_bytes(); }

unsigned hak_debug_tiny_cached(size_t request) {
  struct hak_heap *heap = hak_tls_heap;
  return heap ? heap->tiny[hak_tiny_class_of(request)].count : 0;
}

int hak_debug_tls_cache_built(void) { return HAKMEM_TINY_TLS_CACHE; }

void hak_debug_purge_now(void) {
  struct hak_heap *heap = hak_tls_heap;
  if (heap) hak_tiny_purge(heap, false);
  hak_mid_purge(false);
  hak_pool_purge(false);
}
