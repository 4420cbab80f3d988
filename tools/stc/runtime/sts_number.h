/* ---- sts_number.h: JavaScript Number semantics on doubles ---- */

static inline double sts_f64_from_bits(uint64_t b) {
  double d;
  memcpy(&d, &b, sizeof d);
  return d;
}
static inline uint64_t sts_f64_bits(double d) {
  uint64_t b;
  memcpy(&b, &d, sizeof b);
  return b;
}
static inline float sts_f32_from_bits(uint32_t b) {
  float f;
  memcpy(&f, &b, sizeof f);
  return f;
}
static inline uint32_t sts_f32_bits(float f) {
  uint32_t b;
  memcpy(&b, &f, sizeof b);
  return b;
}

/* ECMAScript ToUint32: NaN/Infinity -> 0, truncate, modulo 2^32.
 * Works on the bits, so it is exact for every double and never casts an
 * out-of-range double (which would be undefined behaviour in C). */
static inline uint32_t sts_touint32(double x) {
  uint64_t b = sts_f64_bits(x);
  int e = (int)((b >> 52) & 0x7ff);
  uint64_t m;
  uint32_t r;
  if (e < 1023 || e == 0x7ff) return 0; /* |x| < 1 (incl. 0, subnormals), NaN, Inf */
  m = (b & 0x000FFFFFFFFFFFFFull) | 0x0010000000000000ull;
  e -= 1075; /* |x| = m * 2^e, -52 <= e */
  if (e >= 32) return 0; /* a multiple of 2^32 */
  if (e >= 0)
    r = (uint32_t)(m << e); /* wraps mod 2^64; the low 32 bits are exact */
  else
    r = (uint32_t)(m >> -e);
  return (b >> 63) ? (uint32_t)(0u - r) : r;
}

/* two's-complement reinterpretation without implementation-defined casts */
static inline int32_t sts__u32_as_i32(uint32_t u) {
  return u < 0x80000000u ? (int32_t)u : (int32_t)(u - 0x80000000u) - (int32_t)0x7fffffff - 1;
}
static inline int64_t sts__u64_as_i64(uint64_t u) {
  return u < 0x8000000000000000ull ? (int64_t)u
                                   : (int64_t)(u - 0x8000000000000000ull) - INT64_MAX - 1;
}

/* ECMAScript ToInt32 */
static inline int32_t sts_toint32(double x) { return sts__u32_as_i32(sts_touint32(x)); }

/* Math.clz32 */
static inline int32_t sts_clz32(uint32_t x) {
#if defined(__GNUC__) || defined(__clang__)
  return x == 0 ? 32 : (int32_t)__builtin_clz(x);
#else
  int32_t n = 0;
  if (x == 0) return 32;
  while (!(x & 0x80000000u)) {
    x <<= 1;
    n++;
  }
  return n;
#endif
}

/* Math.min / Math.max of two numbers: NaN wins, min(-0, +0) = -0, max(-0, +0) = +0.
 * (Which NaN bits come out is not matched: V8's own result differs between
 * its interpreter and optimized code; these return the NaN operand.) */
static inline double sts_min(double a, double b) {
  if (a != a) return a;
  if (b != b) return b;
  if (a < b) return a;
  if (b < a) return b;
  return signbit(a) ? a : b; /* equal: only the sign of zero can differ */
}
static inline double sts_max(double a, double b) {
  if (a != a) return a;
  if (b != b) return b;
  if (a > b) return a;
  if (b > a) return b;
  return signbit(a) ? b : a;
}

/* Math.round: the nearest integer, ties toward +Infinity; -0 for x in [-0.5, -0]. */
static inline double sts_round(double x) {
  double r;
  if (!(fabs(x) < 4503599627370496.0)) return x; /* NaN, +-Inf, |x| >= 2^52: already integral */
  r = floor(x);
  /* x - r is the exact fractional part for x >= 0 and x <= -0.5; for x in
   * (-0.5, 0) it may round up to 0.5, which still gives the right -0 below. */
  if (x - r >= 0.5) r += 1.0;
  if (r == 0.0 && signbit(x)) return -0.0;
  return r;
}

/* Math.sign */
static inline double sts_sign(double x) {
  if (x > 0) return 1.0;
  if (x < 0) return -1.0;
  return x; /* NaN, +0, -0 */
}

/* JS truthiness of a number: 0, -0 and NaN are false. */
static inline int sts_truthy_f64(double x) { return x == x && x != 0.0; }

/* (a / b) | 0 for integers a, b with |a|, |b| <= 2^53: b == 0 -> 0, else the
 * truncated quotient (the caller still applies ToInt32 if the quotient may
 * leave the int32 range). */
static inline int64_t sts_div_toint(int64_t a, int64_t b) { return b == 0 ? 0 : a / b; }

/* (a % b) | 0 for integers: b == 0 -> 0. */
static inline int64_t sts_rem_toint(int64_t a, int64_t b) { return b == 0 ? 0 : a % b; }

/* JS % on doubles: fmod is exact and keeps the dividend's sign (also of zero). */
static inline double sts_rem_f64(double a, double b) { return fmod(a, b); }

/* ---- integers to decimal ---- */
static inline size_t sts_fmt_u64(char *buf, uint64_t x) {
  size_t n = sts__u64_dec(buf, x);
  buf[n] = '\0';
  return n;
}
static inline size_t sts_fmt_i64(char *buf, int64_t x) {
  size_t n = sts__i64_dec(buf, x);
  buf[n] = '\0';
  return n;
}

/* ---- Number::toString(10) ----
 *
 * The shortest digit string that reads back as the same double, choosing the
 * one closest to the exact value (ties: even digit), computed exactly with
 * small bignums. This is the algorithm of V8's bignum-dtoa.cc (shortest mode),
 * which is what V8 falls back to whenever its fast Grisu3 path is unsure, and
 * whose result Grisu3 reproduces when it succeeds; so the digits are V8's for
 * every double. No libc (snprintf/strtod) is used. Stack use: about 700 bytes.
 */

#define STS__BN_WORDS 40 /* 1280 bits: the largest value needed is below 2^1090 */

typedef struct {
  uint32_t w[STS__BN_WORDS]; /* little-endian base-2^32 digits */
  int n;                     /* words in use; w[n-1] != 0 unless n == 0 */
} sts__bn;

static inline void sts__bn_set_u64(sts__bn *a, uint64_t v) {
  a->n = 0;
  while (v != 0) {
    a->w[a->n++] = (uint32_t)v;
    v >>= 32;
  }
}

static inline void sts__bn_mul_u32(sts__bn *a, uint32_t m) {
  uint64_t carry = 0;
  int i;
  for (i = 0; i < a->n; i++) {
    uint64_t t = (uint64_t)a->w[i] * m + carry;
    a->w[i] = (uint32_t)t;
    carry = t >> 32;
  }
  if (carry != 0) a->w[a->n++] = (uint32_t)carry;
}

static inline void sts__bn_shl(sts__bn *a, int bits) {
  int words = bits / 32, s = bits % 32, i;
  if (a->n == 0 || bits == 0) return;
  if (s == 0) {
    for (i = a->n - 1; i >= 0; i--) a->w[i + words] = a->w[i];
  } else {
    a->w[a->n + words] = 0;
    for (i = a->n - 1; i >= 0; i--) {
      a->w[i + words + 1] |= a->w[i] >> (32 - s);
      a->w[i + words] = a->w[i] << s;
    }
  }
  for (i = 0; i < words; i++) a->w[i] = 0;
  a->n += words + 1;
  if (s == 0 || a->w[a->n - 1] == 0) a->n--;
}

/* a *= 10^k (k >= 0): multiply by 5^k in word-sized steps, then shift by k. */
static inline void sts__bn_mul_pow10(sts__bn *a, int k) {
  int r = k;
  while (r >= 13) {
    sts__bn_mul_u32(a, 1220703125u); /* 5^13 */
    r -= 13;
  }
  if (r > 0) {
    uint32_t p = 1;
    while (r-- > 0) p *= 5u;
    sts__bn_mul_u32(a, p);
  }
  sts__bn_shl(a, k);
}

static inline int sts__bn_cmp(const sts__bn *a, const sts__bn *b) {
  int i;
  if (a->n != b->n) return a->n < b->n ? -1 : 1;
  for (i = a->n - 1; i >= 0; i--)
    if (a->w[i] != b->w[i]) return a->w[i] < b->w[i] ? -1 : 1;
  return 0;
}

/* compare a + b with c */
static inline int sts__bn_plus_cmp(const sts__bn *a, const sts__bn *b, const sts__bn *c) {
  sts__bn s;
  uint64_t carry = 0;
  int n = a->n > b->n ? a->n : b->n, i;
  for (i = 0; i < n; i++) {
    uint64_t t = carry + (i < a->n ? a->w[i] : 0u) + (i < b->n ? b->w[i] : 0u);
    s.w[i] = (uint32_t)t;
    carry = t >> 32;
  }
  s.n = n;
  if (carry != 0) s.w[s.n++] = (uint32_t)carry;
  return sts__bn_cmp(&s, c);
}

/* a -= b, requires a >= b */
static inline void sts__bn_sub(sts__bn *a, const sts__bn *b) {
  int64_t borrow = 0;
  int i;
  for (i = 0; i < a->n; i++) {
    int64_t t = (int64_t)a->w[i] - (i < b->n ? (int64_t)b->w[i] : 0) - borrow;
    borrow = t < 0;
    a->w[i] = (uint32_t)(t + (borrow ? ((int64_t)1 << 32) : 0));
  }
  while (a->n > 0 && a->w[a->n - 1] == 0) a->n--;
}

/* digit = a / b (known to be < 10), a = a % b */
static inline int sts__bn_divmod_small(sts__bn *a, const sts__bn *b) {
  int d = 0;
  while (sts__bn_cmp(a, b) >= 0) {
    sts__bn_sub(a, b);
    d++;
  }
  return d;
}

/* Shortest digits of a finite v > 0: writes the digits (no terminator) and
 * sets *point so that v = 0.DIGITS * 10^point. Returns the digit count (<= 17). */
static inline int sts__dtoa_shortest(double v, char *digits, int *point) {
  uint64_t bits = sts_f64_bits(v);
  int bexp = (int)((bits >> 52) & 0x7ff);
  uint64_t f = bits & 0x000FFFFFFFFFFFFFull;
  int e, est, len = 0, is_even, lower_closer, ne, cmp;
  uint64_t nf;
  sts__bn num, den, dm, dp;

  if (bexp == 0) {
    e = -1074;
  } else {
    f |= 0x0010000000000000ull;
    e = bexp - 1075;
  }

  /* Fast path: integers below 2^53 print as their digits. */
  if (e <= 0 && e > -53 && (f & ((1ull << -e) - 1)) == 0) {
    uint64_t iv = f >> -e;
    int n = (int)sts__u64_dec(digits, iv);
    *point = n;
    while (n > 1 && digits[n - 1] == '0') n--;
    return n;
  }

  is_even = (f & 1) == 0;
  lower_closer = (bits & 0x000FFFFFFFFFFFFFull) == 0 && bexp > 1;

  /* estimated power of ten (V8's EstimatePower): correct or one too low */
  nf = f;
  ne = e;
  while (!(nf & 0x0010000000000000ull)) {
    nf <<= 1;
    ne--;
  }
  est = (int)ceil((ne + 53 - 1) * 0.30102999566398114 - 1e-10);

  /* v = num / den * 10^est, boundaries at (num -+ dm/dp) / den */
  if (e >= 0) {
    sts__bn_set_u64(&num, f);
    sts__bn_shl(&num, e + 1);
    sts__bn_set_u64(&den, 1);
    sts__bn_mul_pow10(&den, est);
    sts__bn_shl(&den, 1);
    sts__bn_set_u64(&dp, 1);
    sts__bn_shl(&dp, e);
    dm = dp;
  } else if (est >= 0) {
    sts__bn_set_u64(&num, f);
    sts__bn_shl(&num, 1);
    sts__bn_set_u64(&den, 1);
    sts__bn_mul_pow10(&den, est);
    sts__bn_shl(&den, -e + 1);
    sts__bn_set_u64(&dp, 1);
    dm = dp;
  } else {
    sts__bn_set_u64(&dp, 1);
    sts__bn_mul_pow10(&dp, -est);
    dm = dp;
    sts__bn_set_u64(&num, f);
    sts__bn_mul_pow10(&num, -est);
    sts__bn_shl(&num, 1);
    sts__bn_set_u64(&den, 1);
    sts__bn_shl(&den, -e + 1);
  }
  if (lower_closer) {
    sts__bn_shl(&den, 1);
    sts__bn_shl(&num, 1);
    sts__bn_shl(&dp, 1);
  }

  /* fix the estimate (V8's FixupMultiply10) */
  cmp = sts__bn_plus_cmp(&num, &dp, &den);
  if (is_even ? cmp >= 0 : cmp > 0) {
    *point = est + 1;
  } else {
    *point = est;
    sts__bn_mul_u32(&num, 10);
    sts__bn_mul_u32(&dm, 10);
    sts__bn_mul_u32(&dp, 10);
  }

  /* generate digits (V8's GenerateShortestDigits) */
  for (;;) {
    int d = sts__bn_divmod_small(&num, &den);
    int room_minus, room_plus;
    digits[len++] = (char)('0' + d);
    cmp = sts__bn_cmp(&num, &dm);
    room_minus = is_even ? cmp <= 0 : cmp < 0;
    cmp = sts__bn_plus_cmp(&num, &dp, &den);
    room_plus = is_even ? cmp >= 0 : cmp > 0;
    if (!room_minus && !room_plus) {
      sts__bn_mul_u32(&num, 10);
      sts__bn_mul_u32(&dm, 10);
      sts__bn_mul_u32(&dp, 10);
    } else if (room_minus && room_plus) {
      cmp = sts__bn_plus_cmp(&num, &num, &den);
      if (cmp > 0 || (cmp == 0 && ((digits[len - 1] - '0') & 1))) digits[len - 1]++;
      return len;
    } else {
      if (room_plus) digits[len - 1]++;
      return len;
    }
  }
}

/* Number to string exactly as V8 prints it (Number::toString(10)).
 * buf must hold at least 32 bytes; the result is NUL-terminated; returns the
 * length. negzero_sign = 1 prints -0 as "-0" (console.log), 0 as "0" (String). */
static inline size_t sts_fmt_f64(char *buf, double v, int negzero_sign) {
  char dg[20];
  int nd, point, i;
  size_t n = 0;
  if (v != v) {
    memcpy(buf, "NaN", 4);
    return 3;
  }
  if (v == 0.0) {
    if (negzero_sign && signbit(v)) {
      memcpy(buf, "-0", 3);
      return 2;
    }
    memcpy(buf, "0", 2);
    return 1;
  }
  if (v < 0) {
    buf[n++] = '-';
    v = -v;
  }
  if (v > DBL_MAX) {
    memcpy(buf + n, "Infinity", 9);
    return n + 8;
  }
  nd = sts__dtoa_shortest(v, dg, &point);
  if (nd <= point && point <= 21) {
    /* integer: digits then zeros */
    for (i = 0; i < nd; i++) buf[n++] = dg[i];
    for (i = nd; i < point; i++) buf[n++] = '0';
  } else if (0 < point && point <= 21) {
    for (i = 0; i < point; i++) buf[n++] = dg[i];
    buf[n++] = '.';
    for (i = point; i < nd; i++) buf[n++] = dg[i];
  } else if (point <= 0 && point > -6) {
    buf[n++] = '0';
    buf[n++] = '.';
    for (i = 0; i < -point; i++) buf[n++] = '0';
    for (i = 0; i < nd; i++) buf[n++] = dg[i];
  } else {
    int x = point - 1;
    buf[n++] = dg[0];
    if (nd > 1) {
      buf[n++] = '.';
      for (i = 1; i < nd; i++) buf[n++] = dg[i];
    }
    buf[n++] = 'e';
    buf[n++] = x >= 0 ? '+' : '-';
    n += sts__u64_dec(buf + n, (uint64_t)(x >= 0 ? x : -x));
  }
  buf[n] = '\0';
  return n;
}

