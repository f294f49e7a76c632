/* Message lines built in a fixed buffer and written with write(2): no stdio, no
 * malloc, usable before the heap exists. Every append is bounded; a line that does
 * not fit ends in "...". */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config_internal.h"

void hk_msg_init(struct hk_msg *m) {
  m->len = 0;
  m->truncated = false;
}

void hk_msg_mem(struct hk_msg *m, const char *p, size_t n) {
  size_t room = HK_MSG_CAPACITY - 5 - m->len; /* keep room for "...\n" */
  if (n > room) {
    n = room;
    m->truncated = true;
  }
  memcpy(m->buf + m->len, p, n);
  m->len += n;
}

void hk_msg_str(struct hk_msg *m, const char *s) { hk_msg_mem(m, s, strlen(s)); }

void hk_msg_begin(struct hk_msg *m) {
  hk_msg_init(m);
  hk_msg_str(m, HAKMEM_MESSAGES_PREFIX);
}

void hk_msg_escaped(struct hk_msg *m, const char *p, size_t n, size_t max) {
  static const char hex[] = "0123456789abcdef";
  size_t shown = n > max ? max : n;
  for (size_t i = 0; i < shown; ++i) {
    unsigned char c = (unsigned char)p[i];
    /* ' too: values are shown inside '...', and must not end the quotes early. */
    if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'') {
      hk_msg_mem(m, (const char *)&p[i], 1);
    } else {
      char esc[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
      hk_msg_mem(m, esc, 4);
    }
  }
  if (shown < n) hk_msg_str(m, "...");
}

void hk_msg_u64(struct hk_msg *m, uint64_t v) {
  char tmp[24];
  size_t k = sizeof tmp;
  do {
    tmp[--k] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  hk_msg_mem(m, tmp + k, sizeof tmp - k);
}

void hk_msg_i64(struct hk_msg *m, int64_t v) {
  if (v < 0) {
    hk_msg_str(m, "-");
    hk_msg_u64(m, (uint64_t)0 - (uint64_t)v);
  } else {
    hk_msg_u64(m, (uint64_t)v);
  }
}

void hk_msg_size(struct hk_msg *m, uint64_t bytes) {
  static const struct { unsigned shift; const char *suffix; } units[] = {{40, "T"}, {30, "G"}, {20, "M"}, {10, "K"}};
  if (bytes != 0)
    for (size_t k = 0; k < sizeof units / sizeof units[0]; ++k) {
      uint64_t unit = (uint64_t)1 << units[k].shift;
      if (bytes % unit == 0) {
        hk_msg_u64(m, bytes / unit);
        hk_msg_str(m, units[k].suffix);
        return;
      }
    }
  hk_msg_u64(m, bytes);
}

/* Up to 6 decimals, trailing zeros dropped; scientific form outside 1e-6..1e12, so that
 * the scaled value always fits in 64 bits (a fuzzer finding). */
void hk_msg_double(struct hk_msg *m, double v) {
  if (v != v) {
    hk_msg_str(m, "nan");
    return;
  }
  if (v < 0) {
    hk_msg_str(m, "-");
    v = -v;
  }
  if (v > 1.7976931348623157e308) {
    hk_msg_str(m, "inf");
    return;
  }
  int exp10 = 0;
  if (v != 0 && (v >= 1e12 || v < 1e-6)) {
    while (v >= 10) { v /= 10; ++exp10; }
    while (v < 1) { v *= 10; --exp10; }
  }
  uint64_t scaled = (uint64_t)(v * 1e6 + 0.5);
  uint64_t whole = scaled / 1000000, frac = scaled % 1000000;
  hk_msg_u64(m, whole);
  if (frac) {
    char digits[7];
    for (int k = 5; k >= 0; --k) {
      digits[k] = (char)('0' + frac % 10);
      frac /= 10;
    }
    size_t n = 6;
    while (n > 0 && digits[n - 1] == '0') --n;
    hk_msg_str(m, ".");
    hk_msg_mem(m, digits, n);
  }
  if (exp10) {
    hk_msg_str(m, "e");
    hk_msg_i64(m, exp10);
  }
}

void hk_msg_date(struct hk_msg *m, int32_t d) {
  char buf[10] = {(char)('0' + d / 10000000 % 10), (char)('0' + d / 1000000 % 10), (char)('0' + d / 100000 % 10),
                  (char)('0' + d / 10000 % 10), '-', (char)('0' + d / 1000 % 10), (char)('0' + d / 100 % 10), '-',
                  (char)('0' + d / 10 % 10), (char)('0' + d % 10)};
  hk_msg_mem(m, buf, sizeof buf);
}

void hk_msg_pad(struct hk_msg *m, size_t column) {
  static const char spaces[] = "                                                ";
  if (m->len >= column) {
    hk_msg_str(m, " ");
    return;
  }
  size_t n = column - m->len;
  hk_msg_mem(m, spaces, n < sizeof spaces - 1 ? n : sizeof spaces - 1);
}

void hk_msg_value(struct hk_msg *m, const struct hakmem_setting_desc *d, union hakmem_value v) {
  switch (d->type) {
    case HAKMEM_TYPE_BOOL: hk_msg_str(m, v.b ? "true" : "false"); break;
    case HAKMEM_TYPE_INT: hk_msg_i64(m, v.i); break;
    case HAKMEM_TYPE_UINT: hk_msg_u64(m, v.u); break;
    case HAKMEM_TYPE_SIZE: hk_msg_size(m, v.u); break;
    case HAKMEM_TYPE_FLOAT: hk_msg_double(m, v.f); break;
    case HAKMEM_TYPE_ENUM:
      if (v.i >= 0 && (uint64_t)v.i < d->enum_count) hk_msg_str(m, d->enum_words[v.i]);
      else hk_msg_str(m, "?");
      break;
    case HAKMEM_TYPE_STRING:
    case HAKMEM_TYPE_PATH:
      hk_msg_str(m, "'");
      if (v.s) hk_msg_escaped(m, v.s, strlen(v.s), d->max_length);
      hk_msg_str(m, "'");
      break;
    default: break;
  }
}

static void msg_bound(struct hk_msg *m, const struct hakmem_setting_desc *d, union hakmem_value v) {
  if (d->type == HAKMEM_TYPE_SIZE) hk_msg_size(m, v.u);
  else hk_msg_value(m, d, v);
}

void hk_msg_expected(struct hk_msg *m, const struct hakmem_setting_desc *d) {
  switch (d->type) {
    case HAKMEM_TYPE_BOOL: hk_msg_str(m, "1/0, true/false, yes/no or on/off"); return;
    case HAKMEM_TYPE_ENUM:
      hk_msg_str(m, "one of ");
      for (uint32_t k = 0; k < d->enum_count; ++k) {
        if (k) hk_msg_str(m, k + 1 == d->enum_count ? " or " : ", ");
        hk_msg_str(m, d->enum_words[k]);
      }
      return;
    case HAKMEM_TYPE_STRING:
    case HAKMEM_TYPE_PATH:
      hk_msg_str(m, "at most ");
      hk_msg_u64(m, d->max_length);
      hk_msg_str(m, " bytes");
      return;
    default: break;
  }
  if (!d->has_min && !d->has_max) {
    hk_msg_str(m, "any value");
    return;
  }
  if (d->has_min) msg_bound(m, d, d->min);
  hk_msg_str(m, "..");
  if (d->has_max) msg_bound(m, d, d->max);
  if (d->type == HAKMEM_TYPE_SIZE) hk_msg_str(m, " bytes, K/M/G/T suffixes allowed");
}

int hk_msg_emit(struct hk_msg *m, int fd) {
  if (m->truncated) {
    memcpy(m->buf + m->len, "...", 3);
    m->len += 3;
  }
  m->buf[m->len++] = '\n';
  if (fd < 0) return 0;
  size_t off = 0;
  while (off < m->len) {
    ssize_t w = write(fd, m->buf + off, m->len - off);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return 1; /* messages are best effort; a printed configuration is checked */
    off += (size_t)w;
  }
  return 0;
}

/* Levenshtein distance limited to a band of `cap` around the diagonal: anything
 * farther is reported as cap + 1. A common prefix and suffix do not change the
 * distance, and every registered name shares the prefix, so both are skipped first. */
unsigned hk_edit_distance(const char *a, size_t an, const char *b, size_t bn, unsigned cap) {
  enum { MAX = 128 };
  const unsigned big = cap + 1;
  while (an && bn && *a == *b) ++a, ++b, --an, --bn;
  while (an && bn && a[an - 1] == b[bn - 1]) --an, --bn;
  if (an > MAX || bn > MAX) return big;
  if ((an > bn ? an - bn : bn - an) > cap) return big;
  if (an == 0 || bn == 0) return (unsigned)(an + bn); /* within cap: checked just above */
  unsigned row[MAX + 1];
  for (size_t j = 0; j <= bn; ++j) row[j] = j <= cap ? (unsigned)j : big;
  for (size_t i = 1; i <= an; ++i) {
    size_t lo = i > cap ? i - cap : 1, hi = i + cap < bn ? i + cap : bn;
    if (lo > hi) return big;
    unsigned diag = row[lo - 1];
    row[lo - 1] = lo == 1 && i <= cap ? (unsigned)i : big;
    unsigned best = row[lo - 1];
    for (size_t j = lo; j <= hi; ++j) {
      unsigned up = row[j];
      unsigned v = diag + (a[i - 1] == b[j - 1] ? 0u : 1u);
      if (up + 1 < v) v = up + 1;
      if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
      if (v > big) v = big;
      row[j] = v;
      diag = up;
      if (v < best) best = v;
    }
    if (best > cap) return big;
  }
  return row[bn] > cap ? big : row[bn];
}

/* Civil date from days since 1970-01-01 (proleptic Gregorian). */
int32_t hk_today_utc(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_REALTIME, &ts) != 0) return 0;
  long z = (long)(ts.tv_sec / 86400) + 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long mo = mp < 10 ? mp + 3 : mp - 9;
  if (mo <= 2) ++y;
  return (int32_t)(y * 10000 + mo * 100 + d);
}
