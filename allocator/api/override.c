/* The standard names (HAKMEM_OVERRIDE_MALLOC=1). This unit includes no libc allocation
 * header, so the definitions below carry no conflicting declaration attributes. */
#include "../core/build_flags.h"

#if HAKMEM_OVERRIDE_MALLOC
#include "fast_path.h"
#include "hakmem.h"

HAK_EXPORT void *malloc(size_t size) { return hak_malloc_inline(size); }
HAK_EXPORT void free(void *p) { hak_free_inline(p); }
HAK_EXPORT void cfree(void *p) { hak_free_inline(p); }
HAK_EXPORT void *calloc(size_t n, size_t size) { return hak_calloc(n, size); }
HAK_EXPORT void *realloc(void *p, size_t size) { return hak_realloc(p, size); }
HAK_EXPORT void *reallocarray(void *p, size_t n, size_t size) { return hak_reallocarray(p, n, size); }
HAK_EXPORT int posix_memalign(void **out, size_t align, size_t size) { return hak_posix_memalign(out, align, size); }
HAK_EXPORT void *aligned_alloc(size_t align, size_t size) { return hak_aligned_alloc(align, size); }
HAK_EXPORT void *memalign(size_t align, size_t size) { return hak_memalign(align, size); }
HAK_EXPORT void *valloc(size_t size) { return hak_valloc(size); }
HAK_EXPORT void *pvalloc(size_t size) { return hak_pvalloc(size); }
HAK_EXPORT size_t malloc_usable_size(void *p) { return hak_malloc_usable_size(p); }
HAK_EXPORT int malloc_trim(size_t pad) { return hak_malloc_trim(pad); }
#endif
