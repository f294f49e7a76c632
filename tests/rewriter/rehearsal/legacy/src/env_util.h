/* Copy-pasted helpers every legacy file grew its own version of. */
#ifndef LEGACY_ENV_UTIL_H
#define LEGACY_ENV_UTIL_H

#include <stdlib.h>

static inline unsigned long env_ulong(const char *name, unsigned long def) {
  const char *v = getenv(name);
  return v ? strtoul(v, NULL, 10) : def;
}

#define HAK_ENV_ULONG(n, d) (getenv("HAKMEM_" #n) ? strtoul(getenv("HAKMEM_" #n), NULL, 10) : (d))

#endif
