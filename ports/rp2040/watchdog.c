/* Watchdog (RP2040 datasheet 4.7). Its counter runs on the 1 us tick that
 * clocks_init starts; erratum RP2040-E1 makes it count down twice per tick,
 * hence 2000 counts per millisecond. When it reaches zero (or CTRL.TRIGGER is
 * written) the power-on state machine resets the domains selected in PSM
 * WDSEL, and REASON says which of the two happened. */
#include "watchdog.h"

#include "rp2040.h"

#define WD_CTRL (WATCHDOG_BASE + 0x00u)
#define WD_LOAD (WATCHDOG_BASE + 0x04u)
#define WD_REASON (WATCHDOG_BASE + 0x08u)
#define WD_SCRATCH(i) (WATCHDOG_BASE + 0x0cu + 4u * (i))
#define WD_CTRL_TRIGGER (1u << 31)
#define WD_CTRL_ENABLE (1u << 30)
#define WD_CTRL_PAUSE_DEBUG (7u << 24) /* PAUSE_DBG1, PAUSE_DBG0, PAUSE_JTAG */
#define WD_REASON_TIMER (1u << 0)
#define WD_REASON_FORCE (1u << 1)
#define WD_COUNTS_PER_MS 2000u
#define WD_LOAD_MAX 0xffffffu

#define PSM_WDSEL (PSM_BASE + 0x08u)
/* Every domain except the two oscillators, which keep running through the
 * reset so that the clocks come back as the firmware left them. */
#define PSM_WDSEL_ALL_BUT_OSCILLATORS 0x1fffcu

static uint32_t armed_load;

enum reset_reason watchdog_reset_reason(void) {
  uint32_t reason = REG(WD_REASON);
  if (reason & WD_REASON_TIMER) return RESET_REASON_WATCHDOG;
  if (reason & WD_REASON_FORCE) return RESET_REASON_SOFTWARE;
  return RESET_REASON_POWER;
}

const char *watchdog_reset_reason_name(enum reset_reason reason) {
  switch (reason) {
    case RESET_REASON_WATCHDOG:
      return "watchdog";
    case RESET_REASON_SOFTWARE:
      return "software";
    default:
      return "power";
  }
}

void watchdog_disable(void) {
  REG_CLR(WD_CTRL) = WD_CTRL_ENABLE;
}

void watchdog_arm(uint32_t timeout_ms) {
  if (timeout_ms > WATCHDOG_MAX_TIMEOUT_MS) timeout_ms = WATCHDOG_MAX_TIMEOUT_MS;
  uint32_t load = timeout_ms * WD_COUNTS_PER_MS;
  if (load == 0) load = 1;
  if (load > WD_LOAD_MAX) load = WD_LOAD_MAX;
  watchdog_disable();
  REG(PSM_WDSEL) = PSM_WDSEL_ALL_BUT_OSCILLATORS;
  armed_load = load;
  REG(WD_LOAD) = load;
  REG_SET(WD_CTRL) = WD_CTRL_ENABLE | WD_CTRL_PAUSE_DEBUG;
}

void watchdog_feed(void) {
  REG(WD_LOAD) = armed_load;
}

void watchdog_reboot(void) {
  watchdog_disable();
  REG(PSM_WDSEL) = PSM_WDSEL_ALL_BUT_OSCILLATORS;
  REG_SET(WD_CTRL) = WD_CTRL_TRIGGER;
  for (;;) {
  }
}

uint32_t watchdog_scratch(uint32_t index) {
  return REG(WD_SCRATCH(index & 7u));
}

void watchdog_set_scratch(uint32_t index, uint32_t value) {
  REG(WD_SCRATCH(index & 7u)) = value;
}
