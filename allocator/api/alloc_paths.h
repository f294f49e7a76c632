/* Internal entry points behind the API functions. */
#ifndef HAKMEM_API_ALLOC_PATHS_H
#define HAKMEM_API_ALLOC_PATHS_H

#include "../core/common.h"

/* Allocates; *fresh is true when the memory is known to be zero (a new mapping). */
void *hak_alloc_fresh(size_t size, bool *fresh) HAK_HIDDEN;
/* `align` a power of two; sets errno to ENOMEM on failure. */
void *hak_alloc_aligned(size_t align, size_t size) HAK_HIDDEN;
size_t hak_usable_size(const void *p) HAK_HIDDEN;

#endif
