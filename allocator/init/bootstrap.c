/* Start-up as a state machine: the first caller initialises, others wait; a call that
 * re-enters from the initialising thread (pthread functions that allocate) finds the
 * settings already in place and proceeds. Nothing here allocates before the heap works. */
#include <sched.h>
#include <stdatomic.h>
#include <unistd.h>

#include "../large/large.h"
#include "../mid/mid.h"
#include "../shared_pool/shared_pool.h"
#include "../stats/stats.h"
#include "hakmem/config.h"
#include "init.h"

struct hak_globals hak_g;

enum { STATE_NONE = 0, STATE_RUNNING = 1, STATE_READY = 2 };
static atomic_int state;
static HAK_TLS int initialising;

static uintptr_t pow2_at_least(uint64_t n) {
  uintptr_t p = 1;
  while (p < n) p <<= 1;
  return p;
}

static void read_settings(void) {
  uintptr_t ss = pow2_at_least(hakmem_superslab_size());
  hak_g.ss_size = ss;
  hak_g.ss_mask = ~(ss - 1);
  hak_g.nunits = (unsigned)(ss >> HAK_UNIT_SHIFT);
  hak_g.purge_delay_ms = hakmem_purge_delay_ms();
  hak_g.large_threshold = (size_t)hakmem_large_threshold();
  hak_mid_init();
  /* A mid class whose span cannot hold one block (only with a large threshold and a
   * small SuperSlab) is served by large mappings instead. */
  if (hak_g.large_threshold > hak_mid_max_size()) hak_g.large_threshold = hak_mid_max_size();
  /* Last: a non-zero tiny_max opens the inline fast path. */
  atomic_thread_fence(memory_order_release);
  hak_g.tiny_max = (size_t)hakmem_tiny_max_size();
  /* The preset's values are already applied by the configuration layer; its name is
   * kept so statistics and reports say which one shaped this process. */
  HAK_STAT_SET(preset, hakmem_preset());
}

static void run_init(void) {
  initialising = 1;
  hakmem_config_init();
  read_settings();
  hak_pool_init();
  hak_heap_registry_init();
  hak_atfork_install();
  /* hakmem_config_init() has printed the effective configuration (hakmem_config_print(2))
   * when HAKMEM_PRINT_CONFIG is set; the build flags complete it. */
  if (hakmem_print_config()) hak_print_build_flags(2);
  initialising = 0;
  atomic_store_explicit(&state, STATE_READY, memory_order_release);
}

/* At load, before main and before any thread of the program: a fork can then never catch
 * another thread half-way through start-up (the child would wait for it for ever, and the
 * fork handlers are only installed at the end of it). */
__attribute__((constructor)) static void hak_init_at_load(void) { hak_init(); }

void hak_init(void) {
  if (HAK_LIKELY(atomic_load_explicit(&state, memory_order_acquire) == STATE_READY)) return;
  if (initialising) return;
  int expected = STATE_NONE;
  if (atomic_compare_exchange_strong(&state, &expected, STATE_RUNNING)) {
    run_init();
    return;
  }
  while (atomic_load_explicit(&state, memory_order_acquire) != STATE_READY) sched_yield();
}

#if HAKMEM_ASSERTS
void hak_assert_fail(const char *file, int line, const char *expr) {
  char buf[256];
  size_t n = 0;
  const char *parts[] = {"hakmem: assertion failed: ", expr, " at ", file, "\n"};
  for (unsigned i = 0; i < 5; i++)
    for (const char *s = parts[i]; *s && n < sizeof buf - 1; s++) buf[n++] = *s;
  (void)line;
  ssize_t w = write(2, buf, n);
  (void)w;
  __builtin_trap();
}
#endif
