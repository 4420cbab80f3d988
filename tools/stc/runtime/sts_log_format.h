/* ---- sts_log_format.h: console.log(first, ...rest) with a format string ----
 *
 * When the first argument of console.log is a string and more arguments
 * follow, Node prints util.format(first, ...rest). This is Node 20's
 * formatWithOptionsInternal (lib/internal/util/inspect.js) for the primitive
 * argument types of STS:
 *
 *   - `first` is scanned for '%' followed by a character; while arguments are
 *     left, %s %d %i %f %j %o %O %c each take the next one (%c prints
 *     nothing) and %% prints '%'; once they are used up only %% is still
 *     replaced. Any other character after '%' (and a '%' at the very end)
 *     stays as it is.
 *   - the arguments no specifier took follow, each after a space: strings raw,
 *     everything else as console.log prints it.
 *
 *   %s  strings raw, numbers as console.log (-0 is "-0"), bigints with "n"
 *   %d  Number(x): strings through StringToNumber, booleans 1/0, bigints "5n"
 *   %i  parseInt(x): numbers through String(x) (1e21 -> 1, -0.5 -> -0),
 *       booleans NaN, bigints "5n"
 *   %f  parseFloat(x): -0 -> 0, bigints as Number(x) (no "n"), booleans NaN
 *   %j  JSON.stringify(x): NaN/Infinity -> null, -0 -> 0, strings quoted with
 *       JSON escapes; a bigint throws "TypeError: Do not know how to serialize
 *       a BigInt" (here: sts_panic, before anything is printed, as in Node)
 *   %o %O  util.inspect(x): strings quoted and escaped like Node's strEscape,
 *       longer than 10000 UTF-16 units cut ("... N more characters"), longer
 *       than 76 units split after each '\n' into quoted pieces joined by
 *       " +\n  "; everything else as console.log prints it
 *
 * Strings are UTF-8; lengths that Node measures in UTF-16 code units are
 * counted as such. String-to-number conversions are exact (correctly rounded,
 * like V8), use no libc parsing, and need about 820 bytes of stack for the
 * digits of a decimal number.
 *
 * The compiler emits
 *   sts_log_format(first, (sts_logarg[]){sts_la_int(x), sts_la_str(s)}, 2);
 */

typedef struct {
  uint8_t tag;
  int64_t i;
  uint64_t u;
  double f;
  sts_str s;
} sts_logarg;

enum {
  STS_LA_INT = 0,     /* i: an integer-valued number, never -0 */
  STS_LA_F64 = 1,     /* f: any number */
  STS_LA_BIG_I64 = 2, /* i: a bigint */
  STS_LA_BIG_U64 = 3, /* u: a bigint */
  STS_LA_STR = 4,     /* s */
  STS_LA_BOOL = 5     /* i: 0/1 */
};

static inline sts_logarg sts__la_new(int tag) {
  sts_logarg a;
  a.tag = (uint8_t)tag;
  a.i = 0;
  a.u = 0;
  a.f = 0.0;
  a.s.p = "";
  a.s.n = 0;
  return a;
}
static inline sts_logarg sts_la_int(int64_t v) {
  sts_logarg a = sts__la_new(STS_LA_INT);
  a.i = v;
  return a;
}
static inline sts_logarg sts_la_f64(double v) {
  sts_logarg a = sts__la_new(STS_LA_F64);
  a.f = v;
  return a;
}
static inline sts_logarg sts_la_big_i64(int64_t v) {
  sts_logarg a = sts__la_new(STS_LA_BIG_I64);
  a.i = v;
  return a;
}
static inline sts_logarg sts_la_big_u64(uint64_t v) {
  sts_logarg a = sts__la_new(STS_LA_BIG_U64);
  a.u = v;
  return a;
}
static inline sts_logarg sts_la_str(sts_str v) {
  sts_logarg a = sts__la_new(STS_LA_STR);
  a.s = v;
  return a;
}
static inline sts_logarg sts_la_bool(int v) {
  sts_logarg a = sts__la_new(STS_LA_BOOL);
  a.i = v != 0;
  return a;
}

/* ---- small output helpers ---- */

static inline double sts__lf_nan(void) { return sts_f64_from_bits(0x7ff8000000000000ull); }
static inline double sts__lf_inf(int neg) {
  return sts_f64_from_bits(neg ? 0xfff0000000000000ull : 0x7ff0000000000000ull);
}

static inline void sts__lf_put(const unsigned char *p, const unsigned char *e) {
  if (e > p) sts_write((const char *)p, (size_t)(e - p));
}
static inline void sts__lf_cstr(const char *s) { sts_write(s, strlen(s)); }
static inline void sts__lf_num(double x) {
  char b[32];
  sts_write(b, sts_fmt_f64(b, x, 1));
}
static inline int sts__lf_is_num(const sts_logarg *a) {
  return a->tag == STS_LA_INT || a->tag == STS_LA_F64;
}
/* the number an INT or F64 argument holds */
static inline double sts__lf_numval(const sts_logarg *a) {
  return a->tag == STS_LA_INT ? sts_i64_to_f64(a->i) : a->f;
}
static inline int sts__lf_is_big(const sts_logarg *a) {
  return a->tag == STS_LA_BIG_I64 || a->tag == STS_LA_BIG_U64;
}
static inline void sts__lf_big(const sts_logarg *a) {
  if (a->tag == STS_LA_BIG_I64)
    sts_log_bigint_i64(a->i);
  else
    sts_log_bigint_u64(a->u);
}
/* what console.log prints for a number, bigint or boolean */
static inline void sts__lf_plain(const sts_logarg *a) {
  if (sts__lf_is_num(a))
    sts__lf_num(sts__lf_numval(a));
  else if (sts__lf_is_big(a))
    sts__lf_big(a);
  else if (a->tag == STS_LA_BOOL)
    sts_log_bool(a->i != 0);
  else
    sts_log_str(a->s);
}
static inline char sts__lf_hexdig(unsigned v, int upper) {
  v &= 15u;
  return (char)(v < 10u ? '0' + (int)v : (upper ? 'A' : 'a') + (int)v - 10);
}

/* ---- JS whitespace (StrWhiteSpaceChar: WhiteSpace and LineTerminator) ---- */

/* byte length of the whitespace character at p, 0 if there is none */
static inline size_t sts__lf_ws(const unsigned char *p, const unsigned char *e) {
  size_t r = (size_t)(e - p);
  unsigned c;
  if (r == 0) return 0;
  c = p[0];
  if (c == 0x20u || (c >= 0x09u && c <= 0x0du)) return 1;
  if (c == 0xc2u) return r >= 2 && p[1] == 0xa0u ? 2 : 0; /* U+00A0 */
  if (r < 3) return 0;
  if (c == 0xe1u) return p[1] == 0x9au && p[2] == 0x80u ? 3 : 0; /* U+1680 */
  if (c == 0xe2u) {
    if (p[1] == 0x80u) /* U+2000..U+200A, U+2028, U+2029, U+202F */
      return (p[2] >= 0x80u && p[2] <= 0x8au) || p[2] == 0xa8u || p[2] == 0xa9u || p[2] == 0xafu ? 3 : 0;
    return p[1] == 0x81u && p[2] == 0x9fu ? 3 : 0; /* U+205F */
  }
  if (c == 0xe3u) return p[1] == 0x80u && p[2] == 0x80u ? 3 : 0; /* U+3000 */
  if (c == 0xefu) return p[1] == 0xbbu && p[2] == 0xbfu ? 3 : 0; /* U+FEFF */
  return 0;
}
static inline const unsigned char *sts__lf_skip_ws(const unsigned char *p, const unsigned char *e) {
  size_t k;
  while ((k = sts__lf_ws(p, e)) != 0) p += k;
  return p;
}

/* ---- exact decimal to double ----
 * A decimal 0.d[0]d[1]...d[nd-1] * 10^dp with up to 800 digits (`trunc` marks
 * dropped non-zero digits), scaled by powers of two until its leading 53 bits
 * can be rounded (the "simple decimal conversion" of Go's strconv). 800
 * digits are more than the 767 that decide any rounding tie, so the result is
 * the correctly rounded double (ties to even), which is what V8 returns. */

#define STS__DEC_CAP 800
#define STS__DEC_MAXSHIFT 28 /* keeps the arithmetic in uint32_t */

typedef struct {
  uint8_t d[STS__DEC_CAP]; /* digit values 0..9 */
  int nd;
  int dp;
  int trunc;
} sts__dec;

static inline void sts__dec_trim(sts__dec *a) {
  while (a->nd > 0 && a->d[a->nd - 1] == 0) a->nd--;
}

/* a /= 2^k, 1 <= k <= 28 */
static inline void sts__dec_rshift(sts__dec *a, unsigned k) {
  int r = 0, w = 0;
  uint32_t n = 0, mask = ((uint32_t)1 << k) - 1u;
  for (; (n >> k) == 0; r++) {
    if (r >= a->nd) {
      if (n == 0) {
        a->nd = 0;
        return;
      }
      while ((n >> k) == 0) {
        n *= 10u;
        r++;
      }
      break;
    }
    n = n * 10u + a->d[r];
  }
  a->dp -= r - 1;
  for (; r < a->nd; r++) {
    uint32_t c = a->d[r];
    a->d[w++] = (uint8_t)(n >> k);
    n &= mask;
    n = n * 10u + c;
  }
  while (n > 0) {
    uint32_t dig = n >> k;
    n &= mask;
    if (w < STS__DEC_CAP)
      a->d[w++] = (uint8_t)dig;
    else if (dig > 0)
      a->trunc = 1;
    n *= 10u;
  }
  a->nd = w;
  sts__dec_trim(a);
}

/* a *= 2^k, 1 <= k <= 28 */
static inline void sts__dec_lshift(sts__dec *a, unsigned k) {
  int r, w, delta = 0;
  uint32_t n = 0;
  /* first pass: how many digits the product gains in front */
  for (r = a->nd - 1; r >= 0; r--) n = (((uint32_t)a->d[r] << k) + n) / 10u;
  while (n > 0) {
    delta++;
    n /= 10u;
  }
  w = a->nd + delta;
  for (r = a->nd - 1; r >= 0; r--) {
    uint32_t q;
    n += (uint32_t)a->d[r] << k;
    q = n / 10u;
    w--;
    if (w < STS__DEC_CAP)
      a->d[w] = (uint8_t)(n - 10u * q);
    else if (n - 10u * q != 0)
      a->trunc = 1;
    n = q;
  }
  while (n > 0) {
    uint32_t q = n / 10u;
    w--;
    a->d[w] = (uint8_t)(n - 10u * q); /* w < delta <= STS__DEC_CAP */
    n = q;
  }
  a->nd += delta;
  if (a->nd > STS__DEC_CAP) a->nd = STS__DEC_CAP;
  a->dp += delta;
  sts__dec_trim(a);
}

/* a *= 2^k (k > 0) or a /= 2^-k (k < 0) */
static inline void sts__dec_shift(sts__dec *a, int k) {
  if (a->nd == 0) return;
  while (k > STS__DEC_MAXSHIFT) {
    sts__dec_lshift(a, STS__DEC_MAXSHIFT);
    k -= STS__DEC_MAXSHIFT;
  }
  while (k < -STS__DEC_MAXSHIFT) {
    sts__dec_rshift(a, STS__DEC_MAXSHIFT);
    k += STS__DEC_MAXSHIFT;
  }
  if (k > 0) sts__dec_lshift(a, (unsigned)k);
  if (k < 0) sts__dec_rshift(a, (unsigned)-k);
}

/* the integer part of a (0 <= dp <= 20), rounded half to even on the rest */
static inline uint64_t sts__dec_rounded(const sts__dec *a) {
  uint64_t n = 0;
  int i, up;
  for (i = 0; i < a->dp && i < a->nd; i++) n = n * 10u + a->d[i];
  for (; i < a->dp; i++) n *= 10u;
  i = a->dp;
  if (i < 0 || i >= a->nd)
    up = 0;
  else if (a->d[i] == 5 && i + 1 == a->nd) /* exactly half, unless digits were dropped */
    up = a->trunc || (i > 0 && (a->d[i - 1] & 1));
  else
    up = a->d[i] >= 5;
  return n + (uint64_t)up;
}

static inline double sts__dec_to_f64(sts__dec *a, int neg) {
  static const uint8_t powtab[9] = {1, 3, 6, 9, 13, 16, 19, 23, 26};
  int exp = 0;
  uint64_t mant = 0, bits;
  if (a->nd == 0 || a->dp < -330) {
    exp = -1023; /* zero */
  } else if (a->dp > 310) {
    return sts__lf_inf(neg);
  } else {
    /* scale into [0.5, 1) */
    while (a->dp > 0) {
      int n = a->dp >= 9 ? 27 : powtab[a->dp];
      sts__dec_shift(a, -n);
      exp += n;
    }
    while (a->dp < 0 || (a->dp == 0 && a->d[0] < 5)) {
      int n = -a->dp >= 9 ? 27 : powtab[-a->dp];
      sts__dec_shift(a, n);
      exp -= n;
    }
    exp--; /* [1, 2) */
    if (exp < -1022) { /* subnormal */
      int n = -1022 - exp;
      sts__dec_shift(a, -n);
      exp += n;
    }
    if (exp > 1023) return sts__lf_inf(neg);
    sts__dec_shift(a, 53);
    mant = sts__dec_rounded(a);
    if (mant == ((uint64_t)1 << 53)) {
      mant >>= 1;
      exp++;
      if (exp > 1023) return sts__lf_inf(neg);
    }
    if (!(mant & ((uint64_t)1 << 52))) exp = -1023;
  }
  bits = (mant & 0x000FFFFFFFFFFFFFull) | ((uint64_t)(exp + 1023) << 52);
  if (neg) bits |= 0x8000000000000000ull;
  return sts_f64_from_bits(bits);
}

static inline void sts__dec_push(sts__dec *a, unsigned v) {
  if (a->nd < STS__DEC_CAP)
    a->d[a->nd++] = (uint8_t)v;
  else if (v != 0)
    a->trunc = 1;
}

static inline int sts__lf_isdig(const unsigned char *p, const unsigned char *e) {
  return p < e && *p >= '0' && *p <= '9';
}

/* Reads the longest StrUnsignedDecimalLiteral at p without "Infinity"
 * (digits [. digits] [e|E [+|-] digits], at least one digit in the mantissa;
 * with int_only, the digits alone) into *a. Returns the end, or NULL when no
 * digit is there. */
static inline const unsigned char *sts__lf_dec_read(const unsigned char *p, const unsigned char *e,
                                                    sts__dec *a, int int_only) {
  int64_t dp = 0;
  int any = 0;
  a->nd = 0;
  a->dp = 0;
  a->trunc = 0;
  for (; sts__lf_isdig(p, e); p++) {
    unsigned v = (unsigned)(*p - '0');
    any = 1;
    if (a->nd == 0 && v == 0) continue; /* leading zero */
    sts__dec_push(a, v);
    dp++;
  }
  if (!int_only && p < e && *p == '.') {
    const unsigned char *q = p + 1;
    for (; sts__lf_isdig(q, e); q++) {
      unsigned v = (unsigned)(*q - '0');
      any = 1;
      if (a->nd == 0 && v == 0) {
        dp--;
        continue;
      }
      sts__dec_push(a, v);
    }
    if (any) p = q;
  }
  if (!any) return NULL;
  if (!int_only && p < e && (*p == 'e' || *p == 'E')) {
    const unsigned char *q = p + 1;
    int eneg = 0;
    int64_t x = 0;
    if (q < e && (*q == '+' || *q == '-')) eneg = *q++ == '-';
    if (sts__lf_isdig(q, e)) {
      for (; sts__lf_isdig(q, e); q++)
        if (x < 1000000000) x = x * 10 + (*q - '0');
      dp += eneg ? -x : x;
      p = q;
    }
  }
  sts__dec_trim(a);
  if (dp > 100000) dp = 100000; /* far outside the double range either way */
  if (dp < -100000) dp = -100000;
  a->dp = (int)dp;
  return p;
}

/* value of a hex digit, 99 if none */
static inline unsigned sts__lf_hexval(unsigned c) {
  if (c >= '0' && c <= '9') return c - '0';
  c |= 0x20u;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10u;
  return 99;
}

/* The digits of radix 2^bits at *pp (advanced past them), correctly rounded
 * to a double as V8 does; *any tells whether there was a digit. */
static inline double sts__lf_pow2_int(const unsigned char **pp, const unsigned char *e, int bits, int *any) {
  const unsigned char *p = *pp;
  uint64_t m = 0;
  int ex = 0, sticky = 0, len = 0;
  *any = 0;
  for (; p < e; p++) {
    unsigned v = sts__lf_hexval(*p);
    if (v >= (1u << bits)) break;
    *any = 1;
    if (m < ((uint64_t)1 << 56)) {
      m = (m << bits) | v;
    } else {
      if (ex < 4096) ex += bits; /* beyond that it is Infinity anyway */
      sticky |= v != 0;
    }
  }
  *pp = p;
  while (len < 64 && (m >> len) != 0) len++;
  if (len > 53) {
    int sh = len - 53;
    uint64_t drop = m & (((uint64_t)1 << sh) - 1u), half = (uint64_t)1 << (sh - 1);
    m >>= sh;
    ex += sh;
    if (drop > half || (drop == half && (sticky || (m & 1u)))) m++;
    if (m >> 53) {
      m >>= 1;
      ex++;
    }
  }
  return ldexp((double)m, ex);
}

/* Number(s) (parse_float = 0) or parseFloat(s) (parse_float = 1) */
static inline double sts__lf_strtonum(sts_str s, int parse_float) {
  const unsigned char *p = (const unsigned char *)s.p, *e = p + s.n, *q;
  int neg = 0;
  double v;
  sts__dec d;
  p = sts__lf_skip_ws(p, e);
  if (p == e) return parse_float ? sts__lf_nan() : 0.0;
  if (!parse_float && e - p >= 2 && p[0] == '0') { /* 0x 0o 0b, no sign */
    unsigned c = p[1] | 0x20u;
    int bits = c == 'x' ? 4 : c == 'o' ? 3 : c == 'b' ? 1 : 0, any;
    if (bits != 0) {
      p += 2;
      v = sts__lf_pow2_int(&p, e, bits, &any);
      if (!any) return sts__lf_nan();
      return sts__lf_skip_ws(p, e) == e ? v : sts__lf_nan();
    }
  }
  if (*p == '+' || *p == '-') neg = *p++ == '-';
  if (e - p >= 8 && memcmp(p, "Infinity", 8) == 0) {
    v = sts__lf_inf(neg);
    p += 8;
  } else {
    q = sts__lf_dec_read(p, e, &d, 0);
    if (q == NULL) return sts__lf_nan();
    v = sts__dec_to_f64(&d, neg);
    p = q;
  }
  if (parse_float) return v;
  return sts__lf_skip_ws(p, e) == e ? v : sts__lf_nan();
}

/* parseInt(s) (radix 10, or 16 after 0x) */
static inline double sts__lf_parseint(const unsigned char *p, const unsigned char *e) {
  int neg = 0, any;
  double v;
  sts__dec d;
  p = sts__lf_skip_ws(p, e);
  if (p < e && (*p == '+' || *p == '-')) neg = *p++ == '-';
  if (e - p >= 2 && p[0] == '0' && (p[1] | 0x20u) == 'x') {
    p += 2;
    v = sts__lf_pow2_int(&p, e, 4, &any);
    if (!any) return sts__lf_nan();
  } else {
    if (sts__lf_dec_read(p, e, &d, 1) == NULL) return sts__lf_nan();
    v = sts__dec_to_f64(&d, 0);
  }
  return neg ? -v : v;
}

/* ---- JSON.stringify of a string ---- */
static inline void sts__lf_json_str(sts_str s) {
  const unsigned char *p = (const unsigned char *)s.p, *e = p + s.n, *run = p;
  sts_write("\"", 1);
  for (; p < e; p++) {
    unsigned c = *p;
    char u[6];
    if (c != '"' && c != '\\' && c >= 0x20u) continue;
    sts__lf_put(run, p);
    run = p + 1;
    u[0] = '\\';
    if (c == '"' || c == '\\') {
      u[1] = (char)c;
      sts_write(u, 2);
      continue;
    }
    u[1] = c == 8u ? 'b' : c == 9u ? 't' : c == 10u ? 'n' : c == 12u ? 'f' : c == 13u ? 'r' : 'u';
    if (u[1] != 'u') {
      sts_write(u, 2);
      continue;
    }
    u[2] = '0';
    u[3] = '0';
    u[4] = sts__lf_hexdig(c >> 4, 0);
    u[5] = sts__lf_hexdig(c, 0);
    sts_write(u, 6);
  }
  sts__lf_put(run, e);
  sts_write("\"", 1);
}

/* ---- util.inspect of a string ---- */

/* Node's strEscape of [p, e), plus a lone high surrogate `hi` at the end if
 * hi != 0 (where a cut split a pair). */
static inline void sts__lf_str_escape(const unsigned char *p, const unsigned char *e, unsigned hi) {
  const unsigned char *q, *run = p;
  int sq = 0, dq = 0, bt = 0, db = 0, esc_sq = 1;
  char quote = '\'', u[6];
  for (q = p; q < e; q++) {
    if (*q == '\'') sq = 1;
    if (*q == '"') dq = 1;
    if (*q == '`') bt = 1;
    if (*q == '$' && q + 1 < e && q[1] == '{') db = 1;
  }
  if (sq) {
    if (!dq)
      quote = '"';
    else if (!bt && !db)
      quote = '`';
    esc_sq = quote == '\'';
  }
  sts_write(&quote, 1);
  u[0] = '\\';
  for (q = p; q < e; q++) {
    unsigned c = *q;
    size_t n = 2;
    if (c == '\\' || (c == '\'' && esc_sq)) {
      u[1] = (char)c;
    } else if (c < 0x20u || c == 0x7fu || (c == 0xc2u && q + 1 < e && q[1] >= 0x80u && q[1] <= 0x9fu)) {
      u[1] = c == 8u ? 'b' : c == 9u ? 't' : c == 10u ? 'n' : c == 12u ? 'f' : c == 13u ? 'r' : 'x';
      if (u[1] == 'x') {
        if (c == 0xc2u) c = q[1]; /* U+0080..U+009F */
        u[2] = sts__lf_hexdig(c >> 4, 1);
        u[3] = sts__lf_hexdig(c, 1);
        n = 4;
      }
    } else {
      continue;
    }
    sts__lf_put(run, q);
    sts_write(u, n);
    if (*q == 0xc2u) q++;
    run = q + 1;
  }
  sts__lf_put(run, e);
  if (hi != 0) {
    u[1] = 'u';
    u[2] = sts__lf_hexdig(hi >> 12, 0);
    u[3] = sts__lf_hexdig(hi >> 8, 0);
    u[4] = sts__lf_hexdig(hi >> 4, 0);
    u[5] = sts__lf_hexdig(hi, 0);
    sts_write(u, 6);
  }
  sts_write(&quote, 1);
}

/* formatPrimitive for a string with Node's default options (maxStringLength
 * 10000, breakLength 80, compact 3, indentation 0) */
static inline void sts__lf_inspect_str(sts_str s) {
  const unsigned char *p = (const unsigned char *)s.p, *e = p + s.n, *q, *cut = e;
  uint32_t units = 0, total = 0;
  unsigned hi = 0;
  /* UTF-16 length; where the first 10000 units end */
  for (q = p; q < e; q++) {
    uint32_t w = (*q & 0xc0u) == 0x80u ? 0u : *q >= 0xf0u ? 2u : 1u;
    if (w != 0 && units + w > 10000u && cut == e) {
      cut = q;
      if (w == 2 && units == 9999u && e - q >= 4) { /* the cut splits a pair */
        uint32_t cp = ((uint32_t)(q[0] & 0x07u) << 18) | ((uint32_t)(q[1] & 0x3fu) << 12) |
                      ((uint32_t)(q[2] & 0x3fu) << 6) | (uint32_t)(q[3] & 0x3fu);
        hi = 0xd800u + ((cp - 0x10000u) >> 10);
      }
    }
    if (cut == e) units += w;
    total += w;
  }
  if (hi != 0) units++;
  if (units > 76u) { /* > kMinLineLength (16) and > breakLength - 4 */
    const unsigned char *start = p;
    int firstpiece = 1;
    for (q = p; q < cut; q++) {
      if (*q == '\n' && (q + 1 < cut || hi != 0)) {
        if (!firstpiece) sts__lf_cstr(" +\n  ");
        sts__lf_str_escape(start, q + 1, 0);
        firstpiece = 0;
        start = q + 1;
      }
    }
    if (start < cut || hi != 0) {
      if (!firstpiece) sts__lf_cstr(" +\n  ");
      sts__lf_str_escape(start, cut, hi);
    }
  } else {
    sts__lf_str_escape(p, cut, hi);
  }
  if (total > 10000u) {
    char b[24];
    uint32_t rem = total - 10000u;
    sts__lf_cstr("... ");
    sts_write(b, sts_fmt_u64(b, rem));
    sts__lf_cstr(rem > 1u ? " more characters" : " more character");
  }
}

/* ---- the specifiers ---- */

static inline void sts__lf_spec(char c, const sts_logarg *a) {
  double v;
  switch (c) {
    case 's':
      sts__lf_plain(a);
      return;
    case 'o':
    case 'O':
      if (a->tag == STS_LA_STR)
        sts__lf_inspect_str(a->s);
      else
        sts__lf_plain(a);
      return;
    case 'j':
      if (sts__lf_is_num(a)) {
        char b[32];
        v = sts__lf_numval(a);
        if (v - v != 0.0) /* NaN, +-Infinity */
          sts_write("null", 4);
        else
          sts_write(b, sts_fmt_f64(b, v, 0));
      } else if (a->tag == STS_LA_STR) {
        sts__lf_json_str(a->s);
      } else if (a->tag == STS_LA_BOOL) {
        sts_log_bool(a->i != 0);
      } else {
        sts_panic("", "TypeError: Do not know how to serialize a BigInt");
      }
      return;
    case 'c':
      return;
    default:
      break;
  }
  /* %d %i %f: a number */
  if (sts__lf_is_big(a)) {
    if (c != 'f') {
      sts__lf_big(a);
      return;
    }
    v = a->tag == STS_LA_BIG_I64 ? sts_i64_to_f64(a->i) : sts_u64_to_f64(a->u);
  } else if (a->tag == STS_LA_BOOL) {
    v = c == 'd' ? (a->i ? 1.0 : 0.0) : sts__lf_nan();
  } else if (a->tag == STS_LA_STR) {
    if (c == 'i')
      v = sts__lf_parseint((const unsigned char *)a->s.p, (const unsigned char *)a->s.p + a->s.n);
    else
      v = sts__lf_strtonum(a->s, c == 'f');
  } else {
    v = sts__lf_numval(a);
    if (c == 'f' && v == 0.0) {
      v = 0.0; /* parseFloat(String(-0)) */
    } else if (c == 'i') {
      char b[32];
      size_t n = sts_fmt_f64(b, v, 0); /* parseInt(String(v)) */
      v = sts__lf_parseint((const unsigned char *)b, (const unsigned char *)b + n);
    }
  }
  sts__lf_num(v);
}

/* One pass over the format. With emit = 0 nothing is printed and the result
 * tells whether a %j takes a bigint (Node throws before printing). */
static inline int sts__lf_scan(sts_str first, const sts_logarg *rest, uint32_t n, int emit) {
  const unsigned char *f = (const unsigned char *)first.p;
  uint32_t len = first.n, i, last = 0, a = 0;
  for (i = 0; i + 1 < len; i++) {
    unsigned char c;
    if (f[i] != '%') continue;
    c = f[++i];
    if (a != n) {
      switch (c) {
        case 's':
        case 'j':
        case 'd':
        case 'O':
        case 'o':
        case 'i':
        case 'f':
        case 'c':
          if (emit) {
            sts__lf_put(f + last, f + i - 1);
            sts__lf_spec((char)c, &rest[a]);
          } else if (c == 'j' && sts__lf_is_big(&rest[a])) {
            return 1;
          }
          a++;
          last = i + 1;
          break;
        case '%':
          if (emit) sts__lf_put(f + last, f + i);
          last = i + 1;
          break;
        default:
          break;
      }
    } else if (c == '%') {
      if (emit) sts__lf_put(f + last, f + i);
      last = i + 1;
    }
  }
  if (!emit) return 0;
  sts__lf_put(f + last, f + len);
  for (; a < n; a++) {
    sts_write(" ", 1);
    sts__lf_plain(&rest[a]);
  }
  sts_write("\n", 1);
  return 0;
}

/* console.log(first, ...rest): prints util.format(first, ...rest) and a newline */
static inline void sts_log_format(sts_str first, const sts_logarg *rest, uint32_t n) {
  if (n == 0) {
    sts_log_str(first);
    sts_log_end();
    return;
  }
  if (sts__lf_scan(first, rest, n, 0)) sts_panic("", "TypeError: Do not know how to serialize a BigInt");
  (void)sts__lf_scan(first, rest, n, 1);
}
