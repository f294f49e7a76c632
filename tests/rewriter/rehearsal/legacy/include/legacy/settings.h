/* The legacy allocator's settings, as its code read them before the registry. */
#ifndef LEGACY_SETTINGS_H
#define LEGACY_SETTINGS_H

struct legacy_settings {
  long refill_batch;
  long debug_level;
  int debug_mid, debug_pool, debug_tiny;
  int trace_allocations;
  int prewarm_tls;
  long profile_level;
  unsigned long stats_interval_ms;
  const char *stats_output_file;
  int superslab_lazy, superslab_reuse;
  unsigned long superslab_prewarm;
  int alloc_learn;
  unsigned long learn_interval_ms, learn_min_samples, learn_window;
  double learn_rate, learn_decay;
  int mem_learn;
};

void legacy_tiny_load(struct legacy_settings *s);
void legacy_superslab_load(struct legacy_settings *s);
void legacy_learn_load(struct legacy_settings *s);
void legacy_debug_load(struct legacy_settings *s);

#endif
