/* The inline fast paths. malloc: TLS heap -> class -> pop. free: mask to the SuperSlab
 * -> owner is this thread -> push. Everything else is a call to the slow paths. */
#ifndef HAKMEM_API_FAST_PATH_H
#define HAKMEM_API_FAST_PATH_H

#include "../tiny/heap.h"
#include "../tiny/size_class.h"

void *hak_alloc_slow(size_t size) HAK_HIDDEN;
void hak_free_slow(void *p) HAK_HIDDEN;

static inline __attribute__((always_inline)) void *hak_malloc_inline(size_t size) {
  if (HAK_LIKELY(size <= hak_g.tiny_max)) {
    struct hak_heap *heap = hak_tls_heap;
    if (HAK_LIKELY(heap != NULL)) {
      struct hak_tiny_cache *c = &heap->tiny[hak_tiny_class_of(size)];
      void *p = c->head;
      if (HAK_LIKELY(p != NULL)) {
        c->head = *(void **)p;
        c->count--;
        heap->cached_bytes -= c->size;
        return p;
      }
      if (HAK_LIKELY(c->rb != c->re)) {
        p = c->rb;
        c->rb += c->size;
        c->count--;
        heap->cached_bytes -= c->size;
        return p;
      }
    }
  }
  return hak_alloc_slow(size);
}

static inline __attribute__((always_inline)) void hak_free_inline(void *p) {
  uintptr_t a = (uintptr_t)p;
  /* NULL and objects at a SuperSlab-aligned address (over-aligned large) go slow. */
  if (HAK_LIKELY(a & ~hak_g.ss_mask)) {
    struct hak_superslab *ss = (struct hak_superslab *)(a & hak_g.ss_mask);
    struct hak_heap *heap = hak_tls_heap;
    if (HAK_LIKELY(atomic_load_explicit(&ss->h.owner, memory_order_relaxed) == (void *)heap)) {
      struct hak_slab *s = &ss->slabs[(a - (uintptr_t)ss) >> HAK_UNIT_SHIFT];
      struct hak_tiny_cache *c = &heap->tiny[s->cls];
      if (HAK_LIKELY(c->count < c->limit && heap->cached_bytes + c->size <= heap->max_bytes)) {
        *(void **)p = c->head;
        c->head = p;
        c->count++;
        heap->cached_bytes += c->size;
        return;
      }
      hak_tiny_free_slow(heap, p, s->cls);
      return;
    }
  }
  if (p) hak_free_slow(p);
}

#endif
