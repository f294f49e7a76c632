/* Slow paths and routing: tiny, mid-size or large by size; free by the header's kind. */
#include <errno.h>

#include "../init/init.h"
#include "../large/large.h"
#include "../mid/mid.h"
#include "../stats/stats.h"
#include "alloc_paths.h"
#include "fast_path.h"

void *hak_alloc_fresh(size_t size, bool *fresh) {
  *fresh = false;
  struct hak_heap *heap = hak_heap_get();
  void *p;
  if (size <= hak_g.tiny_max) {
    p = heap ? hak_tiny_alloc_slow(heap, hak_tiny_class_of(size)) : NULL;
  } else if (size <= hak_g.large_threshold) {
    p = hak_mid_alloc(heap, hak_mid_class_of(size));
  } else {
    p = hak_large_alloc(size, HAK_MIN_ALIGN, fresh);
  }
  if (HAK_UNLIKELY(!p)) errno = ENOMEM;
  return p;
}

void *hak_alloc_slow(size_t size) {
  bool fresh;
  return hak_alloc_fresh(size, &fresh);
}

/* The smallest class of at least `size` bytes whose size is a multiple of `align`
 * (blocks of such a class are aligned: spans and slabs start page-aligned or better). */
void *hak_alloc_aligned(size_t align, size_t size) {
  if (align <= HAK_MIN_ALIGN) return hak_malloc_inline(size);
  if (size > PTRDIFF_MAX) {
    errno = ENOMEM;
    return NULL;
  }
  size_t want = size < align ? align : size;
  struct hak_heap *heap = hak_heap_get();
  void *p = NULL;
  bool placed = false;
  if (align <= HAK_UNIT_SIZE && want <= hak_g.tiny_max && heap) {
    unsigned last = hak_tiny_classes_in_use();
    for (unsigned c = hak_tiny_class_of(want); c < last && !placed; c++)
      if (hak_tiny_class_size[c] % align == 0) p = hak_tiny_alloc_slow(heap, c), placed = true;
  }
  if (!placed && align <= HAK_UNIT_SIZE && want <= hak_g.large_threshold) {
    size_t from = want > hak_g.tiny_max ? want : hak_g.tiny_max + 1;
    for (unsigned c = hak_mid_class_of(from); c < HAK_MID_CLASSES && !placed; c++) {
      size_t cs = hak_mid_class_size(c);
      if (cs > hak_g.large_threshold && c != hak_mid_class_of(from)) break;
      if (cs % align == 0) p = hak_mid_alloc(heap, c), placed = true;
    }
  }
  if (!placed) {
    bool fresh;
    p = hak_large_alloc(size, align, &fresh);
  }
  if (!p) errno = ENOMEM;
  return p;
}

void hak_free_slow(void *p) {
  uintptr_t a = (uintptr_t)p;
  if (HAK_UNLIKELY(!(a & ~hak_g.ss_mask))) {
    hak_large_free(hak_large_of(p));
    return;
  }
  struct hak_superslab *ss = hak_ss_of(p);
  HAK_ASSERT(ss->h.magic == HAK_MAGIC);
  switch (ss->h.kind) {
    case HAK_KIND_TINY: {
      struct hak_heap *heap = hak_tls_heap;
      if (heap && atomic_load_explicit(&ss->h.owner, memory_order_acquire) == (void *)heap)
        hak_tiny_free_slow(heap, p, ss->slabs[hak_ss_unit_of(ss, p)].cls);
      else
        hak_tiny_remote_free(ss, p);
      return;
    }
    case HAK_KIND_MID:
      hak_mid_free(hak_tls_heap, ss, p);
      return;
    default:
      hak_large_free((struct hak_large *)ss);
      return;
  }
}

size_t hak_usable_size(const void *p) {
  uintptr_t a = (uintptr_t)p;
  if (!p) return 0;
  if (!(a & ~hak_g.ss_mask)) return hak_large_usable(hak_large_of(p));
  struct hak_superslab *ss = hak_ss_of(p);
  switch (ss->h.kind) {
    case HAK_KIND_TINY:
      return ss->slabs[hak_ss_unit_of(ss, p)].size;
    case HAK_KIND_MID:
      return hak_mid_usable(ss, p);
    default: {
      struct hak_large *l = (struct hak_large *)ss;
      return l->map_len - (size_t)((const char *)p - (const char *)l->base);
    }
  }
}
