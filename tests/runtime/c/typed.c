/* Typed-array operations, one per input line:
 *   K new N                       print a fresh K of length N (a[i] = 3i+1)
 *   K sub N b e                   r = a.subarray(b, e); print r; r[0] = 99; print a
 *   K slice N b e                 r = a.slice(b, e); print r; r[0] = 99; print a
 *   K fill N v b e                a.fill(v, b, e); print a
 *   K set N M off                 a.set(src (M elements 100+i), off); print a
 *   K setov N db sb se off        a.subarray(db).set(a.subarray(sb, se), off); print a
 *   K cw N t s e                  a.copyWithin(t, s, e); print a
 *   K view BUFLEN off len         a view on a buffer whose bytes are 0,1,2,..; print it
 *   K of N                        K.of(3i+1 ...) ; print
 * Elements print like Array.prototype.join(","); "--" ends each command. */
#include "sts_runtime.h"
#include <inttypes.h>

static void p_f(double x) {
  char buf[32];
  sts_fmt_f64(buf, x, 0);
  fputs(buf, stdout);
}
static void p_i(int64_t x) { printf("%" PRId64, x); }
static void p_u(uint64_t x) { printf("%" PRIu64, x); }

#define DRIVER(K, E, PRINT)                                                              \
  static void print_##K(sts_##K a) {                                                     \
    uint32_t i;                                                                          \
    for (i = 0; i < a.length; i++) {                                                     \
      if (i) putchar(',');                                                               \
      PRINT(a.data[i]);                                                                  \
    }                                                                                    \
    putchar('\n');                                                                       \
  }                                                                                      \
  static sts_##K make_##K(int64_t n, int base, int step) {                               \
    sts_##K a = sts_##K##_new(n, "make");                                                \
    uint32_t i;                                                                          \
    for (i = 0; i < a.length; i++) a.data[i] = (E)(base + step * (int)i);                \
    return a;                                                                            \
  }                                                                                      \
  static void run_##K(const char *op, int64_t *v) {                                      \
    sts_##K a = make_##K(v[0], 1, 3);                                                    \
    if (!strcmp(op, "new")) {                                                            \
      print_##K(sts_##K##_new(v[0], "new"));                                             \
    } else if (!strcmp(op, "of")) {                                                      \
      print_##K(sts_##K##_of(a.data, a.length));                                         \
    } else if (!strcmp(op, "sub")) {                                                     \
      sts_##K r = sts_##K##_subarray(a, v[1], v[2]);                                     \
      print_##K(r);                                                                      \
      if (r.length > 0) r.data[0] = (E)99;                                               \
      print_##K(a);                                                                      \
    } else if (!strcmp(op, "slice")) {                                                   \
      sts_##K r = sts_##K##_slice(a, v[1], v[2]);                                        \
      print_##K(r);                                                                      \
      if (r.length > 0) r.data[0] = (E)99;                                               \
      print_##K(a);                                                                      \
    } else if (!strcmp(op, "fill")) {                                                    \
      sts_##K##_fill(a, (E)v[1], v[2], v[3]);                                            \
      print_##K(a);                                                                      \
    } else if (!strcmp(op, "set")) {                                                     \
      sts_##K##_set(a, make_##K(v[1], 100, 1), v[2], "set");                             \
      print_##K(a);                                                                      \
    } else if (!strcmp(op, "setov")) {                                                   \
      sts_##K##_set(sts_##K##_subarray(a, v[1], a.length), sts_##K##_subarray(a, v[2], v[3]), \
                    v[4], "setov");                                                      \
      print_##K(a);                                                                      \
    } else if (!strcmp(op, "cw")) {                                                      \
      sts_##K##_copyWithin(a, v[1], v[2], v[3]);                                         \
      print_##K(a);                                                                      \
    } else if (!strcmp(op, "view")) {                                                    \
      sts_ArrayBuffer b = sts_ArrayBuffer_new(v[0], "buf");                              \
      uint32_t i;                                                                        \
      sts_##K w;                                                                         \
      for (i = 0; i < b.length; i++) b.data[i] = (uint8_t)i;                             \
      w = sts_##K##_view(b, v[1], v[2], "view");                                         \
      print_##K(w);                                                                      \
      if (w.length > 0) w.data[0] = (E)0;                                                \
      for (i = 0; i < b.length; i++) printf("%s%u", i ? "," : "", b.data[i]);            \
      putchar('\n');                                                                     \
    } else {                                                                             \
      printf("unknown op %s\n", op);                                                     \
    }                                                                                    \
  }

DRIVER(Int8Array, int8_t, p_i)
DRIVER(Uint8Array, uint8_t, p_u)
DRIVER(Int16Array, int16_t, p_i)
DRIVER(Uint16Array, uint16_t, p_u)
DRIVER(Int32Array, int32_t, p_i)
DRIVER(Uint32Array, uint32_t, p_u)
DRIVER(Float32Array, float, p_f)
DRIVER(Float64Array, double, p_f)
DRIVER(BigInt64Array, int64_t, p_i)
DRIVER(BigUint64Array, uint64_t, p_u)

int main(void) {
  char line[512];
  while (fgets(line, sizeof line, stdin) != NULL) {
    char kind[32], op[32];
    int64_t v[6] = {0, 0, 0, 0, 0, 0};
    long long t[6] = {0, 0, 0, 0, 0, 0};
    int i;
    if (sscanf(line, "%31s %31s %lld %lld %lld %lld %lld %lld", kind, op, &t[0], &t[1], &t[2], &t[3],
               &t[4], &t[5]) < 3)
      continue;
    for (i = 0; i < 6; i++) v[i] = (int64_t)t[i];
#define CASE(K) else if (!strcmp(kind, #K)) run_##K(op, v)
    if (0) {
    }
    CASE(Int8Array);
    CASE(Uint8Array);
    CASE(Int16Array);
    CASE(Uint16Array);
    CASE(Int32Array);
    CASE(Uint32Array);
    CASE(Float32Array);
    CASE(Float64Array);
    CASE(BigInt64Array);
    CASE(BigUint64Array);
    else printf("unknown kind %s\n", kind);
    printf("--\n");
    sts_arena_free(NULL);
  }
  return 0;
}
