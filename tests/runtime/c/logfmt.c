/* sts_log_format driver. Reads one case per line from stdin, tokens separated
 * by single spaces, each a letter and its payload:
 *   F<hex>   the format string (UTF-8 bytes in hex; first token)
 *   I<dec>   STS_LA_INT       D<hex16>  STS_LA_F64 (bits of the double)
 *   B<dec>   STS_LA_BIG_I64   U<dec>    STS_LA_BIG_U64
 *   S<hex>   STS_LA_STR       T<0|1>    STS_LA_BOOL
 * and prints, per case, the bytes sts_log_format wrote as one line of hex.
 * With argv[1] = "direct" the output goes straight to stdout instead (to see
 * what is printed before a panic). */
#define STS_PORT_WRITE
#include "sts_runtime.h"
#include "../../../tools/stc/runtime/sts_ops.h"
#include "../../../tools/stc/runtime/sts_log_format.h"

static int direct;
static char *out;
static size_t out_n, out_cap;

void sts_port_write(const char *p, size_t n) {
  if (direct) {
    fwrite(p, 1, n, stdout);
    return;
  }
  if (out_n + n > out_cap) {
    while (out_n + n > out_cap) out_cap = out_cap ? out_cap * 2 : 4096;
    out = (char *)realloc(out, out_cap);
    if (out == NULL) abort();
  }
  memcpy(out + out_n, p, n);
  out_n += n;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  fprintf(stderr, "bad hex digit %c\n", c);
  exit(2);
}

/* decodes the hex in [p, e) in place; returns the string */
static sts_str unhex(char *p, char *e) {
  sts_str s;
  char *w = p;
  s.p = p;
  while (p + 1 < e) {
    *w++ = (char)(hexval(p[0]) * 16 + hexval(p[1]));
    p += 2;
  }
  s.n = (uint32_t)(w - s.p);
  return s;
}

#define MAXARGS 64

int main(int argc, char **argv) {
  char *buf = NULL, *line;
  size_t len = 0, cap = 0, r;
  static sts_logarg args[MAXARGS];
  direct = argc > 1 && strcmp(argv[1], "direct") == 0;
  for (;;) {
    if (len + 65536 > cap) {
      cap = cap ? cap * 2 : 1 << 20;
      buf = (char *)realloc(buf, cap + 1);
      if (buf == NULL) abort();
    }
    r = fread(buf + len, 1, cap - len, stdin);
    if (r == 0) break;
    len += r;
  }
  if (buf == NULL) return 0;
  buf[len] = '\0';
  line = buf;
  while (line < buf + len) {
    char *end = strchr(line, '\n'), *t;
    sts_str first;
    uint32_t n = 0;
    size_t i;
    if (end == NULL) end = buf + len;
    *end = '\0';
    if (line[0] != 'F') {
      fprintf(stderr, "bad case: %.40s\n", line);
      return 2;
    }
    t = line;
    first.p = "";
    first.n = 0;
    while (t < end) {
      char *te = strchr(t, ' ');
      if (te == NULL) te = end;
      *te = '\0';
      if (t[0] == 'F') {
        first = unhex(t + 1, te);
      } else {
        if (n == MAXARGS) {
          fprintf(stderr, "too many arguments\n");
          return 2;
        }
        switch (t[0]) {
          case 'I': args[n++] = sts_la_int(strtoll(t + 1, NULL, 10)); break;
          case 'D': args[n++] = sts_la_f64(sts_f64_from_bits(strtoull(t + 1, NULL, 16))); break;
          case 'B': args[n++] = sts_la_big_i64(strtoll(t + 1, NULL, 10)); break;
          case 'U': args[n++] = sts_la_big_u64(strtoull(t + 1, NULL, 10)); break;
          case 'S': args[n++] = sts_la_str(unhex(t + 1, te)); break;
          case 'T': args[n++] = sts_la_bool(t[1] == '1'); break;
          default:
            fprintf(stderr, "bad token %.20s\n", t);
            return 2;
        }
      }
      t = te + 1;
    }
    sts_log_format(first, args, n);
    if (!direct) {
      static const char hx[] = "0123456789abcdef";
      for (i = 0; i < out_n; i++) {
        unsigned char c = (unsigned char)out[i];
        putchar(hx[c >> 4]);
        putchar(hx[c & 15]);
      }
      putchar('\n');
      out_n = 0;
    }
    line = end + 1;
  }
  fflush(stdout);
  return 0;
}
