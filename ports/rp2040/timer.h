/* The 64-bit microsecond timer (TIMER block) and waits on it. */
#ifndef TIMER_H
#define TIMER_H

#include <stdbool.h>
#include <stdint.h>

/* Takes TIMER out of reset and enables its alarm interrupt. Needs the 1 us
 * tick that clocks_init starts. */
void timer_init(void);

/* Microseconds since TIMER left reset. */
uint64_t timer_us(void);

/* Low 32 bits of timer_us(): cheap, for short intervals (wraps in 71 min). */
uint32_t timer_us32(void);

/* One step of a wait: returns true once timer_us() >= deadline; otherwise
 * arms alarm 0 for the deadline and sleeps (WFE) until it or any other
 * interrupt fires, then returns false, so the caller can do other work
 * between steps. */
bool timer_wait_step(uint64_t deadline);

/* Sleeps until timer_us() >= deadline (the CPU, or an emulator, idles;
 * interrupts are served meanwhile). */
void timer_sleep_until(uint64_t deadline);

void timer_sleep_us(uint32_t us);

#endif
