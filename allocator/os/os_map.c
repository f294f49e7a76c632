/* Mappings: over-map and trim for alignment, so an object's SuperSlab is found by masking. */
#include "os.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "../stats/stats.h"

static void *map_raw(size_t size, bool populate) {
  int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | (populate ? MAP_POPULATE : 0);
  void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, flags, -1, 0);
  return p == MAP_FAILED ? NULL : p;
}

/* Linux's MADV_POPULATE_WRITE (5.14); older C libraries do not name it. */
enum { HAK_MADV_POPULATE_WRITE = 23 };

/* Faults every page in now; older kernels refuse the advice, so touch the pages. */
static void populate_range(char *p, size_t size) {
  if (madvise(p, size, HAK_MADV_POPULATE_WRITE) == 0) return;
  for (size_t off = 0; off < size; off += HAK_PAGE) ((volatile char *)p)[off] = 0;
}

void *hak_os_map_aligned(size_t size, size_t align, bool populate) {
  if (size + align < size) return NULL;
  /* Populate after trimming: populating the slack would fault pages we give back. */
  char *raw = map_raw(size + align, false);
  if (!raw) return NULL;
  uintptr_t start = ((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1);
  size_t head = start - (uintptr_t)raw;
  size_t tail = align - head;
  if (head) munmap(raw, head);
  if (tail) munmap((char *)start + size, tail);
  if (populate) populate_range((char *)start, size);
  HAK_STAT_INC(os_maps);
  HAK_STAT_ADD(os_mapped_bytes, size);
  return (void *)start;
}

void hak_os_unmap(void *p, size_t size) {
  munmap(p, size);
  HAK_STAT_INC(os_unmaps);
  HAK_STAT_SUB(os_mapped_bytes, size);
}

void hak_os_purge(void *p, size_t size) {
  if (!size) return;
  madvise(p, size, MADV_DONTNEED);
  HAK_STAT_INC(purges);
  HAK_STAT_ADD(purged_bytes, size);
}

uint64_t hak_os_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

size_t hak_os_rss_bytes(void) {
  char buf[128];
  int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return 0;
  buf[n] = 0;
  const char *s = buf;
  while (*s && *s != ' ') s++;
  size_t pages = 0;
  while (*s == ' ') s++;
  while (*s >= '0' && *s <= '9') pages = pages * 10 + (size_t)(*s++ - '0');
  return pages * (size_t)sysconf(_SC_PAGESIZE);
}
