#include <stdbool.h>

/* generated functions a program never calls are not an error */
#if defined(__GNUC__)
#define STS_UNUSED __attribute__((unused))
#else
#define STS_UNUSED
#endif

/* sts_ops.h: small operations the compiler's output calls directly
 * (integer division and remainder as JS computes them through `| 0`,
 * integer min/max/abs, Error, unreachable). */

/* (a / b) | 0 on i32: b == 0 gives 0; INT32_MIN / -1 wraps to INT32_MIN */
static inline int32_t sts_div_i32(int32_t a, int32_t b) {
  if (b == 0) return 0;
  if (b == -1) return (int32_t)(0u - (uint32_t)a);
  return a / b;
}
static inline uint32_t sts_div_u32(uint32_t a, uint32_t b) { return b == 0 ? 0u : a / b; }
/* (a % b) | 0 on i32: b == 0 gives 0; x % -1 is 0 (C would overflow on INT32_MIN) */
static inline int32_t sts_rem_i32(int32_t a, int32_t b) { return (b == 0 || b == -1) ? 0 : a % b; }
static inline uint32_t sts_rem_u32(uint32_t a, uint32_t b) { return b == 0 ? 0u : a % b; }

static inline int64_t sts_abs_i64(int64_t x) { return x < 0 ? -x : x; }
static inline int64_t sts_min_i64(int64_t a, int64_t b) { return a < b ? a : b; }
static inline int64_t sts_max_i64(int64_t a, int64_t b) { return a > b ? a : b; }

static inline int sts_is_integer(double x) { return isfinite(x) && trunc(x) == x; }
static inline int sts_is_safe_integer(double x) { return sts_is_integer(x) && fabs(x) <= 9007199254740991.0; }

/* throw new Error(message): Node prints the error and exits with status 1 */
static inline STS_NORETURN void sts_throw(sts_str message, const char *loc) {
#ifdef STS_PORT_PANIC
  (void)message;
  sts_panic(loc, "Uncaught Error");
#else
  fflush(stdout);
  fprintf(stderr, "%s: Uncaught Error: %.*s\n", loc, (int)message.n, message.p);
  exit(1);
#endif
}

/* the end of a function TypeScript has proved always returns */
static inline STS_NORETURN void sts_unreachable(const char *loc) {
  sts_panic(loc, "reached the end of a function that returns a value");
}

/* i64 / i64 outside BigInt.asIntN(64, ...): MIN / -1 is 2^63 in JS, which no
 * i64 holds; a program error like an overflowing increment. */
static inline int64_t sts_i64_div_checked(int64_t a, int64_t b, const char *loc) {
#ifndef NDEBUG
  if (a == INT64_MIN && b == -1) sts_panic(loc, "i64 division overflow: the quotient 2^63 does not fit an i64");
#endif
  return sts_i64_div(a, b, loc);
}

/* a string | null joined or printed: null reads "null", as in JS */
static inline sts_str sts_str_or_null(sts_str s) { return s.p ? s : STS_STR("null"); }
