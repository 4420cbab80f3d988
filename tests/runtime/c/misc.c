/* Arenas, arrays, strings and console.log; argv[1] picks the section. */
#include "sts_runtime.h"
#include <inttypes.h>

#define CHECK(c)                                                   \
  do {                                                             \
    if (!(c)) {                                                    \
      printf("FAIL line %d: %s\n", __LINE__, #c);                  \
      return 1;                                                    \
    }                                                              \
  } while (0)

static int all_zero(const void *p, size_t n) {
  const unsigned char *b = (const unsigned char *)p;
  size_t i;
  for (i = 0; i < n; i++)
    if (b[i] != 0) return 0;
  return 1;
}

static int arena(void) {
  size_t i, before;
  sts_arena *a, *prev;
  char *p, *q, *r;
  /* alignment and zeroing, also after a free and reuse */
  for (i = 0; i < 200; i++) {
    p = (char *)sts_alloc(i);
    CHECK(((uintptr_t)p & 7u) == 0);
    CHECK(all_zero(p, i));
    memset(p, 0xAB, i);
  }
  sts_arena_free(NULL);
  CHECK(sts_arena_used(NULL) == 0);
  for (i = 0; i < 200; i++) {
    p = (char *)sts_alloc(i);
    CHECK(((uintptr_t)p & 7u) == 0 && all_zero(p, i));
  }
  sts_arena_free(NULL);
  /* used counts rounded sizes */
  sts_alloc(1);
  CHECK(sts_arena_used(NULL) == 8);
  sts_alloc(9);
  CHECK(sts_arena_used(NULL) == 24);
  sts_alloc(0);
  CHECK(sts_arena_used(NULL) == 24);
  /* a private arena */
  a = sts_arena_create(64);
  prev = sts_arena_use(a);
  CHECK(prev == NULL);
  before = sts_arena_used(NULL);
  for (i = 0; i < 1000; i++) sts_alloc(24);
  CHECK(sts_arena_used(a) == 24000);
  CHECK(sts_arena_used(NULL) == before);
  CHECK(sts_arena_use(prev) == a);
  sts_alloc(8);
  CHECK(sts_arena_used(NULL) == before + 8);
  CHECK(sts_arena_used(a) == 24000);
  /* freeing the current arena makes the default current */
  sts_arena_use(a);
  sts_arena_free(a);
  sts_alloc(8);
  CHECK(sts_arena_used(NULL) == before + 16);
  /* realloc_copy grows the last allocation in place, else copies */
  a = sts_arena_create(0);
  sts_arena_use(a);
  p = (char *)sts_alloc(16);
  memset(p, 7, 16);
  q = (char *)sts_realloc_copy(p, 16, 40);
  CHECK(q == p && sts_arena_used(a) == 40 && all_zero(q + 16, 24) && q[15] == 7);
  sts_alloc(8);
  r = (char *)sts_realloc_copy(q, 40, 100);
  CHECK(r != q && r[0] == 7 && r[15] == 7 && all_zero(r + 16, 84));
  CHECK(sts_realloc_copy(r, 100, 50) == r);
  CHECK(sts_realloc_copy(NULL, 0, 8) != NULL);
  /* a large block gets its own chunk; small blocks keep using the current one */
  p = (char *)sts_alloc(10u * 1000u * 1000u);
  CHECK(((uintptr_t)p & 7u) == 0 && all_zero(p, 10u * 1000u * 1000u));
  memset(p, 1, 10u * 1000u * 1000u);
  q = (char *)sts_alloc(8);
  CHECK(all_zero(q, 8));
  /* many blocks */
  before = sts_arena_used(a);
  for (i = 0; i < 200000; i++) {
    size_t n = (i * 2654435761u) % 300u;
    p = (char *)sts_alloc(n);
    if (n) p[n - 1] = 1;
    before += (n + 7) & ~(size_t)7;
  }
  CHECK(sts_arena_used(a) == before);
  sts_arena_use(NULL);
  sts_arena_free(a);
  sts_arena_free(NULL);
  CHECK(sts_arena_used(NULL) == 0);
  printf("arena ok\n");
  return 0;
}

static int array(void) {
  sts_array *a = sts_array_new(sizeof(int32_t), 0);
  sts_array *s, *u;
  int64_t sum = 0;
  uint32_t i, n;
  sts_arena *ar;
  for (i = 0; i < 100000; i++) {
    n = STS_ARRAY_PUSH(int32_t, a, (int32_t)(i * 3));
    CHECK(n == i + 1);
  }
  CHECK(a->length == 100000 && a->cap >= 100000);
  for (i = 0; i < a->length; i++) sum += STS_ARRAY_AT(int32_t, a, i, "x");
  CHECK(sum == (int64_t)3 * 99999 * 100000 / 2);
  STS_ARRAY_AT(int32_t, a, 5, "x") = -1;
  STS_ARRAY_AT(int32_t, a, 6, "x") += 10;
  CHECK(STS_ARRAY_AT(int32_t, a, 5, "x") == -1 && STS_ARRAY_AT(int32_t, a, 6, "x") == 28);
  CHECK(STS_ARRAY_POP(int32_t, a, "x") == 299997 && a->length == 99999);
  /* JS: a = []; a.push(a.length); a.push(a.length); a.push(a.push(7)); a.push(a.pop()); */
  u = sts_array_new(sizeof(uint32_t), 0);
  STS_ARRAY_PUSH(uint32_t, u, u->length);
  STS_ARRAY_PUSH(uint32_t, u, u->length);
  STS_ARRAY_PUSH(uint32_t, u, STS_ARRAY_PUSH(uint32_t, u, 7u));
  STS_ARRAY_PUSH(uint32_t, u, STS_ARRAY_POP(uint32_t, u, "x"));
  for (i = 0; i < u->length; i++) printf("%s%" PRIu32, i ? "," : "", STS_ARRAY_AT(uint32_t, u, i, "x"));
  printf("\n");
  /* struct elements, single evaluation of the array expression */
  s = sts_array_new(sizeof(sts_str), 1);
  {
    sts_array *arrs[1];
    int k = 0;
    arrs[0] = s;
    STS_ARRAY_PUSH(sts_str, arrs[k++], STS_STR("a"));
    CHECK(k == 1);
    STS_ARRAY_PUSH(sts_str, arrs[--k], sts_str_concat(STS_STR("b"), STS_STR("c")));
    CHECK(k == 0);
    STS_ARRAY_PUSH(sts_str, s, STS_ARRAY_AT(sts_str, arrs[k++], 1, "x"));
    CHECK(k == 1);
  }
  for (i = 0; i < s->length; i++) {
    sts_log_str(STS_ARRAY_AT(sts_str, s, i, "x"));
    sts_log_sep();
  }
  sts_log_end();
  /* array literal, and an array growing while another arena is current */
  {
    static const double lit[4] = {1.5, -0.0, 2.0, 1e21};
    sts_array *d = sts_array_of(sizeof(double), lit, 4);
    CHECK(d->length == 4 && STS_ARRAY_AT(double, d, 3, "x") == 1e21);
    ar = sts_arena_create(128);
    sts_arena_use(ar);
    for (i = 0; i < 1000; i++) STS_ARRAY_PUSH(double, d, (double)i / 4);
    CHECK(d->length == 1004 && STS_ARRAY_AT(double, d, 1003, "x") == 249.75);
    sts_arena_use(NULL);
    CHECK(sts_array_of(4, NULL, 0)->length == 0);
    sts_arena_free(ar);
  }
  sts_arena_free(NULL);
  printf("array ok\n");
  return 0;
}

static int strings(void) {
  sts_str a = STS_STR("héllo"), b = STS_STR(" wörld"), e = STS_STR("");
  sts_str c = sts_str_concat(a, b);
  CHECK(c.n == a.n + b.n && memcmp(c.p, "héllo wörld", c.n) == 0);
  CHECK(sts_str_eq(c, STS_STR("héllo wörld")));
  CHECK(!sts_str_eq(c, a) && !sts_str_eq(a, STS_STR("hallo")) && sts_str_eq(e, STS_STR("")));
  CHECK(sts_str_concat(a, e).p == a.p && sts_str_concat(e, b).p == b.p);
  CHECK(sts_str_eq(sts_str_from_f64(-0.0), STS_STR("0")));
  CHECK(sts_str_eq(sts_str_from_f64(0.1 + 0.2), STS_STR("0.30000000000000004")));
  CHECK(sts_str_eq(sts_str_from_f64(-1e21), STS_STR("-1e+21")));
  CHECK(sts_str_eq(sts_str_from_i64(INT64_MIN), STS_STR("-9223372036854775808")));
  CHECK(sts_str_eq(sts_str_from_u64(UINT64_MAX), STS_STR("18446744073709551615")));
  CHECK(sts_str_eq(sts_str_from_bool(1), STS_STR("true")) && sts_str_eq(sts_str_from_bool(0), STS_STR("false")));
  c = sts_str_concat(sts_str_concat(STS_STR("x = "), sts_str_from_f64(1.5)), STS_STR("!"));
  sts_log_str(c);
  sts_log_end();
  printf("strings ok\n");
  return 0;
}

/* console.log(...) calls mirrored in console.test.ts */
static int console(void) {
  static const double nums[] = {0.0, -0.0, 1.5, -1.5, 1e21, 1e-7, 123456789012345680000.0, 0.1 + 0.2,
                                5e-324, -1.7976931348623157e308, 1e-6, 100.0, 4294967295.0};
  size_t i;
  for (i = 0; i < sizeof nums / sizeof nums[0]; i++) {
    sts_log_f64(nums[i]);
    sts_log_end();
  }
  sts_log_f64(sts_f64_from_bits(0x7ff8000000000000ull));
  sts_log_sep();
  sts_log_f64(1.0 / 0.0);
  sts_log_sep();
  sts_log_f64(-1.0 / 0.0);
  sts_log_end();
  sts_log_i64(-5);
  sts_log_sep();
  sts_log_i64(2147483647);
  sts_log_sep();
  sts_log_u64(4294967295u);
  sts_log_end();
  sts_log_bigint_i64(-5);
  sts_log_sep();
  sts_log_bigint_i64(0);
  sts_log_sep();
  sts_log_bigint_i64(INT64_MIN);
  sts_log_sep();
  sts_log_bigint_u64(UINT64_MAX);
  sts_log_end();
  sts_log_bool(1);
  sts_log_sep();
  sts_log_bool(0);
  sts_log_end();
  sts_log_str(STS_STR("héllo wörld ✓"));
  sts_log_end();
  sts_log_str(STS_STR(""));
  sts_log_end();
  sts_log_str(STS_STR("a"));
  sts_log_sep();
  sts_log_str(STS_STR(""));
  sts_log_sep();
  sts_log_str(STS_STR("b"));
  sts_log_end();
  sts_log_f64(1);
  sts_log_sep();
  sts_log_str(STS_STR("a"));
  sts_log_sep();
  sts_log_bool(1);
  sts_log_sep();
  sts_log_bigint_i64(5);
  sts_log_sep();
  sts_log_f64(-0.0);
  sts_log_end();
  return 0;
}

int main(int argc, char **argv) {
  const char *c = argc > 1 ? argv[1] : "";
  if (!strcmp(c, "arena")) return arena();
  if (!strcmp(c, "array")) return array();
  if (!strcmp(c, "strings")) return strings();
  if (!strcmp(c, "console")) return console();
  printf("unknown section %s\n", c);
  return 1;
}
