/* HAKMEM runtime configuration: reads the environment once, explains every setting.
 *
 * The allocator calls hakmem_config_init() before its first allocation; afterwards
 * every setting is read through the generated accessors in config_generated.h (plain
 * loads). The layer never allocates, never uses stdio, and takes no lock: it is safe
 * to call from inside malloc, from another library's constructor, or from two threads
 * at once, and across fork.
 *
 * Precedence: built-in default < preset (HAKMEM_PRESET) < variable. A deprecated alias
 * counts as its variable until its sunset date; the canonical name wins over an alias.
 * Messages (one line each, prefixed "hakmem: ") go to stderr through write(2); see
 * allocator/runtime/README.md for every message and the debug levels.
 */
#ifndef HAKMEM_CONFIG_H
#define HAKMEM_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "hakmem/config_generated.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Where a setting's effective value came from. */
enum hakmem_config_source {
  HAKMEM_CONFIG_SOURCE_DEFAULT = 0,
  HAKMEM_CONFIG_SOURCE_PRESET = 1,
  HAKMEM_CONFIG_SOURCE_VARIABLE = 2,
  HAKMEM_CONFIG_SOURCE_ALIAS = 3
};

/* Counts of what initialisation found; hakmem-config --check fails on the first three. */
struct hakmem_config_report {
  unsigned bad_values;     /* unparsable, empty, too long or out of range (clamped or rejected) */
  unsigned unknown_names;  /* prefixed names the registry does not know */
  unsigned removed_names;  /* removed names and families, aliases past their sunset */
  unsigned deprecated;     /* deprecated aliases still honoured, or shadowed by their canonical name */
  unsigned conflicts;      /* registry conflicts resolved */
  unsigned duplicates;     /* a name set twice, or two aliases of one setting */
  int secure;              /* 1 when the environment was ignored (AT_SECURE) */
};

/* Reads `environ` once; later calls (from any thread) return at once, after the
 * first call has finished. */
void hakmem_config_init(void);

/* Explicit inputs, for hakmem-config and tests. */
struct hakmem_config_options {
  char *const *envp;   /* NULL-terminated "NAME=value" array; NULL reads nothing */
  int32_t today;       /* yyyymmdd used for alias sunsets; 0 = the real clock (UTC) */
  int secure;          /* -1: ask getauxval(AT_SECURE); 0: not secure; 1: simulate secure mode */
  int message_fd;      /* where messages go (2 = stderr); -1 discards them */
};

/* Re-initialises from `opt`, replacing every value. Not for concurrent use with
 * readers: tools and tests only. */
void hakmem_config_init_with(const struct hakmem_config_options *opt);

/* What the last initialisation found. */
const struct hakmem_config_report *hakmem_config_last_report(void);

/* Source of a setting's effective value. */
enum hakmem_config_source hakmem_config_source_of(enum hakmem_setting_id id);

/* Writes the effective configuration, one "NAME=value  # source" line per setting,
 * to `fd`. Never allocates. Returns 0, or -1 when a write failed. */
int hakmem_config_print(int fd);

/* Parses `len` bytes of `text` with the grammar of setting `id` (no bounds check).
 * Returns 0 on success, else a nonzero hakmem_parse_status; used by tests and the fuzzer. */
int hakmem_config_parse_value(enum hakmem_setting_id id, const char *text, size_t len, union hakmem_value *out);

#ifdef __cplusplus
}
#endif

#endif /* HAKMEM_CONFIG_H */
