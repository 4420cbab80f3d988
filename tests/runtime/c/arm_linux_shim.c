/* Lets a test driver built for Cortex-M0+ (Thumb-1, soft-float newlib and
 * libgcc of the thumb/v6-m multilib) run under qemu-arm's Linux user mode:
 * the newlib system calls become Linux EABI system calls (svc #0, number in
 * r7), and _start takes argc/argv from the Linux initial stack. Test-only. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <errno.h>

int main(int argc, char **argv);

static long sys3(long n, long a, long b, long c) {
  register long r0 __asm__("r0") = a;
  register long r1 __asm__("r1") = b;
  register long r2 __asm__("r2") = c;
  register long r7 __asm__("r7") = n;
  __asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
  return r0;
}

void _exit(int code) {
  for (;;) sys3(248 /* exit_group */, code, 0, 0);
}
int _write(int fd, const char *p, int n) { return (int)sys3(4, fd, (long)p, n); }
int _read(int fd, char *p, int n) { return (int)sys3(3, fd, (long)p, n); }
int _close(int fd) { return (int)sys3(6, fd, 0, 0); }
int _getpid(void) { return (int)sys3(20, 0, 0, 0); }
int _kill(int pid, int sig) { return (int)sys3(37, pid, sig, 0); }
int _isatty(int fd) { return fd <= 2; }
int _lseek(int fd, int off, int whence) { (void)fd; (void)off; (void)whence; errno = ESPIPE; return -1; }
int _fstat(int fd, struct stat *st) {
  (void)fd;
  st->st_mode = S_IFCHR;
  return 0;
}

static char heap[48u << 20] __attribute__((aligned(8)));
static size_t heap_used;
void *_sbrk(ptrdiff_t n) {
  void *p;
  if (n < 0 || (size_t)n > sizeof heap - heap_used) {
    errno = ENOMEM;
    return (void *)-1;
  }
  p = heap + heap_used;
  heap_used += (size_t)n;
  return p;
}

void sts_arm_start(uint32_t *sp);
void sts_arm_start(uint32_t *sp) { exit(main((int)sp[0], (char **)(sp + 1))); }

void _start(void) __attribute__((naked));
void _start(void) {
  __asm__ volatile("mov r0, sp\n\tbl sts_arm_start\n");
}

void _init(void);
void _fini(void);
void _init(void) {}
void _fini(void) {}
