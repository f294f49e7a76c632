/* Large mappings and their cache of freed mappings. */
#include "large.h"

#include <sys/mman.h>

#include "../os/lock.h"
#include "../os/os.h"
#include "../stats/stats.h"
#include "hakmem/config.h"

static hak_lock_t lock = HAK_LOCK_INIT;
static struct hak_large *cache;
static size_t cached_bytes;

/* A cached mapping of at least `len` bytes and at most a quarter more, or NULL. */
static struct hak_large *cache_take(size_t len) {
  if (!__atomic_load_n(&cache, __ATOMIC_RELAXED)) return NULL;
  hak_lock(&lock);
  struct hak_large **link = &cache, *l;
  for (; (l = *link) != NULL; link = &l->next) {
    if (l->map_len >= len && l->map_len - len <= len / 4) {
      *link = l->next;
      cached_bytes -= l->map_len;
      break;
    }
  }
  hak_unlock(&lock);
  if (l) {
    HAK_STAT_INC(large_cache_hits);
    HAK_STAT_SUB(large_cached_bytes, l->map_len);
  }
  return l;
}

void *hak_large_alloc(size_t size, size_t align, bool *fresh) {
  if (size > (SIZE_MAX >> 2)) return NULL;
  size_t body = hak_align_up(size ? size : 1, HAK_PAGE);
  size_t offset = align <= HAK_PAGE ? HAK_PAGE : align;
  if (offset >= hak_g.ss_size) {
    /* The object starts a SuperSlab-aligned block: the header goes in the page before it. */
    char *base = hak_os_map_aligned(offset + body, align, false);
    if (!base) return NULL;
    struct hak_large *l = (struct hak_large *)(base + offset - HAK_PAGE);
    l->h.magic = HAK_MAGIC;
    l->h.kind = HAK_KIND_LARGE;
    atomic_store_explicit(&l->h.owner, HAK_OWNER_SHARED, memory_order_relaxed);
    l->base = base;
    l->map_len = offset + body;
    l->offset = offset;
    l->cacheable = false;
    HAK_STAT_INC(large_maps);
    *fresh = true;
    return base + offset;
  }
  size_t len = offset + body;
  struct hak_large *l = align <= HAK_PAGE ? cache_take(len) : NULL;
  *fresh = l == NULL;
  if (!l) {
    char *base = hak_os_map_aligned(len, hak_g.ss_size, false);
    if (!base) return NULL;
    l = (struct hak_large *)base;
    l->h.magic = HAK_MAGIC;
    l->h.kind = HAK_KIND_LARGE;
    atomic_store_explicit(&l->h.owner, HAK_OWNER_SHARED, memory_order_relaxed);
    l->base = base;
    l->map_len = len;
    l->offset = offset;
    l->cacheable = align <= HAK_PAGE;
    HAK_STAT_INC(large_maps);
  }
  l->next = NULL;
  return (char *)l->base + l->offset;
}

void hak_large_free(struct hak_large *l) {
  if (l->cacheable) {
    size_t max = (size_t)hakmem_large_cache_max();
    hak_lock(&lock);
    if (cached_bytes + l->map_len <= max) {
      cached_bytes += l->map_len;
      l->next = cache;
      cache = l;
      hak_unlock(&lock);
      HAK_STAT_ADD(large_cached_bytes, l->map_len);
      return;
    }
    hak_unlock(&lock);
  }
  HAK_STAT_INC(large_unmaps);
  hak_os_unmap(l->base, l->map_len);
}

size_t hak_large_trim(void) {
  hak_lock(&lock);
  struct hak_large *list = cache;
  cache = NULL;
  size_t bytes = cached_bytes;
  cached_bytes = 0;
  hak_unlock(&lock);
  HAK_STAT_SUB(large_cached_bytes, bytes);
  while (list) {
    struct hak_large *next = list->next;
    HAK_STAT_INC(large_unmaps);
    hak_os_unmap(list->base, list->map_len);
    list = next;
  }
  return bytes;
}

void hak_large_lock_all(void) { hak_lock(&lock); }
void hak_large_unlock_all(void) { hak_unlock(&lock); }
void hak_large_reinit_locks(void) { hak_lock_reinit(&lock); }

/* Resizes a large object in place or by moving its pages (mremap), never by copying.
 * Returns the object's new address, or NULL when the caller must copy. */
void *hak_large_resize(struct hak_large *l, size_t size) {
  if (!l->cacheable || size > (SIZE_MAX >> 2)) return NULL;
  size_t len = HAK_PAGE + hak_align_up(size, HAK_PAGE);
  if (len <= l->map_len) {
    if (len >= l->map_len / 2) return (char *)l->base + l->offset;
    hak_os_unmap((char *)l->base + len, l->map_len - len);
    l->map_len = len;
    return (char *)l->base + l->offset;
  }
  /* Grow in place when the address space after the mapping is free. */
  if (mremap(l->base, l->map_len, len, 0) != MAP_FAILED) {
    HAK_STAT_ADD(os_mapped_bytes, len - l->map_len);
    l->map_len = len;
    return (char *)l->base + l->offset;
  }
  /* Else move the pages to a fresh SuperSlab-aligned range (the header moves with them). */
  char *dst = hak_os_map_aligned(len, hak_g.ss_size, false);
  if (!dst) return NULL;
  size_t old_len = l->map_len;
  if (mremap(l->base, old_len, len, MREMAP_MAYMOVE | MREMAP_FIXED, dst) == MAP_FAILED) {
    hak_os_unmap(dst, len);
    return NULL;
  }
  HAK_STAT_SUB(os_mapped_bytes, old_len);
  l = (struct hak_large *)dst;
  l->base = dst;
  l->map_len = len;
  return dst + l->offset;
}
