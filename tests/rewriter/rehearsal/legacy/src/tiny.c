/* Tiny allocator settings: seven refill knobs for four refill paths, of which only the
 * P0 batch refill survived. */
#include <stdlib.h>
#include <string.h>

#include "legacy/settings.h"

#if HAKMEM_TINY_P0_BATCH_REFILL
static long p0_refill_batch(void) {
  /* The registry's name first, then the P0 knob everyone still sets. */
  return getenv("HAKMEM_TINY_REFILL_BATCH") ? atoi(getenv("HAKMEM_TINY_REFILL_BATCH"))
         : getenv("HAKMEM_TINY_P0_BATCH")   ? atoi(getenv("HAKMEM_TINY_P0_BATCH"))
                                            : 64;
}
#else
static long old_refill_batch(void) {
  const char *a = getenv("HAKMEM_TINY_REFILL_BATCH_SIZE");
  const char *b = getenv("HAKMEM_TINY_FAST_REFILL_COUNT");
  const char *c = getenv("HAKMEM_UNIFIED_REFILL_SIZE");
  const char *d = getenv("HAKMEM_OLD_REFILL_BATCH");
  return a ? atoi(a) : b ? atoi(b) : c ? atoi(c) : d ? atoi(d) : 32;
}
#endif

#ifdef HAKMEM_TINY_ULTRA_PATH
static int ultra_refill(void) {
  const char *s = getenv("HAKMEM_TINY_ULTRA_REFILL");
  if (getenv("HAKMEM_TINY_ULTRA_SIMPLE")) return 1;
  if (getenv("HAKMEM_BENCH_FAST_MODE")) return 256;
  return s ? atoi(s) : 16;
}
#endif

#ifdef HAKMEM_TINY_SLIM_PATH
static int slim_refill(void) {
  int n = getenv("HAKMEM_TINY_SLIM_REFILL_BATCH") ? atoi(getenv("HAKMEM_TINY_SLIM_REFILL_BATCH")) : 8;
  if (getenv("HAKMEM_TINY_UNIFIED_CACHE")) n *= 2;
  if (getenv("HAKMEM_TINY_AGGRESSIVE_INLINE")) n += 1;
  if (getenv("HAKMEM_TINY_HEADER_CLASSIDX")) n += 2;
  return n;
}
#endif

#if HAKMEM_TINY_USE_SFC
static int sfc_refill(void) {
  const char *on = getenv("HAKMEM_TINY_SFC_ENABLE");
  const char *cap = getenv("HAKMEM_TINY_SFC_CAP");
  const char *refill = getenv("HAKMEM_TINY_SFC_REFILL");
  const char *spill = getenv("HAKMEM_TINY_SFC_SPILL_THRESH");
  const char *pop = getenv("HAKMEM_TINY_SFC_BATCH_POP");
  const char *stats = getenv("HAKMEM_TINY_SFC_STATS");
  if (!on || *on != '1') return 0;
  return (cap ? atoi(cap) : 128) + (refill ? atoi(refill) : 32) + (spill ? atoi(spill) : 0) +
         (pop ? atoi(pop) : 0) + (stats ? 1 : 0);
}
#endif

void legacy_tiny_load(struct legacy_settings *s) {
#if HAKMEM_TINY_P0_BATCH_REFILL
  s->refill_batch = p0_refill_batch();
#else
  s->refill_batch = old_refill_batch();
#endif
#ifdef HAKMEM_TINY_ULTRA_PATH
  s->refill_batch = ultra_refill();
#endif
#ifdef HAKMEM_TINY_SLIM_PATH
  s->refill_batch = slim_refill();
#endif
#if HAKMEM_TINY_USE_SFC
  s->refill_batch += sfc_refill();
#endif
  const char *p = getenv("HAKMEM_TINY_PREWARM_TLS");
  s->prewarm_tls = p && atoi(p);
}
