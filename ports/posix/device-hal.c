/* The device half of the HAL (core/hal.ts: link, flash, GPIO, board, reset,
 * watchdog) for the native posix firmware: the board as a desktop process.
 *
 *   link      a pseudo-terminal. The process opens the master (raw mode,
 *             non-blocking) and also holds the slave open itself, so a host
 *             that closes the port never makes the master see a hang-up. The
 *             slave's path is the first line on stdout. --link PATH adds a
 *             symlink to it. --baud N paces both directions to N/10 bytes a
 *             second (8N1: ten bits a byte); 0, the default, is unlimited.
 *   flash     the store region only (what hal_flash_size reports: 1 MiB on
 *             both boards), kept in a file: --flash FILE (created, filled
 *             with 0xFF, when missing or empty), else an unlinked temporary
 *             file. NOR rules are enforced, not emulated: a misaligned erase,
 *             a program that crosses a 256-byte page or would set a bit that
 *             is 0 returns -1 and prints "flash: ..." on stderr.
 *             --flash-timing (or WASMCU_FLASH_TIMING=1 in the environment)
 *             makes programs and erases take a W25Q16JV's typical time: a
 *             256-byte page program 0.7 ms, done 16 bytes at a time, a 4 KB
 *             erase 45 ms, done 256 bytes at a time (back to 0xFF), with a
 *             sleep after each step. A kill -9 then lands inside one and leaves
 *             it torn, as a power cut does on a real chip. Off by default.
 *   GPIO      an array of pin states; every mode change and write prints
 *             {"event":"gpio","pin":P,"level":L,"mode":M,"us":U} on stdout,
 *             U = microseconds since this boot.
 *   board     --board rp2040 (default: 30 pins, 256 KiB of RAM for modules)
 *             or esp32 (40 pins, 320 KiB: what is left of the 520 KiB SRAM
 *             beside ESP-IDF and the firmware). Names "rp2040-native",
 *             "esp32-native".
 *   reset     prints {"event":"reset","reason":R}, then re-executes the
 *             program (/proc/self/exe) with its own options plus
 *             --pty-fd M,S --flash-fd F --reset-reason N: the pty and flash
 *             descriptors survive the exec, so the port's path and the flash
 *             stay the same while every other state is lost. A runtime panic
 *             of the generated C (sts_port_panic, the runtime's STS_PORT_PANIC
 *             hook) resets with reason Panic, after printing the message on
 *             stderr and, as plain text outside frames, on the link; so does
 *             a crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL: a release build does
 *             not check indices). After a reset every pin is an input again.
 *   watchdog  software, without signals: it arms at the first
 *             hal_watchdog_feed; posix_wait_link resets with reason Watchdog
 *             when the last feed is older than --watchdog-ms (default 5000;
 *             0 = off), and never waits longer than half that, so a loop that
 *             feeds on every turn is never bitten while it waits. A firmware
 *             stuck without ever reaching posix_wait_link is not caught (it is
 *             a firmware bug, not a module's: modules run in fuel slices).
 *   events    stdout, one JSON object a line, written whole with write(2):
 *             {"event":"reset","reason":"power-on"} at a fresh start,
 *             {"event":"ready"} after each deviceBoot (posix_board_ready).
 *   signals   SIGTERM, SIGINT and SIGHUP end the process with status 0 after
 *             removing the --link symlink. --exit-with-parent (Linux) sends
 *             the process SIGTERM when its parent dies.
 *
 * Not compiled on its own: firmware-main.c includes it after the generated C
 * and hal.c, so the natives' prototypes are the generated ones. The exec
 * build (main.c) does not include it. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#define DEV_FLASH_SIZE (1024u * 1024u)
#define DEV_ERASE_SIZE 4096u
#define DEV_PAGE_SIZE 256u
#define DEV_MAX_PINS 40
#define DEV_MAX_ARGS 64
/* --flash-timing: a W25Q16JV's typical page program and 4 KB erase times, done in steps */
#define DEV_PROGRAM_STEP 16u
#define DEV_PROGRAM_STEP_NS (700000 / (DEV_PAGE_SIZE / DEV_PROGRAM_STEP))
#define DEV_ERASE_STEP 256u
#define DEV_ERASE_STEP_NS (45000000 / (DEV_ERASE_SIZE / DEV_ERASE_STEP))

/* ResetReason in core/hal.ts */
enum { DEV_POWER_ON = 0, DEV_SOFTWARE = 1, DEV_WATCHDOG = 2, DEV_PANIC = 3, DEV_BOOTLOADER = 4 };
static const char *const dev__reason_names[] = {"power-on", "software", "watchdog", "panic"};

typedef struct {
  const char *option; /* --board value */
  const char *name;   /* hal_board_name */
  uint32_t ram;       /* hal_ram_size */
  int32_t pins;       /* hal_gpio_count */
} dev_board;

static const dev_board dev__boards[] = {
    {"rp2040", "rp2040-native", 256u * 1024u, 30},
    {"esp32", "esp32-native", 320u * 1024u, 40},
};

/* A token bucket for one direction of the emulated line. */
typedef struct {
  double credit; /* bytes that may pass now */
  int64_t last_ns;
} dev_pace;

static struct {
  int argc;
  char **argv;
  const dev_board *board;
  int master, slave;
  char pty_path[128];
  const char *link;
  double rate;  /* bytes per second, 0 = unlimited */
  double burst; /* the buckets' size in bytes */
  dev_pace rx, tx;
  bool tx_full;   /* the last write found the pty full (wait for POLLOUT) */
  bool tx_paced;  /* the last write was cut short by the line rate */
  int flash_fd;
  uint8_t *flash;
  bool flash_timing; /* programs and erases take a real chip's time, in steps (--flash-timing) */
  int64_t boot_ns;
  int32_t reset_reason;
  int64_t watchdog_ns; /* 0 = off */
  int64_t last_feed_ns; /* 0 = not armed yet */
  uint8_t pin_mode[DEV_MAX_PINS];
  uint8_t pin_latch[DEV_MAX_PINS];
} dev;

static int64_t dev__now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void dev__remove_link(void) {
  char target[sizeof dev.pty_path];
  ssize_t n;
  if (dev.link == NULL) return;
  /* only our own link: another board may have taken the name since */
  n = readlink(dev.link, target, sizeof target - 1);
  if (n < 0) return;
  target[n] = '\0';
  if (strcmp(target, dev.pty_path) == 0) (void)unlink(dev.link);
}

static void dev__exit(int status) {
  dev__remove_link();
  fflush(stdout);
  _exit(status);
}

static STS_NORETURN void dev__fail(const char *what, const char *detail) {
  fprintf(stderr, "wasmcu-firmware: %s%s%s\n", what, detail != NULL ? ": " : "", detail != NULL ? detail : "");
  dev__exit(1);
  for (;;) {
  }
}

/* One line on stdout, whole (the reader is a pipe; a line is never split between writers). */
static void dev__stdout_line(const char *line) {
  size_t n = strlen(line);
  fflush(stdout);
  while (n > 0) {
    ssize_t w = write(1, line, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {
        struct pollfd pfd = {1, POLLOUT, 0};
        (void)poll(&pfd, 1, -1);
        continue;
      }
      /* nobody reads the events any more: the simulator that started us is gone */
      fprintf(stderr, "wasmcu-firmware: stopped: stdout is gone (%s)\n", strerror(errno));
      dev__exit(0);
    }
    line += w;
    n -= (size_t)w;
  }
}

static void dev__reset_event(int32_t reason) {
  char line[64];
  snprintf(line, sizeof line, "{\"event\":\"reset\",\"reason\":\"%s\"}\n", dev__reason_names[reason]);
  dev__stdout_line(line);
}

static void dev__on_signal(int sig) {
  /* says which, for whoever wonders why the board went away (async-signal-safe: no stdio) */
  char text[] = "wasmcu-firmware: stopped by signal NN\n";
  size_t n = sizeof text - 1;
  text[n - 3] = (char)('0' + sig / 10 % 10);
  text[n - 2] = (char)('0' + sig % 10);
  (void)!write(2, text, n);
  dev__remove_link();
  _exit(0);
}

static STS_NORETURN void dev__reboot(int32_t reason);

/* A crash of the firmware (a release build does not check indices) restarts the board like a panic. */
static void dev__on_fault(int sig) {
  static const char text[] = "wasmcu-firmware: fatal signal, restarting\n";
  (void)sig;
  (void)!write(2, text, sizeof text - 1);
  dev__reboot(DEV_PANIC);
}

/* ---- options ---- */

static void dev__usage(const char *problem) {
  fprintf(stderr,
          "wasmcu-firmware: %s\n"
          "usage: wasmcu-firmware [--board rp2040|esp32] [--flash FILE] [--baud N] [--link PATH]\n"
          "                       [--watchdog-ms N] [--flash-timing] [--exit-with-parent]\n",
          problem);
  exit(2);
}

static long dev__number(const char *option, const char *text, long max) {
  char *end;
  long v;
  errno = 0;
  v = strtol(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || v < 0 || v > max) {
    fprintf(stderr, "wasmcu-firmware: %s wants a number from 0 to %ld, not '%s'\n", option, max, text);
    exit(2);
  }
  return v;
}

/* The options the process gives itself when it re-executes (reset): dropped from argv then. */
static bool dev__is_internal_option(const char *a) {
  return strcmp(a, "--pty-fd") == 0 || strcmp(a, "--flash-fd") == 0 || strcmp(a, "--reset-reason") == 0;
}

typedef struct {
  const char *flash_path;
  int pty_master, pty_slave, flash_fd;
  bool exit_with_parent;
} dev_options;

static void dev__parse(int argc, char **argv, dev_options *o) {
  int i;
  dev.board = &dev__boards[0];
  dev.watchdog_ns = 5000 * (int64_t)1000000;
  o->flash_path = NULL;
  o->pty_master = o->pty_slave = o->flash_fd = -1;
  o->exit_with_parent = false;
  dev.flash_timing = getenv("WASMCU_FLASH_TIMING") != NULL && strcmp(getenv("WASMCU_FLASH_TIMING"), "1") == 0;
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--exit-with-parent") == 0) {
      o->exit_with_parent = true;
      continue;
    }
    if (strcmp(a, "--flash-timing") == 0) {
      dev.flash_timing = true;
      continue;
    }
    if (v == NULL) dev__usage(strncmp(a, "--", 2) == 0 ? "an option is missing its value" : "unexpected argument");
    i++;
    if (strcmp(a, "--board") == 0) {
      size_t b;
      dev.board = NULL;
      for (b = 0; b < sizeof dev__boards / sizeof dev__boards[0]; b++)
        if (strcmp(v, dev__boards[b].option) == 0) dev.board = &dev__boards[b];
      if (dev.board == NULL) dev__usage("--board is rp2040 or esp32");
    } else if (strcmp(a, "--flash") == 0) {
      o->flash_path = v;
    } else if (strcmp(a, "--baud") == 0) {
      dev.rate = (double)dev__number(a, v, 100000000L) / 10.0;
    } else if (strcmp(a, "--link") == 0) {
      dev.link = v;
    } else if (strcmp(a, "--watchdog-ms") == 0) {
      dev.watchdog_ns = (int64_t)dev__number(a, v, 86400000L) * 1000000;
    } else if (strcmp(a, "--pty-fd") == 0) {
      if (sscanf(v, "%d,%d", &o->pty_master, &o->pty_slave) != 2) dev__usage("--pty-fd is MASTER,SLAVE");
    } else if (strcmp(a, "--flash-fd") == 0) {
      o->flash_fd = (int)dev__number(a, v, 1 << 20);
    } else if (strcmp(a, "--reset-reason") == 0) {
      dev.reset_reason = (int32_t)dev__number(a, v, DEV_PANIC);
    } else {
      dev__usage("unknown option");
    }
  }
}

/* ---- the pty ---- */

static void dev__open_pty(const dev_options *o) {
  const char *name;
  struct termios t;
  if (o->pty_master >= 0) {
    dev.master = o->pty_master;
    dev.slave = o->pty_slave;
  } else {
    dev.master = posix_openpt(O_RDWR | O_NOCTTY);
    if (dev.master < 0 || grantpt(dev.master) != 0 || unlockpt(dev.master) != 0)
      dev__fail("cannot open a pseudo-terminal", strerror(errno));
  }
  name = ptsname(dev.master);
  if (name == NULL || strlen(name) >= sizeof dev.pty_path) dev__fail("no name for the pseudo-terminal", NULL);
  strcpy(dev.pty_path, name);
  if (o->pty_master < 0) {
    dev.slave = open(dev.pty_path, O_RDWR | O_NOCTTY);
    if (dev.slave < 0) dev__fail("cannot open the pseudo-terminal's slave", strerror(errno));
    if (tcgetattr(dev.slave, &t) != 0) dev__fail("tcgetattr", strerror(errno));
    cfmakeraw(&t);
    if (tcsetattr(dev.slave, TCSANOW, &t) != 0) dev__fail("tcsetattr", strerror(errno));
  }
  if (fcntl(dev.master, F_SETFL, fcntl(dev.master, F_GETFL) | O_NONBLOCK) != 0)
    dev__fail("cannot make the pty non-blocking", strerror(errno));
  if (dev.link != NULL) {
    (void)unlink(dev.link);
    if (symlink(dev.pty_path, dev.link) != 0) dev__fail("cannot create the --link symlink", strerror(errno));
  }
}

/* ---- flash ---- */

static void dev__open_flash(const dev_options *o) {
  struct stat st;
  int fd = o->flash_fd;
  if (fd < 0 && o->flash_path != NULL) {
    fd = open(o->flash_path, O_RDWR | O_CREAT, 0644);
    if (fd < 0) dev__fail("cannot open the --flash file", strerror(errno));
  } else if (fd < 0) {
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/wasmcu-flash-XXXXXX", dir != NULL && dir[0] != '\0' ? dir : "/tmp");
    fd = mkstemp(path);
    if (fd < 0) dev__fail("cannot create a temporary flash file", strerror(errno));
    (void)unlink(path); /* it lives as long as the process (and its resets) */
  }
  if (fstat(fd, &st) != 0) dev__fail("cannot stat the flash file", strerror(errno));
  if (st.st_size == 0) {
    /* a fresh chip: everything erased */
    static uint8_t erased[DEV_ERASE_SIZE];
    uint32_t a;
    memset(erased, 0xFF, sizeof erased);
    for (a = 0; a < DEV_FLASH_SIZE; a += DEV_ERASE_SIZE)
      if (pwrite(fd, erased, DEV_ERASE_SIZE, a) != (ssize_t)DEV_ERASE_SIZE)
        dev__fail("cannot write the flash file", strerror(errno));
  } else if (st.st_size != (off_t)DEV_FLASH_SIZE) {
    fprintf(stderr, "wasmcu-firmware: the flash file has %lld bytes, not the store's %u\n", (long long)st.st_size,
            DEV_FLASH_SIZE);
    dev__exit(2);
  }
  dev.flash = (uint8_t *)mmap(NULL, DEV_FLASH_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (dev.flash == MAP_FAILED) dev__fail("cannot map the flash file", strerror(errno));
  dev.flash_fd = fd;
}

uint32_t hal_flash_size(void) {
  return DEV_FLASH_SIZE;
}

uint32_t hal_flash_erase_size(void) {
  return DEV_ERASE_SIZE;
}

uint32_t hal_flash_page_size(void) {
  return DEV_PAGE_SIZE;
}

/* The end of a step of a timed program or erase: sleeps until `deadline_ns` (CLOCK_MONOTONIC),
 * counted from the operation's start so that the sleeps' own overhead does not add up. */
static void dev__flash_busy_until(int64_t deadline_ns) {
  struct timespec ts;
  ts.tv_sec = (time_t)(deadline_ns / 1000000000);
  ts.tv_nsec = (long)(deadline_ns % 1000000000);
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {
  }
}

static bool dev__flash_range(const char *op, uint32_t address, uint32_t length) {
  if ((uint64_t)address + length <= DEV_FLASH_SIZE) return true;
  fprintf(stderr, "flash: %s of %u bytes at 0x%x is outside the %u bytes of flash\n", op, length, address,
          DEV_FLASH_SIZE);
  return false;
}

int32_t hal_flash_read(uint32_t address, sts_Uint8Array bytes, uint32_t offset, uint32_t length) {
  if (!dev__flash_range("read", address, length)) return -1;
  memcpy((uint8_t *)bytes.data + offset, dev.flash + address, length);
  return 0;
}

int32_t hal_flash_program(uint32_t address, sts_Uint8Array bytes, uint32_t offset, uint32_t length) {
  const uint8_t *src = (const uint8_t *)bytes.data + offset;
  uint32_t i;
  int64_t start_ns;
  if (!dev__flash_range("program", address, length)) return -1;
  if (length == 0) return 0;
  if (address / DEV_PAGE_SIZE != (address + length - 1) / DEV_PAGE_SIZE) {
    fprintf(stderr, "flash: program of %u bytes at 0x%x crosses a %u-byte page boundary\n", length, address,
            DEV_PAGE_SIZE);
    return -1;
  }
  for (i = 0; i < length; i++) {
    if ((dev.flash[address + i] & src[i]) != src[i]) {
      fprintf(stderr, "flash: program at 0x%x would set bits that are 0 (0x%02x over 0x%02x): erase the block first\n",
              address + i, src[i], dev.flash[address + i]);
      return -1;
    }
  }
  start_ns = dev.flash_timing ? dev__now_ns() : 0;
  for (i = 0; i < length; i++) {
    dev.flash[address + i] &= src[i];
    /* timed: a kill between two steps leaves the page programmed in part */
    if (dev.flash_timing && ((i + 1) % DEV_PROGRAM_STEP == 0 || i + 1 == length))
      dev__flash_busy_until(start_ns + (int64_t)(i / DEV_PROGRAM_STEP + 1) * DEV_PROGRAM_STEP_NS);
  }
  return 0;
}

int32_t hal_flash_erase(uint32_t address) {
  uint32_t done;
  int64_t start_ns;
  if (address % DEV_ERASE_SIZE != 0 || address >= DEV_FLASH_SIZE) {
    fprintf(stderr, "flash: erase at 0x%x is not the start of a %u-byte block of the %u bytes of flash\n", address,
            DEV_ERASE_SIZE, DEV_FLASH_SIZE);
    return -1;
  }
  if (!dev.flash_timing) {
    memset(dev.flash + address, 0xFF, DEV_ERASE_SIZE);
    return 0;
  }
  /* timed: a kill between two steps leaves the block erased in part, the rest as it was */
  start_ns = dev__now_ns();
  for (done = 0; done < DEV_ERASE_SIZE; done += DEV_ERASE_STEP) {
    memset(dev.flash + address + done, 0xFF, DEV_ERASE_STEP);
    dev__flash_busy_until(start_ns + (int64_t)(done / DEV_ERASE_STEP + 1) * DEV_ERASE_STEP_NS);
  }
  return 0;
}

/* ---- the link ---- */

/* Adds the credit earned since the bucket was last looked at. */
static void dev__pace_refill(dev_pace *p, int64_t now) {
  p->credit += (double)(now - p->last_ns) * dev.rate / 1e9;
  if (p->credit > dev.burst) p->credit = dev.burst;
  p->last_ns = now;
}

/* How many of `want` bytes the line lets through now. */
static uint32_t dev__pace_allow(dev_pace *p, uint32_t want) {
  if (dev.rate <= 0) return want;
  dev__pace_refill(p, dev__now_ns());
  return p->credit < (double)want ? (uint32_t)p->credit : want;
}

/* Nanoseconds until the bucket holds half a burst again (0 when it does). */
static int64_t dev__pace_wait_ns(dev_pace *p) {
  double missing;
  if (dev.rate <= 0) return 0;
  dev__pace_refill(p, dev__now_ns());
  missing = dev.burst / 2 - p->credit;
  return missing <= 0 ? 0 : (int64_t)(missing * 1e9 / dev.rate) + 1;
}

int32_t hal_link_read(sts_Uint8Array bytes, uint32_t offset, uint32_t length) {
  uint32_t n = dev__pace_allow(&dev.rx, length);
  ssize_t r;
  if (n == 0) return 0;
  for (;;) {
    r = read(dev.master, (uint8_t *)bytes.data + offset, n);
    if (r >= 0) break;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EIO) return 0;
    return -1;
  }
  if (dev.rate > 0) dev.rx.credit -= (double)r;
  return (int32_t)r;
}

int32_t hal_link_write(sts_Uint8Array bytes, uint32_t offset, uint32_t length) {
  uint32_t n = dev__pace_allow(&dev.tx, length);
  ssize_t w;
  dev.tx_paced = n < length;
  dev.tx_full = false;
  if (n == 0) return 0;
  for (;;) {
    w = write(dev.master, (const uint8_t *)bytes.data + offset, n);
    if (w >= 0) break;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      dev.tx_full = true;
      return 0;
    }
    return -1;
  }
  if (dev.rate > 0) dev.tx.credit -= (double)w;
  if ((uint32_t)w < n) dev.tx_full = true;
  return (int32_t)w;
}

/* ---- GPIO ---- */

int32_t hal_gpio_count(void) {
  return dev.board->pins;
}

static bool dev__pin_ok(const char *op, int32_t pin) {
  if (pin >= 0 && pin < dev.board->pins) return true;
  fprintf(stderr, "gpio: %s of pin %d, which %s has not (pins 0 to %d)\n", op, pin, dev.board->name,
          dev.board->pins - 1);
  return false;
}

int32_t hal_gpio_read(int32_t pin) {
  if (!dev__pin_ok("read", pin)) return 0;
  switch (dev.pin_mode[pin]) {
    case 1: /* output: reads back what it drives */
      return dev.pin_latch[pin];
    case 2: /* input with pull-up, nothing attached */
      return 1;
    default: /* floating or pulled down: nothing drives it high */
      return 0;
  }
}

static void dev__gpio_event(int32_t pin) {
  char line[128];
  snprintf(line, sizeof line, "{\"event\":\"gpio\",\"pin\":%d,\"level\":%d,\"mode\":%d,\"us\":%lld}\n", pin,
           hal_gpio_read(pin), dev.pin_mode[pin], (long long)((dev__now_ns() - dev.boot_ns) / 1000));
  dev__stdout_line(line);
}

int32_t hal_gpio_mode(int32_t pin, int32_t mode) {
  if (!dev__pin_ok("mode", pin)) return -1;
  if (mode < 0 || mode > 3) {
    fprintf(stderr, "gpio: mode %d of pin %d is none of input 0, output 1, pull-up 2, pull-down 3\n", mode, pin);
    return -1;
  }
  dev.pin_mode[pin] = (uint8_t)mode;
  dev__gpio_event(pin);
  return 0;
}

void hal_gpio_write(int32_t pin, int32_t level) {
  if (!dev__pin_ok("write", pin)) return;
  /* the output latch: what the pin drives once it is an output */
  dev.pin_latch[pin] = level != 0;
  dev__gpio_event(pin);
}

/* ---- board and system ---- */

int32_t hal_board_name(sts_Uint8Array bytes) {
  uint32_t n = (uint32_t)strlen(dev.board->name);
  if (n > bytes.length) n = bytes.length;
  memcpy(bytes.data, dev.board->name, n);
  return (int32_t)n;
}

uint32_t hal_ram_size(void) {
  return dev.board->ram;
}

int32_t hal_reset_reason(void) {
  return dev.reset_reason;
}

static void dev__keep_across_exec(int fd) {
  if (fd >= 0) (void)fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) & ~FD_CLOEXEC);
}

/* Re-executes the program with reason `reason`: the board boots again, the pty and flash stay. */
static STS_NORETURN void dev__reboot(int32_t reason) {
  static char pty_fds[32], flash_fd[16], reason_text[4];
  char *args[DEV_MAX_ARGS + 8];
  int n = 0, i;
  if (reason < DEV_POWER_ON || reason > DEV_PANIC) reason = DEV_SOFTWARE;
  dev__reset_event(reason);
  fflush(stdout);
  fflush(stderr);
  msync(dev.flash, DEV_FLASH_SIZE, MS_ASYNC);
  args[n++] = dev.argv[0];
  for (i = 1; i < dev.argc && n < DEV_MAX_ARGS; i++) {
    if (dev__is_internal_option(dev.argv[i])) {
      i++;
      continue;
    }
    args[n++] = dev.argv[i];
  }
  snprintf(pty_fds, sizeof pty_fds, "%d,%d", dev.master, dev.slave);
  snprintf(flash_fd, sizeof flash_fd, "%d", dev.flash_fd);
  snprintf(reason_text, sizeof reason_text, "%d", (int)reason);
  args[n++] = "--pty-fd";
  args[n++] = pty_fds;
  args[n++] = "--flash-fd";
  args[n++] = flash_fd;
  args[n++] = "--reset-reason";
  args[n++] = reason_text;
  args[n] = NULL;
  dev__keep_across_exec(dev.master);
  dev__keep_across_exec(dev.slave);
  dev__keep_across_exec(dev.flash_fd);
  execv("/proc/self/exe", args);
  dev__fail("cannot restart (execv /proc/self/exe)", strerror(errno));
}

void hal_reset(int32_t reason) {
  if (reason == DEV_BOOTLOADER) {
    /* a desktop process has no USB bootloader: say that it was asked for, and boot the firmware again */
    dev__stdout_line("{\"event\":\"bootloader\",\"note\":\"no USB bootloader on the native board: it boots the firmware again\"}\n");
    reason = DEV_SOFTWARE;
  }
  dev__reboot(reason);
}

void hal_watchdog_feed(void) {
  dev.last_feed_ns = dev__now_ns();
}

/* The runtime's panic hook (STS_PORT_PANIC in sts_base.h): report, then reset with reason Panic. */
void sts_port_panic(const char *loc, const char *msg) {
  static bool panicking = false;
  char text[512];
  int n;
  if (panicking) abort(); /* a panic while restarting: nothing sane is left */
  panicking = true;
  n = snprintf(text, sizeof text, "%cpanic: %s%s%s\r\n", 0, loc != NULL ? loc : "",
               loc != NULL && loc[0] != '\0' ? ": " : "", msg);
  if (n > (int)sizeof text - 1) n = (int)sizeof text - 1;
  fflush(stdout);
  fprintf(stderr, "wasmcu-firmware: %.*s\n", n - 3, text + 1);
  fflush(stderr);
  /* best effort: the host shows plain text outside frames; the leading 0x00 ends a frame cut short */
  (void)!write(dev.master, text, (size_t)n);
  dev__reboot(DEV_PANIC);
}

/* ---- the firmware's own natives (ports/posix/firmware.ts) ---- */

/* Waits up to `ns` nanoseconds, or until the host sends bytes (or the pty can take
 * bytes again after a short write). Checks the watchdog before and after. */
void posix_wait_link(int64_t ns) {
  struct pollfd pfd;
  struct timespec ts;
  int64_t now = dev__now_ns(), rx_wait, tx_wait;
  if (dev.watchdog_ns > 0 && dev.last_feed_ns != 0) {
    if (now - dev.last_feed_ns > dev.watchdog_ns) dev__reboot(DEV_WATCHDOG);
    if (ns > dev.watchdog_ns / 2) ns = dev.watchdog_ns / 2;
  }
  if (ns <= 0) return;
  pfd.fd = dev.master;
  pfd.events = 0;
  pfd.revents = 0;
  /* input wakes us only while the line would let a byte in, else a step would read nothing again and again */
  rx_wait = dev__pace_wait_ns(&dev.rx);
  if (rx_wait == 0) pfd.events |= POLLIN;
  else if (ns > rx_wait) ns = rx_wait;
  if (dev.tx_full) pfd.events |= POLLOUT;
  if (dev.tx_paced) {
    tx_wait = dev__pace_wait_ns(&dev.tx);
    if (ns > tx_wait) ns = tx_wait > 0 ? tx_wait : 1;
  }
  ts.tv_sec = (time_t)(ns / 1000000000);
  ts.tv_nsec = (long)(ns % 1000000000);
  (void)ppoll(&pfd, 1, &ts, NULL);
  if (dev.watchdog_ns > 0 && dev.last_feed_ns != 0 && dev__now_ns() - dev.last_feed_ns > dev.watchdog_ns)
    dev__reboot(DEV_WATCHDOG);
}

/* After deviceBoot: the simulator's "ready" event. */
void posix_board_ready(void) {
  dev__stdout_line("{\"event\":\"ready\"}\n");
}

/* ---- start-up (firmware-main.c) ---- */

static void device_hal_start(int argc, char **argv) {
  dev_options o;
  struct sigaction sa;
  sigset_t mask;
  char line[sizeof dev.pty_path + 2];
  dev.argc = argc;
  dev.argv = argv;
  dev.boot_ns = dev__now_ns();
  dev__parse(argc, argv, &o);
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = dev__on_signal;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);
  sa.sa_handler = dev__on_fault;
  sa.sa_flags = SA_NODEFER | SA_RESETHAND; /* a fault inside the restart itself ends the process */
  sigaction(SIGSEGV, &sa, NULL);
  sigaction(SIGBUS, &sa, NULL);
  sigaction(SIGFPE, &sa, NULL);
  sigaction(SIGILL, &sa, NULL);
  /* a restart from a signal handler passes its blocked mask on through execv */
  sigemptyset(&mask);
  sigprocmask(SIG_SETMASK, &mask, NULL);
#ifdef __linux__
  /* the timed flash's steps are tens of microseconds: the default 50 us of timer slack would double them */
  if (dev.flash_timing) (void)prctl(PR_SET_TIMERSLACK, 1000UL);
  if (o.exit_with_parent) {
    (void)prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() == 1) dev__fail("stopped: the parent process was already gone", NULL);
  }
#endif
  dev.burst = dev.rate / 100; /* 10 ms of line time */
  if (dev.burst < 16) dev.burst = 16;
  dev.rx.credit = dev.tx.credit = dev.burst;
  dev.rx.last_ns = dev.tx.last_ns = dev.boot_ns;
  dev__open_pty(&o);
  dev__open_flash(&o);
  if (o.pty_master < 0) {
    /* a fresh start: the port's path first, alone on its line */
    snprintf(line, sizeof line, "%s\n", dev.pty_path);
    dev__stdout_line(line);
    dev__reset_event(DEV_POWER_ON);
  }
}
