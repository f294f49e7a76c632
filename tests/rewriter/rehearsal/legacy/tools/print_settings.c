/* Prints every effective setting of the legacy allocator, one per line. */
#include <stdio.h>

#include "hakmem/config.h"
#include "legacy/settings.h"

int main(void) {
  hakmem_config_init();
  struct legacy_settings s = {0};
  legacy_tiny_load(&s);
  legacy_superslab_load(&s);
  legacy_learn_load(&s);
  legacy_debug_load(&s);
  printf("refill_batch=%ld\n", s.refill_batch);
  printf("debug_level=%ld\n", s.debug_level);
  printf("debug_mid=%d\ndebug_pool=%d\ndebug_tiny=%d\n", s.debug_mid, s.debug_pool, s.debug_tiny);
  printf("trace_allocations=%d\n", s.trace_allocations);
  printf("prewarm_tls=%d\n", s.prewarm_tls);
  printf("profile_level=%ld\n", s.profile_level);
  printf("stats_interval_ms=%lu\n", s.stats_interval_ms);
  printf("stats_output_file=%s\n", s.stats_output_file);
  printf("superslab_lazy=%d\nsuperslab_reuse=%d\n", s.superslab_lazy, s.superslab_reuse);
  printf("superslab_prewarm=%lu\n", s.superslab_prewarm);
  printf("alloc_learn=%d\n", s.alloc_learn);
  printf("learn_interval_ms=%lu\nlearn_min_samples=%lu\nlearn_window=%lu\n", s.learn_interval_ms,
         s.learn_min_samples, s.learn_window);
  printf("learn_rate=%g\nlearn_decay=%g\n", s.learn_rate, s.learn_decay);
  printf("mem_learn=%d\n", s.mem_learn);
  return 0;
}
