/* The natives of tools/spec/driver.ts: stdin lines in, reply bytes out.
   Compiled next to the C that stc writes for driver.ts; the struct layouts
   are those of stc's runtime (sts_typed.h, sts_string.h), passed by value. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  uint8_t *data;
  uint32_t length;
} sts_Uint8Array;

typedef struct {
  const char *p;
  uint32_t n;
} sts_str;

int32_t spec_read_line(void);
void spec_line_bytes(sts_Uint8Array dst);
void spec_write(sts_Uint8Array bytes, int32_t n);
void spec_write_text(sts_str s);
void spec_end_line(void);

static char *line_buf = NULL;
static size_t line_cap = 0;
static size_t line_len = 0;

int32_t spec_read_line(void) {
  int c;
  line_len = 0;
  c = getchar();
  if (c == EOF) return -1;
  while (c != EOF && c != '\n') {
    if (line_len == line_cap) {
      line_cap = line_cap ? line_cap * 2 : 65536;
      line_buf = (char *)realloc(line_buf, line_cap);
      if (line_buf == NULL) {
        fputs("driver: out of memory reading a request\n", stderr);
        exit(2);
      }
    }
    line_buf[line_len++] = (char)c;
    c = getchar();
  }
  if (line_len > 0x7fffffffu) {
    fputs("driver: request too long\n", stderr);
    exit(2);
  }
  return (int32_t)line_len;
}

void spec_line_bytes(sts_Uint8Array dst) {
  memcpy(dst.data, line_buf, line_len < dst.length ? line_len : dst.length);
}

void spec_write(sts_Uint8Array bytes, int32_t n) {
  if (n > 0) fwrite(bytes.data, 1, (size_t)n < bytes.length ? (size_t)n : bytes.length, stdout);
}

void spec_write_text(sts_str s) {
  uint32_t i;
  for (i = 0; i < s.n; i++) putchar(s.p[i] == '\n' || s.p[i] == '\r' ? ' ' : s.p[i]);
}

void spec_end_line(void) {
  putchar('\n');
  fflush(stdout);
}
