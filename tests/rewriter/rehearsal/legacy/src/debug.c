/* Eleven debug toggles, four of them in the ULTRA path's logging. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "legacy/settings.h"

#ifdef HAKMEM_TINY_ULTRA_PATH
static int ultra_verbosity(void) {
  int v = getenv("HAKMEM_TINY_VERBOSE") ? 3 : 0;
  if (getenv("HAKMEM_TINY_DEBUG_VERBOSE")) v = atoi(getenv("HAKMEM_TINY_DEBUG_VERBOSE")) ? 3 : v;
  if (getenv("HAKMEM_TINY_LOG")) v = 2;
  if (getenv("HAKMEM_TINY_DEBUG")) v = 1;
  return v;
}
#endif

void legacy_debug_load(struct legacy_settings *s) {
  const char *lvl = getenv("HAKMEM_DEBUG_LEVEL");
  s->debug_level = lvl ? atoi(lvl) : 0;
#ifdef HAKMEM_TINY_ULTRA_PATH
  s->debug_level = ultra_verbosity();
#endif
  s->debug_mid = getenv("HAKMEM_DEBUG_MID") ? 1 : 0;
  const char *pool = getenv("HAKMEM_DEBUG_POOL");
  s->debug_pool = pool && strcmp(pool, "1") == 0;
  const char *tiny = getenv("HAKMEM_DEBUG_TINY");
  s->debug_tiny = tiny && *tiny == '1';
  s->trace_allocations = getenv("HAKMEM_TRACE_ALLOCATIONS") != NULL;
  const char *prof = getenv("HAKMEM_PROFILE_LEVEL");
  s->profile_level = prof ? strtol(prof, NULL, 10) : 0;
  const char *iv = getenv("HAKMEM_STATS_INTERVAL_MS");
  s->stats_interval_ms = iv ? strtoul(iv, NULL, 10) : 0;
  const char *out = getenv("HAKMEM_STATS_OUTPUT_FILE");
  s->stats_output_file = out ? out : "";
}
