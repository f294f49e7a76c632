/* SuperSlab mapping and the unit bitmap. */
#include "superslab.h"

#include <string.h>

#include "../os/os.h"
#include "../stats/stats.h"
#include "hakmem/config.h"

static uint64_t all_units_mask(unsigned n) { return n >= 64 ? ~UINT64_C(0) : ((UINT64_C(1) << n) - 1); }

struct hak_superslab *hak_ss_map(void) {
  bool populate = !hakmem_superslab_lazy();
  struct hak_superslab *ss = hak_os_map_aligned(hak_g.ss_size, hak_g.ss_size, populate);
  if (!ss) return NULL;
  ss->nunits = hak_g.nunits;
  ss->free_mask = all_units_mask(ss->nunits);
  ss->nfree = ss->nunits;
  /* Units never handed out are not empty slabs: the purge delay starts when one empties. */
  ss->dirty_mask = 0;
  ss->h.magic = HAK_MAGIC;
  HAK_STAT_INC(ss_mapped);
  HAK_STAT_INC(ss_live);
  if (populate) HAK_STAT_INC(ss_populated);
  return ss;
}

void hak_ss_unmap(struct hak_superslab *ss) {
  HAK_ASSERT(hak_ss_all_free(ss));
  ss->h.magic = 0;
  hak_os_unmap(ss, hak_g.ss_size);
  HAK_STAT_INC(ss_unmapped);
  HAK_STAT_DEC(ss_live);
}

void hak_ss_reset(struct hak_superslab *ss, enum hak_kind kind, void *owner) {
  HAK_ASSERT(hak_ss_all_free(ss));
  ss->h.kind = kind;
  atomic_store_explicit(&ss->h.owner, owner, memory_order_release);
  ss->next = ss->prev = NULL;
  ss->body_purged = 0;
  for (unsigned u = 0; u < ss->nunits; u++) {
    struct hak_slab *s = &ss->slabs[u];
    uint8_t purged = s->purged;
    uint64_t freed = s->freed_at_ms;
    memset(s, 0, sizeof *s);
    s->purged = purged;
    s->freed_at_ms = freed;
  }
}

int hak_ss_take_units(struct hak_superslab *ss, unsigned k, unsigned first) {
  if (ss->nfree < k) return -1;
  uint64_t want = all_units_mask(k);
  for (unsigned u = first; u + k <= ss->nunits; u++) {
    if (((ss->free_mask >> u) & want) == want) {
      ss->free_mask &= ~(want << u);
      ss->dirty_mask &= ~(want << u);
      ss->nfree -= k;
      return (int)u;
    }
  }
  return -1;
}

void hak_ss_give_units(struct hak_superslab *ss, unsigned u, unsigned k, uint64_t freed_at, bool purge_now) {
  for (unsigned i = u; i < u + k; i++) {
    struct hak_slab *s = &ss->slabs[i];
    s->state = HAK_UNIT_FREE;
    s->in_list = 0;
    s->free = NULL;
    s->freed_at_ms = freed_at;
    s->purged = 0;
    ss->free_mask |= UINT64_C(1) << i;
    ss->dirty_mask |= UINT64_C(1) << i;
    ss->nfree++;
  }
  if (purge_now) {
    char *start = hak_ss_unit_start(ss, u);
    hak_os_purge(start, (size_t)(hak_ss_unit_end(ss, u + k - 1) - start));
    for (unsigned i = u; i < u + k; i++) ss->slabs[i].purged = 1;
    ss->dirty_mask &= ~(((k >= 64 ? ~UINT64_C(0) : ((UINT64_C(1) << k) - 1))) << u);
  }
}

size_t hak_ss_purge_units(struct hak_superslab *ss, uint64_t now, bool force) {
  if (!force && hak_g.purge_delay_ms < 0) return 0;
  uint64_t due = 0, dirty = ss->dirty_mask;
  while (dirty) {
    unsigned u = (unsigned)__builtin_ctzll(dirty);
    dirty &= dirty - 1;
    if (force || now - ss->slabs[u].freed_at_ms >= (uint64_t)hak_g.purge_delay_ms) due |= UINT64_C(1) << u;
  }
  /* One madvise per run of consecutive units: fewer system calls and TLB shootdowns. */
  size_t bytes = 0;
  while (due) {
    unsigned first = (unsigned)__builtin_ctzll(due);
    unsigned last = first;
    while (last + 1 < 64 && (due >> (last + 1)) & 1) last++;
    char *start = hak_ss_unit_start(ss, first);
    size_t len = (size_t)(hak_ss_unit_end(ss, last) - start);
    hak_os_purge(start, len);
    bytes += len;
    for (unsigned u = first; u <= last; u++) ss->slabs[u].purged = 1;
    uint64_t run = (last - first + 1 >= 64 ? ~UINT64_C(0) : ((UINT64_C(1) << (last - first + 1)) - 1)) << first;
    ss->dirty_mask &= ~run;
    due &= ~run;
  }
  return bytes;
}

void hak_ss_purge_body(struct hak_superslab *ss) {
  hak_os_purge((char *)ss + HAK_SS_HEADER_BYTES, hak_g.ss_size - HAK_SS_HEADER_BYTES);
  for (unsigned u = 0; u < ss->nunits; u++) ss->slabs[u].purged = 1;
  ss->dirty_mask = 0;
  ss->body_purged = 1;
}
