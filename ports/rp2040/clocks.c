/* Clock set-up (RP2040 datasheet 2.15 clocks, 2.16 XOSC, 2.18 PLL).
 *
 * At reset clk_sys and clk_ref run from the ring oscillator (about 6.5 MHz).
 * The order below keeps every clock valid while it is switched: both
 * glitchless generators go back to their non-auxiliary source before the PLLs
 * are reprogrammed, then take their final sources. */
#include "clocks.h"

#include "board.h"
#include "rp2040.h"

/* XOSC */
#define XOSC_CTRL (XOSC_BASE + 0x00u)
#define XOSC_STATUS (XOSC_BASE + 0x04u)
#define XOSC_STARTUP (XOSC_BASE + 0x0cu)
#define XOSC_CTRL_FREQ_RANGE_1_15MHZ 0xaa0u
#define XOSC_CTRL_ENABLE (0xfabu << 12)
#define XOSC_STATUS_STABLE (1u << 31)

/* PLL_SYS / PLL_USB (same layout) */
#define PLL_CS 0x0u
#define PLL_PWR 0x4u
#define PLL_FBDIV_INT 0x8u
#define PLL_PRIM 0xcu
#define PLL_CS_LOCK (1u << 31)
#define PLL_PWR_PD (1u << 0)
#define PLL_PWR_POSTDIVPD (1u << 3)
#define PLL_PWR_VCOPD (1u << 5)

/* CLOCKS */
#define CLK_REF_CTRL (CLOCKS_BASE + 0x30u)
#define CLK_REF_DIV (CLOCKS_BASE + 0x34u)
#define CLK_REF_SELECTED (CLOCKS_BASE + 0x38u)
#define CLK_SYS_CTRL (CLOCKS_BASE + 0x3cu)
#define CLK_SYS_DIV (CLOCKS_BASE + 0x40u)
#define CLK_SYS_SELECTED (CLOCKS_BASE + 0x44u)
#define CLK_PERI_CTRL (CLOCKS_BASE + 0x48u)
#define CLK_USB_CTRL (CLOCKS_BASE + 0x54u)
#define CLK_USB_DIV (CLOCKS_BASE + 0x58u)
#define CLK_SYS_RESUS_CTRL (CLOCKS_BASE + 0x78u)
#define CLK_CTRL_ENABLE (1u << 11)
#define CLK_CTRL_AUXSRC_LSB 5
#define CLK_REF_SRC_ROSC 0u
#define CLK_REF_SRC_XOSC 2u
#define CLK_SYS_SRC_REF 0u
#define CLK_SYS_SRC_AUX 1u
#define CLK_SYS_AUXSRC_PLL_SYS 0u
#define CLK_PERI_AUXSRC_CLK_SYS 0u
#define CLK_USB_AUXSRC_PLL_USB 0u
#define CLK_DIV_1 (1u << 8) /* integer part 1, no fraction */

/* WATCHDOG TICK: divides clk_ref down to the 1 us tick of TIMER and watchdog */
#define WATCHDOG_TICK (WATCHDOG_BASE + 0x2cu)
#define WATCHDOG_TICK_ENABLE (1u << 9)

static void xosc_start(void) {
  REG(XOSC_CTRL) = XOSC_CTRL_FREQ_RANGE_1_15MHZ;
  /* start-up delay in units of 256 crystal cycles: about 1 ms */
  REG(XOSC_STARTUP) = (BOARD_XOSC_HZ / 1000u + 128u) / 256u;
  REG_SET(XOSC_CTRL) = XOSC_CTRL_ENABLE;
  while (!(REG(XOSC_STATUS) & XOSC_STATUS_STABLE)) {
  }
}

/* f_out = XOSC / refdiv * fbdiv / (postdiv1 * postdiv2); the VCO
 * (XOSC / refdiv * fbdiv) must lie within 750..1600 MHz. */
static void pll_start(uint32_t base, uint32_t reset_bit, uint32_t refdiv, uint32_t fbdiv, uint32_t postdiv1,
                      uint32_t postdiv2) {
  resets_hold(reset_bit);
  resets_release(reset_bit);
  REG(base + PLL_CS) = refdiv;
  REG(base + PLL_FBDIV_INT) = fbdiv;
  REG_CLR(base + PLL_PWR) = PLL_PWR_PD | PLL_PWR_VCOPD;
  while (!(REG(base + PLL_CS) & PLL_CS_LOCK)) {
  }
  REG(base + PLL_PRIM) = (postdiv1 << 16) | (postdiv2 << 12);
  REG_CLR(base + PLL_PWR) = PLL_PWR_POSTDIVPD;
}

/* A few cycles of the slowest clock involved, for a generator to stop. */
static void short_delay(void) {
  for (volatile int i = 0; i < 16; i++) {
  }
}

void clocks_init(void) {
  REG(CLK_SYS_RESUS_CTRL) = 0;
  xosc_start();

  REG_CLR(CLK_SYS_CTRL) = 1u; /* SRC = clk_ref */
  while (REG(CLK_SYS_SELECTED) != (1u << CLK_SYS_SRC_REF)) {
  }
  REG_CLR(CLK_REF_CTRL) = 3u; /* SRC = ring oscillator */
  while (REG(CLK_REF_SELECTED) != (1u << CLK_REF_SRC_ROSC)) {
  }

  /* 12 MHz * 125 = 1500 MHz VCO, / 6 / 2 = 125 MHz */
  pll_start(PLL_SYS_BASE, RESET_PLL_SYS, 1, 125, 6, 2);
  /* 12 MHz * 100 = 1200 MHz VCO, / 5 / 5 = 48 MHz */
  pll_start(PLL_USB_BASE, RESET_PLL_USB, 1, 100, 5, 5);

  REG(CLK_REF_DIV) = CLK_DIV_1;
  REG(CLK_REF_CTRL) = CLK_REF_SRC_XOSC;
  while (REG(CLK_REF_SELECTED) != (1u << CLK_REF_SRC_XOSC)) {
  }

  REG(CLK_SYS_DIV) = CLK_DIV_1;
  REG(CLK_SYS_CTRL) = (CLK_SYS_AUXSRC_PLL_SYS << CLK_CTRL_AUXSRC_LSB) | CLK_SYS_SRC_REF;
  REG_SET(CLK_SYS_CTRL) = CLK_SYS_SRC_AUX;
  while (REG(CLK_SYS_SELECTED) != (1u << CLK_SYS_SRC_AUX)) {
  }

  /* The other generators are not glitchless: stop, switch, start. */
  REG(CLK_USB_CTRL) = 0;
  short_delay();
  REG(CLK_USB_DIV) = CLK_DIV_1;
  REG(CLK_USB_CTRL) = CLK_CTRL_ENABLE | (CLK_USB_AUXSRC_PLL_USB << CLK_CTRL_AUXSRC_LSB);

  REG(CLK_PERI_CTRL) = 0;
  short_delay();
  REG(CLK_PERI_CTRL) = CLK_CTRL_ENABLE | (CLK_PERI_AUXSRC_CLK_SYS << CLK_CTRL_AUXSRC_LSB);

  REG(WATCHDOG_TICK) = WATCHDOG_TICK_ENABLE | (BOARD_XOSC_HZ / 1000000u);
}

uint32_t clocks_sys_hz(void) {
  return BOARD_CLK_SYS_HZ;
}

uint32_t clocks_peri_hz(void) {
  return BOARD_CLK_SYS_HZ;
}
