/* ---- sts_base.h: includes, target checks, output, panics, debug checks ----
 *
 * Everything in this runtime is `static inline` (or a macro), so a program
 * that uses only part of it compiles without "defined but not used"
 * warnings. The only non-const globals are the arena pointers in
 * sts_arena.h.
 *
 * Port hooks (define before the runtime):
 *   STS_PORT_WRITE  -> output goes to  void sts_port_write(const char *p, size_t n);
 *   STS_PORT_PANIC  -> panics go to    void sts_port_panic(const char *loc, const char *msg);
 *                      (it should not return; if it does, the runtime spins forever)
 *   STS_PORT_ALLOC  -> arena chunks come from void *sts_port_malloc(size_t);
 *                      and go back with void sts_port_free(void *);
 * With both STS_PORT_WRITE and STS_PORT_PANIC defined, <stdio.h> is not
 * included at all: sts_write and sts_panic below are the only users of stdio.
 *
 * Debug checks follow assert(): they are on unless NDEBUG is defined.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <math.h>
#include <stdlib.h>
#include <float.h>
#if !defined(STS_PORT_WRITE) || !defined(STS_PORT_PANIC)
#include <stdio.h>
#endif

/* The runtime (DataView, typed arrays over an ArrayBuffer, bit casts)
 * assumes a little-endian target, like every target WebAssembly runs on. */
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__)
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the sts runtime needs a little-endian target"
#endif
#elif defined(__BIG_ENDIAN__) || defined(__ARMEB__) || defined(__THUMBEB__) || \
    defined(__MIPSEB__) || defined(__XTENSA_EB__) || defined(_BIG_ENDIAN)
#error "the sts runtime needs a little-endian target"
#endif

/* C99 compile-time assertion (file scope; typedefs are never "unused"). */
#define STS_STATIC_ASSERT(cond, name) typedef char sts_static_assert_##name[(cond) ? 1 : -1]
STS_STATIC_ASSERT(sizeof(double) == 8 && sizeof(float) == 4, ieee754_sizes);
STS_STATIC_ASSERT(FLT_RADIX == 2 && DBL_MANT_DIG == 53 && FLT_MANT_DIG == 24, ieee754_formats);
STS_STATIC_ASSERT((-1 & 3) == 3, twos_complement);

#if defined(__GNUC__) || defined(__clang__)
#define STS_NORETURN __attribute__((noreturn))
#define STS_UNLIKELY(x) __builtin_expect(!!(x), 0)
/* small helpers on hot paths (typed-array views, DataView access): inlined
 * even into a very large caller such as an interpreter loop */
#define STS_HOT_INLINE static inline __attribute__((always_inline))
#else
#define STS_NORETURN
#define STS_UNLIKELY(x) (x)
#define STS_HOT_INLINE static inline
#endif

/* ---- output ---- */
#ifdef STS_PORT_WRITE
void sts_port_write(const char *p, size_t n);
static inline void sts_write(const char *p, size_t n) { sts_port_write(p, n); }
#else
static inline void sts_write(const char *p, size_t n) {
  if (n > 0) fwrite(p, 1, n, stdout);
}
#endif

/* ---- panics: "loc: msg" and abort ---- */
#ifdef STS_PORT_PANIC
void sts_port_panic(const char *loc, const char *msg);
static inline STS_NORETURN void sts_panic(const char *loc, const char *msg) {
  sts_port_panic(loc, msg);
  for (;;) {
  }
}
#else
static inline STS_NORETURN void sts_panic(const char *loc, const char *msg) {
  fflush(stdout);
  if (loc != NULL && loc[0] != '\0') {
    fputs(loc, stderr);
    fputs(": ", stderr);
  }
  fputs(msg, stderr);
  fputc('\n', stderr);
  fflush(stderr);
  abort();
}
#endif

/* ---- small helpers used to build panic messages (no stdio) ---- */

/* Decimal digits of x into buf (no terminator); returns the count (<= 20). */
static inline size_t sts__u64_dec(char *buf, uint64_t x) {
  char tmp[20];
  size_t n = 0, i;
  do {
    tmp[n++] = (char)('0' + (int)(x % 10u));
    x /= 10u;
  } while (x != 0);
  for (i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
  return n;
}

/* Decimal of a signed value (no terminator); returns the count (<= 20). */
static inline size_t sts__i64_dec(char *buf, int64_t x) {
  if (x < 0) {
    buf[0] = '-';
    /* 0 - (uint64_t)x is exact for INT64_MIN too */
    return 1 + sts__u64_dec(buf + 1, (uint64_t)0 - (uint64_t)x);
  }
  return sts__u64_dec(buf, (uint64_t)x);
}

typedef struct {
  char buf[200];
  size_t n;
} sts__msg;

static inline void sts__msg_s(sts__msg *m, const char *s) {
  while (*s != '\0' && m->n < sizeof(m->buf) - 1) m->buf[m->n++] = *s++;
  m->buf[m->n] = '\0';
}

static inline void sts__msg_i(sts__msg *m, int64_t v) {
  char tmp[24];
  size_t k = sts__i64_dec(tmp, v);
  tmp[k] = '\0';
  sts__msg_s(m, tmp);
}

/* ---- debug checks ---- */

/* Index check: 0 <= i < len, else panic "index <i> out of range for length <len>".
 * STS_IDX evaluates i once and yields the index as uint32_t; with NDEBUG it
 * is only the cast. */
static inline uint32_t sts_idx(int64_t i, uint32_t len, const char *loc) {
  if (STS_UNLIKELY(i < 0 || i >= (int64_t)len)) {
    sts__msg m;
    m.n = 0;
    sts__msg_s(&m, "index ");
    sts__msg_i(&m, i);
    sts__msg_s(&m, " out of range for length ");
    sts__msg_i(&m, (int64_t)len);
    sts_panic(loc, m.buf);
  }
  return (uint32_t)i;
}

#ifdef NDEBUG
/* release: the index as it is (in range by the program's contract), so the
 * C compiler can fold `a[i + 1]` into one addressing mode */
#define STS_IDX(i, len, loc) (i)
#else
#define STS_IDX(i, len, loc) sts_idx((int64_t)(i), (len), (loc))
#endif

/* Range check for `++`/`--`/`+=`/`-=` on integer variables: returns v;
 * debug builds panic "integer <v> out of range [lo, hi]" when v is outside. */
static inline int64_t sts_check_int_range(int64_t v, int64_t lo, int64_t hi, const char *loc) {
#ifndef NDEBUG
  if (STS_UNLIKELY(v < lo || v > hi)) {
    sts__msg m;
    m.n = 0;
    sts__msg_s(&m, "integer ");
    sts__msg_i(&m, v);
    sts__msg_s(&m, " out of range [");
    sts__msg_i(&m, lo);
    sts__msg_s(&m, ", ");
    sts__msg_i(&m, hi);
    sts__msg_s(&m, "]");
    sts_panic(loc, m.buf);
  }
#else
  (void)lo;
  (void)hi;
  (void)loc;
#endif
  return v;
}

