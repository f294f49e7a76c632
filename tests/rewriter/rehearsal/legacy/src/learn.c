/* Learning settings under the names the learning code was written with. */
#include <stdlib.h>
#include <string.h>

#include "env_util.h"
#include "legacy/settings.h"

#ifdef HAKMEM_TINY_SLIM_PATH
static int slim_learning(void) {
  return getenv("HAKMEM_ADAPTIVE_SIZING") || getenv("HAKMEM_TINY_CAP_LEARN") || getenv("HAKMEM_TINY_LEARN") ||
         getenv("HAKMEM_WMAX_LEARN");
}
#endif

void legacy_learn_load(struct legacy_settings *s) {
  s->alloc_learn = getenv("HAKMEM_ALLOC_LEARN") ? atoi(getenv("HAKMEM_ALLOC_LEARN")) != 0
                                                : getenv("HAKMEM_LEARN") != NULL;
#ifdef HAKMEM_TINY_SLIM_PATH
  s->alloc_learn |= slim_learning();
#endif
  const char *iv = getenv("HAKMEM_ADAPTIVE_SIZING_INTERVAL_MS");
  s->learn_interval_ms = iv ? strtoul(iv, NULL, 10) : 5000;
  const char *rate = getenv("HAKMEM_LEARN_RATE");
  s->learn_rate = rate ? strtod(rate, NULL) : 0.1;
  const char *decay = getenv("HAKMEM_LEARN_DECAY");
  s->learn_decay = decay ? atof(decay) : 0.95;
  s->learn_min_samples = HAK_ENV_ULONG(LEARN_MIN_SAMPLES, 1000);
  const char *w = getenv("HAKMEM_TINY_LEARN_WINDOW");
  s->learn_window = w ? atoi(w) : 10000;
  s->mem_learn = getenv("HAKMEM_THP_LEARN") != NULL;
}
