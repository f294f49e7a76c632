/* The value grammar: strict, allocation-free, over (pointer, length) slices.
 * bool: exactly 1/0, true/false, yes/no, on/off. int: optional '-', decimal digits,
 * nothing else. uint: decimal digits. size: digits with an optional K/M/G/T suffix
 * (powers of 1024, lower case accepted, optional trailing B or iB). float: decimal
 * with optional fraction and exponent, no inf/nan/hex. enum: one of its words exactly.
 * Overflow is an error, never a saturation. An empty value is an error for every type. */
#include <string.h>

#include "config_internal.h"

static bool slice_is(const char *p, size_t n, const char *word) {
  size_t wn = strlen(word);
  return n == wn && memcmp(p, word, n) == 0;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Decimal digits into a uint64; HK_PARSE_OVERFLOW past 2^64-1. `*used` digits read. */
static enum hakmem_parse_status digits_u64(const char *p, size_t n, uint64_t *out, size_t *used) {
  uint64_t v = 0;
  size_t i = 0;
  for (; i < n && is_digit(p[i]); ++i) {
    uint64_t d = (uint64_t)(p[i] - '0');
    if (v > (UINT64_MAX - d) / 10) return HK_PARSE_OVERFLOW;
    v = v * 10 + d;
  }
  *out = v;
  *used = i;
  return HK_PARSE_OK;
}

static enum hakmem_parse_status parse_bool(const char *p, size_t n, union hakmem_value *out) {
  if (slice_is(p, n, "1") || slice_is(p, n, "true") || slice_is(p, n, "yes") || slice_is(p, n, "on")) {
    out->b = true;
    return HK_PARSE_OK;
  }
  if (slice_is(p, n, "0") || slice_is(p, n, "false") || slice_is(p, n, "no") || slice_is(p, n, "off")) {
    out->b = false;
    return HK_PARSE_OK;
  }
  return HK_PARSE_NOT_BOOL;
}

static enum hakmem_parse_status parse_int(const char *p, size_t n, union hakmem_value *out) {
  bool neg = n > 0 && p[0] == '-';
  size_t start = neg ? 1 : 0, used = 0;
  uint64_t mag = 0;
  if (start == n) return HK_PARSE_NOT_INT;
  enum hakmem_parse_status st = digits_u64(p + start, n - start, &mag, &used);
  if (st == HK_PARSE_OK && used != n - start) return HK_PARSE_NOT_INT;
  if (st != HK_PARSE_OK) {
    /* Overflowing digits followed by junk is junk, not overflow. */
    for (size_t i = start; i < n; ++i)
      if (!is_digit(p[i])) return HK_PARSE_NOT_INT;
    return HK_PARSE_OVERFLOW;
  }
  if (neg) {
    if (mag > (uint64_t)INT64_MAX + 1) return HK_PARSE_OVERFLOW;
    out->i = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag;
  } else {
    if (mag > (uint64_t)INT64_MAX) return HK_PARSE_OVERFLOW;
    out->i = (int64_t)mag;
  }
  return HK_PARSE_OK;
}

static enum hakmem_parse_status parse_uint(const char *p, size_t n, union hakmem_value *out) {
  size_t used = 0;
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i)
    if (!is_digit(p[i])) return HK_PARSE_NOT_UINT;
  if (digits_u64(p, n, &v, &used) != HK_PARSE_OK) return HK_PARSE_OVERFLOW;
  out->u = v;
  return HK_PARSE_OK;
}

static enum hakmem_parse_status parse_size(const char *p, size_t n, union hakmem_value *out) {
  size_t used = 0;
  uint64_t v = 0;
  size_t digits = 0;
  while (digits < n && is_digit(p[digits])) ++digits;
  if (digits == 0) return HK_PARSE_NOT_SIZE;
  const char *s = p + digits;
  size_t sn = n - digits;
  unsigned shift = 0;
  if (sn > 0) {
    switch (s[0]) {
      case 'K': case 'k': shift = 10; break;
      case 'M': case 'm': shift = 20; break;
      case 'G': case 'g': shift = 30; break;
      case 'T': case 't': shift = 40; break;
      case 'B': case 'b': shift = 0; break;
      default: return HK_PARSE_NOT_SIZE;
    }
    const char *rest = s + 1;
    size_t rn = sn - 1;
    bool ok = shift == 0 ? rn == 0 : (rn == 0 || slice_is(rest, rn, "B") || slice_is(rest, rn, "b") || slice_is(rest, rn, "iB"));
    if (!ok) return HK_PARSE_NOT_SIZE;
  }
  if (digits_u64(p, digits, &v, &used) != HK_PARSE_OK) return HK_PARSE_OVERFLOW;
  if (shift && v > (UINT64_MAX >> shift)) return HK_PARSE_OVERFLOW;
  out->u = v << shift;
  return HK_PARSE_OK;
}

/* Decimal to double without strtod (locale-dependent, and it may allocate for long
 * inputs). Up to 19 significant digits are kept; the rest only move the exponent. */
static enum hakmem_parse_status parse_float(const char *p, size_t n, union hakmem_value *out) {
  size_t i = 0;
  bool neg = false;
  if (i < n && (p[i] == '-' || p[i] == '+')) neg = p[i++] == '-';
  uint64_t mant = 0;
  int sig = 0;
  long exp10 = 0;
  size_t int_digits = 0, frac_digits = 0;
  for (; i < n && is_digit(p[i]); ++i, ++int_digits) {
    if (sig < 19) {
      mant = mant * 10 + (uint64_t)(p[i] - '0');
      if (mant) ++sig;
    } else {
      ++exp10;
    }
  }
  if (i < n && p[i] == '.') {
    ++i;
    for (; i < n && is_digit(p[i]); ++i, ++frac_digits) {
      if (sig < 19) {
        mant = mant * 10 + (uint64_t)(p[i] - '0');
        if (mant) ++sig;
        --exp10;
      }
    }
  }
  if (int_digits + frac_digits == 0) return HK_PARSE_NOT_FLOAT;
  if (i < n && (p[i] == 'e' || p[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < n && (p[i] == '-' || p[i] == '+')) eneg = p[i++] == '-';
    if (i == n || !is_digit(p[i])) return HK_PARSE_NOT_FLOAT;
    long e = 0;
    for (; i < n && is_digit(p[i]); ++i)
      if (e < 100000) e = e * 10 + (p[i] - '0');
    exp10 += eneg ? -e : e;
  }
  if (i != n) return HK_PARSE_NOT_FLOAT;
  double v = (double)mant;
  if (mant != 0) {
    if (exp10 + sig - 1 > 308) return HK_PARSE_OVERFLOW;
    if (exp10 + sig - 1 < -330) v = 0.0;
    else {
      /* Divide by positive powers: 1/10 is not exact, 10 is. */
      long e = exp10;
      while (e > 0) {
        long step = e > 22 ? 22 : e;
        double pw = 1.0;
        for (long k = 0; k < step; ++k) pw *= 10.0;
        v *= pw;
        e -= step;
      }
      while (e < 0) {
        long step = -e > 22 ? 22 : -e;
        double pw = 1.0;
        for (long k = 0; k < step; ++k) pw *= 10.0;
        v /= pw;
        e += step;
      }
      if (v > 1.7976931348623157e308) return HK_PARSE_OVERFLOW;
    }
  }
  out->f = neg ? -v : v;
  return HK_PARSE_OK;
}

enum hakmem_parse_status hk_parse(const struct hakmem_setting_desc *d, const char *p, size_t n,
                                  union hakmem_value *out) {
  if (n == 0) return HK_PARSE_EMPTY;
  switch (d->type) {
    case HAKMEM_TYPE_BOOL: return parse_bool(p, n, out);
    case HAKMEM_TYPE_INT: return parse_int(p, n, out);
    case HAKMEM_TYPE_UINT: return parse_uint(p, n, out);
    case HAKMEM_TYPE_SIZE: return parse_size(p, n, out);
    case HAKMEM_TYPE_FLOAT: return parse_float(p, n, out);
    case HAKMEM_TYPE_ENUM:
      for (uint32_t k = 0; k < d->enum_count; ++k)
        if (slice_is(p, n, d->enum_words[k])) {
          out->i = (int64_t)k;
          return HK_PARSE_OK;
        }
      return HK_PARSE_NOT_ENUM;
    case HAKMEM_TYPE_STRING:
    case HAKMEM_TYPE_PATH:
      if (n > d->max_length) return HK_PARSE_TOO_LONG;
      out->s = p; /* environ strings are NUL-terminated and live as long as the process */
      return HK_PARSE_OK;
    default: return HK_PARSE_NOT_INT;
  }
}

enum hk_range_result hk_check_range(const struct hakmem_setting_desc *d, union hakmem_value *v) {
  bool below = false, above = false;
  switch (d->type) {
    case HAKMEM_TYPE_INT:
      below = d->has_min && v->i < d->min.i;
      above = d->has_max && v->i > d->max.i;
      break;
    case HAKMEM_TYPE_UINT:
    case HAKMEM_TYPE_SIZE:
      below = d->has_min && v->u < d->min.u;
      above = d->has_max && v->u > d->max.u;
      break;
    case HAKMEM_TYPE_FLOAT:
      below = d->has_min && v->f < d->min.f;
      above = d->has_max && v->f > d->max.f;
      break;
    default: return HK_IN_RANGE;
  }
  if (!below && !above) return HK_IN_RANGE;
  if (d->out_of_range == HAKMEM_OUT_OF_RANGE_REJECT) return HK_REJECTED;
  *v = below ? d->min : d->max;
  return HK_CLAMPED;
}

int hakmem_config_parse_value(enum hakmem_setting_id id, const char *text, size_t len, union hakmem_value *out) {
  if ((unsigned)id >= HAKMEM_SETTING_COUNT || (text == NULL && len != 0)) return HK_PARSE_NOT_INT;
  return (int)hk_parse(&hakmem_settings[id], text, len, out);
}
