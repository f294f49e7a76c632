/* Initialisation: one pass over the environment, then precedence, aliases, bounds and
 * conflicts, with a message for everything that is not applied as written. */
#include <stdatomic.h>
#include <sched.h>
#include <string.h>
#include <sys/auxv.h>

#include "config_internal.h"

extern char **environ;

/* What the environment said about one setting: slices pointing into the environment. */
struct setting_input {
  const char *value;       /* canonical name's value */
  size_t value_len;
  const char *alias_value; /* first honoured alias's value */
  size_t alias_value_len;
  uint16_t alias;          /* index into hakmem_aliases */
  bool has_value, has_alias;
};

/* How the effective value came about, for the printed configuration. */
struct setting_state {
  uint8_t source;         /* enum hakmem_config_source */
  uint16_t alias;         /* when source is ALIAS */
  bool rejected;          /* the environment's value was not used */
  bool conflict_loser;    /* reset to the default by a conflict */
  uint16_t conflict_with;
};

static struct setting_input g_input[HAKMEM_SETTING_COUNT];
static struct setting_state g_state[HAKMEM_SETTING_COUNT];
static struct hakmem_config_report g_report;
static int g_preset = -1; /* index into hakmem_presets, -1 for none */

/* 0: not started, 1: running, 2: done. */
static atomic_int g_once = 0;

struct run {
  int fd;
  int32_t today;
};

/* ---- names ---------------------------------------------------------------------- */

static int compare_name(const char *a, size_t an, const char *b, size_t bn) {
  size_t n = an < bn ? an : bn;
  int c = memcmp(a, b, n);
  if (c) return c;
  return an < bn ? -1 : an > bn ? 1 : 0;
}

static const struct hakmem_name_entry *find_name(const char *name, size_t len) {
  size_t lo = 0, hi = HAKMEM_NAME_COUNT;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = compare_name(name, len, hakmem_names[mid].name, hakmem_names[mid].name_len);
    if (c == 0) return &hakmem_names[mid];
    if (c < 0) hi = mid;
    else lo = mid + 1;
  }
  return NULL;
}

/* The registered setting nearest to an unknown name; aliases lead to their target.
 * At most 3 edits (fewer for short names): a farther "suggestion" is noise, and the
 * small cap lets the distance computation stop early. */
static const char *nearest_setting(const char *name, size_t len) {
  size_t tail = len > HAKMEM_ENV_PREFIX_LEN ? len - HAKMEM_ENV_PREFIX_LEN : 0;
  unsigned cap = tail / 3 > 3 ? 3u : tail / 3 < 1 ? 1u : (unsigned)(tail / 3), best = cap + 1;
  const char *found = NULL;
  for (size_t k = 0; k < HAKMEM_NAME_COUNT; ++k) {
    const struct hakmem_name_entry *e = &hakmem_names[k];
    if (e->kind == HAKMEM_NAME_REMOVED) continue;
    unsigned d = hk_edit_distance(name, len, e->name, e->name_len, best < cap ? best : cap);
    if (d < best) {
      best = d;
      found = e->kind == HAKMEM_NAME_SETTING ? hakmem_settings[e->index].name
                                             : hakmem_settings[hakmem_aliases[e->index].target].name;
    }
  }
  return found;
}

/* ---- messages ------------------------------------------------------------------- */

/* Messages that one environment can repeat without bound (10,000 unknown names) are
 * shown up to a cap per kind; the rest are counted in one closing line. */
enum repeated_kind { REPEATED_UNKNOWN, REPEATED_REMOVED, REPEATED_DUPLICATE, REPEATED_KINDS };
#define HK_REPEATED_MESSAGE_CAP 20
static unsigned g_repeated_shown[REPEATED_KINDS], g_repeated_hidden[REPEATED_KINDS];

/* True when one more message of `kind` may be printed; counts the ones that may not. */
static bool repeated_message_allowed(enum repeated_kind kind) {
  if (g_repeated_shown[kind] < HK_REPEATED_MESSAGE_CAP) {
    ++g_repeated_shown[kind];
    return true;
  }
  ++g_repeated_hidden[kind];
  return false;
}

static void report_hidden_repeats(const struct run *r) {
  static const char *const what[REPEATED_KINDS] = {"unknown", "removed", "duplicate"};
  for (int k = 0; k < REPEATED_KINDS; ++k) {
    if (!g_repeated_hidden[k]) continue;
    struct hk_msg m;
    hk_msg_begin(&m);
    hk_msg_u64(&m, g_repeated_hidden[k]);
    hk_msg_str(&m, " more ");
    hk_msg_str(&m, what[k]);
    hk_msg_str(&m, " setting name(s) ignored; not shown one by one");
    hk_msg_emit(&m, r->fd);
  }
}

static void msg_name(struct hk_msg *m, const char *name, size_t len) { hk_msg_escaped(m, name, len, HK_MSG_VALUE_MAX); }

static void report_unknown(const struct run *r, const char *name, size_t len) {
  ++g_report.unknown_names;
  if (!repeated_message_allowed(REPEATED_UNKNOWN)) return;
  struct hk_msg m;
  hk_msg_begin(&m);
  msg_name(&m, name, len);
  hk_msg_str(&m, " is not a known setting and is ignored");
  const char *near = nearest_setting(name, len);
  if (near) {
    hk_msg_str(&m, "; did you mean ");
    hk_msg_str(&m, near);
    hk_msg_str(&m, "?");
  }
  hk_msg_emit(&m, r->fd);
}

static void report_removed(const struct run *r, const char *name, size_t len, const struct hakmem_removed_desc *d,
                           bool family) {
  ++g_report.removed_names;
  if (!repeated_message_allowed(REPEATED_REMOVED)) return;
  struct hk_msg m;
  hk_msg_begin(&m);
  msg_name(&m, name, len);
  hk_msg_str(&m, " was removed");
  if (family) {
    hk_msg_str(&m, " with every ");
    hk_msg_str(&m, d->name);
    hk_msg_str(&m, "* name");
  }
  hk_msg_str(&m, " and is ignored (");
  hk_msg_str(&m, d->reason);
  hk_msg_str(&m, ")");
  if (d->replacement[0]) {
    hk_msg_str(&m, "; use ");
    hk_msg_str(&m, d->replacement);
  }
  hk_msg_emit(&m, r->fd);
}

static void report_dead_alias(const struct run *r, const struct hakmem_alias_desc *a) {
  struct hk_msg m;
  hk_msg_begin(&m);
  hk_msg_str(&m, a->name);
  if (a->declared_removed) {
    hk_msg_str(&m, " was removed and is ignored");
  } else {
    hk_msg_str(&m, " is no longer accepted since ");
    hk_msg_date(&m, a->sunset);
    hk_msg_str(&m, " and is ignored");
  }
  hk_msg_str(&m, "; use ");
  hk_msg_str(&m, hakmem_settings[a->target].name);
  hk_msg_emit(&m, r->fd);
  ++g_report.removed_names;
}

static void report_duplicate(const struct run *r, const char *name, size_t len, const char *kept) {
  ++g_report.duplicates;
  if (!repeated_message_allowed(REPEATED_DUPLICATE)) return;
  struct hk_msg m;
  hk_msg_begin(&m);
  msg_name(&m, name, len);
  hk_msg_str(&m, " is ignored: ");
  if (kept) {
    hk_msg_str(&m, kept);
    hk_msg_str(&m, ", another deprecated name of the same setting, is set first");
  } else {
    hk_msg_str(&m, "it is set more than once and the first value is used");
  }
  hk_msg_emit(&m, r->fd);
}

static const char *parse_problem(enum hakmem_parse_status st, const struct hakmem_setting_desc *d) {
  switch (st) {
    case HK_PARSE_EMPTY: return "is empty";
    case HK_PARSE_NOT_BOOL: return "is not a boolean";
    case HK_PARSE_NOT_INT: return "is not an integer";
    case HK_PARSE_NOT_UINT: return "is not an unsigned integer";
    case HK_PARSE_NOT_SIZE: return "is not a size";
    case HK_PARSE_NOT_FLOAT: return "is not a number";
    case HK_PARSE_NOT_ENUM: return "is not a known word";
    case HK_PARSE_OVERFLOW: return d->type == HAKMEM_TYPE_FLOAT ? "is too large" : "does not fit in 64 bits";
    case HK_PARSE_TOO_LONG: return "is too long";
    default: return "is invalid";
  }
}

/* `hakmem: NAME='text' <problem> (expected ...); using <value>` */
static void report_value(const struct run *r, const char *name, const char *text, size_t len, const char *problem,
                         const struct hakmem_setting_desc *d, union hakmem_value used) {
  struct hk_msg m;
  hk_msg_begin(&m);
  hk_msg_str(&m, name);
  hk_msg_str(&m, "='");
  hk_msg_escaped(&m, text, len, HK_MSG_VALUE_MAX);
  hk_msg_str(&m, "' ");
  hk_msg_str(&m, problem);
  hk_msg_str(&m, " (expected ");
  hk_msg_expected(&m, d);
  hk_msg_str(&m, "); using ");
  hk_msg_value(&m, d, used);
  hk_msg_emit(&m, r->fd);
  ++g_report.bad_values;
}

/* ---- the environment pass ------------------------------------------------------- */

static void take_alias(const struct run *r, uint16_t k, const char *name, size_t len, const char *value, size_t vlen) {
  const struct hakmem_alias_desc *a = &hakmem_aliases[k];
  if (a->declared_removed || r->today >= a->sunset) {
    report_dead_alias(r, a);
    return;
  }
  struct setting_input *in = &g_input[a->target];
  if (in->has_alias) {
    report_duplicate(r, name, len, hakmem_aliases[in->alias].name);
    return;
  }
  in->has_alias = true;
  in->alias = k;
  in->alias_value = value;
  in->alias_value_len = vlen;
}

/* One pass: every "PREFIX..." entry is classified by its name slice; nothing is copied. */
static void scan_environment(const struct run *r, char *const *envp) {
  const size_t plen = HAKMEM_ENV_PREFIX_LEN;
  for (char *const *e = envp; e && *e; ++e) {
    const char *entry = *e;
    if (strncmp(entry, HAKMEM_ENV_PREFIX, plen) != 0) continue;
    const char *eq = strchr(entry + plen, '=');
    if (!eq) continue; /* not NAME=value: nothing a getenv could see either */
    size_t len = (size_t)(eq - entry);
    const char *value = eq + 1;
    size_t vlen = strlen(value);
    const struct hakmem_name_entry *n = find_name(entry, len);
    if (n && n->kind == HAKMEM_NAME_SETTING) {
      struct setting_input *in = &g_input[n->index];
      if (in->has_value) {
        report_duplicate(r, entry, len, NULL);
        continue;
      }
      in->has_value = true;
      in->value = value;
      in->value_len = vlen;
    } else if (n && n->kind == HAKMEM_NAME_ALIAS) {
      take_alias(r, n->index, entry, len, value, vlen);
    } else if (n && n->kind == HAKMEM_NAME_REMOVED) {
      report_removed(r, entry, len, &hakmem_removed_names[n->index], false);
    } else {
      const struct hakmem_removed_desc *family = NULL;
      for (size_t k = 0; k < HAKMEM_REMOVED_FAMILY_COUNT && !family; ++k)
        if (len >= hakmem_removed_families[k].name_len &&
            memcmp(entry, hakmem_removed_families[k].name, hakmem_removed_families[k].name_len) == 0)
          family = &hakmem_removed_families[k];
      if (family) report_removed(r, entry, len, family, true);
      else report_unknown(r, entry, len);
    }
  }
}

/* ---- resolution ----------------------------------------------------------------- */

/* An alias's legacy value, translated by its value map when the map lists it. */
static void map_alias_value(const struct hakmem_alias_desc *a, const char **text, size_t *len) {
  for (uint32_t k = 0; k < a->value_map_count; ++k)
    if (strlen(a->value_map[k].from) == *len && memcmp(a->value_map[k].from, *text, *len) == 0) {
      *text = a->value_map[k].to;
      *len = strlen(*text);
      return;
    }
}

/* Applies the environment's value of one setting over its default or preset value. */
static void resolve_setting(const struct run *r, enum hakmem_setting_id id) {
  const struct hakmem_setting_desc *d = &hakmem_settings[id];
  struct setting_input *in = &g_input[id];
  if (!in->has_value && !in->has_alias) return;
  const char *text = in->value, *name = d->name, *shown = in->value;
  size_t len = in->value_len, shown_len = in->value_len;
  uint8_t source = HAKMEM_CONFIG_SOURCE_VARIABLE;
  if (in->has_alias) {
    const struct hakmem_alias_desc *a = &hakmem_aliases[in->alias];
    struct hk_msg m;
    hk_msg_begin(&m);
    hk_msg_str(&m, a->name);
    if (in->has_value) {
      hk_msg_str(&m, " is ignored: ");
      hk_msg_str(&m, d->name);
      hk_msg_str(&m, " is set too and wins (");
      hk_msg_str(&m, a->name);
      hk_msg_str(&m, " is its deprecated name)");
      hk_msg_emit(&m, r->fd);
      ++g_report.deprecated;
    } else {
      if (r->today >= a->deprecated_since) {
        hk_msg_str(&m, " is deprecated; use ");
        hk_msg_str(&m, d->name);
        hk_msg_str(&m, " (this name is ignored from ");
        hk_msg_date(&m, a->sunset);
        hk_msg_str(&m, ")");
        hk_msg_emit(&m, r->fd);
        ++g_report.deprecated;
      }
      text = shown = in->alias_value;
      len = shown_len = in->alias_value_len;
      name = a->name;
      map_alias_value(a, &text, &len);
      source = HAKMEM_CONFIG_SOURCE_ALIAS;
    }
  }
  union hakmem_value v = {.u = 0};
  enum hakmem_parse_status st = hk_parse(d, text, len, &v);
  if (st != HK_PARSE_OK) {
    g_state[id].rejected = true;
    report_value(r, name, shown, shown_len, parse_problem(st, d), d, hakmem_config_values[id]);
    return;
  }
  enum hk_range_result range = hk_check_range(d, &v);
  if (range == HK_REJECTED) {
    g_state[id].rejected = true;
    report_value(r, name, shown, shown_len, "is out of range", d, hakmem_config_values[id]);
    return;
  }
  if (range == HK_CLAMPED) report_value(r, name, shown, shown_len, "is out of range", d, v);
  hakmem_config_values[id] = v;
  g_state[id].source = source;
  g_state[id].alias = in->alias;
}

static void apply_preset(void) {
  g_preset = -1;
  const struct hakmem_setting_desc *d = &hakmem_settings[HAKMEM_SETTING_PRESET];
  const char *word = d->enum_words[hakmem_config_values[HAKMEM_SETTING_PRESET].i];
  for (size_t k = 0; k < HAKMEM_PRESET_COUNT; ++k)
    if (strcmp(hakmem_presets[k].name, word) == 0) g_preset = (int)k;
  if (g_preset < 0) return; /* "none" */
  const struct hakmem_preset_desc *p = &hakmem_presets[g_preset];
  for (uint32_t k = 0; k < p->count; ++k) {
    hakmem_config_values[p->entries[k].setting] = p->entries[k].value;
    g_state[p->entries[k].setting].source = HAKMEM_CONFIG_SOURCE_PRESET;
  }
}

static bool enabled(enum hakmem_setting_id id) {
  union hakmem_value v = hakmem_config_values[id];
  switch (hakmem_settings[id].type) {
    case HAKMEM_TYPE_BOOL: return v.b;
    case HAKMEM_TYPE_INT:
    case HAKMEM_TYPE_ENUM: return v.i != 0;
    case HAKMEM_TYPE_UINT:
    case HAKMEM_TYPE_SIZE: return v.u != 0;
    case HAKMEM_TYPE_FLOAT: return v.f != 0;
    default: return v.s && v.s[0];
  }
}

/* Registry conflicts: the preferred setting keeps its value, the other its default. */
static void resolve_conflicts(const struct run *r) {
  for (size_t k = 0; k < HAKMEM_CONFLICT_COUNT; ++k) {
    const struct hakmem_conflict_desc *c = &hakmem_conflicts[k];
    enum hakmem_setting_id a = (enum hakmem_setting_id)c->setting, b = (enum hakmem_setting_id)c->with;
    bool hit = c->when == HAKMEM_CONFLICT_BOTH_ENABLED
                   ? enabled(a) && enabled(b)
                   : g_state[a].source != HAKMEM_CONFIG_SOURCE_DEFAULT && g_state[b].source != HAKMEM_CONFIG_SOURCE_DEFAULT;
    if (!hit) continue;
    enum hakmem_setting_id loser = c->prefer == a ? b : a, winner = c->prefer == a ? a : b;
    hakmem_config_values[loser] = hakmem_settings[loser].def;
    g_state[loser].source = HAKMEM_CONFIG_SOURCE_DEFAULT;
    g_state[loser].conflict_loser = true;
    g_state[loser].conflict_with = (uint16_t)winner;
    struct hk_msg m;
    hk_msg_begin(&m);
    hk_msg_str(&m, hakmem_settings[a].name);
    hk_msg_str(&m, " conflicts with ");
    hk_msg_str(&m, hakmem_settings[b].name);
    hk_msg_str(&m, "; keeping ");
    hk_msg_str(&m, hakmem_settings[winner].name);
    hk_msg_str(&m, ", ");
    hk_msg_str(&m, hakmem_settings[loser].name);
    hk_msg_str(&m, " falls back to ");
    hk_msg_value(&m, &hakmem_settings[loser], hakmem_config_values[loser]);
    hk_msg_str(&m, " (");
    hk_msg_str(&m, c->reason);
    hk_msg_str(&m, ")");
    hk_msg_emit(&m, r->fd);
    ++g_report.conflicts;
  }
}

/* Level 2 and above: say which preset was applied; level 3: confirm every value the
 * environment set, like jemalloc's confirm_conf. */
static void report_info(const struct run *r) {
  int64_t level = hakmem_config_values[HAKMEM_SETTING_DEBUG_LEVEL].i;
  if (level >= 2 && g_preset >= 0) {
    struct hk_msg m;
    hk_msg_begin(&m);
    hk_msg_str(&m, "preset ");
    hk_msg_str(&m, hakmem_presets[g_preset].name);
    hk_msg_str(&m, " applied (");
    hk_msg_u64(&m, hakmem_presets[g_preset].count);
    hk_msg_str(&m, " settings)");
    hk_msg_emit(&m, r->fd);
  }
  if (level < 3) return;
  for (size_t id = 0; id < HAKMEM_SETTING_COUNT; ++id) {
    if (g_state[id].source < HAKMEM_CONFIG_SOURCE_VARIABLE) continue;
    struct hk_msg m;
    hk_msg_begin(&m);
    hk_msg_str(&m, hakmem_settings[id].name);
    hk_msg_str(&m, "=");
    hk_msg_value(&m, &hakmem_settings[id], hakmem_config_values[id]);
    hk_msg_str(&m, " applied");
    if (g_state[id].source == HAKMEM_CONFIG_SOURCE_ALIAS) {
      hk_msg_str(&m, " from ");
      hk_msg_str(&m, hakmem_aliases[g_state[id].alias].name);
    }
    hk_msg_emit(&m, r->fd);
  }
}

static void reset(void) {
  for (size_t id = 0; id < HAKMEM_SETTING_COUNT; ++id) hakmem_config_values[id] = hakmem_settings[id].def;
  memset(g_input, 0, sizeof g_input);
  memset(g_state, 0, sizeof g_state);
  memset(&g_report, 0, sizeof g_report);
  memset(g_repeated_shown, 0, sizeof g_repeated_shown);
  memset(g_repeated_hidden, 0, sizeof g_repeated_hidden);
  g_preset = -1;
}

static void run_init(const struct hakmem_config_options *opt) {
  reset();
  int secure = opt->secure < 0 ? getauxval(AT_SECURE) != 0 : opt->secure != 0;
  if (secure) {
    /* As glibc does for tunables: a setuid/setgid program ignores the environment
     * entirely, and says nothing (stderr may belong to someone else). */
    g_report.secure = 1;
    return;
  }
  struct run r = {.fd = opt->message_fd, .today = opt->today ? opt->today : hk_today_utc()};
  scan_environment(&r, opt->envp);
  report_hidden_repeats(&r);
  resolve_setting(&r, HAKMEM_SETTING_PRESET);
  apply_preset();
  for (size_t id = 0; id < HAKMEM_SETTING_COUNT; ++id)
    if (id != HAKMEM_SETTING_PRESET) resolve_setting(&r, (enum hakmem_setting_id)id);
  resolve_conflicts(&r);
  report_info(&r);
  if (hakmem_print_config()) hakmem_config_print(r.fd);
}

/* ---- public entry points -------------------------------------------------------- */

void hakmem_config_init(void) {
  int state = atomic_load_explicit(&g_once, memory_order_acquire);
  if (state == 2) return;
  int expected = 0;
  if (atomic_compare_exchange_strong_explicit(&g_once, &expected, 1, memory_order_acq_rel, memory_order_acquire)) {
    struct hakmem_config_options opt = {.envp = environ, .today = 0, .secure = -1, .message_fd = 2};
    run_init(&opt);
    atomic_store_explicit(&g_once, 2, memory_order_release);
    return;
  }
  /* Another thread is reading the environment: wait for it (microseconds). */
  while (atomic_load_explicit(&g_once, memory_order_acquire) != 2) sched_yield();
}

void hakmem_config_init_with(const struct hakmem_config_options *opt) {
  run_init(opt);
  atomic_store_explicit(&g_once, 2, memory_order_release);
}

const struct hakmem_config_report *hakmem_config_last_report(void) { return &g_report; }

enum hakmem_config_source hakmem_config_source_of(enum hakmem_setting_id id) {
  if ((unsigned)id >= HAKMEM_SETTING_COUNT) return HAKMEM_CONFIG_SOURCE_DEFAULT;
  return (enum hakmem_config_source)g_state[id].source;
}

/* ---- printing ------------------------------------------------------------------- */

int hakmem_config_print(int fd) {
  int failed = 0;
  struct hk_msg m;
  hk_msg_begin(&m);
  hk_msg_str(&m, "effective configuration");
  if (g_report.secure) hk_msg_str(&m, " (secure mode: environment ignored)");
  else if (g_preset >= 0) {
    hk_msg_str(&m, " (preset ");
    hk_msg_str(&m, hakmem_presets[g_preset].name);
    hk_msg_str(&m, ")");
  }
  failed |= hk_msg_emit(&m, fd);
  for (size_t id = 0; id < HAKMEM_SETTING_COUNT; ++id) {
    const struct setting_state *s = &g_state[id];
    hk_msg_init(&m);
    hk_msg_str(&m, hakmem_settings[id].name);
    hk_msg_str(&m, "=");
    hk_msg_value(&m, &hakmem_settings[id], hakmem_config_values[id]);
    hk_msg_pad(&m, 48);
    hk_msg_str(&m, "# ");
    switch (s->source) {
      case HAKMEM_CONFIG_SOURCE_PRESET:
        hk_msg_str(&m, "preset ");
        hk_msg_str(&m, hakmem_presets[g_preset].name);
        break;
      case HAKMEM_CONFIG_SOURCE_VARIABLE: hk_msg_str(&m, "variable"); break;
      case HAKMEM_CONFIG_SOURCE_ALIAS:
        hk_msg_str(&m, "alias ");
        hk_msg_str(&m, hakmem_aliases[s->alias].name);
        break;
      default: hk_msg_str(&m, "default"); break;
    }
    if (s->rejected) hk_msg_str(&m, " (the environment's value was invalid)");
    if (s->conflict_loser) {
      hk_msg_str(&m, " (conflict: ");
      hk_msg_str(&m, hakmem_settings[s->conflict_with].name);
      hk_msg_str(&m, " wins)");
    }
    failed |= hk_msg_emit(&m, fd);
  }
  return failed ? -1 : 0;
}
