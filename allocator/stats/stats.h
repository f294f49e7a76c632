/* Internal statistics (build flag HAKMEM_STATS): relaxed atomic counters, bumped on
 * slow paths only. Tests read them through hak_stats_snapshot() (stats/hak_stats_test.h). */
#ifndef HAKMEM_STATS_STATS_H
#define HAKMEM_STATS_STATS_H

#include <stdatomic.h>

#include "../core/common.h"
#include "stats_fields.h"

struct hak_stats {
#define HAK_STATS_DECLARE(name) _Atomic long long name;
  HAK_STATS_FIELDS(HAK_STATS_DECLARE)
#undef HAK_STATS_DECLARE
};

#if HAKMEM_STATS
extern struct hak_stats hak_stats HAK_HIDDEN;
#define HAK_STAT_ADD(name, n) atomic_fetch_add_explicit(&hak_stats.name, (long long)(n), memory_order_relaxed)
#define HAK_STAT_SUB(name, n) atomic_fetch_sub_explicit(&hak_stats.name, (long long)(n), memory_order_relaxed)
#define HAK_STAT_SET(name, n) atomic_store_explicit(&hak_stats.name, (long long)(n), memory_order_relaxed)
#else
#define HAK_STAT_ADD(name, n) ((void)(n))
#define HAK_STAT_SUB(name, n) ((void)(n))
#define HAK_STAT_SET(name, n) ((void)(n))
#endif
#define HAK_STAT_INC(name) HAK_STAT_ADD(name, 1)
#define HAK_STAT_DEC(name) HAK_STAT_SUB(name, 1)

#endif
