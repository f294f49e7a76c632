/* Test-only view of the allocator's internals: not installed, not part of the API; the
 * functions are hidden in libhakmem.so and reachable only by linking a static library. */
#ifndef HAKMEM_STATS_TEST_H
#define HAKMEM_STATS_TEST_H

#include <stddef.h>

#include "stats_fields.h"

#ifdef __cplusplus
extern "C" {
#endif

struct hak_stats_snapshot {
#define HAK_SNAPSHOT_DECLARE(name) long long name;
  HAK_STATS_FIELDS(HAK_SNAPSHOT_DECLARE)
#undef HAK_SNAPSHOT_DECLARE
};

/* Returns 0 and fills `out`, or -1 when statistics are compiled out (HAKMEM_STATS=0). */
int hak_stats_snapshot(struct hak_stats_snapshot *out);
/* Writes every counter as "name=value" lines to `fd`. */
void hak_stats_print(int fd);
/* Size class geometry, for the size-class tests. */
size_t hak_debug_class_size(size_t request);     /* block size a request gets (tiny/mid), 0 if large */
int hak_debug_is_tiny(size_t request);
size_t hak_debug_superslab_size(void);
void *hak_debug_superslab_of(const void *p);     /* header of the SuperSlab holding p, NULL if large */
size_t hak_debug_rss_bytes(void);
/* The calling thread's cached tiny objects of the class serving `request`. */
unsigned hak_debug_tiny_cached(size_t request);
/* 1 when built with per-thread tiny caches (build flag HAKMEM_TINY_TLS_CACHE). */
int hak_debug_tls_cache_built(void);
/* Runs the purge passes now (as the slow paths do), for tests with a delay of 0. */
void hak_debug_purge_now(void);

#ifdef __cplusplus
}
#endif

#endif
