/* The QSPI flash (W25Q16JV on a Pico): identification, sector erase, page
 * program, read. Erase and program run from RAM with interrupts masked while
 * execute-in-place is off; they refuse the firmware area (below
 * BOARD_FLASH_DATA_START). Offsets count from the start of the flash. */
#ifndef FLASH_H
#define FLASH_H

#include <stdint.h>

enum flash_status {
  FLASH_OK = 0,
  FLASH_ERR_RANGE = -1,        /* outside the data area or the chip */
  FLASH_ERR_ALIGN = -2,        /* not a sector start, or crosses a page */
  FLASH_ERR_WRITE_ENABLE = -3, /* the chip did not set WEL (write-protected?) */
  FLASH_ERR_TIMEOUT = -4,      /* the chip stayed busy past its datasheet maximum */
};

const char *flash_status_text(enum flash_status status);

/* Manufacturer, memory type and capacity bytes (0xef4015 for a W25Q16JV). */
uint32_t flash_jedec_id(void);

/* The chip's 64-bit unique id (0x4B), the Pico's board serial number. */
void flash_unique_id(uint8_t id[8]);

/* Erases the 4 KB sector at `offset` (sector-aligned) to 0xff. */
enum flash_status flash_erase_sector(uint32_t offset);

/* Programs 1..256 bytes at `offset`, within one 256-byte page. Programming
 * only clears bits: the range should have been erased. `data` may be
 * anywhere, flash included (it is copied to RAM first). */
enum flash_status flash_program(uint32_t offset, const uint8_t *data, uint32_t length);

/* Copies `length` bytes at `offset` through the XIP window. */
enum flash_status flash_read(uint32_t offset, uint8_t *out, uint32_t length);

/* The bytes at `offset` as the CPU sees them (valid until the next erase or
 * program of that range). */
const uint8_t *flash_mapped(uint32_t offset);

#endif
