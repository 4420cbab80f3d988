/* The natives ports/posix/exec.ts declares for itself: argv, reading the
 * module file, exiting. Included by main.c after the generated C, like hal.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int posix__argc;
static char **posix__argv;
static int posix__errno;

int32_t posix_argc(void) {
  return posix__argc;
}

int32_t posix_arg_length(int32_t i) {
  return (int32_t)strlen(posix__argv[i]);
}

void posix_arg_copy(int32_t i, sts_Uint8Array dest) {
  memcpy(dest.data, posix__argv[i], dest.length);
}

/* path as a NUL-terminated copy (in the current arena), or NULL if it holds a NUL */
static const char *posix__path(sts_Uint8Array path) {
  char *p;
  if (memchr(path.data, 0, path.length) != NULL) {
    posix__errno = EINVAL;
    return NULL;
  }
  p = (char *)sts_alloc((size_t)path.length + 1);
  memcpy(p, path.data, path.length);
  p[path.length] = '\0';
  return p;
}

int32_t posix_file_size(sts_Uint8Array path) {
  const char *p = posix__path(path);
  FILE *f;
  long size;
  if (p == NULL) return -1;
  f = fopen(p, "rb");
  if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || size > 0x7fffffffL) {
    posix__errno = f == NULL || errno != 0 ? errno : EFBIG;
    if (f != NULL) fclose(f);
    return -1;
  }
  fclose(f);
  return (int32_t)size;
}

bool posix_file_read(sts_Uint8Array path, sts_Uint8Array dest) {
  const char *p = posix__path(path);
  FILE *f;
  size_t got;
  if (p == NULL) return false;
  f = fopen(p, "rb");
  if (f == NULL) {
    posix__errno = errno;
    return false;
  }
  got = fread(dest.data, 1, dest.length, f);
  if (got != dest.length) posix__errno = ferror(f) ? errno : EIO;
  fclose(f);
  return got == dest.length;
}

sts_str posix_error(void) {
  const char *m = strerror(posix__errno);
  sts_str s;
  s.p = m;
  s.n = (uint32_t)strlen(m);
  return s;
}

void posix_exit(int32_t status) {
  fflush(stdout);
  exit(status);
}

double posix_arena_used(void) {
  return (double)sts__arena_cur()->used;
}
