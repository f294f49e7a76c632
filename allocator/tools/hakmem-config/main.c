/* hakmem-config: what would the allocator do with this environment? Runs the
 * allocator's own configuration code on the current environment, prints its
 * messages (stderr) and the effective configuration (stdout). */
#include <stdio.h>
#include <string.h>

#include "hakmem/config.h"

extern char **environ;

static const char help[] =
    "usage: hakmem-config [--check] [--quiet] [--today YYYY-MM-DD]\n"
    "\n"
    "Reads the HAKMEM_* variables of the environment it runs in exactly as the allocator\n"
    "does at start-up, explains every setting that is not applied as written (stderr), and\n"
    "prints the effective configuration: every setting, its value and where the value came\n"
    "from (default, preset, variable, or alias). Example:\n"
    "  HAKMEM_PRESET=production HAKMEM_TINY_REFILL_BATCH=abc hakmem-config\n"
    "\n"
    "Options:\n"
    "  --check              exit 1 when any setting is bad (unparsable, out of range),\n"
    "                       unknown, or removed (including aliases past their sunset)\n"
    "  --quiet              do not print the configuration, only the messages\n"
    "  --today YYYY-MM-DD   judge alias sunsets at this date instead of today (UTC)\n"
    "  -h, --help           this text\n"
    "\n"
    "Exit status: 0 (also when settings are bad, unless --check), 1 with --check when a\n"
    "setting is bad, unknown or removed, 2 on a usage error or when the configuration\n"
    "could not be written.\n";

static int parse_date(const char *s, int *out) {
  if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
  int v = 0;
  for (int i = 0; i < 10; ++i) {
    if (i == 4 || i == 7) continue;
    if (s[i] < '0' || s[i] > '9') return 0;
    v = v * 10 + (s[i] - '0');
  }
  int month = v / 100 % 100, day = v % 100;
  if (month < 1 || month > 12 || day < 1 || day > 31) return 0;
  *out = v;
  return 1;
}

/* The configuration was not delivered: never exit 0 then. */
static int output_failed(void) {
  fprintf(stderr, "hakmem-config: standard output: write failed\n");
  return 2;
}

int main(int argc, char **argv) {
  int check = 0, quiet = 0, today = 0;
  for (int i = 1; i < argc; ++i) {
    if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
      fputs(help, stdout);
      return fflush(stdout) == 0 && !ferror(stdout) ? 0 : output_failed();
    } else if (!strcmp(argv[i], "--check")) {
      check = 1;
    } else if (!strcmp(argv[i], "--quiet")) {
      quiet = 1;
    } else if (!strcmp(argv[i], "--today") && i + 1 < argc) {
      if (!parse_date(argv[++i], &today)) {
        fprintf(stderr, "hakmem-config: --today '%s' is not a date (YYYY-MM-DD)\n", argv[i]);
        return 2;
      }
    } else {
      fprintf(stderr, "hakmem-config: unknown argument '%s'\nTry 'hakmem-config --help'.\n", argv[i]);
      return 2;
    }
  }
  struct hakmem_config_options opt = {.envp = environ, .today = today, .secure = -1, .message_fd = 2};
  hakmem_config_init_with(&opt);
  if (!quiet && (fflush(stdout) != 0 || hakmem_config_print(1) != 0)) return output_failed();
  const struct hakmem_config_report *r = hakmem_config_last_report();
  unsigned problems = r->bad_values + r->unknown_names + r->removed_names;
  if (check && problems) {
    fprintf(stderr, "hakmem-config: %u bad, %u unknown and %u removed setting(s)\n", r->bad_values, r->unknown_names,
            r->removed_names);
    return 1;
  }
  return 0;
}
