/* The HAL (core/hal.ts) on a POSIX desktop: the console is the process's
 * stdin/stdout/stderr (unbuffered write(2), so nothing is held back when the
 * module exits or traps), the clocks are clock_gettime, random bytes come from
 * getrandom(2).
 *
 * This file is not compiled on its own: main.c includes it after the C that
 * stc generated, so the STS types (sts_Uint8Array, sts_str) and the natives'
 * prototypes are the generated ones and gcc checks that they agree. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

/* Writes all n bytes to fd, waiting when fd is a non-blocking pipe that is full. */
static int hal__write_all(int fd, const uint8_t *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        struct pollfd pfd = {fd, POLLOUT, 0};
        (void)poll(&pfd, 1, -1);
        continue;
      }
      return -1;
    }
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

int32_t hal_console_write(int32_t fd, sts_Uint8Array bytes, uint32_t offset, uint32_t length) {
  return hal__write_all(fd, (const uint8_t *)bytes.data + offset, length);
}

void hal_console_text(int32_t fd, sts_str text) {
  (void)hal__write_all(fd, (const uint8_t *)text.p, text.n);
}

bool hal_console_is_terminal(int32_t fd) {
  return isatty(fd) == 1;
}

int32_t hal_console_read(sts_Uint8Array bytes, uint32_t offset, uint32_t length) {
  for (;;) {
    ssize_t r = read(0, (uint8_t *)bytes.data + offset, length);
    if (r >= 0) return (int32_t)r;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      struct pollfd pfd = {0, POLLIN, 0};
      (void)poll(&pfd, 1, -1);
      continue;
    }
    return -1;
  }
}

static int64_t hal__clock_ns(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t hal_clock_monotonic_ns(void) {
  return hal__clock_ns(CLOCK_MONOTONIC);
}

int64_t hal_clock_realtime_ns(void) {
  return hal__clock_ns(CLOCK_REALTIME);
}

void hal_random_fill(sts_Uint8Array bytes, uint32_t offset, uint32_t length) {
  uint8_t *p = (uint8_t *)bytes.data + offset;
  size_t n = length;
  while (n > 0) {
    ssize_t r = getrandom(p, n, 0);
    if (r < 0) {
      if (errno == EINTR) continue;
      sts_panic("hal_random_fill", "getrandom failed");
    }
    p += r;
    n -= (size_t)r;
  }
}

void hal_sleep_ns(int64_t ns) {
  struct timespec ts;
  if (ns <= 0) return;
  ts.tv_sec = (time_t)(ns / 1000000000);
  ts.tv_nsec = (long)(ns % 1000000000);
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}
