/* The allocator's C API. The hak_ names are always exported; malloc, free and the rest
 * (and the C++ operators) are exported as well when built with HAKMEM_OVERRIDE_MALLOC=1. */
#ifndef HAKMEM_API_H
#define HAKMEM_API_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void *hak_malloc(size_t size);
void hak_free(void *p);
void *hak_calloc(size_t n, size_t size);
void *hak_realloc(void *p, size_t size);
void *hak_reallocarray(void *p, size_t n, size_t size);
int hak_posix_memalign(void **out, size_t align, size_t size);
void *hak_aligned_alloc(size_t align, size_t size);
void *hak_memalign(size_t align, size_t size);
void *hak_valloc(size_t size);
void *hak_pvalloc(size_t size);
size_t hak_malloc_usable_size(void *p);
int hak_malloc_trim(size_t pad);

#ifdef __cplusplus
}
#endif

#endif
