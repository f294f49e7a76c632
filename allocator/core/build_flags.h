/* Defaults of the registry's build flags, for a unit compiled without the build's -D. */
#ifndef HAKMEM_CORE_BUILD_FLAGS_H
#define HAKMEM_CORE_BUILD_FLAGS_H

#ifndef HAKMEM_OVERRIDE_MALLOC
#define HAKMEM_OVERRIDE_MALLOC 1
#endif
#ifndef HAKMEM_TINY_TLS_CACHE
#define HAKMEM_TINY_TLS_CACHE 1
#endif
#ifndef HAKMEM_STATS
#define HAKMEM_STATS 1
#endif
#ifndef HAKMEM_BUILD_DEBUG
#define HAKMEM_BUILD_DEBUG 0
#endif
#ifndef HAKMEM_ASSERTS
#define HAKMEM_ASSERTS HAKMEM_BUILD_DEBUG
#endif

#endif
