/* TIMER (RP2040 datasheet 4.6): a 64-bit counter of the watchdog's 1 us
 * tick, and four 32-bit alarms compared with its low word. Alarm 0 wakes
 * timer_sleep_until. */
#include "timer.h"

#include "rp2040.h"

#define TIMER_ALARM0 (TIMER_BASE + 0x10u)
#define TIMER_ARMED (TIMER_BASE + 0x20u)
#define TIMER_TIMERAWH (TIMER_BASE + 0x24u)
#define TIMER_TIMERAWL (TIMER_BASE + 0x28u)
#define TIMER_INTR (TIMER_BASE + 0x34u)
#define TIMER_INTE (TIMER_BASE + 0x38u)
#define ALARM0_BIT 1u

/* An alarm further ahead than this is armed in steps: the compare is on the
 * low 32 bits only, so a target 2^32 us away would match at once. */
#define MAX_ALARM_STEP_US 0x40000000u

void timer_init(void) {
  resets_release(RESET_TIMER);
  REG(TIMER_INTE) = ALARM0_BIT;
  irq_enable(IRQ_TIMER_0);
}

/* Reading the raw registers needs no latch; a carry between the two reads
 * shows as a changed high word, and the read is repeated. */
uint64_t timer_us(void) {
  uint32_t hi = REG(TIMER_TIMERAWH);
  for (;;) {
    uint32_t lo = REG(TIMER_TIMERAWL);
    uint32_t hi2 = REG(TIMER_TIMERAWH);
    if (hi == hi2) return ((uint64_t)hi << 32) | lo;
    hi = hi2;
  }
}

uint32_t timer_us32(void) {
  return REG(TIMER_TIMERAWL);
}

/* The alarm's only job is to wake the WFE; the interrupt entry does that. */
void isr_timer0(void) {
  REG(TIMER_INTR) = ALARM0_BIT;
}

bool timer_wait_step(uint64_t deadline) {
  uint64_t now = timer_us();
  if (now >= deadline) {
    REG(TIMER_ARMED) = ALARM0_BIT; /* disarm (write 1 to clear) */
    return true;
  }
  uint64_t step = deadline - now;
  if (step > MAX_ALARM_STEP_US) step = MAX_ALARM_STEP_US;
  REG(TIMER_ALARM0) = (uint32_t)(now + step);
  /* The alarm may have been set for a moment already gone: the compare then
   * never matches, so look at the clock again before sleeping. An alarm
   * firing in between sets the event register and WFE returns at once. */
  if (timer_us() < now + step) cpu_wait_for_event();
  return false;
}

void timer_sleep_until(uint64_t deadline) {
  while (!timer_wait_step(deadline)) {
  }
}

void timer_sleep_us(uint32_t us) {
  timer_sleep_until(timer_us() + us);
}
