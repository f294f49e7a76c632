/* Large objects: above HAKMEM_LARGE_THRESHOLD (or over-aligned), mapped directly with a
 * header page in front; freed mappings are kept for reuse up to HAKMEM_LARGE_CACHE_MAX. */
#ifndef HAKMEM_LARGE_H
#define HAKMEM_LARGE_H

#include "../superslab/superslab.h"

struct hak_large {
  struct hak_chunk h;
  void *base;           /* start of the mapping */
  size_t map_len;
  size_t offset;        /* of the object from base */
  struct hak_large *next;
  bool cacheable;       /* plain layout: header at base, object one page in */
};

/* `align` is a power of two; *fresh tells whether the memory is known to be zero. */
void *hak_large_alloc(size_t size, size_t align, bool *fresh) HAK_HIDDEN;
void hak_large_free(struct hak_large *l) HAK_HIDDEN;
static inline size_t hak_large_usable(const struct hak_large *l) { return l->map_len - l->offset; }
size_t hak_large_trim(void) HAK_HIDDEN;
/* Resizes in place or moves the pages (mremap); NULL when the caller must copy. */
void *hak_large_resize(struct hak_large *l, size_t size) HAK_HIDDEN;

/* Header of a large object: in front of it within its first SuperSlab-sized block, or
 * one page before it when the object itself starts such a block (over-aligned). */
static inline struct hak_large *hak_large_of(const void *p) {
  uintptr_t a = (uintptr_t)p;
  return (struct hak_large *)((a & ~hak_g.ss_mask) ? (a & hak_g.ss_mask) : a - HAK_PAGE);
}

void hak_large_lock_all(void) HAK_HIDDEN;
void hak_large_unlock_all(void) HAK_HIDDEN;
void hak_large_reinit_locks(void) HAK_HIDDEN;

#endif
