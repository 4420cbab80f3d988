/* RP2040 chip definitions shared by the drivers: block base addresses, interrupt
 * numbers, the register access macros and the few Cortex-M0+ instructions the
 * drivers need. Written from the RP2040 datasheet (chapter 2, "System
 * description", address map 2.2); each driver defines the offsets and bits of
 * its own block next to the code that uses them. */
#ifndef RP2040_H
#define RP2040_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- address map ------------------------------------------------------ */
#define ROM_BASE 0x00000000u
#define XIP_BASE 0x10000000u            /* flash, cached */
#define XIP_NOCACHE_NOALLOC_BASE 0x13000000u
#define XIP_CTRL_BASE 0x14000000u
#define XIP_SSI_BASE 0x18000000u
#define SRAM_BASE 0x20000000u
#define SYSINFO_BASE 0x40000000u
#define CLOCKS_BASE 0x40008000u
#define RESETS_BASE 0x4000c000u
#define PSM_BASE 0x40010000u
#define IO_BANK0_BASE 0x40014000u
#define IO_QSPI_BASE 0x40018000u
#define PADS_BANK0_BASE 0x4001c000u
#define XOSC_BASE 0x40024000u
#define PLL_SYS_BASE 0x40028000u
#define PLL_USB_BASE 0x4002c000u
#define UART0_BASE 0x40034000u
#define TIMER_BASE 0x40054000u
#define WATCHDOG_BASE 0x40058000u
#define USBCTRL_DPRAM_BASE 0x50100000u
#define USBCTRL_REGS_BASE 0x50110000u
#define SIO_BASE 0xd0000000u
#define PPB_BASE 0xe0000000u

/* Every APB/AHB register block has atomic aliases (datasheet 2.1.2): a write
 * to base+0x1000 XORs, base+0x2000 sets, base+0x3000 clears the written bits,
 * so a driver changes bits without a read-modify-write race with an ISR. */
#define REG_ALIAS_XOR 0x1000u
#define REG_ALIAS_SET 0x2000u
#define REG_ALIAS_CLR 0x3000u

#define REG(addr) (*(volatile uint32_t *)(uintptr_t)(addr))
#define REG_XOR(addr) REG((addr) + REG_ALIAS_XOR)
#define REG_SET(addr) REG((addr) + REG_ALIAS_SET)
#define REG_CLR(addr) REG((addr) + REG_ALIAS_CLR)

/* ---- interrupts (datasheet 2.3.2) ------------------------------------- */
enum {
  IRQ_TIMER_0 = 0,
  IRQ_TIMER_1 = 1,
  IRQ_TIMER_2 = 2,
  IRQ_TIMER_3 = 3,
  IRQ_USBCTRL = 5,
  IRQ_IO_BANK0 = 13,
  IRQ_UART0 = 20,
  IRQ_COUNT = 32,
};

/* NVIC and system control block (ARMv6-M) */
#define NVIC_ISER (PPB_BASE + 0xe100u)
#define NVIC_ICER (PPB_BASE + 0xe180u)
#define SCB_VTOR (PPB_BASE + 0xed08u)

/* The RP2040's peripheral interrupts are level-sensitive: a source still
 * asserted is taken as soon as it is enabled, nothing to clear first. */
static inline void irq_enable(unsigned irq) {
  REG(NVIC_ISER) = 1u << irq;
}

static inline void irq_disable(unsigned irq) {
  REG(NVIC_ICER) = 1u << irq;
}

/* Masks interrupts; returns whether they were enabled, for irq_restore. */
static inline uint32_t irq_save(void) {
  uint32_t primask;
  __asm__ volatile("mrs %0, primask\n cpsid i" : "=r"(primask)::"memory");
  return primask;
}

static inline void irq_restore(uint32_t primask) {
  __asm__ volatile("msr primask, %0" ::"r"(primask) : "memory");
}

/* Sleeps until an event: any interrupt entry or return sets the event
 * register, so a wake-up that happened since the caller last looked for work
 * makes this return at once instead of being lost. */
static inline void cpu_wait_for_event(void) {
  __asm__ volatile("wfe" ::: "memory");
}

static inline void compiler_barrier(void) {
  __asm__ volatile("" ::: "memory");
}

/* ---- RESETS (datasheet 2.14) ------------------------------------------ */
#define RESETS_RESET (RESETS_BASE + 0x0u)
#define RESETS_RESET_DONE (RESETS_BASE + 0x8u)
enum {
  RESET_IO_BANK0 = 1u << 5,
  RESET_PADS_BANK0 = 1u << 8,
  RESET_PLL_SYS = 1u << 12,
  RESET_PLL_USB = 1u << 13,
  RESET_TIMER = 1u << 21,
  RESET_UART0 = 1u << 22,
  RESET_USBCTRL = 1u << 24,
};

/* Takes the blocks in `mask` out of reset and waits until they are ready. */
static inline void resets_release(uint32_t mask) {
  REG_CLR(RESETS_RESET) = mask;
  while ((REG(RESETS_RESET_DONE) & mask) != mask) {
  }
}

/* Puts the blocks in `mask` into reset (they keep no state across it). */
static inline void resets_hold(uint32_t mask) {
  REG_SET(RESETS_RESET) = mask;
}

/* Code placed in RAM (copied there by the reset handler): what must run while
 * the flash is not readable (XIP off) or should not wait for it. */
#define RAM_FUNC __attribute__((section(".time_critical"), noinline))

#endif
