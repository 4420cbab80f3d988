/* The board-support test firmware: shared between its main loop and its
 * command handlers. */
#ifndef BSP_TEST_H
#define BSP_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Time of boot on the microsecond timer. */
extern uint64_t boot_time_us;

/* Moves what the USB host sent back to it; returns whether it moved any. */
bool echo_usb(void);

/* Runs one command line (without its end-of-line) and answers on UART0. */
void command_run(const char *line, size_t length);

/* Answer building: one line at a time, sent by reply_end with "\r\n". */
void reply_text(const char *text);
void reply_bytes(const char *bytes, size_t n);
void reply_decimal(uint64_t value);
void reply_hex(uint32_t value, unsigned digits);
void reply_end(void);

#endif
