/* The mid-size pool: requests above HAKMEM_TINY_MAX_SIZE up to HAKMEM_LARGE_THRESHOLD,
 * in classes of four per doubling, carved from spans of SuperSlab units. Each class has
 * a lock; small per-thread caches (HAKMEM_MID_TLS_CAPACITY) sit in front of it. Free
 * units beyond HAKMEM_MID_CACHE_MAX go back to the OS after HAKMEM_PURGE_DELAY_MS. */
#ifndef HAKMEM_MID_H
#define HAKMEM_MID_H

#include "../tiny/heap.h"

void hak_mid_init(void) HAK_HIDDEN;
/* Class of a request of `size` bytes (129 .. 1 MiB). */
static inline unsigned hak_mid_class_of(size_t size) {
  size_t s = size - 1;
  unsigned e = 63u - (unsigned)__builtin_clzll((unsigned long long)s);
  return (e - 7) * 4 + (unsigned)((s >> (e - 2)) & 3);
}
static inline size_t hak_mid_class_size(unsigned cls) {
  unsigned e = cls / 4 + 7, j = cls % 4;
  return (size_t)(5 + j) << (e - 2);
}
/* Largest request the pool can serve with this SuperSlab size (larger ones are mapped). */
size_t hak_mid_max_size(void) HAK_HIDDEN;
void *hak_mid_alloc(struct hak_heap *heap, unsigned cls) HAK_HIDDEN;
void hak_mid_free(struct hak_heap *heap, struct hak_superslab *ss, void *p) HAK_HIDDEN;
size_t hak_mid_usable(struct hak_superslab *ss, const void *p) HAK_HIDDEN;
/* Thread exit: every cached block back to the pool. */
void hak_mid_flush(struct hak_heap *heap) HAK_HIDDEN;
size_t hak_mid_purge(bool force) HAK_HIDDEN;

void hak_mid_lock_all(void) HAK_HIDDEN;
void hak_mid_unlock_all(void) HAK_HIDDEN;
void hak_mid_reinit_locks(void) HAK_HIDDEN;

#endif
