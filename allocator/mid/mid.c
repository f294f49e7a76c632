/* Mid-size pool: spans of units per class under the class lock, SuperSlabs under one
 * lock, thread caches in front. Lock order: class lock, then the SuperSlab lock. */
#include "mid.h"

#include "../os/lock.h"
#include "../os/os.h"
#include "../shared_pool/shared_pool.h"
#include "../stats/stats.h"
#include "hakmem/config.h"

struct mid_class {
  hak_lock_t lock;
  struct hak_slab *partial;  /* spans with blocks to hand out */
  uint32_t size;
  uint16_t span_units;
  char pad[64 - sizeof(hak_lock_t) - sizeof(void *) - 8];
};

static struct mid_class classes[HAK_MID_CLASSES];
static hak_lock_t ss_lock = HAK_LOCK_INIT;
static struct hak_superslab *ss_list;  /* mid SuperSlabs, doubly linked */
static size_t free_committed;          /* bytes of free, unpurged units (under ss_lock) */
static size_t max_size;

/* Enough units for about eight blocks; unit 0 keeps only the header. */
static unsigned span_units_for(size_t size) {
  size_t units = (size * 8 + HAK_UNIT_SIZE - 1) / HAK_UNIT_SIZE;
  if (units > hak_g.nunits - 1) units = hak_g.nunits - 1;
  return units ? (unsigned)units : 1;
}

void hak_mid_init(void) {
  max_size = 0;
  for (unsigned c = 0; c < HAK_MID_CLASSES; c++) {
    size_t size = hak_mid_class_size(c);
    classes[c].size = (uint32_t)size;
    classes[c].span_units = (uint16_t)span_units_for(size);
    if ((size_t)classes[c].span_units * HAK_UNIT_SIZE >= size) max_size = size;
  }
}

size_t hak_mid_max_size(void) { return max_size; }

static void ss_link(struct hak_superslab *ss) {
  ss->prev = NULL;
  ss->next = ss_list;
  if (ss_list) ss_list->prev = ss;
  ss_list = ss;
}

static void ss_unlink(struct hak_superslab *ss) {
  if (ss->prev) ss->prev->next = ss->next;
  else ss_list = ss->next;
  if (ss->next) ss->next->prev = ss->prev;
}

static size_t dirty_bytes(struct hak_superslab *ss) {
  return (size_t)__builtin_popcountll(ss->dirty_mask) * HAK_UNIT_SIZE;
}

/* Under ss_lock: purge the oldest free units while over HAKMEM_MID_CACHE_MAX. */
static size_t purge_locked(bool force) {
  uint64_t limit = force ? 0 : hakmem_mid_cache_max();
  if (free_committed <= limit) return 0;
  if (!force && hak_g.purge_delay_ms < 0) return 0;
  uint64_t now = hak_os_now_ms();
  size_t bytes = 0;
  for (struct hak_superslab *ss = ss_list; ss && free_committed > limit; ss = ss->next) {
    size_t before = dirty_bytes(ss);
    if (!before) continue;
    bytes += hak_ss_purge_units(ss, now, force);
    free_committed -= before - dirty_bytes(ss);
  }
  HAK_STAT_SET(mid_free_committed, free_committed);
  return bytes;
}

size_t hak_mid_purge(bool force) {
  hak_lock(&ss_lock);
  size_t bytes = purge_locked(force);
  hak_unlock(&ss_lock);
  return bytes;
}

/* A new span for class c, linked into its partial list (class lock held). */
static struct hak_slab *new_span(struct mid_class *mc, unsigned cls) {
  unsigned k = mc->span_units;
  struct hak_superslab *ss;
  int u = -1;
  hak_lock(&ss_lock);
  for (ss = ss_list; ss; ss = ss->next) {
    size_t before = dirty_bytes(ss);
    if ((u = hak_ss_take_units(ss, k, 1)) >= 0) {
      free_committed -= before - dirty_bytes(ss);
      break;
    }
  }
  if (!ss) {
    ss = hak_pool_acquire(HAK_KIND_MID, HAK_OWNER_SHARED);
    if (ss) {
      ss->free_mask &= ~UINT64_C(1);  /* unit 0 holds only the header */
      ss->nfree--;
      ss_link(ss);
      u = hak_ss_take_units(ss, k, 1);
    }
  }
  HAK_STAT_SET(mid_free_committed, free_committed);
  hak_unlock(&ss_lock);
  if (!ss || u < 0) return NULL;
  struct hak_slab *s = &ss->slabs[u];
  for (unsigned i = 1; i < k; i++) {
    ss->slabs[u + i].state = HAK_UNIT_MID_TAIL;
    ss->slabs[u + i].head = (uint16_t)u;
  }
  s->state = HAK_UNIT_MID_HEAD;
  s->span = (uint16_t)k;
  s->cls = (uint8_t)cls;
  s->size = mc->size;
  s->bump = hak_ss_unit_start(ss, (unsigned)u);
  s->capacity = (uint32_t)(((size_t)k << HAK_UNIT_SHIFT) / mc->size);
  s->end = s->bump + (size_t)s->capacity * mc->size;
  s->used = 0;
  s->free = NULL;
  s->prev = NULL;
  s->next = mc->partial;
  if (mc->partial) mc->partial->prev = s;
  mc->partial = s;
  s->in_list = 1;
  HAK_STAT_INC(mid_spans_carved);
  return s;
}

static void span_unlink(struct mid_class *mc, struct hak_slab *s) {
  if (s->prev) s->prev->next = s->next;
  else mc->partial = s->next;
  if (s->next) s->next->prev = s->prev;
  s->prev = s->next = NULL;
  s->in_list = 0;
}

/* Takes up to n blocks onto *chain (class lock held). */
static unsigned take_locked(struct mid_class *mc, unsigned cls, unsigned n, void **chain) {
  unsigned got = 0;
  while (got < n) {
    struct hak_slab *s = mc->partial;
    if (!s && !(s = new_span(mc, cls))) break;
    while (got < n && s->free) {
      void *p = s->free;
      s->free = *(void **)p;
      *(void **)p = *chain;
      *chain = p;
      got++;
      s->used++;
    }
    while (got < n && s->bump < s->end) {
      void *p = s->bump;
      s->bump += s->size;
      *(void **)p = *chain;
      *chain = p;
      got++;
      s->used++;
    }
    if (!s->free && s->bump >= s->end) span_unlink(mc, s);
  }
  return got;
}

static struct hak_slab *span_of(struct hak_superslab *ss, const void *p) {
  struct hak_slab *s = &ss->slabs[hak_ss_unit_of(ss, p)];
  return s->state == HAK_UNIT_MID_TAIL ? &ss->slabs[s->head] : s;
}

/* A span whose blocks all came back: its units return to the SuperSlab (class lock held). */
static void span_emptied(struct mid_class *mc, struct hak_superslab *ss, struct hak_slab *s) {
  if (s->in_list) span_unlink(mc, s);
  unsigned u = (unsigned)(s - ss->slabs), k = s->span;
  HAK_STAT_INC(mid_spans_emptied);
  hak_lock(&ss_lock);
  uint64_t before = ss->dirty_mask;
  hak_ss_give_units(ss, u, k, hak_os_now_ms(), false);
  free_committed += (size_t)__builtin_popcountll(ss->dirty_mask & ~before) * HAK_UNIT_SIZE;
  /* Unit 0 is never handed out, so "all free" means every other unit is free. An empty
   * SuperSlab stays while the free memory fits HAKMEM_MID_CACHE_MAX; beyond, the shared
   * pool takes it (for any size class). */
  if (ss->nfree + 1 == ss->nunits && (ss_list != ss || ss->next) && free_committed > hakmem_mid_cache_max()) {
    ss_unlink(ss);
    free_committed -= dirty_bytes(ss);
    ss->free_mask |= UINT64_C(1);
    ss->nfree++;
    hak_pool_release(ss);
  }
  purge_locked(false);
  HAK_STAT_SET(mid_free_committed, free_committed);
  hak_unlock(&ss_lock);
}

/* Returns a list of n blocks of class cls to their spans (takes the class lock). */
static void put_locked(struct mid_class *mc, void *list) {
  while (list) {
    void *p = list;
    list = *(void **)p;
    struct hak_superslab *ss = hak_ss_of(p);
    struct hak_slab *s = span_of(ss, p);
    *(void **)p = s->free;
    s->free = p;
    if (--s->used == 0) {
      span_emptied(mc, ss, s);
    } else if (!s->in_list) {
      s->prev = NULL;
      s->next = mc->partial;
      if (mc->partial) mc->partial->prev = s;
      mc->partial = s;
      s->in_list = 1;
    }
  }
}

void *hak_mid_alloc(struct hak_heap *heap, unsigned cls) {
  struct hak_mid_cache *c = heap ? &heap->mid[cls] : NULL;
  if (c && c->head) {
    void *p = c->head;
    c->head = *(void **)p;
    c->count--;
    return p;
  }
  struct mid_class *mc = &classes[cls];
  unsigned want = c && heap->mid_capacity ? heap->mid_capacity : 1;
  void *chain = NULL;
  hak_lock(&mc->lock);
  unsigned got = take_locked(mc, cls, want, &chain);
  hak_unlock(&mc->lock);
  HAK_STAT_INC(mid_lock_allocs);
  if (!got) return NULL;
  void *p = chain;
  if (got > 1) {
    c->head = *(void **)p;
    c->count = got - 1;
  }
  return p;
}

void hak_mid_free(struct hak_heap *heap, struct hak_superslab *ss, void *p) {
  unsigned cls = span_of(ss, p)->cls;
  struct hak_mid_cache *c = heap ? &heap->mid[cls] : NULL;
  if (c && c->count < heap->mid_capacity) {
    *(void **)p = c->head;
    c->head = p;
    c->count++;
    return;
  }
  /* Full cache: the block and half the cache go back under one lock. */
  *(void **)p = NULL;
  void *list = p;
  if (c) {
    for (unsigned n = c->count / 2; n; n--) {
      void *q = c->head;
      c->head = *(void **)q;
      c->count--;
      *(void **)q = list;
      list = q;
    }
  }
  struct mid_class *mc = &classes[cls];
  hak_lock(&mc->lock);
  put_locked(mc, list);
  hak_unlock(&mc->lock);
  HAK_STAT_INC(mid_lock_frees);
}

size_t hak_mid_usable(struct hak_superslab *ss, const void *p) { return span_of(ss, p)->size; }

void hak_mid_flush(struct hak_heap *heap) {
  for (unsigned cls = 0; cls < HAK_MID_CLASSES; cls++) {
    struct hak_mid_cache *c = &heap->mid[cls];
    if (!c->head) continue;
    struct mid_class *mc = &classes[cls];
    hak_lock(&mc->lock);
    put_locked(mc, c->head);
    hak_unlock(&mc->lock);
    c->head = NULL;
    c->count = 0;
  }
}

void hak_mid_lock_all(void) {
  for (unsigned c = 0; c < HAK_MID_CLASSES; c++) hak_lock(&classes[c].lock);
  hak_lock(&ss_lock);
}
void hak_mid_unlock_all(void) {
  hak_unlock(&ss_lock);
  for (unsigned c = HAK_MID_CLASSES; c-- > 0;) hak_unlock(&classes[c].lock);
}
void hak_mid_reinit_locks(void) {
  hak_lock_reinit(&ss_lock);
  for (unsigned c = 0; c < HAK_MID_CLASSES; c++) hak_lock_reinit(&classes[c].lock);
}
