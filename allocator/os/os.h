/* The OS interface: mappings, commit and purge, the clock. Never allocates. */
#ifndef HAKMEM_OS_H
#define HAKMEM_OS_H

#include "../core/common.h"

/* Maps `size` bytes aligned to `align` (a power of two >= page), populated when asked.
 * Returns NULL on failure. */
void *hak_os_map_aligned(size_t size, size_t align, bool populate) HAK_HIDDEN;
void hak_os_unmap(void *p, size_t size) HAK_HIDDEN;
/* Returns the pages to the OS (MADV_DONTNEED): they read as zero on the next touch. */
void hak_os_purge(void *p, size_t size) HAK_HIDDEN;
/* Monotonic milliseconds (coarse clock: cheap, slow paths only). */
uint64_t hak_os_now_ms(void) HAK_HIDDEN;
/* Resident set size of the process in bytes, from /proc/self/statm. */
size_t hak_os_rss_bytes(void) HAK_HIDDEN;

#endif
