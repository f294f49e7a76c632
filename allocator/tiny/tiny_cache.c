/* Tiny thread caches: batched refill from the heap's slabs, batched drain back to them,
 * prewarming, and the flush at thread exit. The pop and push themselves are inline in
 * api/fast_path.h. */
#include "../os/os.h"
#include "../shared_pool/shared_pool.h"
#include "../stats/stats.h"
#include "hakmem/config.h"
#include "heap.h"
#include "size_class.h"

void hak_tiny_cache_setup(struct hak_heap *heap) {
#if HAKMEM_TINY_TLS_CACHE
  uint32_t cap = (uint32_t)hakmem_tiny_tls_capacity();
  uint32_t limit = (uint32_t)((uint64_t)cap * hakmem_tiny_drain_threshold() / 100);
  heap->capacity = cap;
  heap->max_bytes = (size_t)hakmem_tiny_tls_max_bytes();
  uint64_t batch = (uint64_t)hakmem_tiny_refill_batch();
  heap->refill_batch = (uint32_t)(batch < cap ? batch : cap);
  heap->drain_batch = (uint32_t)hakmem_tiny_drain_batch();
  heap->prewarm_pending = hakmem_tiny_prewarm_tls();
  for (unsigned c = 0; c < HAK_TINY_CLASSES; c++) {
    heap->tiny[c].size = hak_tiny_class_size[c];
    heap->tiny[c].limit = limit ? limit : 1;
  }
#else
  /* Without thread caches every free reaches its slab: a limit of 0 never caches. */
  for (unsigned c = 0; c < HAK_TINY_CLASSES; c++) heap->tiny[c].size = hak_tiny_class_size[c];
#endif
}

static void maybe_purge(struct hak_heap *heap, uint64_t now) {
  if (!now) now = hak_os_now_ms();
  int64_t delay = hak_g.purge_delay_ms;
  if (delay < 0) return;
  uint64_t every = delay > 0 ? (uint64_t)delay / 2 + 1 : 0;
  if (now - heap->last_purge_ms < every) return;
  heap->last_purge_ms = now;
  hak_tiny_purge(heap, false);
  hak_pool_purge(false);
}

static void refill_class(struct hak_heap *heap, unsigned cls, unsigned n) {
  struct hak_tiny_cache *c = &heap->tiny[cls];
  unsigned got = hak_tiny_take(heap, cls, n, &c->head, &c->rb, &c->re);
  c->count += got;
  heap->cached_bytes += (size_t)got * c->size;
  HAK_STAT_INC(tiny_refills);
  HAK_STAT_ADD(tiny_refilled_objects, got);
}

static void prewarm(struct hak_heap *heap) {
  heap->prewarm_pending = false;
  unsigned classes = hak_tiny_classes_in_use();
  for (unsigned c = 0; c < classes; c++)
    if (!heap->tiny[c].head) refill_class(heap, c, heap->refill_batch);
  HAK_STAT_INC(tiny_prewarms);
}

void *hak_tiny_alloc_slow(struct hak_heap *heap, unsigned cls) {
  if (heap->has_dirty_units) maybe_purge(heap, 0);
#if HAKMEM_TINY_TLS_CACHE
  struct hak_tiny_cache *c = &heap->tiny[cls];
  if (HAK_UNLIKELY(heap->prewarm_pending)) prewarm(heap);
  if (!c->head && c->rb == c->re) refill_class(heap, cls, heap->refill_batch);
  void *p = c->head;
  if (p) {
    c->head = *(void **)p;
  } else if (c->rb != c->re) {
    p = c->rb;
    c->rb += c->size;
  } else {
    return NULL;
  }
  c->count--;
  heap->cached_bytes -= c->size;
  return p;
#else
  (void)refill_class;
  (void)prewarm;
  void *p = NULL;
  hak_tiny_take(heap, cls, 1, &p, NULL, NULL);
  return p;
#endif
}

/* Returns n blocks: freed ones from the list first, then the leased range's tail. */
static void drain_class(struct hak_heap *heap, unsigned cls, unsigned n, uint64_t *now) {
  struct hak_tiny_cache *c = &heap->tiny[cls];
  if (n > c->count) n = c->count;
  unsigned i = 0;
  for (; i < n && c->head; i++) {
    void *p = c->head;
    c->head = *(void **)p;
    hak_tiny_put(heap, p, now);
  }
  if (i < n) {
    c->re = hak_tiny_return_range(heap, c->rb, c->re, n - i, now);
    if (c->re == c->rb) c->rb = c->re = NULL;
  }
  c->count -= n;
  heap->cached_bytes -= (size_t)n * c->size;
  HAK_STAT_INC(tiny_drains);
  HAK_STAT_ADD(tiny_drained_objects, n);
}

void hak_tiny_free_slow(struct hak_heap *heap, void *p, unsigned cls) {
  uint64_t now = 0;
#if HAKMEM_TINY_TLS_CACHE
  struct hak_tiny_cache *c = &heap->tiny[cls];
  if (c->count >= c->limit) drain_class(heap, cls, heap->drain_batch, &now);
  if (heap->cached_bytes + c->size > heap->max_bytes) drain_class(heap, cls, heap->drain_batch, &now);
  if (c->count < c->limit && heap->cached_bytes + c->size <= heap->max_bytes) {
    *(void **)p = c->head;
    c->head = p;
    c->count++;
    heap->cached_bytes += c->size;
  } else {
    hak_tiny_put(heap, p, &now);
  }
#else
  (void)cls;
  (void)drain_class;
  hak_tiny_put(heap, p, &now);
#endif
  if (heap->has_dirty_units) maybe_purge(heap, now);
}

void hak_tiny_flush(struct hak_heap *heap) {
  uint64_t now = 0;
  for (unsigned c = 0; c < HAK_TINY_CLASSES; c++)
    if (heap->tiny[c].count) drain_class(heap, c, heap->tiny[c].count, &now);
}
