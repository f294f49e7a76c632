/* The hak_-prefixed API: errno and return values as POSIX and glibc document them. */
#include <errno.h>
#include <string.h>

#include "../init/init.h"
#include "../large/large.h"
#include "../mid/mid.h"
#include "../shared_pool/shared_pool.h"
#include "alloc_paths.h"
#include "fast_path.h"
#include "hakmem.h"

HAK_EXPORT void *hak_malloc(size_t size) { return hak_malloc_inline(size); }

HAK_EXPORT void hak_free(void *p) { hak_free_inline(p); }

HAK_EXPORT void *hak_calloc(size_t n, size_t size) {
  size_t total;
  if (__builtin_mul_overflow(n, size, &total)) {
    errno = ENOMEM;
    return NULL;
  }
  bool fresh;
  void *p = hak_alloc_fresh(total, &fresh);
  if (p && !fresh) memset(p, 0, total);
  return p;
}

HAK_EXPORT void *hak_realloc(void *p, size_t size) {
  if (!p) return hak_malloc_inline(size);
  if (size == 0) {
    /* glibc: realloc(p, 0) frees p and returns NULL. */
    hak_free_inline(p);
    return NULL;
  }
  size_t old = hak_usable_size(p);
  if (size <= old && size >= old / 2) return p;
  if (old > hak_g.large_threshold && size > hak_g.large_threshold) {
    struct hak_large *l = hak_large_of(p);
    if (l->h.kind == HAK_KIND_LARGE) {
      void *q = hak_large_resize(l, size);
      if (q) return q;
    }
  }
  void *q = hak_malloc_inline(size);
  if (!q) return NULL;  /* errno is ENOMEM; p stays valid */
  memcpy(q, p, size < old ? size : old);
  hak_free_inline(p);
  return q;
}

HAK_EXPORT void *hak_reallocarray(void *p, size_t n, size_t size) {
  size_t total;
  if (__builtin_mul_overflow(n, size, &total)) {
    errno = ENOMEM;
    return NULL;
  }
  return hak_realloc(p, total);
}

static bool is_pow2(size_t x) { return x && !(x & (x - 1)); }

HAK_EXPORT int hak_posix_memalign(void **out, size_t align, size_t size) {
  if (!is_pow2(align) || align % sizeof(void *)) return EINVAL;
  int saved = errno;
  void *p = hak_alloc_aligned(align, size);
  errno = saved;  /* posix_memalign reports through its result, not errno */
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}

HAK_EXPORT void *hak_aligned_alloc(size_t align, size_t size) {
  if (!is_pow2(align)) {
    errno = EINVAL;
    return NULL;
  }
  return hak_alloc_aligned(align, size);
}

HAK_EXPORT void *hak_memalign(size_t align, size_t size) {
  /* glibc rounds an alignment that is not a power of two up to the next one. */
  if (align > (SIZE_MAX >> 1) + 1) {
    errno = EINVAL;
    return NULL;
  }
  size_t a = HAK_MIN_ALIGN;
  while (a < align) a <<= 1;
  return hak_alloc_aligned(a, size);
}

HAK_EXPORT void *hak_valloc(size_t size) { return hak_alloc_aligned(HAK_PAGE, size); }

HAK_EXPORT void *hak_pvalloc(size_t size) {
  if (size > SIZE_MAX - HAK_PAGE) {
    errno = ENOMEM;
    return NULL;
  }
  size_t rounded = size ? hak_align_up(size, HAK_PAGE) : HAK_PAGE;
  return hak_alloc_aligned(HAK_PAGE, rounded);
}

HAK_EXPORT size_t hak_malloc_usable_size(void *p) { return hak_usable_size(p); }

HAK_EXPORT int hak_malloc_trim(size_t pad) {
  (void)pad;
  hak_init();
  size_t bytes = 0;
  struct hak_heap *heap = hak_tls_heap;
  if (heap) {
    hak_tiny_flush(heap);
    bytes += hak_tiny_purge(heap, true);
  }
  bytes += hak_mid_purge(true);
  bytes += hak_pool_purge(true);
  bytes += hak_large_trim();
  return bytes > 0;
}
