/* Start-up, thread heaps, thread exit and fork. */
#ifndef HAKMEM_INIT_H
#define HAKMEM_INIT_H

#include "../tiny/heap.h"

/* Makes the allocator ready; safe from constructors, several threads, and re-entry. */
void hak_init(void) HAK_HIDDEN;
/* The calling thread's heap, created on first use; NULL when out of memory. */
struct hak_heap *hak_heap_get(void) HAK_HIDDEN;
/* Gives a heap's caches and slabs back (thread exit). */
void hak_heap_release(struct hak_heap *heap) HAK_HIDDEN;
/* Called once by hak_init after the settings are read. */
void hak_heap_registry_init(void) HAK_HIDDEN;
void hak_atfork_install(void) HAK_HIDDEN;
/* One line naming every build flag and its value. */
void hak_print_build_flags(int fd) HAK_HIDDEN;
void hak_heap_lock_all(void) HAK_HIDDEN;
void hak_heap_unlock_all(void) HAK_HIDDEN;
void hak_heap_reinit_locks(void) HAK_HIDDEN;

#endif
