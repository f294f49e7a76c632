/* Every statistics counter, once: the struct, the snapshot and the printer expand it. */
#ifndef HAKMEM_STATS_FIELDS_H
#define HAKMEM_STATS_FIELDS_H

#define HAK_STATS_FIELDS(X) \
  X(tiny_refills) X(tiny_refilled_objects) X(tiny_drains) X(tiny_drained_objects) \
  X(tiny_prewarms) X(tiny_slabs_carved) X(tiny_slabs_emptied) X(remote_frees) X(remote_collected) \
  X(ss_mapped) X(ss_populated) X(ss_unmapped) X(ss_live) X(ss_reused) X(ss_cached) X(ss_adopted) \
  X(ss_abandoned) X(ss_prewarmed) X(pool_shards) \
  X(mid_tls_hits) X(mid_lock_allocs) X(mid_lock_frees) X(mid_spans_carved) X(mid_spans_emptied) \
  X(mid_free_committed) X(large_maps) X(large_unmaps) X(large_cache_hits) X(large_cached_bytes) \
  X(os_maps) X(os_unmaps) X(os_mapped_bytes) X(purges) X(purged_bytes) X(threads_exited) X(preset)

#endif
