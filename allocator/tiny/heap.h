/* A thread's heap: its tiny caches and slabs, its mid-size caches. Lives in memory the
 * allocator maps (init/heap_registry.c); only a pointer is in initial-exec TLS. */
#ifndef HAKMEM_TINY_HEAP_H
#define HAKMEM_TINY_HEAP_H

#include "../superslab/superslab.h"

/* One tiny class's cache: a LIFO list threaded through freed blocks, and a range of
 * never-used blocks [rb, re) leased from a slab's bump pointer, so a refill from fresh
 * memory writes nothing into the blocks (snmalloc-style bump allocation). */
struct hak_tiny_cache {
  void *head;
  char *rb, *re;
  uint32_t count;   /* list and range */
  uint32_t limit;   /* a free at this fill level drains (HAKMEM_TINY_DRAIN_THRESHOLD) */
  uint32_t size;    /* block size, for the byte budget */
  uint32_t pad;
};

struct hak_mid_cache {
  void *head;
  uint32_t count;
  uint32_t pad;
};

struct hak_heap {
  struct hak_tiny_cache tiny[HAK_TINY_CLASSES];
  size_t cached_bytes;                         /* over all tiny caches */
  size_t max_bytes;                            /* HAKMEM_TINY_TLS_MAX_BYTES */
  uint32_t capacity;                           /* HAKMEM_TINY_TLS_CAPACITY */
  uint32_t refill_batch;                       /* HAKMEM_TINY_REFILL_BATCH, at most the capacity */
  uint32_t drain_batch;                        /* HAKMEM_TINY_DRAIN_BATCH */
  bool prewarm_pending;                        /* HAKMEM_TINY_PREWARM_TLS, until the first tiny allocation */
  bool has_dirty_units;                        /* some owned unit waits for its purge delay */
  struct hak_slab *partial[HAK_TINY_CLASSES];  /* slabs with blocks to hand out */
  struct hak_superslab *ss_list;               /* owned tiny SuperSlabs */
  unsigned ss_count;
  uint64_t last_purge_ms;
  struct hak_mid_cache mid[HAK_MID_CLASSES];
  uint32_t mid_capacity;                       /* HAKMEM_MID_TLS_CAPACITY */
  struct hak_heap *next_free;
};

extern HAK_TLS struct hak_heap *hak_tls_heap HAK_HIDDEN;

/* Owner side of tiny slabs (tiny_slab.c). */
/* Moves up to `n` blocks of class `cls` onto the list *chain and, when `rb` is given
 * and a slab's fresh blocks are next, leases them as the range [*rb, *re) instead of
 * listing them. Returns how many blocks in all. */
unsigned hak_tiny_take(struct hak_heap *heap, unsigned cls, unsigned n, void **chain, char **rb, char **re) HAK_HIDDEN;
/* Gives the last `k` blocks of a leased range [rb, re) back to its slab; returns the new end. */
char *hak_tiny_return_range(struct hak_heap *heap, char *rb, char *re, unsigned k, uint64_t *now) HAK_HIDDEN;
/* Returns one block to its slab (the calling heap owns it). */
void hak_tiny_put(struct hak_heap *heap, void *p, uint64_t *now) HAK_HIDDEN;
/* Pushes a block owned by another (or no) thread onto its slab's remote list. */
void hak_tiny_remote_free(struct hak_superslab *ss, void *p) HAK_HIDDEN;
/* Collects every remote list of the heap's SuperSlabs; returns blocks collected. */
unsigned hak_tiny_collect_remote(struct hak_heap *heap) HAK_HIDDEN;
/* Purges owned free units past the purge delay (all when force). */
size_t hak_tiny_purge(struct hak_heap *heap, bool force) HAK_HIDDEN;
/* Thread exit: release or abandon every owned SuperSlab (caches already drained). */
void hak_tiny_release_slabs(struct hak_heap *heap) HAK_HIDDEN;

/* Thread cache (tiny_cache.c). */
void hak_tiny_cache_setup(struct hak_heap *heap) HAK_HIDDEN;
void *hak_tiny_alloc_slow(struct hak_heap *heap, unsigned cls) HAK_HIDDEN;
void hak_tiny_free_slow(struct hak_heap *heap, void *p, unsigned cls) HAK_HIDDEN;
void hak_tiny_flush(struct hak_heap *heap) HAK_HIDDEN;

#endif
