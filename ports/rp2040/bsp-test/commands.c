/* bsp-test's UART0 commands: one line in, one line out. Numbers: addresses
 * are hexadecimal (an optional 0x prefix), every other number decimal (or
 * hexadecimal with 0x). */
#include "../board.h"
#include "../bootsel.h"
#include "../clocks.h"
#include "../flash.h"
#include "../gpio.h"
#include "../rp2040.h"
#include "../timer.h"
#include "../uart.h"
#include "../watchdog.h"
#include "bsp_test.h"

/* The flash test area: the top megabyte of the 2 MB flash. */
#define TEST_AREA_START BOARD_FLASH_DATA_START
#define TEST_AREA_END BOARD_FLASH_SIZE
#define MAX_READ 256u

/* ---- replies ----------------------------------------------------------- */

static char reply[8 + 2 * MAX_READ + 64];
static size_t reply_length;

void reply_bytes(const char *bytes, size_t n) {
  for (size_t i = 0; i < n && reply_length < sizeof reply; i++) reply[reply_length++] = bytes[i];
}

void reply_text(const char *text) {
  size_t n = 0;
  while (text[n]) n++;
  reply_bytes(text, n);
}

/* Decimal without a division (the Cortex-M0+ has none): subtract powers of ten. */
void reply_decimal(uint64_t value) {
  static const uint64_t powers[] = {
      10000000000000000000ull, 1000000000000000000ull, 100000000000000000ull, 10000000000000000ull,
      1000000000000000ull,     100000000000000ull,     10000000000000ull,     1000000000000ull,
      100000000000ull,         10000000000ull,         1000000000ull,         100000000ull,
      10000000ull,             1000000ull,             100000ull,             10000ull,
      1000ull,                 100ull,                 10ull,                 1ull,
  };
  bool started = false;
  for (size_t i = 0; i < sizeof powers / sizeof powers[0]; i++) {
    char digit = '0';
    while (value >= powers[i]) {
      value -= powers[i];
      digit++;
    }
    if (digit != '0' || started || powers[i] == 1) {
      reply_bytes(&digit, 1);
      started = true;
    }
  }
}

void reply_hex(uint32_t value, unsigned digits) {
  static const char hex[] = "0123456789abcdef";
  for (unsigned i = digits; i-- > 0;) reply_bytes(&hex[(value >> (4 * i)) & 15u], 1);
}

void reply_end(void) {
  reply_bytes("\r\n", 2);
  uart_write(reply, reply_length);
  reply_length = 0;
}

static void answer(const char *text) {
  reply_text(text);
  reply_end();
}

static void answer_error(const char *what) {
  reply_text("err ");
  reply_text(what);
  reply_end();
}

/* ---- parsing ----------------------------------------------------------- */

struct words {
  const char *p, *end;
};

struct word {
  const char *text;
  size_t length;
};

static bool next_word(struct words *w, struct word *out) {
  while (w->p < w->end && *w->p == ' ') w->p++;
  if (w->p == w->end) return false;
  out->text = w->p;
  while (w->p < w->end && *w->p != ' ') w->p++;
  out->length = (size_t)(w->p - out->text);
  return true;
}

static bool word_is(struct word w, const char *name) {
  size_t i = 0;
  for (; name[i]; i++) {
    if (i >= w.length || w.text[i] != name[i]) return false;
  }
  return i == w.length;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static bool parse_hex(struct word w, uint32_t *out) {
  if (w.length > 2 && w.text[0] == '0' && (w.text[1] == 'x' || w.text[1] == 'X')) {
    w.text += 2;
    w.length -= 2;
  }
  if (w.length == 0 || w.length > 8) return false;
  uint32_t value = 0;
  for (size_t i = 0; i < w.length; i++) {
    int digit = hex_value(w.text[i]);
    if (digit < 0) return false;
    value = (value << 4) | (uint32_t)digit;
  }
  *out = value;
  return true;
}

static bool parse_number(struct word w, uint32_t *out) {
  if (w.length > 2 && w.text[0] == '0' && (w.text[1] == 'x' || w.text[1] == 'X')) return parse_hex(w, out);
  if (w.length == 0) return false;
  uint32_t value = 0;
  for (size_t i = 0; i < w.length; i++) {
    if (w.text[i] < '0' || w.text[i] > '9') return false;
    uint32_t digit = (uint32_t)(w.text[i] - '0');
    if (value > (0xffffffffu - digit) / 10u) return false; /* would not fit */
    value = value * 10u + digit;
  }
  *out = value;
  return true;
}

/* Reads the command's next argument as a number ("address" is hexadecimal);
 * answers the error itself when it is missing or malformed. */
static bool argument(struct words *w, const char *name, bool hexadecimal, uint32_t *out) {
  struct word word;
  if (!next_word(w, &word)) {
    reply_text("err missing ");
    reply_text(name);
    reply_end();
    return false;
  }
  if (!(hexadecimal ? parse_hex(word, out) : parse_number(word, out))) {
    reply_text("err bad ");
    reply_text(name);
    reply_text(": ");
    reply_bytes(word.text, word.length);
    reply_end();
    return false;
  }
  return true;
}

static bool no_more_arguments(struct words *w) {
  struct word extra;
  if (!next_word(w, &extra)) return true;
  reply_text("err unexpected argument: ");
  reply_bytes(extra.text, extra.length);
  reply_end();
  return false;
}

/* Whether [address, address + length) lies in the test area; answers the error. */
static bool in_test_area(uint32_t address, uint32_t length) {
  if (address >= TEST_AREA_START && address < TEST_AREA_END && length <= TEST_AREA_END - address) return true;
  answer_error("outside the test area 0x100000..0x1fffff");
  return false;
}

static bool in_flash(uint32_t address, uint32_t length) {
  if (address < BOARD_FLASH_SIZE && length <= BOARD_FLASH_SIZE - address) return true;
  answer_error("outside the 2 MB flash");
  return false;
}

static void answer_flash(enum flash_status status) {
  if (status == FLASH_OK) {
    answer("ok");
  } else {
    answer_error(flash_status_text(status));
  }
}

/* ---- commands ---------------------------------------------------------- */

static void command_info(void) {
  reply_text("ok " BOARD_NAME " bsp-test clk_sys=");
  reply_decimal(clocks_sys_hz());
  reply_text(" flash_id=");
  reply_hex(flash_jedec_id(), 6);
  reply_end();
}

static void command_erase(struct words *w) {
  uint32_t address;
  if (!argument(w, "address", true, &address) || !no_more_arguments(w)) return;
  if (!in_test_area(address, BOARD_FLASH_SECTOR_SIZE)) return;
  if (address % BOARD_FLASH_SECTOR_SIZE) {
    answer_error("address is not at a 4096-byte sector start");
    return;
  }
  answer_flash(flash_erase_sector(address));
}

static void command_program(struct words *w) {
  static uint8_t data[BOARD_FLASH_PAGE_SIZE];
  uint32_t address;
  struct word hex;
  if (!argument(w, "address", true, &address)) return;
  if (!next_word(w, &hex)) {
    answer_error("missing hex bytes");
    return;
  }
  if (!no_more_arguments(w)) return;
  if (hex.length == 0 || hex.length % 2 || hex.length > 2 * BOARD_FLASH_PAGE_SIZE) {
    answer_error("hex bytes: an even number of digits, 2 to 512");
    return;
  }
  uint32_t length = (uint32_t)hex.length / 2;
  for (uint32_t i = 0; i < length; i++) {
    int high = hex_value(hex.text[2 * i]), low = hex_value(hex.text[2 * i + 1]);
    if (high < 0 || low < 0) {
      answer_error("hex bytes: not a hex digit");
      return;
    }
    data[i] = (uint8_t)(high << 4 | low);
  }
  if (!in_test_area(address, length)) return;
  if (address / BOARD_FLASH_PAGE_SIZE != (address + length - 1) / BOARD_FLASH_PAGE_SIZE) {
    answer_error("crosses a 256-byte page");
    return;
  }
  answer_flash(flash_program(address, data, length));
}

static void command_fill(struct words *w) {
  static uint8_t page[BOARD_FLASH_PAGE_SIZE];
  uint32_t address, length, seed;
  if (!argument(w, "address", true, &address) || !argument(w, "length", false, &length) ||
      !argument(w, "seed", false, &seed) || !no_more_arguments(w))
    return;
  if (length == 0) {
    answer_error("length must be at least 1");
    return;
  }
  if (!in_test_area(address, length)) return;
  uint32_t done = 0;
  while (done < length) {
    uint32_t at = address + done;
    uint32_t chunk = BOARD_FLASH_PAGE_SIZE - at % BOARD_FLASH_PAGE_SIZE;
    if (chunk > length - done) chunk = length - done;
    for (uint32_t i = 0; i < chunk; i++) page[i] = (uint8_t)(seed + done + i);
    enum flash_status status = flash_program(at, page, chunk);
    if (status != FLASH_OK) {
      answer_flash(status);
      return;
    }
    done += chunk;
    echo_usb();
  }
  answer("ok");
}

static void command_read(struct words *w) {
  static uint8_t data[MAX_READ];
  uint32_t address, length;
  if (!argument(w, "address", true, &address) || !argument(w, "length", false, &length) || !no_more_arguments(w))
    return;
  if (length == 0 || length > MAX_READ) {
    answer_error("length must be 1..256");
    return;
  }
  if (!in_flash(address, length)) return;
  flash_read(address, data, length);
  reply_text("ok ");
  for (uint32_t i = 0; i < length; i++) reply_hex(data[i], 2);
  reply_end();
}

/* zlib's CRC-32 (reflected polynomial 0xedb88320), four bits per step. */
static uint32_t crc32_update(uint32_t crc, const uint8_t *bytes, uint32_t n) {
  static const uint32_t nibble_table[16] = {
      0x00000000u, 0x1db71064u, 0x3b6e20c8u, 0x26d930acu, 0x76dc4190u, 0x6b6b51f4u, 0x4db26158u, 0x5005713cu,
      0xedb88320u, 0xf00f9344u, 0xd6d6a3e8u, 0xcb61b38cu, 0x9b64c2b0u, 0x86d3d2d4u, 0xa00ae278u, 0xbdbdf21cu,
  };
  for (uint32_t i = 0; i < n; i++) {
    crc ^= bytes[i];
    crc = (crc >> 4) ^ nibble_table[crc & 15u];
    crc = (crc >> 4) ^ nibble_table[crc & 15u];
  }
  return crc;
}

static void command_crc(struct words *w) {
  uint32_t address, length;
  if (!argument(w, "address", true, &address) || !argument(w, "length", false, &length) || !no_more_arguments(w))
    return;
  if (!in_flash(address, length)) return;
  uint32_t crc = crc32_update(0xffffffffu, flash_mapped(address), length) ^ 0xffffffffu;
  reply_text("ok ");
  reply_hex(crc, 8);
  reply_end();
}

/* Waits for the timer, echoing USB data meanwhile. */
static void wait_until(uint64_t deadline) {
  while (!timer_wait_step(deadline)) echo_usb();
}

static void command_gpio(struct words *w) {
  uint32_t pin, count, period;
  if (!argument(w, "pin", false, &pin) || !argument(w, "count", false, &count) ||
      !argument(w, "period", false, &period) || !no_more_arguments(w))
    return;
  if (pin >= BOARD_GPIO_COUNT) {
    answer_error("bad pin (0..29)");
    return;
  }
  if (pin == BOARD_UART0_TX_PIN || pin == BOARD_UART0_RX_PIN) {
    reply_text("err pin ");
    reply_decimal(pin);
    reply_text(" is used by UART0");
    reply_end();
    return;
  }
  if (period == 0) {
    answer_error("period must be at least 1 us");
    return;
  }
  gpio_set_output(pin, false);
  uint64_t next = timer_us();
  for (uint32_t i = 0; i < count; i++) {
    wait_until(next);
    gpio_toggle(pin);
    next += period;
  }
  wait_until(next);
  answer("ok");
}

static void command_time(void) {
  reply_text("ok ");
  reply_decimal(timer_us() - boot_time_us);
  reply_end();
}

static void command_hang(struct words *w) {
  uint32_t ms;
  if (!argument(w, "timeout", false, &ms) || !no_more_arguments(w)) return;
  if (ms == 0 || ms > WATCHDOG_MAX_TIMEOUT_MS) {
    answer_error("timeout must be 1..8388 ms");
    return;
  }
  answer("ok");
  uart_flush();
  watchdog_arm(ms);
  for (;;) cpu_wait_for_event(); /* stuck: never feeds the watchdog */
}

static void command_bootsel(struct words *w) {
  if (!no_more_arguments(w)) return;
  answer("ok");
  uart_flush();
  bootsel_reboot();
}

void command_run(const char *line, size_t length) {
  struct words w = {line, line + length};
  struct word name;
  if (!next_word(&w, &name)) return;
  if (word_is(name, "echo")) {
    /* everything after "echo ", spaces included */
    const char *text = name.text + name.length;
    if (text < line + length) text++;
    reply_bytes(text, (size_t)(line + length - text));
    reply_end();
  } else if (word_is(name, "info")) {
    if (no_more_arguments(&w)) command_info();
  } else if (word_is(name, "erase")) {
    command_erase(&w);
  } else if (word_is(name, "program")) {
    command_program(&w);
  } else if (word_is(name, "fill")) {
    command_fill(&w);
  } else if (word_is(name, "read")) {
    command_read(&w);
  } else if (word_is(name, "crc")) {
    command_crc(&w);
  } else if (word_is(name, "gpio")) {
    command_gpio(&w);
  } else if (word_is(name, "time")) {
    if (no_more_arguments(&w)) command_time();
  } else if (word_is(name, "hang")) {
    command_hang(&w);
  } else if (word_is(name, "bootsel")) {
    command_bootsel(&w);
  } else {
    reply_text("err unknown command: ");
    reply_bytes(line, length);
    reply_end();
  }
}
