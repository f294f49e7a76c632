/* Tiny slabs, owner side: carving units for a class, handing out and taking back blocks,
 * collecting remote frees, purging empty units, and giving SuperSlabs up at thread exit. */
#include <string.h>

#include "../os/os.h"
#include "../shared_pool/shared_pool.h"
#include "../stats/stats.h"
#include "heap.h"
#include "size_class.h"

static void list_push(struct hak_heap *heap, struct hak_slab *s) {
  struct hak_slab **head = &heap->partial[s->cls];
  s->prev = NULL;
  s->next = *head;
  if (*head) (*head)->prev = s;
  *head = s;
  s->in_list = 1;
}

static void list_remove(struct hak_heap *heap, struct hak_slab *s) {
  if (s->prev) s->prev->next = s->next;
  else heap->partial[s->cls] = s->next;
  if (s->next) s->next->prev = s->prev;
  s->prev = s->next = NULL;
  s->in_list = 0;
}

static void own_ss(struct hak_heap *heap, struct hak_superslab *ss) {
  ss->prev = NULL;
  ss->next = heap->ss_list;
  if (heap->ss_list) heap->ss_list->prev = ss;
  heap->ss_list = ss;
  heap->ss_count++;
}

static void disown_ss(struct hak_heap *heap, struct hak_superslab *ss) {
  if (ss->prev) ss->prev->next = ss->next;
  else heap->ss_list = ss->next;
  if (ss->next) ss->next->prev = ss->prev;
  ss->next = ss->prev = NULL;
  heap->ss_count--;
}

static void carve(struct hak_heap *heap, struct hak_superslab *ss, unsigned u, unsigned cls) {
  struct hak_slab *s = &ss->slabs[u];
  uint32_t size = hak_tiny_class_size[cls];
  char *start = hak_ss_unit_start(ss, u);
  s->state = HAK_UNIT_TINY;
  s->cls = (uint8_t)cls;
  s->size = size;
  s->capacity = (uint32_t)(hak_ss_unit_bytes(ss, u) / size);
  s->bump = start;
  s->end = start + (size_t)s->capacity * size;
  s->used = 0;
  s->free = NULL;
  s->freed_at_ms = hak_os_now_ms();  /* an unused carved slab counts as empty from now */
  atomic_store_explicit(&s->remote, NULL, memory_order_relaxed);
  atomic_store_explicit(&s->remote_freed, 0, memory_order_relaxed);
  list_push(heap, s);
  HAK_STAT_INC(tiny_slabs_carved);
}

/* Frees the unit of an empty slab; a SuperSlab left entirely free goes to the shared
 * pool unless it is the heap's last one. Returns true when the SuperSlab went. */
static bool release_unit(struct hak_heap *heap, struct hak_superslab *ss, struct hak_slab *s, uint64_t now,
                         bool purge_now) {
  if (s->in_list) list_remove(heap, s);
  hak_ss_give_units(ss, (unsigned)(s - ss->slabs), 1, now, purge_now);
  HAK_STAT_INC(tiny_slabs_emptied);
  if (hak_ss_all_free(ss) && heap->ss_count > 1) {
    disown_ss(heap, ss);
    hak_pool_release(ss);
    return true;
  }
  return false;
}

/* A slab whose last block came back. With a purge delay it stays carved, ready for its
 * class, until it has been empty for the delay (hak_tiny_purge releases and purges it):
 * a program that empties and refills a slab pays neither the purge nor the page faults.
 * With a delay of 0 its pages go back at once; with -1 its unit is freed for any class
 * but never purged. */
static bool slab_emptied(struct hak_heap *heap, struct hak_superslab *ss, struct hak_slab *s, uint64_t now) {
  if (hak_g.purge_delay_ms > 0) {
    s->freed_at_ms = now;
    if (!s->in_list) list_push(heap, s);
    heap->has_dirty_units = true;
    return false;
  }
  return release_unit(heap, ss, s, now, hak_g.purge_delay_ms == 0);
}

/* Moves a slab's remote list to its local free list: one exchange, and no walk when the
 * local list is empty (the usual case), since the count of remote frees is kept apart.
 * A freer pushes first and counts second, so a block counted is always on the list or
 * already collected: `used` can only lag (a slab looks busy a little longer), never
 * reach zero while a freer is still inside the slab. */
static unsigned collect_slab(struct hak_slab *s) {
  void *list = atomic_exchange_explicit(&s->remote, NULL, memory_order_acquire);
  unsigned n = atomic_exchange_explicit(&s->remote_freed, 0, memory_order_acquire);
  if (list) {
    if (!s->free) {
      s->free = list;
    } else {
      void *tail = list;
      while (*(void **)tail) tail = *(void **)tail;
      *(void **)tail = s->free;
      s->free = list;
    }
  }
  s->used -= n;
  return n;
}

static bool has_remote(struct hak_slab *s) {
  return atomic_load_explicit(&s->remote, memory_order_relaxed) ||
         atomic_load_explicit(&s->remote_freed, memory_order_relaxed);
}

unsigned hak_tiny_collect_remote(struct hak_heap *heap) {
  unsigned total = 0;
  uint64_t now = 0;
  struct hak_superslab *next;
  for (struct hak_superslab *ss = heap->ss_list; ss; ss = next) {
    next = ss->next;
    uint64_t busy = ~ss->free_mask & (ss->nunits >= 64 ? ~UINT64_C(0) : ((UINT64_C(1) << ss->nunits) - 1));
    while (busy) {
      unsigned u = (unsigned)__builtin_ctzll(busy);
      busy &= busy - 1;
      struct hak_slab *s = &ss->slabs[u];
      if (!has_remote(s)) continue;
      unsigned n = collect_slab(s);
      total += n;
      if (s->used == 0) {
        if (!now) now = hak_os_now_ms();
        if (slab_emptied(heap, ss, s, now)) break;  /* ss went to the pool */
      } else if (!s->in_list) {
        list_push(heap, s);
      }
    }
  }
  if (total) HAK_STAT_ADD(remote_collected, total);
  return total;
}

/* Makes an adopted SuperSlab's slabs the heap's: remote frees collected, lists rebuilt. */
static bool adopt(struct hak_heap *heap, struct hak_superslab *ss) {
  own_ss(heap, ss);
  uint64_t now = hak_os_now_ms();
  for (unsigned u = 0; u < ss->nunits; u++) {
    struct hak_slab *s = &ss->slabs[u];
    if (s->state != HAK_UNIT_TINY) continue;
    s->in_list = 0;
    collect_slab(s);
    if (s->used == 0) {
      hak_ss_give_units(ss, u, 1, now, hak_g.purge_delay_ms == 0);
      heap->has_dirty_units = true;
    } else if (s->free || s->bump < s->end) {
      list_push(heap, s);
    }
  }
  if (hak_ss_all_free(ss) && heap->ss_count > 1) {
    disown_ss(heap, ss);
    hak_pool_release(ss);
    return false;
  }
  return true;
}

/* A slab of class `cls` with blocks to hand out, or NULL when out of memory. */
static struct hak_slab *find_slab(struct hak_heap *heap, unsigned cls) {
  if (hak_tiny_collect_remote(heap) && heap->partial[cls]) return heap->partial[cls];
  for (struct hak_superslab *ss = heap->ss_list; ss; ss = ss->next) {
    int u = hak_ss_take_units(ss, 1, 0);
    if (u >= 0) {
      carve(heap, ss, (unsigned)u, cls);
      return heap->partial[cls];
    }
  }
  struct hak_superslab *ss;
  while ((ss = hak_pool_adopt(heap)) != NULL) {
    bool kept = adopt(heap, ss);
    if (heap->partial[cls]) return heap->partial[cls];
    if (!kept) continue;
    int u = hak_ss_take_units(ss, 1, 0);
    if (u >= 0) {
      carve(heap, ss, (unsigned)u, cls);
      return heap->partial[cls];
    }
  }
  ss = hak_pool_acquire(HAK_KIND_TINY, heap);
  if (!ss) return NULL;
  own_ss(heap, ss);
  int u = hak_ss_take_units(ss, 1, 0);
  carve(heap, ss, (unsigned)u, cls);
  return heap->partial[cls];
}

unsigned hak_tiny_take(struct hak_heap *heap, unsigned cls, unsigned n, void **chain, char **rb, char **re) {
  unsigned got = 0;
  void *list = *chain;
  while (got < n) {
    struct hak_slab *s = heap->partial[cls];
    if (!s && !(s = find_slab(heap, cls))) break;
    if (!s->free && has_remote(s)) HAK_STAT_ADD(remote_collected, collect_slab(s));
    while (got < n && s->free) {
      void *p = s->free;
      /* Blocks freed by another thread sit in its cache: ask for the line exclusively
       * at once (we write it next) instead of reading it shared and upgrading. */
      __builtin_prefetch(p, 1);
      s->free = *(void **)p;
      *(void **)p = list;
      list = p;
      got++;
      s->used++;
    }
    if (got < n && s->bump < s->end && rb) {
      unsigned k = (unsigned)((size_t)(s->end - s->bump) / s->size);
      if (k > n - got) k = n - got;
      *rb = s->bump;
      *re = s->bump + (size_t)k * s->size;
      s->bump = *re;
      s->used += k;
      got += k;
      rb = NULL;  /* one range per refill */
    }
    while (got < n && s->bump < s->end) {
      void *p = s->bump;
      s->bump += s->size;
      *(void **)p = list;
      list = p;
      got++;
      s->used++;
    }
    if (!s->free && s->bump >= s->end) list_remove(heap, s);
  }
  *chain = list;
  return got;
}

char *hak_tiny_return_range(struct hak_heap *heap, char *rb, char *re, unsigned k, uint64_t *now) {
  struct hak_superslab *ss = hak_ss_of(rb);
  struct hak_slab *s = &ss->slabs[hak_ss_unit_of(ss, rb)];
  HAK_ASSERT(s->bump == re);
  char *end = re - (size_t)k * s->size;
  s->bump = end;
  s->used -= k;
  if (s->used == 0) {
    if (!*now) *now = hak_os_now_ms();
    slab_emptied(heap, ss, s, *now);
  } else if (!s->in_list) {
    list_push(heap, s);
  }
  return end;
}

void hak_tiny_put(struct hak_heap *heap, void *p, uint64_t *now) {
  struct hak_superslab *ss = hak_ss_of(p);
  struct hak_slab *s = &ss->slabs[hak_ss_unit_of(ss, p)];
  *(void **)p = s->free;
  s->free = p;
  if (--s->used == 0) {
    if (!*now) *now = hak_os_now_ms();
    slab_emptied(heap, ss, s, *now);
  } else if (!s->in_list) {
    list_push(heap, s);
  }
}

void hak_tiny_remote_free(struct hak_superslab *ss, void *p) {
  struct hak_slab *s = &ss->slabs[hak_ss_unit_of(ss, p)];
  void *head = atomic_load_explicit(&s->remote, memory_order_relaxed);
  do {
    *(void **)p = head;
  } while (!atomic_compare_exchange_weak_explicit(&s->remote, &head, p, memory_order_release,
                                                  memory_order_relaxed));
  /* Last touch of the slab: after this the owner may find it empty and reuse it. */
  atomic_fetch_add_explicit(&s->remote_freed, 1, memory_order_release);
}

size_t hak_tiny_purge(struct hak_heap *heap, bool force) {
  if (!heap->has_dirty_units) return 0;
  uint64_t now = hak_os_now_ms();
  uint64_t delay = hak_g.purge_delay_ms > 0 ? (uint64_t)hak_g.purge_delay_ms : 0;
  size_t bytes = 0;
  bool pending = false;
  struct hak_superslab *next;
  for (struct hak_superslab *ss = heap->ss_list; ss; ss = next) {
    next = ss->next;
    bool gone = false;
    uint64_t busy = ~ss->free_mask & (ss->nunits >= 64 ? ~UINT64_C(0) : ((UINT64_C(1) << ss->nunits) - 1));
    while (busy && !gone) {
      unsigned u = (unsigned)__builtin_ctzll(busy);
      busy &= busy - 1;
      struct hak_slab *s = &ss->slabs[u];
      if (s->state != HAK_UNIT_TINY || s->used != 0) continue;
      if (!force && now - s->freed_at_ms < delay) {
        pending = true;
        continue;
      }
      /* released dirty, with its empty-since time: purged below, runs coalesced */
      gone = release_unit(heap, ss, s, s->freed_at_ms, false);
    }
    if (gone) continue;
    bytes += hak_ss_purge_units(ss, now, force);
    pending = pending || ss->dirty_mask;
  }
  heap->has_dirty_units = pending;
  heap->last_purge_ms = now;
  return bytes;
}

void hak_tiny_release_slabs(struct hak_heap *heap) {
  hak_tiny_collect_remote(heap);
  /* Empty slabs kept for reuse are freed now (not purged: exiting threads should be
   * cheap; cached SuperSlabs are purged by the pool, abandoned ones by their adopter). */
  uint64_t now = hak_os_now_ms();
  struct hak_superslab *next;
  for (struct hak_superslab *ss = heap->ss_list; ss; ss = next) {
    next = ss->next;
    for (unsigned u = 0; u < ss->nunits; u++) {
      struct hak_slab *s = &ss->slabs[u];
      if (s->state == HAK_UNIT_TINY && s->used == 0 && release_unit(heap, ss, s, now, false)) break;
    }
  }
  while (heap->ss_list) {
    struct hak_superslab *ss = heap->ss_list;
    disown_ss(heap, ss);
    for (unsigned u = 0; u < ss->nunits; u++) ss->slabs[u].in_list = 0;
    if (hak_ss_all_free(ss)) hak_pool_release(ss);
    else hak_pool_abandon(ss);
  }
  memset(heap->partial, 0, sizeof heap->partial);
}
