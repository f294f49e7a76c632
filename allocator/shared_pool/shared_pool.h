/* The shared pool: empty SuperSlabs kept mapped for reuse by any thread and size class
 * (HAKMEM_SUPERSLAB_REUSE, HAKMEM_SHARED_POOL_MAX_CACHED), and SuperSlabs abandoned by
 * exited threads, waiting for adoption. Sharded by CPU (HAKMEM_SHARED_POOL_SHARDS). */
#ifndef HAKMEM_SHARED_POOL_H
#define HAKMEM_SHARED_POOL_H

#include "../superslab/superslab.h"

void hak_pool_init(void) HAK_HIDDEN;
/* An empty SuperSlab reset for `kind` and `owner`: cached if any, else newly mapped. */
struct hak_superslab *hak_pool_acquire(enum hak_kind kind, void *owner) HAK_HIDDEN;
/* Takes back a SuperSlab with every unit free: cached or unmapped. */
void hak_pool_release(struct hak_superslab *ss) HAK_HIDDEN;
/* Parks a tiny SuperSlab whose owner thread exited; its owner becomes ABANDONED. */
void hak_pool_abandon(struct hak_superslab *ss) HAK_HIDDEN;
/* An abandoned SuperSlab now owned by `owner`, or NULL. */
struct hak_superslab *hak_pool_adopt(void *owner) HAK_HIDDEN;
/* Purges cached SuperSlabs past the purge delay (all when force); returns bytes purged. */
size_t hak_pool_purge(bool force) HAK_HIDDEN;
unsigned hak_pool_shard_count(void) HAK_HIDDEN;

void hak_pool_lock_all(void) HAK_HIDDEN;
void hak_pool_unlock_all(void) HAK_HIDDEN;
void hak_pool_reinit_locks(void) HAK_HIDDEN;

#endif
