/* ---- sts_bigint.h: JS BigInt semantics for values held in int64_t/uint64_t ----
 * The compiler wraps bigint arithmetic with BigInt.asIntN/asUintN(64, ...),
 * so + - * are plain wrapping uint64 arithmetic; these helpers cover the
 * operations where C and JS differ. */

/* a / b (truncating). b == 0 throws in JS: panic. INT64_MIN / -1 gives
 * INT64_MIN, which is 2^63 wrapped to 64 bits. */
static inline int64_t sts_i64_div(int64_t a, int64_t b, const char *loc) {
  if (b == 0) sts_panic(loc, "RangeError: Division by zero");
  if (b == -1) return sts__u64_as_i64((uint64_t)0 - (uint64_t)a);
  return a / b;
}

/* a % b (sign of the dividend). INT64_MIN % -1 is 0. */
static inline int64_t sts_i64_rem(int64_t a, int64_t b, const char *loc) {
  if (b == 0) sts_panic(loc, "RangeError: Division by zero");
  if (b == -1) return 0;
  return a % b;
}

static inline uint64_t sts_u64_div(uint64_t a, uint64_t b, const char *loc) {
  if (b == 0) sts_panic(loc, "RangeError: Division by zero");
  return a / b;
}

static inline uint64_t sts_u64_rem(uint64_t a, uint64_t b, const char *loc) {
  if (b == 0) sts_panic(loc, "RangeError: Division by zero");
  return a % b;
}

/* x << n wrapped to 64 bits */
static inline uint64_t sts_shl64(uint64_t x, uint64_t n) { return n >= 64 ? 0 : x << n; }

/* x >> n for a signed value (arithmetic, rounds toward -Infinity) */
static inline int64_t sts_sar64(int64_t x, uint64_t n) {
  if (n >= 64) return x < 0 ? -1 : 0;
  if (x >= 0) return (int64_t)((uint64_t)x >> n);
  /* floor(x / 2^n) for x < 0, without relying on >> of negative values */
  return -1 - (int64_t)((uint64_t)(-1 - x) >> n);
}

/* x >> n for an unsigned value */
static inline uint64_t sts_shr64(uint64_t x, uint64_t n) { return n >= 64 ? 0 : x >> n; }

/* BigInt.asUintN(n, x) and BigInt.asIntN(n, x) for 0 <= n <= 64, x mod 2^64 */
static inline uint64_t sts_asuintn(uint64_t x, int n) {
  if (n <= 0) return 0;
  if (n >= 64) return x;
  return x & (((uint64_t)1 << n) - 1);
}
static inline int64_t sts_asintn(uint64_t x, int n) {
  uint64_t m;
  if (n <= 0) return 0;
  if (n >= 64) return sts__u64_as_i64(x);
  m = (uint64_t)1 << (n - 1);
  x &= (m << 1) - 1;
  return sts__u64_as_i64((x ^ m) - m); /* sign-extend bit n-1 */
}

/* compare a signed with an unsigned value: -1, 0, 1 */
static inline int sts_cmp_i64_u64(int64_t a, uint64_t b) {
  if (a < 0) return -1;
  if ((uint64_t)a < b) return -1;
  return (uint64_t)a > b ? 1 : 0;
}

/* Number(x): round to nearest, ties to even. The C conversions do exactly
 * that (x86-64 cvtsi2sd and gcc's unsigned sequence; libgcc's soft-float
 * __aeabi_l2d/__aeabi_ul2d on ARM); the tests check them against V8. */
static inline double sts_i64_to_f64(int64_t x) { return (double)x; }
static inline double sts_u64_to_f64(uint64_t x) { return (double)x; }

