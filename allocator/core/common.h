/* Shared definitions of the allocator's parts: branch hints, visibility, assertions,
 * the fixed geometry (slab unit size, class counts) and the settings cached at start-up. */
#ifndef HAKMEM_CORE_COMMON_H
#define HAKMEM_CORE_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "build_flags.h"

#define HAK_LIKELY(x) __builtin_expect(!!(x), 1)
#define HAK_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define HAK_EXPORT __attribute__((visibility("default")))
#define HAK_HIDDEN __attribute__((visibility("hidden")))
#define HAK_TLS __thread __attribute__((tls_model("initial-exec")))
#define HAK_NOINLINE __attribute__((noinline))

#if HAKMEM_ASSERTS
void hak_assert_fail(const char *file, int line, const char *expr) __attribute__((noreturn));
#define HAK_ASSERT(x) ((x) ? (void)0 : hak_assert_fail(__FILE__, __LINE__, #x))
#else
#define HAK_ASSERT(x) ((void)0)
#endif

/* A SuperSlab is cut into slab units of 64 KiB; a tiny slab is one unit, a mid-size
 * span one or more consecutive units. 4 MiB SuperSlabs hold 64 units: one bit each. */
#define HAK_UNIT_SHIFT 16
#define HAK_UNIT_SIZE ((size_t)1 << HAK_UNIT_SHIFT)
#define HAK_MAX_UNITS 64
#define HAK_PAGE ((size_t)4096)
#define HAK_MIN_ALIGN 16

#define HAK_TINY_CLASSES 20   /* 16 .. 1024 bytes */
#define HAK_MID_CLASSES 52    /* 160 .. 1 MiB, four per doubling */

/* Settings read once through the generated accessors at initialisation, kept in one
 * hidden cache line so the fast paths do not go through the configuration's table. */
struct hak_globals {
  uintptr_t ss_size;        /* HAKMEM_SUPERSLAB_SIZE rounded up to a power of two */
  uintptr_t ss_mask;        /* ~(ss_size - 1) */
  size_t tiny_max;          /* HAKMEM_TINY_MAX_SIZE */
  size_t large_threshold;   /* HAKMEM_LARGE_THRESHOLD */
  unsigned nunits;          /* slab units per SuperSlab */
  int64_t purge_delay_ms;   /* HAKMEM_PURGE_DELAY_MS */
};
extern struct hak_globals hak_g HAK_HIDDEN;

static inline size_t hak_align_up(size_t n, size_t a) { return (n + a - 1) & ~(a - 1); }

#endif
