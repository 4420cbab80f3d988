/* UART0, an ARM PL011 (RP2040 datasheet 4.2). */
#include "uart.h"

#include "board.h"
#include "clocks.h"
#include "gpio.h"
#include "rp2040.h"

#define UART_DR (UART0_BASE + 0x00u)
#define UART_FR (UART0_BASE + 0x18u)
#define UART_IBRD (UART0_BASE + 0x24u)
#define UART_FBRD (UART0_BASE + 0x28u)
#define UART_LCR_H (UART0_BASE + 0x2cu)
#define UART_CR (UART0_BASE + 0x30u)
#define UART_IMSC (UART0_BASE + 0x38u)
#define UART_ICR (UART0_BASE + 0x44u)

#define FR_RXFE (1u << 4)
#define FR_TXFF (1u << 5)
#define FR_BUSY (1u << 3)
#define DR_ERRORS (0xfu << 8) /* overrun, break, parity, framing */
#define DR_OVERRUN (1u << 11)
#define LCR_H_FEN (1u << 4)
#define LCR_H_WLEN_8 (3u << 5)
#define CR_UARTEN (1u << 0)
#define CR_TXE (1u << 8)
#define CR_RXE (1u << 9)
#define INT_RX (1u << 4)
#define INT_RT (1u << 6) /* receive timeout: bytes wait below the FIFO level */

#define RX_RING_SIZE 256u /* a power of two */

static volatile uint8_t rx_ring[RX_RING_SIZE];
static volatile uint32_t rx_head; /* written by the ISR */
static volatile uint32_t rx_tail; /* written by uart_read_byte */
static volatile uint32_t rx_dropped;

void uart_init(uint32_t baud) {
  gpio_init();
  resets_hold(RESET_UART0);
  resets_release(RESET_UART0);
  /* Baud divisor in 1/64ths: clk_peri / (16 * baud), rounded to nearest. */
  uint32_t div128 = (8u * clocks_peri_hz()) / baud;
  uint32_t ibrd = div128 >> 7;
  uint32_t fbrd = ((div128 & 0x7fu) + 1u) / 2u;
  if (ibrd == 0) {
    ibrd = 1;
    fbrd = 0;
  } else if (ibrd >= 0xffffu) {
    ibrd = 0xffffu;
    fbrd = 0;
  }
  REG(UART_IBRD) = ibrd;
  REG(UART_FBRD) = fbrd;
  REG(UART_LCR_H) = LCR_H_WLEN_8 | LCR_H_FEN; /* also latches the divisor */
  REG(UART_CR) = CR_UARTEN | CR_TXE | CR_RXE;
  gpio_set_function(BOARD_UART0_TX_PIN, GPIO_FUNC_UART);
  gpio_set_function(BOARD_UART0_RX_PIN, GPIO_FUNC_UART);
  REG(UART_IMSC) = INT_RX | INT_RT;
  irq_enable(IRQ_UART0);
}

void isr_uart0(void) {
  while (!(REG(UART_FR) & FR_RXFE)) {
    uint32_t data = REG(UART_DR);
    if (data & DR_OVERRUN) rx_dropped++;
    if (data & (DR_ERRORS & ~DR_OVERRUN)) continue; /* a garbled byte */
    uint32_t head = rx_head;
    if (head - rx_tail == RX_RING_SIZE) {
      rx_dropped++;
      continue;
    }
    rx_ring[head % RX_RING_SIZE] = (uint8_t)data;
    rx_head = head + 1;
  }
  REG(UART_ICR) = INT_RX | INT_RT;
}

int uart_read_byte(void) {
  uint32_t tail = rx_tail;
  if (tail == rx_head) return -1;
  int byte = rx_ring[tail % RX_RING_SIZE];
  rx_tail = tail + 1;
  return byte;
}

uint32_t uart_rx_dropped(void) {
  return rx_dropped;
}

void uart_write(const void *bytes, size_t n) {
  const uint8_t *p = bytes;
  for (size_t i = 0; i < n; i++) {
    while (REG(UART_FR) & FR_TXFF) {
    }
    REG(UART_DR) = p[i];
  }
}

void uart_flush(void) {
  while (REG(UART_FR) & FR_BUSY) {
  }
}
