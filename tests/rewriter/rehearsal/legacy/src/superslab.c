/* SuperSlab settings, and the page arena that was never integrated. */
#include <stdlib.h>
#include <string.h>

#include "env_util.h"
#include "legacy/settings.h"

#ifdef HAKMEM_PAGE_ARENA
struct page_arena {
  int enabled, thp;
  long growth, max_mb, size_mb;
};

static void page_arena_load(struct page_arena *a) {
  const char *e = getenv("HAKMEM_PAGE_ARENA_ENABLE");
  a->enabled = e && strcmp(e, "1") == 0;
  a->growth = getenv("HAKMEM_PAGE_ARENA_GROWTH") ? atol(getenv("HAKMEM_PAGE_ARENA_GROWTH")) : 2;
  a->max_mb = getenv("HAKMEM_PAGE_ARENA_MAX_MB") ? atol(getenv("HAKMEM_PAGE_ARENA_MAX_MB")) : 512;
  a->size_mb = getenv("HAKMEM_PAGE_ARENA_SIZE_MB") ? atol(getenv("HAKMEM_PAGE_ARENA_SIZE_MB")) : 64;
  a->thp = getenv("HAKMEM_PAGE_ARENA_THP") != NULL;
  /* The empty-SuperSlab reuse knob, read a second time here under its old name. */
  if (getenv("HAKMEM_SS_EMPTY_REUSE")) a->enabled = 0;
  if (getenv("HAKMEM_EXTERNAL_GUARD_MODE") || getenv("HAKMEM_MF2_ENABLE")) a->enabled = 0;
}
#endif

void legacy_superslab_load(struct legacy_settings *s) {
  const char *lazy = getenv("HAKMEM_SUPERSLAB_LAZY");
  s->superslab_lazy = lazy ? atoi(lazy) != 0 : 1;
  const char *reuse = getenv("HAKMEM_SUPERSLAB_REUSE");
  s->superslab_reuse = reuse ? atoi(reuse) != 0 : 1;
  s->superslab_prewarm = env_ulong("HAKMEM_SUPERSLAB_PREWARM", 0);
#ifdef HAKMEM_PAGE_ARENA
  struct page_arena arena;
  page_arena_load(&arena);
  if (arena.enabled) s->superslab_prewarm = 0;
#endif
}
