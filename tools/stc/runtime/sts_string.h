/* ---- sts_string.h: immutable UTF-8 strings (for messages) ----
 * A string is a pointer and a byte count, passed by value. Literals point at
 * static storage; results of concatenation and conversion live in the
 * current arena (see sts_arena.h). The bytes are not NUL-terminated in
 * general (runtime-made ones happen to be). */

typedef struct {
  const char *p;
  uint32_t n;
} sts_str;

#define STS_STR(lit) ((sts_str){(lit), (uint32_t)(sizeof(lit) - 1)})

static inline void *sts_alloc(size_t bytes); /* sts_arena.h */

/* a + b */
static inline sts_str sts_str_concat(sts_str a, sts_str b) {
  sts_str r;
  char *p;
  if (b.n == 0) return a;
  if (a.n == 0) return b;
  if ((uint64_t)a.n + b.n > 0xFFFFFFFEu) sts_panic("", "RangeError: Invalid string length");
  p = (char *)sts_alloc((size_t)a.n + b.n + 1);
  memcpy(p, a.p, a.n);
  memcpy(p + a.n, b.p, b.n);
  p[a.n + b.n] = '\0';
  r.p = p;
  r.n = a.n + b.n;
  return r;
}

static inline sts_str sts__str_copy(const char *s, size_t n) {
  sts_str r;
  char *p = (char *)sts_alloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  r.p = p;
  r.n = (uint32_t)n;
  return r;
}

/* String(x): -0 gives "0" */
static inline sts_str sts_str_from_f64(double x) {
  char buf[32];
  size_t n = sts_fmt_f64(buf, x, 0);
  if (n > sizeof buf) n = sizeof buf; /* a bound gcc can see (-Wstringop-overflow) */
  return sts__str_copy(buf, n);
}

static inline sts_str sts_str_from_i64(int64_t x) {
  char buf[24];
  size_t n = sts_fmt_i64(buf, x);
  if (n > sizeof buf) n = sizeof buf; /* a bound gcc can see (-Wstringop-overflow) */
  return sts__str_copy(buf, n);
}

static inline sts_str sts_str_from_u64(uint64_t x) {
  char buf[24];
  size_t n = sts_fmt_u64(buf, x);
  if (n > sizeof buf) n = sizeof buf; /* a bound gcc can see (-Wstringop-overflow) */
  return sts__str_copy(buf, n);
}

static inline sts_str sts_str_from_bool(int b) { return b ? STS_STR("true") : STS_STR("false"); }

/* a === b */
static inline int sts_str_eq(sts_str a, sts_str b) {
  return a.n == b.n && (a.n == 0 || a.p == b.p || memcmp(a.p, b.p, a.n) == 0);
}

