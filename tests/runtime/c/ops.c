/* Reads "op arg..." lines, prints one result line each.
 * Doubles are given and printed as 16 hex digits of their bits (NaN prints
 * as "NaN"); i64/u64 in decimal. */
#include "sts_runtime.h"
#include <inttypes.h>

static double D(const char *s) { return sts_f64_from_bits(strtoull(s, NULL, 16)); }
static int64_t I(const char *s) { return (int64_t)strtoll(s, NULL, 10); }
static uint64_t U(const char *s) { return strtoull(s, NULL, 10); }

static void putd(double x) {
  if (x != x)
    printf("NaN\n");
  else
    printf("%016" PRIx64 "\n", sts_f64_bits(x));
}

int main(void) {
  char line[512];
  while (fgets(line, sizeof line, stdin) != NULL) {
    char op[32], a[64] = "", b[64] = "";
    if (sscanf(line, "%31s %63s %63s", op, a, b) < 1) continue;
    if (!strcmp(op, "toint32")) printf("%" PRId32 "\n", sts_toint32(D(a)));
    else if (!strcmp(op, "touint32")) printf("%" PRIu32 "\n", sts_touint32(D(a)));
    else if (!strcmp(op, "clz32")) printf("%" PRId32 "\n", sts_clz32((uint32_t)U(a)));
    else if (!strcmp(op, "min")) putd(sts_min(D(a), D(b)));
    else if (!strcmp(op, "max")) putd(sts_max(D(a), D(b)));
    else if (!strcmp(op, "round")) putd(sts_round(D(a)));
    else if (!strcmp(op, "sign")) putd(sts_sign(D(a)));
    else if (!strcmp(op, "remf")) putd(sts_rem_f64(D(a), D(b)));
    else if (!strcmp(op, "truthy")) printf("%d\n", sts_truthy_f64(D(a)));
    else if (!strcmp(op, "divtoint")) printf("%" PRId64 "\n", sts_div_toint(I(a), I(b)));
    else if (!strcmp(op, "remtoint")) printf("%" PRId64 "\n", sts_rem_toint(I(a), I(b)));
    else if (!strcmp(op, "i64div")) printf("%" PRId64 "\n", sts_i64_div(I(a), I(b), "ops"));
    else if (!strcmp(op, "i64rem")) printf("%" PRId64 "\n", sts_i64_rem(I(a), I(b), "ops"));
    else if (!strcmp(op, "u64div")) printf("%" PRIu64 "\n", sts_u64_div(U(a), U(b), "ops"));
    else if (!strcmp(op, "u64rem")) printf("%" PRIu64 "\n", sts_u64_rem(U(a), U(b), "ops"));
    else if (!strcmp(op, "shl64")) printf("%" PRIu64 "\n", sts_shl64(U(a), U(b)));
    else if (!strcmp(op, "sar64")) printf("%" PRId64 "\n", sts_sar64(I(a), U(b)));
    else if (!strcmp(op, "shr64")) printf("%" PRIu64 "\n", sts_shr64(U(a), U(b)));
    else if (!strcmp(op, "asintn")) printf("%" PRId64 "\n", sts_asintn(U(a), atoi(b)));
    else if (!strcmp(op, "asuintn")) printf("%" PRIu64 "\n", sts_asuintn(U(a), atoi(b)));
    else if (!strcmp(op, "cmpiu")) printf("%d\n", sts_cmp_i64_u64(I(a), U(b)));
    else if (!strcmp(op, "i2f")) putd(sts_i64_to_f64(I(a)));
    else if (!strcmp(op, "u2f")) putd(sts_u64_to_f64(U(a)));
    else if (!strcmp(op, "fmti")) {
      char buf[32];
      size_t n = sts_fmt_i64(buf, I(a));
      printf("%s %u\n", buf, (unsigned)n);
    } else if (!strcmp(op, "fmtu")) {
      char buf[32];
      size_t n = sts_fmt_u64(buf, U(a));
      printf("%s %u\n", buf, (unsigned)n);
    } else {
      printf("unknown op %s\n", op);
    }
  }
  return 0;
}
