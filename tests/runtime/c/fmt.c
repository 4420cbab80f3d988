/* Reads one double per line as 16 hex digits of its bits; prints
 * sts_fmt_f64(x, negzero) per line (negzero = argv[1], default 0), and
 * checks that sts_str_from_f64 agrees with sts_fmt_f64(x, 0). */
#include "sts_runtime.h"

int main(int argc, char **argv) {
  char line[128];
  int negzero = argc > 1 ? atoi(argv[1]) : 0;
  static char out[1 << 16];
  size_t used = 0;
  while (fgets(line, sizeof line, stdin) != NULL) {
    uint64_t bits = strtoull(line, NULL, 16);
    double x = sts_f64_from_bits(bits);
    char buf[32];
    size_t n = sts_fmt_f64(buf, x, negzero);
    sts_str s = sts_str_from_f64(x);
    if (n >= 32 || strlen(buf) != n) {
      fprintf(stderr, "bad length %u for %s\n", (unsigned)n, line);
      return 2;
    }
    if (!negzero && (s.n != n || memcmp(s.p, buf, n) != 0)) {
      fprintf(stderr, "sts_str_from_f64 differs for %s", line);
      return 2;
    }
    if (used + n + 1 > sizeof out) {
      fwrite(out, 1, used, stdout);
      used = 0;
    }
    memcpy(out + used, buf, n);
    used += n;
    out[used++] = '\n';
    sts_arena_free(NULL); /* the strings above */
  }
  fwrite(out, 1, used, stdout);
  return 0;
}
