/* SuperSlabs: regions of hak_g.ss_size bytes aligned to their size, so masking an
 * object's address finds its header. The header describes the slab units; a unit is
 * free, a tiny slab of one size class, or part of a mid-size span. */
#ifndef HAKMEM_SUPERSLAB_H
#define HAKMEM_SUPERSLAB_H

#include <stdatomic.h>

#include "../core/common.h"

#define HAK_MAGIC 0x484b4d53u
enum hak_kind { HAK_KIND_TINY = 1, HAK_KIND_MID = 2, HAK_KIND_LARGE = 3 };

/* Owners that never equal a thread heap: the fast free path compares the owner with
 * the calling thread's heap and needs no other test. */
#define HAK_OWNER_SHARED ((void *)1)     /* mid-size pool and large mappings */
#define HAK_OWNER_ABANDONED ((void *)2)  /* tiny SuperSlab whose thread exited */

enum hak_unit_state { HAK_UNIT_FREE = 0, HAK_UNIT_TINY, HAK_UNIT_MID_HEAD, HAK_UNIT_MID_TAIL };

/* The first words of every header (SuperSlab or large mapping). */
struct hak_chunk {
  uint32_t magic;
  uint32_t kind;
  _Atomic(void *) owner;
};

/* One slab unit, or the head of a mid-size span. */
struct hak_slab {
  void *free;                 /* local free list: owner thread (tiny) or class lock (mid) */
  _Atomic(void *) remote;     /* frees from other threads, pushed lock-free */
  _Atomic uint32_t remote_freed; /* blocks pushed there (counted after the push) */
  char *bump;                 /* lazily carved: blocks [bump, end) were never handed out */
  char *end;
  uint32_t used;              /* blocks handed out (thread caches count as handed out) */
  uint32_t capacity;
  uint32_t size;
  uint8_t cls;
  uint8_t state;              /* enum hak_unit_state */
  uint8_t in_list;
  uint8_t purged;             /* free unit whose pages went back to the OS */
  uint16_t span;              /* units in a mid-size span (head only) */
  uint16_t head;              /* index of the span head (tails only) */
  struct hak_slab *prev, *next;
  uint64_t freed_at_ms;       /* when the unit became free, for the purge delay */
};

struct hak_superslab {
  struct hak_chunk h;
  uint32_t nunits;
  uint32_t nfree;
  uint64_t free_mask;          /* bit u: unit u is free */
  uint64_t dirty_mask;         /* bit u: free unit still committed (not purged) */
  struct hak_superslab *next, *prev;
  uint64_t cached_at_ms;       /* when it entered the shared pool's cache */
  uint8_t body_purged;
  struct hak_slab slabs[HAK_MAX_UNITS];
};

/* Bytes at the start of unit 0 taken by the header (whole pages). */
#define HAK_SS_HEADER_BYTES hak_align_up(sizeof(struct hak_superslab), HAK_PAGE)

static inline struct hak_superslab *hak_ss_of(const void *p) {
  return (struct hak_superslab *)((uintptr_t)p & hak_g.ss_mask);
}
static inline unsigned hak_ss_unit_of(const struct hak_superslab *ss, const void *p) {
  return (unsigned)(((uintptr_t)p - (uintptr_t)ss) >> HAK_UNIT_SHIFT);
}
static inline char *hak_ss_unit_start(struct hak_superslab *ss, unsigned u) {
  return (char *)ss + ((size_t)u << HAK_UNIT_SHIFT) + (u == 0 ? HAK_SS_HEADER_BYTES : 0);
}
static inline char *hak_ss_unit_end(struct hak_superslab *ss, unsigned u) {
  return (char *)ss + ((size_t)(u + 1) << HAK_UNIT_SHIFT);
}

/* Maps a new SuperSlab (populated unless HAKMEM_SUPERSLAB_LAZY); NULL when out of memory. */
struct hak_superslab *hak_ss_map(void) HAK_HIDDEN;
/* Unmaps a SuperSlab with every unit free. */
void hak_ss_unmap(struct hak_superslab *ss) HAK_HIDDEN;
/* Resets the header of a free SuperSlab for a new kind and owner. */
void hak_ss_reset(struct hak_superslab *ss, enum hak_kind kind, void *owner) HAK_HIDDEN;
/* Takes `k` consecutive free units at index >= `first`; returns the first or -1. */
int hak_ss_take_units(struct hak_superslab *ss, unsigned k, unsigned first) HAK_HIDDEN;
/* Returns units to the free set, free since `freed_at`; purges them at once when asked. */
void hak_ss_give_units(struct hak_superslab *ss, unsigned u, unsigned k, uint64_t freed_at, bool purge_now) HAK_HIDDEN;
/* Purges free, committed units freed at least `delay_ms` ago (all when force). Returns bytes purged. */
size_t hak_ss_purge_units(struct hak_superslab *ss, uint64_t now, bool force) HAK_HIDDEN;
/* Purges every page but the header (the SuperSlab is entirely free). */
void hak_ss_purge_body(struct hak_superslab *ss) HAK_HIDDEN;
/* Bytes of the unit's block area. */
static inline size_t hak_ss_unit_bytes(struct hak_superslab *ss, unsigned u) {
  return (size_t)(hak_ss_unit_end(ss, u) - hak_ss_unit_start(ss, u));
}
static inline bool hak_ss_all_free(const struct hak_superslab *ss) { return ss->nfree == ss->nunits; }

#endif
