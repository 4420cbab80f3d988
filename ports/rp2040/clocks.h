/* Clock tree: crystal oscillator, PLLs and clock generators. */
#ifndef CLOCKS_H
#define CLOCKS_H

#include <stdint.h>

/* clk_ref = XOSC 12 MHz, clk_sys = PLL_SYS 125 MHz, clk_peri = clk_sys,
 * clk_usb = PLL_USB 48 MHz, and the 1 us tick of TIMER and the watchdog from
 * clk_ref. Call first in main: everything else assumes these clocks. */
void clocks_init(void);

/* The frequencies clocks_init set (Hz). */
uint32_t clocks_sys_hz(void);
uint32_t clocks_peri_hz(void);

#endif
