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

/* ---- decimal to double, correctly rounded ------------------------------------------
 *
 * Without strtod: it is locale-dependent and may allocate for long inputs, and this runs
 * inside malloc. Round-to-nearest-even, exactly as strtod: Clinger's fast path when the
 * digits and the power of ten are both exact doubles; otherwise a first guess within a
 * few ULPs, then exact comparisons of the decimal value with the halfway points around
 * the guess, in fixed-size big integers on the stack. 800 significant digits are kept
 * (767 decide any double); further nonzero digits leave a sticky digit behind. */

#define HK_BIG_LIMBS 160 /* 5120 bits: 800 digits times 10^1130 fit with room to spare */
#define HK_MAX_SIG_DIGITS 800

struct hk_big {
  uint32_t limb[HK_BIG_LIMBS]; /* little-endian */
  size_t len;                  /* limbs in use; 0 is the number 0 */
};

static void big_mul_add(struct hk_big *b, uint32_t mul, uint32_t add) {
  uint64_t carry = add;
  for (size_t k = 0; k < b->len; ++k) {
    uint64_t t = (uint64_t)b->limb[k] * mul + carry;
    b->limb[k] = (uint32_t)t;
    carry = t >> 32;
  }
  if (carry && b->len < HK_BIG_LIMBS) b->limb[b->len++] = (uint32_t)carry;
}

static void big_mul_pow5(struct hk_big *b, long e) {
  for (; e >= 13; e -= 13) big_mul_add(b, 1220703125u, 0); /* 5^13 */
  uint32_t rest = 1;
  for (; e > 0; --e) rest *= 5;
  big_mul_add(b, rest, 0);
}

static void big_shl(struct hk_big *b, long bits) {
  if (b->len == 0 || bits <= 0) return;
  size_t words = (size_t)bits / 32, shift = (size_t)bits % 32;
  if (b->len + words + 1 > HK_BIG_LIMBS) words = HK_BIG_LIMBS - b->len - 1; /* unreachable by the bounds above */
  b->limb[b->len] = 0;
  for (size_t k = b->len + 1; k-- > 0;) {
    uint32_t hi = b->limb[k] << shift, lo = shift && k ? b->limb[k - 1] >> (32 - shift) : 0;
    b->limb[k + words] = hi | lo;
  }
  for (size_t k = 0; k < words; ++k) b->limb[k] = 0;
  b->len += words + 1;
  while (b->len && b->limb[b->len - 1] == 0) --b->len;
}

static int big_cmp(const struct hk_big *a, const struct hk_big *b) {
  if (a->len != b->len) return a->len < b->len ? -1 : 1;
  for (size_t k = a->len; k-- > 0;)
    if (a->limb[k] != b->limb[k]) return a->limb[k] < b->limb[k] ? -1 : 1;
  return 0;
}

static double bits_to_double(uint64_t bits) {
  double d;
  memcpy(&d, &bits, sizeof d);
  return d;
}

static uint64_t double_to_bits(double d) {
  uint64_t bits;
  memcpy(&bits, &d, sizeof bits);
  return bits;
}

/* Sign of (digits * 10^exp10) - (the point halfway between positive double `bits` and
 * the next one up). */
static int cmp_with_halfway_up(const struct hk_big *digits, long exp10, uint64_t bits) {
  uint64_t biased = bits >> 52, frac = bits & ((UINT64_C(1) << 52) - 1);
  uint64_t m = biased ? frac | (UINT64_C(1) << 52) : frac;
  long k = biased ? (long)biased - 1075 : -1074;
  /* halfway = (2m + 1) * 2^(k - 1) */
  struct hk_big lhs = *digits, rhs;
  uint64_t h = 2 * m + 1;
  rhs.len = 0;
  rhs.limb[0] = (uint32_t)h;
  rhs.limb[1] = (uint32_t)(h >> 32);
  rhs.len = rhs.limb[1] ? 2 : 1;
  if (exp10 >= 0) {
    big_mul_pow5(&lhs, exp10);
    big_shl(&lhs, exp10);
  } else {
    big_mul_pow5(&rhs, -exp10);
    big_shl(&rhs, -exp10);
  }
  if (k - 1 >= 0) big_shl(&rhs, k - 1);
  else big_shl(&lhs, -(k - 1));
  return big_cmp(&lhs, &rhs);
}

/* The double nearest to digits * 10^exp10 (positive), starting from `guess`; ties to
 * even. Returns false when it rounds past the largest double. */
static bool refine(const struct hk_big *digits, long exp10, double guess, double *out) {
  const uint64_t max_bits = UINT64_C(0x7fefffffffffffff);
  uint64_t b = double_to_bits(guess);
  if (b > max_bits) b = max_bits;
  for (;;) {
    int up = cmp_with_halfway_up(digits, exp10, b);
    if (up > 0 || (up == 0 && (b & 1))) { /* above the halfway point, or a tie to the even neighbour */
      if (b == max_bits) return false;
      ++b;
      if (up == 0) break;
      continue;
    }
    if (b == 0) break;
    int down = cmp_with_halfway_up(digits, exp10, b - 1);
    if (down < 0 || (down == 0 && (b & 1))) {
      --b;
      if (down == 0) break;
      continue;
    }
    break;
  }
  *out = bits_to_double(b);
  return true;
}

static const double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* Within a few ULPs of mant * 10^exp10 (mant < 10^19), for refine() to start from. */
static double first_guess(uint64_t mant, long exp10) {
  double v = (double)mant;
  for (long e = exp10; e > 0; e -= 22) v *= kPow10[e > 22 ? 22 : e];
  for (long e = exp10; e < 0; e += 22) v /= kPow10[-e > 22 ? 22 : -e];
  return v;
}

static enum hakmem_parse_status parse_float(const char *p, size_t n, union hakmem_value *out) {
  size_t i = 0;
  bool neg = false;
  if (i < n && (p[i] == '-' || p[i] == '+')) neg = p[i++] == '-';
  struct hk_big digits = {.len = 0};
  uint64_t head = 0; /* the first 19 significant digits, for the fast path and the guess */
  long head_exp = 0; /* head * 10^head_exp approximates the value */
  int sig = 0;
  long exp10 = 0;  /* digits * 10^exp10 is the value, before the exponent part */
  bool sticky = false;
  size_t int_digits = 0, frac_digits = 0;
  for (bool frac = false;; ++i) {
    if (i < n && p[i] == '.' && !frac) {
      frac = true;
      continue;
    }
    if (i == n || !is_digit(p[i])) break;
    if (frac) ++frac_digits;
    else ++int_digits;
    unsigned d = (unsigned)(p[i] - '0');
    if (sig == 0 && d == 0) { /* leading zero */
      if (frac) --exp10, --head_exp;
      continue;
    }
    if (sig < HK_MAX_SIG_DIGITS) {
      big_mul_add(&digits, 10, d);
      if (frac) --exp10;
      if (sig < 19) {
        head = head * 10 + d;
        if (frac) --head_exp;
      } else if (!frac) {
        ++head_exp;
      }
      ++sig;
    } else {
      if (d) sticky = true;
      if (!frac) ++exp10, ++head_exp;
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
    head_exp += eneg ? -e : e;
  }
  if (i != n) return HK_PARSE_NOT_FLOAT;
  double v = 0.0;
  if (sig > 0) {
    long magnitude = exp10 + (long)sig - 1; /* the value is in [10^magnitude, 10^(magnitude+1)) */
    if (magnitude > 308) return HK_PARSE_OVERFLOW;
    if (magnitude >= -330) {
      if (sticky) { /* a nonzero digit past the kept ones: only "a little more" matters */
        big_mul_add(&digits, 10, 1);
        --exp10;
      }
      if (!sticky && sig <= 19 && head < (UINT64_C(1) << 53) && exp10 >= -22 && exp10 <= 22) {
        v = exp10 >= 0 ? (double)head * kPow10[exp10] : (double)head / kPow10[-exp10]; /* Clinger: one rounding */
      } else if (!refine(&digits, exp10, first_guess(head, head_exp), &v)) {
        return HK_PARSE_OVERFLOW;
      }
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
