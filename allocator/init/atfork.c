/* fork: every global lock is taken before fork, so the child never inherits a lock held
 * by a thread that does not exist there; the child re-initialises them. */
#include <pthread.h>

#include "../large/large.h"
#include "../mid/mid.h"
#include "../shared_pool/shared_pool.h"
#include "init.h"

/* Same order as the nesting on the allocation paths: mid class, mid SuperSlabs, pool. */
static void prepare(void) {
  hak_mid_lock_all();
  hak_large_lock_all();
  hak_heap_lock_all();
  hak_pool_lock_all();
}

static void parent(void) {
  hak_pool_unlock_all();
  hak_heap_unlock_all();
  hak_large_unlock_all();
  hak_mid_unlock_all();
}

static void child(void) {
  hak_pool_reinit_locks();
  hak_heap_reinit_locks();
  hak_large_reinit_locks();
  hak_mid_reinit_locks();
}

void hak_atfork_install(void) { pthread_atfork(prepare, parent, child); }
