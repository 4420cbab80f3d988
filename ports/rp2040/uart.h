/* UART0 on GP0 (TX) / GP1 (RX), 8N1: blocking transmit, interrupt-driven
 * receive into a ring buffer. */
#ifndef UART_H
#define UART_H

#include <stddef.h>
#include <stdint.h>

/* Needs clocks_init (clk_peri) first. */
void uart_init(uint32_t baud);

/* Sends n bytes, waiting for room in the transmit FIFO. */
void uart_write(const void *bytes, size_t n);

/* Waits until everything written has left the transmitter (before a reset). */
void uart_flush(void);

/* The next received byte, or -1 when none is waiting. */
int uart_read_byte(void);

/* Bytes lost because the receive ring was full or the FIFO overran. */
uint32_t uart_rx_dropped(void);

#endif
