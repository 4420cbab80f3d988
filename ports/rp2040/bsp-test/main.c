/* bsp-test: the board-support test firmware for the RP2040 (see
 * ports/rp2040/README.md for the commands). It exercises every driver from a
 * host through two channels: USB CDC echoes every byte it receives, UART0
 * answers one-line commands. */
#include "../board.h"
#include "../bootsel.h"
#include "../clocks.h"
#include "../flash.h"
#include "../gpio.h"
#include "../rp2040.h"
#include "../timer.h"
#include "../uart.h"
#include "../usb_cdc.h"
#include "../watchdog.h"
#include "bsp_test.h"

#define LINE_MAX 640u /* "program <addr> " + 512 hex digits, with room */

uint64_t boot_time_us;

static char serial_number[17];
static const struct usb_cdc_identity usb_identity = {
    .vendor_id = 0x2e8a, /* Raspberry Pi */
    .product_id = 0x000a,
    .device_release = 0x0100,
    .manufacturer = "wasmcu",
    .product = "wasmcu bsp-test",
    .serial_number = serial_number,
};

static char line[LINE_MAX];
static size_t line_length;
static bool line_too_long;

bool echo_usb(void) {
  uint8_t chunk[USB_CDC_DATA_SIZE];
  size_t room = usb_cdc_write_space();
  if (room > sizeof chunk) room = sizeof chunk;
  if (room == 0) return false; /* the host is not reading: leave OUT data waiting */
  size_t n = usb_cdc_read(chunk, room);
  if (n == 0) return false;
  usb_cdc_write(chunk, n);
  return true;
}

static bool read_uart_lines(void) {
  bool any = false;
  int c;
  while ((c = uart_read_byte()) >= 0) {
    any = true;
    if (c == '\r' || c == '\n') {
      if (line_too_long) {
        reply_text("err line too long");
        reply_end();
      } else if (line_length > 0) {
        command_run(line, line_length);
      }
      line_length = 0;
      line_too_long = false;
    } else if (line_length < LINE_MAX) {
      line[line_length++] = (char)c;
    } else {
      line_too_long = true;
    }
  }
  return any;
}

static void hex_digits(char *out, const uint8_t *bytes, size_t n) {
  static const char digits[] = "0123456789abcdef";
  for (size_t i = 0; i < n; i++) {
    out[2 * i] = digits[bytes[i] >> 4];
    out[2 * i + 1] = digits[bytes[i] & 15u];
  }
  out[2 * n] = 0;
}

int main(void) {
  enum reset_reason reason = watchdog_reset_reason();
  watchdog_disable();
  bootsel_clear_request();
  clocks_init();
  timer_init();
  boot_time_us = timer_us();
  gpio_init();
  uart_init(BOARD_UART_BAUD);

  uint8_t id[8];
  flash_unique_id(id);
  hex_digits(serial_number, id, sizeof id);
  usb_cdc_init(&usb_identity);

  reply_text("bsp-test: boot reset=");
  reply_text(watchdog_reset_reason_name(reason));
  reply_text(" clk_sys=");
  reply_decimal(clocks_sys_hz());
  reply_end();

  for (;;) {
    bool worked = echo_usb();
    worked |= read_uart_lines();
    /* Any interrupt since the checks above (USB, UART) wakes this at once. */
    if (!worked) cpu_wait_for_event();
  }
}
