/* A spin lock that yields: no allocation, no futex state to repair after fork (the
 * child re-initialises it by storing 0). Held only for short list operations. */
#ifndef HAKMEM_OS_LOCK_H
#define HAKMEM_OS_LOCK_H

#include <sched.h>
#include <stdatomic.h>

static inline void hak_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

typedef struct { atomic_int held; } hak_lock_t;

#define HAK_LOCK_INIT {0}

static inline void hak_lock(hak_lock_t *l) {
  for (;;) {
    if (!atomic_exchange_explicit(&l->held, 1, memory_order_acquire)) return;
    for (int spin = 0; atomic_load_explicit(&l->held, memory_order_relaxed); spin++) {
      if (spin < 64) hak_cpu_relax();
      else sched_yield();
    }
  }
}

static inline void hak_unlock(hak_lock_t *l) { atomic_store_explicit(&l->held, 0, memory_order_release); }

static inline void hak_lock_reinit(hak_lock_t *l) { atomic_store_explicit(&l->held, 0, memory_order_relaxed); }

#endif
