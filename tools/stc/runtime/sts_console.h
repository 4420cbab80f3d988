/* ---- sts_console.h: console.log of primitive arguments ----
 * console.log(a, b) becomes  sts_log_X(a); sts_log_sep(); sts_log_Y(b); sts_log_end();
 * Each piece prints what Node prints for that argument. */

static inline void sts_log_f64(double x) {
  char buf[32];
  sts_write(buf, sts_fmt_f64(buf, x, 1));
}
static inline void sts_log_i64(int64_t x) {
  char buf[24];
  sts_write(buf, sts_fmt_i64(buf, x));
}
static inline void sts_log_u64(uint64_t x) {
  char buf[24];
  sts_write(buf, sts_fmt_u64(buf, x));
}
static inline void sts_log_bigint_i64(int64_t x) {
  char buf[24];
  size_t n = sts_fmt_i64(buf, x);
  buf[n++] = 'n';
  sts_write(buf, n);
}
static inline void sts_log_bigint_u64(uint64_t x) {
  char buf[24];
  size_t n = sts_fmt_u64(buf, x);
  buf[n++] = 'n';
  sts_write(buf, n);
}
static inline void sts_log_bool(int b) {
  if (b)
    sts_write("true", 4);
  else
    sts_write("false", 5);
}
static inline void sts_log_str(sts_str s) { sts_write(s.p, s.n); }
static inline void sts_log_sep(void) { sts_write(" ", 1); }
static inline void sts_log_end(void) { sts_write("\n", 1); }
