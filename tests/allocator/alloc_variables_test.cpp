// One test per variable of the allocator's layers (core, tiny_tls_cache, tiny_refill,
// superslab, shared_pool, mid_large): each runs the probe with and without the variable
// and checks the documented effect on the allocator's counters or behaviour.
#include <gtest/gtest.h>
#include <unistd.h>

#include "probe_runner.h"

namespace {

ProbeResult probe(const std::string &env, const std::string &args) {
  ProbeResult r = run_probe(env, args);
  EXPECT_EQ(r.status, 0) << env << " " << args << "\n" << r.stderr_text;
  if (r["tiny_refills"] < 0) ADD_FAILURE() << "probe printed no statistics";
  return r;
}

// The effects are observed through the statistics and the thread caches: a build
// without them (HAKMEM_STATS=0 or HAKMEM_TINY_TLS_CACHE=0) skips these tests.
class AllocVariable : public ::testing::Test {
 protected:
  void SetUp() override {
    ProbeResult r = run_probe("", "none");
    if (r["stats_built"] != 1) GTEST_SKIP() << "statistics compiled out (HAKMEM_STATS=0)";
    if (r["tls_cache_built"] != 1) GTEST_SKIP() << "thread caches compiled out (HAKMEM_TINY_TLS_CACHE=0)";
  }
};

}  // namespace

TEST_F(AllocVariable, PresetMinimalShrinksThreadCaches) {
  auto base = probe("", "alloc-free 64 2000");
  auto minimal = probe("HAKMEM_PRESET=minimal", "alloc-free 64 2000");
  EXPECT_EQ(base["tiny_cached"], 128);    // default capacity
  EXPECT_EQ(minimal["tiny_cached"], 16);  // minimal preset: HAKMEM_TINY_TLS_CAPACITY=16
  // a variable still wins over the preset
  auto both = probe("HAKMEM_PRESET=minimal HAKMEM_TINY_TLS_CAPACITY=40", "alloc-free 64 2000");
  EXPECT_EQ(both["tiny_cached"], 40);
  EXPECT_EQ(base["preset"], 0);
  EXPECT_EQ(minimal["preset"], 4);  // enum order: none production debug research minimal
}

TEST_F(AllocVariable, PrintConfigPrintsEffectiveConfigurationAtStart) {
  auto quiet = probe("", "one 16");
  auto loud = probe("HAKMEM_PRINT_CONFIG=1", "one 16");
  EXPECT_EQ(quiet.stderr_text.find("HAKMEM_TINY_REFILL_BATCH="), std::string::npos);
  EXPECT_NE(loud.stderr_text.find("HAKMEM_TINY_REFILL_BATCH=64"), std::string::npos) << loud.stderr_text;
  EXPECT_NE(loud.stderr_text.find("HAKMEM_PRINT_CONFIG=true"), std::string::npos);
  EXPECT_NE(loud.stderr_text.find("hakmem: build flags HAKMEM_OVERRIDE_MALLOC=1"), std::string::npos);
}

TEST_F(AllocVariable, TinyMaxSizeMovesUpperClassesToMidPool) {
  auto base = probe("", "alloc-free 512 100");
  auto lowered = probe("HAKMEM_TINY_MAX_SIZE=256", "alloc-free 512 100");
  EXPECT_EQ(base["is_tiny"], 1);
  EXPECT_EQ(base["mid_lock_allocs"], 0);
  EXPECT_EQ(lowered["is_tiny"], 0);
  EXPECT_GT(lowered["mid_lock_allocs"], 0);
  EXPECT_EQ(lowered["class_size"], 512);
}

TEST_F(AllocVariable, PurgeDelayControlsWhenEmptySlabsReturnPages) {
  auto now = probe("HAKMEM_PURGE_DELAY_MS=0", "alloc-free 64 200000");
  auto never = probe("HAKMEM_PURGE_DELAY_MS=-1", "alloc-free 64 200000");
  auto later = probe("HAKMEM_PURGE_DELAY_MS=100000", "alloc-free 64 200000");
  EXPECT_GT(now["tiny_slabs_emptied"], 0);
  EXPECT_GT(now["purges"], 0);
  EXPECT_EQ(never["purges"], 0);
  EXPECT_GT(never["tiny_slabs_emptied"], 0);  // units freed for other classes, pages kept
  EXPECT_EQ(later["purges"], 0);              // empty slabs kept carved within the delay
  EXPECT_EQ(later["tiny_slabs_emptied"], 0);
}

TEST_F(AllocVariable, TinyTlsCapacityBoundsObjectsCachedPerClass) {
  auto small = probe("HAKMEM_TINY_TLS_CAPACITY=16", "alloc-free 32 3000");
  auto large = probe("HAKMEM_TINY_TLS_CAPACITY=1024", "alloc-free 32 3000");
  EXPECT_EQ(small["tiny_cached"], 16);
  EXPECT_EQ(large["tiny_cached"], 1024);
  EXPECT_GT(small["tiny_drains"], large["tiny_drains"]);
}

TEST_F(AllocVariable, TinyTlsMaxBytesDrainsLargeClassesBelowCapacity) {
  auto base = probe("", "alloc-free 1024 2000");
  auto capped = probe("HAKMEM_TINY_TLS_MAX_BYTES=16K", "alloc-free 1024 2000");
  EXPECT_EQ(base["tiny_cached"], 128);
  EXPECT_LE(capped["tiny_cached"], 16);
  EXPECT_GT(capped["tiny_cached"], 0);
}

TEST_F(AllocVariable, TinyPrewarmTlsFillsEveryClassAtFirstAllocation) {
  auto base = probe("", "one 16");
  auto warm = probe("HAKMEM_TINY_PREWARM_TLS=1", "one 16");
  EXPECT_EQ(base["tiny_prewarms"], 0);
  EXPECT_EQ(warm["tiny_prewarms"], 1);
  EXPECT_GE(warm["tiny_refills"], 20);  // one refill per tiny class
  EXPECT_LT(base["tiny_refills"], 20);
}

TEST_F(AllocVariable, TinyRefillBatchSetsObjectsPerRefill) {
  auto small = probe("HAKMEM_TINY_REFILL_BATCH=8", "alloc-free 48 1000");
  auto big = probe("HAKMEM_TINY_REFILL_BATCH=100", "alloc-free 48 1000");
  EXPECT_GE(small["tiny_refills"], 1000 / 8);
  EXPECT_LE(big["tiny_refills"], 1000 / 100 + 2);
  // never beyond the capacity
  auto capped = probe("HAKMEM_TINY_REFILL_BATCH=1000 HAKMEM_TINY_TLS_CAPACITY=50", "one 48");
  EXPECT_EQ(capped["tiny_refilled_objects"], 50);
}

TEST_F(AllocVariable, TinyDrainThresholdDrainsBeforeTheCacheIsFull) {
  auto full = probe("", "alloc-free 64 2000");
  auto half = probe("HAKMEM_TINY_DRAIN_THRESHOLD=50", "alloc-free 64 2000");
  EXPECT_EQ(full["tiny_cached"], 128);
  EXPECT_LE(half["tiny_cached"], 64);
}

TEST_F(AllocVariable, TinyDrainBatchSetsObjectsPerDrain) {
  auto one = probe("HAKMEM_TINY_DRAIN_BATCH=1", "alloc-free 64 2000");
  auto many = probe("HAKMEM_TINY_DRAIN_BATCH=100", "alloc-free 64 2000");
  EXPECT_EQ(one["tiny_drained_objects"], one["tiny_drains"]);
  EXPECT_GT(one["tiny_drains"], many["tiny_drains"] * 10);
}

TEST_F(AllocVariable, SuperslabSizeSetsSizeAndMask) {
  EXPECT_EQ(probe("", "one 16")["superslab_size"], 2 << 20);
  EXPECT_EQ(probe("HAKMEM_SUPERSLAB_SIZE=1M", "one 16")["superslab_size"], 1 << 20);
  EXPECT_EQ(probe("HAKMEM_SUPERSLAB_SIZE=3M", "one 16")["superslab_size"], 4 << 20);  // next power of two
}

TEST_F(AllocVariable, SuperslabReuseKeepsEmptySuperSlabsMapped) {
  // ~12 MiB of 64-byte objects spans several SuperSlabs; freeing them empties all but one.
  // A purge delay of -1 frees an empty slab's unit at once (a positive delay keeps it
  // carved for that long), so the SuperSlabs empty within the probe's short life.
  auto reuse = probe("HAKMEM_PURGE_DELAY_MS=-1", "alloc-free-twice 64 200000");
  auto unmap = probe("HAKMEM_PURGE_DELAY_MS=-1 HAKMEM_SUPERSLAB_REUSE=0", "alloc-free-twice 64 200000");
  EXPECT_GT(reuse["ss_reused"], 0);
  EXPECT_EQ(reuse["ss_unmapped"], 0);
  EXPECT_EQ(unmap["ss_reused"], 0);
  EXPECT_GT(unmap["ss_unmapped"], 0);
  EXPECT_GT(unmap["ss_mapped"], reuse["ss_mapped"]);
}

TEST_F(AllocVariable, SuperslabLazyOffPopulatesWholeSuperSlabs) {
  auto lazy = probe("", "hold 16 10");
  auto eager = probe("HAKMEM_SUPERSLAB_LAZY=0", "hold 16 10");
  EXPECT_EQ(lazy["ss_populated"], 0);
  EXPECT_GE(eager["ss_populated"], 1);
  EXPECT_GT(eager["rss_held"], lazy["rss_held"] + (1 << 20));  // a populated 2 MiB vs a few pages
}

TEST_F(AllocVariable, SuperslabPrewarmMapsAheadWhenNotLazy) {
  auto warm = probe("HAKMEM_SUPERSLAB_LAZY=0 HAKMEM_SUPERSLAB_PREWARM=3", "none");
  EXPECT_EQ(warm["ss_prewarmed"], 3);
  EXPECT_EQ(warm["ss_cached"] + warm["ss_reused"], 3);
  // with lazy mode on (default), the registry's conflict rule sets prewarming to 0
  auto conflict = probe("HAKMEM_SUPERSLAB_PREWARM=3", "none");
  EXPECT_EQ(conflict["ss_prewarmed"], 0);
  // a prewarmed SuperSlab serves the first allocation: reused, not mapped
  auto used = probe("HAKMEM_SUPERSLAB_LAZY=0 HAKMEM_SUPERSLAB_PREWARM=1", "one 16");
  EXPECT_EQ(used["ss_reused"], 1);
}

TEST_F(AllocVariable, SharedPoolMaxCachedBoundsCachedSuperSlabs) {
  auto eight = probe("HAKMEM_PURGE_DELAY_MS=-1", "alloc-free 64 200000");
  auto one = probe("HAKMEM_PURGE_DELAY_MS=-1 HAKMEM_SHARED_POOL_MAX_CACHED=1", "alloc-free 64 200000");
  EXPECT_GT(eight["ss_cached"], 1);
  EXPECT_EQ(eight["ss_unmapped"], 0);
  EXPECT_LE(one["ss_cached"], 1);
  EXPECT_GT(one["ss_unmapped"], 0);
}

TEST_F(AllocVariable, SharedPoolShardsSetsShardCount) {
  EXPECT_EQ(probe("HAKMEM_SHARED_POOL_SHARDS=3", "one 16")["pool_shards"], 3);
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  EXPECT_EQ(probe("", "one 16")["pool_shards"], cpus > 64 ? 64 : cpus);
}

TEST_F(AllocVariable, LargeThresholdSplitsMidPoolFromMappings) {
  auto base = probe("", "alloc-free 100000 4");
  auto lowered = probe("HAKMEM_LARGE_THRESHOLD=64K", "alloc-free 100000 4");
  EXPECT_EQ(base["large_maps"], 0);
  EXPECT_GT(base["mid_lock_allocs"], 0);
  EXPECT_GT(lowered["large_maps"], 0);
  EXPECT_EQ(lowered["mid_lock_allocs"], 0);
}

TEST_F(AllocVariable, MidTlsCapacityZeroTakesThePoolLockEveryTime) {
  auto off = probe("HAKMEM_MID_TLS_CAPACITY=0", "alloc-free-twice 4096 50");
  auto on = probe("HAKMEM_MID_TLS_CAPACITY=16", "alloc-free-twice 4096 50");
  EXPECT_EQ(off["mid_lock_allocs"], 100);
  EXPECT_EQ(off["mid_lock_frees"], 100);
  EXPECT_LT(on["mid_lock_allocs"], 50);
  EXPECT_LT(on["mid_lock_frees"], 50);
}

TEST_F(AllocVariable, MidCacheMaxBoundsCommittedFreeMidMemory) {
  auto keep = probe("HAKMEM_PURGE_DELAY_MS=0", "alloc-free 8192 2000");
  auto none = probe("HAKMEM_PURGE_DELAY_MS=0 HAKMEM_MID_CACHE_MAX=0 HAKMEM_MID_TLS_CAPACITY=0", "alloc-free 8192 2000");
  EXPECT_GT(keep["mid_spans_emptied"], 0);
  EXPECT_EQ(keep["purges"], 0);  // 16 MiB of free spans stays under the default 32 MiB
  EXPECT_GT(keep["mid_free_committed"], 0);
  EXPECT_GT(none["purges"], 0);
  EXPECT_EQ(none["mid_free_committed"], 0);
}

TEST_F(AllocVariable, LargeCacheMaxKeepsFreedMappingsForReuse) {
  auto cached = probe("", "alloc-free-twice 1000000 2");
  auto off = probe("HAKMEM_LARGE_CACHE_MAX=0", "alloc-free-twice 1000000 2");
  EXPECT_GT(cached["large_cache_hits"], 0);
  EXPECT_EQ(off["large_cache_hits"], 0);
  EXPECT_EQ(off["large_maps"], 4);
  EXPECT_EQ(off["large_unmaps"], 4);
}
