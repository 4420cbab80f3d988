/* Vector table and reset handler.
 *
 * boot2 (or an emulator that skips it) enters reset_handler with SP and VTOR
 * taken from vector_table, on core 0, with clk_sys still on the ring
 * oscillator. The handler copies initialised data and the RAM-resident code
 * (.time_critical: the flash driver) from flash to SRAM, clears .bss and calls
 * main. Core 1 stays parked in the boot ROM (a real RP2040) or does not exist
 * (rp2040js). */
#include "rp2040.h"

extern int main(void);

/* From firmware/rp2040/memmap.ld */
extern uint32_t __stack_top[];
extern uint32_t __data_start[], __data_end[], __data_load[];
extern uint32_t __ram_code_start[], __ram_code_end[], __ram_code_load[];
extern uint32_t __bss_start[], __bss_end[];

void reset_handler(void);

/* The exception number (IPSR) of the last fault or unexpected interrupt, for
 * a debugger or an emulator to read. */
volatile uint32_t unexpected_exception;

/* A fault or an unexpected interrupt stops here (no breakpoint: an emulator
 * would stop instead of letting an armed watchdog reset the chip). */
void isr_unexpected(void) {
  uint32_t ipsr;
  __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
  unexpected_exception = ipsr;
  for (;;) {
  }
}

void isr_hardfault(void) __attribute__((weak, alias("isr_unexpected")));
void isr_svcall(void) __attribute__((weak, alias("isr_unexpected")));
void isr_pendsv(void) __attribute__((weak, alias("isr_unexpected")));
void isr_systick(void) __attribute__((weak, alias("isr_unexpected")));
void isr_timer0(void) __attribute__((weak, alias("isr_unexpected")));
void isr_usbctrl(void) __attribute__((weak, alias("isr_unexpected")));
void isr_io_bank0(void) __attribute__((weak, alias("isr_unexpected")));
void isr_uart0(void) __attribute__((weak, alias("isr_unexpected")));

typedef void (*vector_fn)(void);

/* 16 system exceptions, then the RP2040's 32 interrupts (datasheet 2.3.2).
 * VTOR needs the table aligned to 256 bytes: the linker script places it at
 * 0x10000100. */
__attribute__((section(".vectors"), used)) const vector_fn vector_table[16 + IRQ_COUNT] = {
    (vector_fn)(uintptr_t)__stack_top,
    reset_handler,
    isr_unexpected, /* NMI */
    isr_hardfault,
    0, 0, 0, 0, 0, 0, 0,
    isr_svcall,
    0, 0,
    isr_pendsv,
    isr_systick,
    [16 + IRQ_TIMER_0] = isr_timer0,
    [16 + IRQ_TIMER_1] = isr_unexpected,
    [16 + IRQ_TIMER_2] = isr_unexpected,
    [16 + IRQ_TIMER_3] = isr_unexpected,
    [16 + 4] = isr_unexpected,
    [16 + IRQ_USBCTRL] = isr_usbctrl,
    [16 + 6 ... 16 + 12] = isr_unexpected,
    [16 + IRQ_IO_BANK0] = isr_io_bank0,
    [16 + 14 ... 16 + 19] = isr_unexpected,
    [16 + IRQ_UART0] = isr_uart0,
    [16 + 21 ... 16 + 31] = isr_unexpected,
};

static void copy_words(uint32_t *dst, const uint32_t *src, const uint32_t *dst_end) {
  while (dst < dst_end) *dst++ = *src++;
}

void reset_handler(void) {
  copy_words(__data_start, __data_load, __data_end);
  copy_words(__ram_code_start, __ram_code_load, __ram_code_end);
  for (uint32_t *p = __bss_start; p < __bss_end; p++) *p = 0;
  /* boot2 already did this on a real board; an emulator may not have */
  REG(SCB_VTOR) = (uint32_t)(uintptr_t)vector_table;
  __asm__ volatile("dsb\n isb" ::: "memory");
  (void)main();
  for (;;) cpu_wait_for_event();
}
