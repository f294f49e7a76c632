/* Thread heaps: mapped in blocks, reused after thread exit, registered with a pthread
 * key whose destructor hands the caches back. */
#include <pthread.h>
#include <string.h>

#include "../mid/mid.h"
#include "../os/lock.h"
#include "../os/os.h"
#include "../stats/stats.h"
#include "hakmem/config.h"
#include "init.h"

HAK_TLS struct hak_heap *hak_tls_heap;

#define HEAP_BLOCK ((size_t)256 * 1024)

static hak_lock_t lock = HAK_LOCK_INIT;
static struct hak_heap *free_heaps;
static char *block_next, *block_end;
static pthread_key_t key;
static bool key_ready;

static void on_thread_exit(void *value) {
  struct hak_heap *heap = value;
  if (heap && heap == hak_tls_heap) hak_heap_release(heap);
}

void hak_heap_registry_init(void) {
  key_ready = pthread_key_create(&key, on_thread_exit) == 0;
}

static struct hak_heap *heap_slot(void) {
  hak_lock(&lock);
  struct hak_heap *heap = free_heaps;
  if (heap) {
    free_heaps = heap->next_free;
  } else {
    size_t size = hak_align_up(sizeof(struct hak_heap), 64);
    if (!block_next || block_next + size > block_end) {
      block_next = hak_os_map_aligned(HEAP_BLOCK, HAK_PAGE, false);
      block_end = block_next ? block_next + HEAP_BLOCK : NULL;
    }
    if (block_next) {
      heap = (struct hak_heap *)block_next;
      block_next += size;
    }
  }
  hak_unlock(&lock);
  if (heap) memset(heap, 0, sizeof *heap);
  return heap;
}

struct hak_heap *hak_heap_get(void) {
  struct hak_heap *heap = hak_tls_heap;
  if (HAK_LIKELY(heap != NULL)) return heap;
  hak_init();
  heap = heap_slot();
  if (!heap) return NULL;
  hak_tiny_cache_setup(heap);
  heap->mid_capacity = (uint32_t)hakmem_mid_tls_capacity();
  heap->last_purge_ms = hak_os_now_ms();
  /* Published before pthread_setspecific, which may allocate and so re-enter. */
  hak_tls_heap = heap;
  if (key_ready) pthread_setspecific(key, heap);
  return heap;
}

void hak_heap_release(struct hak_heap *heap) {
  hak_tiny_flush(heap);
  hak_mid_flush(heap);
  hak_tiny_release_slabs(heap);
  hak_tls_heap = NULL;
  HAK_STAT_INC(threads_exited);
  hak_lock(&lock);
  heap->next_free = free_heaps;
  free_heaps = heap;
  hak_unlock(&lock);
}

void hak_heap_lock_all(void) { hak_lock(&lock); }
void hak_heap_unlock_all(void) { hak_unlock(&lock); }
void hak_heap_reinit_locks(void) { hak_lock_reinit(&lock); }
