/* The watchdog: reset reason, arming and feeding, scratch registers, and a
 * deliberate reset. */
#ifndef WATCHDOG_H
#define WATCHDOG_H

#include <stdint.h>

enum reset_reason {
  RESET_REASON_POWER = 0,    /* power-on, the RUN pin, or a debugger */
  RESET_REASON_WATCHDOG = 1, /* the watchdog timed out */
  RESET_REASON_SOFTWARE = 2, /* watchdog_reboot: a reset the firmware asked for */
};

/* Why the chip last reset (read before anything arms the watchdog again). */
enum reset_reason watchdog_reset_reason(void);

/* "power", "watchdog" or "software" */
const char *watchdog_reset_reason_name(enum reset_reason reason);

/* Stops the countdown; the reset handler's state after a watchdog reset
 * (rp2040js keeps counting otherwise). */
void watchdog_disable(void);

/* Starts the countdown: a reset unless watchdog_feed is called within
 * timeout_ms (at most WATCHDOG_MAX_TIMEOUT_MS). */
#define WATCHDOG_MAX_TIMEOUT_MS 8388u
void watchdog_arm(uint32_t timeout_ms);
void watchdog_feed(void);

/* Resets the chip now (reason: software). */
__attribute__((noreturn)) void watchdog_reboot(void);

/* Scratch registers 0..7 survive a watchdog reset (the boot ROM reads 4..7). */
uint32_t watchdog_scratch(uint32_t index);
void watchdog_set_scratch(uint32_t index, uint32_t value);

#endif
