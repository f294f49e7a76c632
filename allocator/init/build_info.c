/* The build flags this library was compiled with, printed after the effective
 * configuration (HAKMEM_PRINT_CONFIG) so a report shows the whole setup. */
#include <unistd.h>

#include "init.h"

#ifndef HAKMEM_LTO
#define HAKMEM_LTO 0
#endif
#ifndef HAKMEM_NATIVE
#define HAKMEM_NATIVE 0
#endif

void hak_print_build_flags(int fd) {
  static const char line[] = "hakmem: build flags"
#if HAKMEM_OVERRIDE_MALLOC
      " HAKMEM_OVERRIDE_MALLOC=1"
#else
      " HAKMEM_OVERRIDE_MALLOC=0"
#endif
#if HAKMEM_TINY_TLS_CACHE
      " HAKMEM_TINY_TLS_CACHE=1"
#else
      " HAKMEM_TINY_TLS_CACHE=0"
#endif
#if HAKMEM_STATS
      " HAKMEM_STATS=1"
#else
      " HAKMEM_STATS=0"
#endif
#if HAKMEM_BUILD_DEBUG
      " HAKMEM_BUILD_DEBUG=1"
#else
      " HAKMEM_BUILD_DEBUG=0"
#endif
#if HAKMEM_ASSERTS
      " HAKMEM_ASSERTS=1"
#else
      " HAKMEM_ASSERTS=0"
#endif
#if HAKMEM_LTO
      " HAKMEM_LTO=1"
#else
      " HAKMEM_LTO=0"
#endif
#if HAKMEM_NATIVE
      " HAKMEM_NATIVE=1"
#else
      " HAKMEM_NATIVE=0"
#endif
      "\n";
  ssize_t w = write(fd, line, sizeof line - 1);
  (void)w;
}
