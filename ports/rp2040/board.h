/* The Raspberry Pi Pico board: what the drivers need to know about what is
 * soldered around the RP2040. */
#ifndef BOARD_H
#define BOARD_H

#define BOARD_NAME "rp2040"
#define BOARD_XOSC_HZ 12000000u   /* ABM8-272-T3 crystal */
#define BOARD_CLK_SYS_HZ 125000000u
#define BOARD_CLK_USB_HZ 48000000u

/* W25Q16JV: 2 MB, 4 KB erase sectors, 256-byte program pages */
#define BOARD_FLASH_SIZE (2u * 1024u * 1024u)
#define BOARD_FLASH_SECTOR_SIZE 4096u
#define BOARD_FLASH_PAGE_SIZE 256u
/* The first megabyte holds boot2 and the firmware (firmware/rp2040/memmap.ld
 * says the same); the second is data (the module store; bsp-test's test
 * area). The flash driver refuses to erase or program below it. */
#define BOARD_FLASH_DATA_START (1024u * 1024u)

#define BOARD_UART0_TX_PIN 0u
#define BOARD_UART0_RX_PIN 1u
#define BOARD_UART_BAUD 115200u
#define BOARD_LED_PIN 25u
#define BOARD_GPIO_COUNT 30u

#endif
