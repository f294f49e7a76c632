/* Sharded lists of cached (empty) and abandoned SuperSlabs. */
#include "shared_pool.h"

#include <sched.h>
#include <unistd.h>

#include "../os/lock.h"
#include "../os/os.h"
#include "../stats/stats.h"
#include "hakmem/config.h"

#define MAX_SHARDS 64

struct shard {
  hak_lock_t lock;
  struct hak_superslab *cached;     /* empty, singly linked through next */
  struct hak_superslab *abandoned;  /* in use, owner thread gone */
  char pad[64 - sizeof(hak_lock_t) - 2 * sizeof(void *)];
};

static struct shard shards[MAX_SHARDS];
static unsigned shard_count = 1;
static atomic_uint cached_total;

static unsigned online_cpus(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : (unsigned)n;
}

static struct shard *my_shard(void) {
  if (shard_count == 1) return &shards[0];
  int cpu = sched_getcpu();
  return &shards[(cpu < 0 ? 0u : (unsigned)cpu) % shard_count];
}

unsigned hak_pool_shard_count(void) { return shard_count; }

static void push_cached(struct shard *sh, struct hak_superslab *ss) {
  ss->cached_at_ms = hak_os_now_ms();
  ss->next = sh->cached;
  sh->cached = ss;
  atomic_fetch_add_explicit(&cached_total, 1, memory_order_relaxed);
  HAK_STAT_INC(ss_cached);
}

void hak_pool_init(void) {
  unsigned n = (unsigned)hakmem_shared_pool_shards();
  if (n == 0) n = online_cpus();
  shard_count = n > MAX_SHARDS ? MAX_SHARDS : n;
  HAK_STAT_SET(pool_shards, shard_count);
  /* Prewarmed SuperSlabs are populated whatever the lazy setting (the registry makes the
   * two exclusive) and go to the shards round robin, ready for any thread. */
  unsigned prewarm = (unsigned)hakmem_superslab_prewarm();
  for (unsigned i = 0; i < prewarm; i++) {
    struct hak_superslab *ss = hak_os_map_aligned(hak_g.ss_size, hak_g.ss_size, true);
    if (!ss) break;
    ss->nunits = hak_g.nunits;
    ss->nfree = ss->nunits;
    ss->free_mask = ss->nunits >= 64 ? ~UINT64_C(0) : ((UINT64_C(1) << ss->nunits) - 1);
    ss->h.magic = HAK_MAGIC;
    HAK_STAT_INC(ss_mapped);
    HAK_STAT_INC(ss_live);
    HAK_STAT_INC(ss_populated);
    HAK_STAT_INC(ss_prewarmed);
    struct shard *sh = &shards[i % shard_count];
    hak_lock(&sh->lock);
    push_cached(sh, ss);
    hak_unlock(&sh->lock);
  }
}

static struct hak_superslab *pop_cached(struct shard *sh) {
  hak_lock(&sh->lock);
  struct hak_superslab *ss = sh->cached;
  if (ss) {
    sh->cached = ss->next;
    atomic_fetch_sub_explicit(&cached_total, 1, memory_order_relaxed);
    HAK_STAT_DEC(ss_cached);
  }
  hak_unlock(&sh->lock);
  return ss;
}

struct hak_superslab *hak_pool_acquire(enum hak_kind kind, void *owner) {
  struct hak_superslab *ss = NULL;
  if (atomic_load_explicit(&cached_total, memory_order_relaxed)) {
    struct shard *mine = my_shard();
    ss = pop_cached(mine);
    for (unsigned i = 0; !ss && i < shard_count; i++)
      if (&shards[i] != mine) ss = pop_cached(&shards[i]);
    if (ss) HAK_STAT_INC(ss_reused);
  }
  if (!ss) ss = hak_ss_map();
  if (!ss) return NULL;
  hak_ss_reset(ss, kind, owner);
  return ss;
}

void hak_pool_release(struct hak_superslab *ss) {
  if (hakmem_superslab_reuse() &&
      atomic_load_explicit(&cached_total, memory_order_relaxed) < hakmem_shared_pool_max_cached()) {
    atomic_store_explicit(&ss->h.owner, HAK_OWNER_SHARED, memory_order_relaxed);
    if (hak_g.purge_delay_ms == 0) hak_ss_purge_body(ss);
    struct shard *sh = my_shard();
    hak_lock(&sh->lock);
    push_cached(sh, ss);
    hak_unlock(&sh->lock);
    return;
  }
  hak_ss_unmap(ss);
}

void hak_pool_abandon(struct hak_superslab *ss) {
  atomic_store_explicit(&ss->h.owner, HAK_OWNER_ABANDONED, memory_order_release);
  struct shard *sh = my_shard();
  hak_lock(&sh->lock);
  ss->next = sh->abandoned;
  sh->abandoned = ss;
  hak_unlock(&sh->lock);
  HAK_STAT_INC(ss_abandoned);
}

struct hak_superslab *hak_pool_adopt(void *owner) {
  struct shard *mine = my_shard();
  for (unsigned i = 0; i <= shard_count; i++) {
    struct shard *sh = i == 0 ? mine : &shards[i - 1];
    if (i > 0 && sh == mine) continue;
    if (!__atomic_load_n(&sh->abandoned, __ATOMIC_RELAXED)) continue;
    hak_lock(&sh->lock);
    struct hak_superslab *ss = sh->abandoned;
    if (ss) sh->abandoned = ss->next;
    hak_unlock(&sh->lock);
    if (ss) {
      ss->next = ss->prev = NULL;
      atomic_store_explicit(&ss->h.owner, owner, memory_order_release);
      HAK_STAT_INC(ss_adopted);
      HAK_STAT_DEC(ss_abandoned);
      return ss;
    }
  }
  return NULL;
}

size_t hak_pool_purge(bool force) {
  if (!force && hak_g.purge_delay_ms < 0) return 0;
  if (!atomic_load_explicit(&cached_total, memory_order_relaxed)) return 0;
  uint64_t now = hak_os_now_ms();
  size_t bytes = 0;
  for (unsigned i = 0; i < shard_count; i++) {
    struct shard *sh = &shards[i];
    if (!__atomic_load_n(&sh->cached, __ATOMIC_RELAXED)) continue;
    hak_lock(&sh->lock);
    for (struct hak_superslab *ss = sh->cached; ss; ss = ss->next) {
      if (ss->body_purged) continue;
      if (force || now - ss->cached_at_ms >= (uint64_t)hak_g.purge_delay_ms) {
        hak_ss_purge_body(ss);
        bytes += hak_g.ss_size - HAK_SS_HEADER_BYTES;
      }
    }
    hak_unlock(&sh->lock);
  }
  return bytes;
}

void hak_pool_lock_all(void) {
  for (unsigned i = 0; i < MAX_SHARDS; i++) hak_lock(&shards[i].lock);
}
void hak_pool_unlock_all(void) {
  for (unsigned i = MAX_SHARDS; i-- > 0;) hak_unlock(&shards[i].lock);
}
void hak_pool_reinit_locks(void) {
  for (unsigned i = 0; i < MAX_SHARDS; i++) hak_lock_reinit(&shards[i].lock);
}
