/* Flash driver over the SSI in plain SPI mode (RP2040 datasheet 4.10 SSI,
 * 2.6.3 XIP; W25Q16JV datasheet 8.2 instructions).
 *
 * While the SSI is out of XIP mode no code or constant can be fetched from
 * flash, so everything between leaving XIP and restoring it lives in
 * .time_critical (copied to SRAM at reset; firmware/build.mjs checks that no
 * call leaves that section) and runs with interrupts masked (their handlers
 * are in flash). No boot ROM function is used: rp2040js has no ROM, and the
 * sequences are short.
 *
 * Each command is framed by forcing the chip select through the QSPI SS pad
 * override (IO_QSPI GPIO_QSPI_SS_CTRL.OUTOVER), because the SSI itself
 * deselects the chip whenever its transmit FIFO runs empty; bytes go one at a
 * time through DR0 (send one, receive the one clocked in meanwhile). */
#include "flash.h"

#include "board.h"
#include "rp2040.h"

#define SSI_CTRLR0 (XIP_SSI_BASE + 0x00u)
#define SSI_CTRLR1 (XIP_SSI_BASE + 0x04u)
#define SSI_SSIENR (XIP_SSI_BASE + 0x08u)
#define SSI_SER (XIP_SSI_BASE + 0x10u)
#define SSI_BAUDR (XIP_SSI_BASE + 0x14u)
#define SSI_SR (XIP_SSI_BASE + 0x28u)
#define SSI_DR0 (XIP_SSI_BASE + 0x60u)
#define SSI_SPI_CTRLR0 (XIP_SSI_BASE + 0xf4u)
#define SSI_SR_TFNF (1u << 1)
#define SSI_SR_RFNE (1u << 3)

/* Command mode: standard SPI, 8-bit frames, transmit and receive */
#define SSI_CMD_CTRLR0 (7u << 16)
/* XIP mode, as boot2.S sets it: 03h reads, 24-bit address, 32-bit frames */
#define SSI_XIP_CTRLR0 ((31u << 16) | (3u << 8))
#define SSI_XIP_SPI_CTRLR0 ((0x03u << 24) | (2u << 8) | (6u << 2))
#define SSI_BAUD_DIV 4u

#define XIP_CTRL_FLUSH (XIP_CTRL_BASE + 0x04u)

#define QSPI_SS_CTRL (IO_QSPI_BASE + 0x0cu)
#define QSPI_SS_NORMAL 0x000u      /* OUTOVER = peripheral (the SSI) */
#define QSPI_SS_FORCE_LOW 0x200u   /* chip selected */
#define QSPI_SS_FORCE_HIGH 0x300u  /* chip deselected */

#define CMD_WRITE_ENABLE 0x06u
#define CMD_READ_STATUS1 0x05u
#define CMD_SECTOR_ERASE 0x20u
#define CMD_PAGE_PROGRAM 0x02u
#define CMD_JEDEC_ID 0x9fu
#define CMD_UNIQUE_ID 0x4bu
#define STATUS_BUSY (1u << 0)
#define STATUS_WEL (1u << 1)

/* W25Q16JV maxima: sector erase 400 ms, page program 3 ms; with margin. */
#define ERASE_TIMEOUT_US 1000000u
#define PROGRAM_TIMEOUT_US 20000u

#define TIMER_TIMERAWL (TIMER_BASE + 0x28u)

/* The data of a page program, in RAM so that it is readable with XIP off. */
static uint8_t page_buffer[BOARD_FLASH_PAGE_SIZE];

static RAM_FUNC void ssi_command_mode(void) {
  REG(SSI_SSIENR) = 0;
  REG(SSI_CTRLR0) = SSI_CMD_CTRLR0;
  REG(SSI_BAUDR) = SSI_BAUD_DIV;
  REG(SSI_SER) = 1;
  REG(SSI_SSIENR) = 1;
}

static RAM_FUNC void ssi_xip_mode(void) {
  REG(SSI_SSIENR) = 0;
  REG(SSI_CTRLR0) = SSI_XIP_CTRLR0;
  REG(SSI_CTRLR1) = 0;
  REG(SSI_SPI_CTRLR0) = SSI_XIP_SPI_CTRLR0;
  REG(SSI_SSIENR) = 1;
  REG(QSPI_SS_CTRL) = QSPI_SS_NORMAL;
  /* The cache may hold what was there before: drop it. Reading the register
   * back waits until the flush is done. */
  REG(XIP_CTRL_FLUSH) = 1;
  (void)REG(XIP_CTRL_FLUSH);
}

static RAM_FUNC void chip_select(uint32_t level) {
  REG(QSPI_SS_CTRL) = level;
}

static RAM_FUNC uint8_t ssi_transfer(uint8_t out) {
  while (!(REG(SSI_SR) & SSI_SR_TFNF)) {
  }
  REG(SSI_DR0) = out;
  while (!(REG(SSI_SR) & SSI_SR_RFNE)) {
  }
  return (uint8_t)REG(SSI_DR0);
}

static RAM_FUNC void send_command_address(uint8_t command, uint32_t offset) {
  ssi_transfer(command);
  ssi_transfer((uint8_t)(offset >> 16));
  ssi_transfer((uint8_t)(offset >> 8));
  ssi_transfer((uint8_t)offset);
}

static RAM_FUNC uint8_t read_status(void) {
  chip_select(QSPI_SS_FORCE_LOW);
  ssi_transfer(CMD_READ_STATUS1);
  uint8_t status = ssi_transfer(0);
  chip_select(QSPI_SS_FORCE_HIGH);
  return status;
}

static RAM_FUNC int write_enable(void) {
  chip_select(QSPI_SS_FORCE_LOW);
  ssi_transfer(CMD_WRITE_ENABLE);
  chip_select(QSPI_SS_FORCE_HIGH);
  return (read_status() & STATUS_WEL) ? FLASH_OK : FLASH_ERR_WRITE_ENABLE;
}

static RAM_FUNC int wait_not_busy(uint32_t timeout_us) {
  uint32_t start = REG(TIMER_TIMERAWL);
  while (read_status() & STATUS_BUSY) {
    if (REG(TIMER_TIMERAWL) - start > timeout_us) return FLASH_ERR_TIMEOUT;
  }
  return FLASH_OK;
}

static RAM_FUNC int erase_in_ram(uint32_t offset) {
  ssi_command_mode();
  int status = write_enable();
  if (status == FLASH_OK) {
    chip_select(QSPI_SS_FORCE_LOW);
    send_command_address(CMD_SECTOR_ERASE, offset);
    chip_select(QSPI_SS_FORCE_HIGH);
    status = wait_not_busy(ERASE_TIMEOUT_US);
  }
  ssi_xip_mode();
  return status;
}

static RAM_FUNC int program_in_ram(uint32_t offset, uint32_t length) {
  ssi_command_mode();
  int status = write_enable();
  if (status == FLASH_OK) {
    chip_select(QSPI_SS_FORCE_LOW);
    send_command_address(CMD_PAGE_PROGRAM, offset);
    for (uint32_t i = 0; i < length; i++) ssi_transfer(page_buffer[i]);
    chip_select(QSPI_SS_FORCE_HIGH);
    status = wait_not_busy(PROGRAM_TIMEOUT_US);
  }
  ssi_xip_mode();
  return status;
}

/* Sends `command` and `dummies` zero bytes, then reads `length` bytes. */
static RAM_FUNC void read_id_in_ram(uint8_t command, uint32_t dummies, uint8_t *out, uint32_t length) {
  ssi_command_mode();
  chip_select(QSPI_SS_FORCE_LOW);
  ssi_transfer(command);
  for (uint32_t i = 0; i < dummies; i++) ssi_transfer(0);
  for (uint32_t i = 0; i < length; i++) out[i] = ssi_transfer(0);
  chip_select(QSPI_SS_FORCE_HIGH);
  ssi_xip_mode();
}

static int in_data_area(uint32_t offset, uint32_t length) {
  return offset >= BOARD_FLASH_DATA_START && offset < BOARD_FLASH_SIZE && length <= BOARD_FLASH_SIZE - offset;
}

const char *flash_status_text(enum flash_status status) {
  switch (status) {
    case FLASH_OK:
      return "ok";
    case FLASH_ERR_RANGE:
      return "outside the flash data area";
    case FLASH_ERR_ALIGN:
      return "not sector-aligned or crosses a page";
    case FLASH_ERR_WRITE_ENABLE:
      return "flash refused write enable";
    case FLASH_ERR_TIMEOUT:
      return "flash stayed busy";
  }
  return "unknown flash error";
}

uint32_t flash_jedec_id(void) {
  uint8_t id[3];
  uint32_t saved = irq_save();
  read_id_in_ram(CMD_JEDEC_ID, 0, id, 3);
  irq_restore(saved);
  return ((uint32_t)id[0] << 16) | ((uint32_t)id[1] << 8) | id[2];
}

void flash_unique_id(uint8_t id[8]) {
  uint8_t buffer[8];
  uint32_t saved = irq_save();
  read_id_in_ram(CMD_UNIQUE_ID, 4, buffer, 8);
  irq_restore(saved);
  for (int i = 0; i < 8; i++) id[i] = buffer[i];
}

enum flash_status flash_erase_sector(uint32_t offset) {
  if (!in_data_area(offset, BOARD_FLASH_SECTOR_SIZE)) return FLASH_ERR_RANGE;
  if (offset % BOARD_FLASH_SECTOR_SIZE) return FLASH_ERR_ALIGN;
  uint32_t saved = irq_save();
  int status = erase_in_ram(offset);
  irq_restore(saved);
  return (enum flash_status)status;
}

enum flash_status flash_program(uint32_t offset, const uint8_t *data, uint32_t length) {
  if (length == 0 || !in_data_area(offset, length)) return FLASH_ERR_RANGE;
  if (offset / BOARD_FLASH_PAGE_SIZE != (offset + length - 1) / BOARD_FLASH_PAGE_SIZE) return FLASH_ERR_ALIGN;
  uint32_t saved = irq_save();
  for (uint32_t i = 0; i < length; i++) page_buffer[i] = data[i];
  int status = program_in_ram(offset, length);
  irq_restore(saved);
  return (enum flash_status)status;
}

enum flash_status flash_read(uint32_t offset, uint8_t *out, uint32_t length) {
  if (offset > BOARD_FLASH_SIZE || length > BOARD_FLASH_SIZE - offset) return FLASH_ERR_RANGE;
  const volatile uint8_t *p = (const volatile uint8_t *)(uintptr_t)(XIP_BASE + offset);
  for (uint32_t i = 0; i < length; i++) out[i] = p[i];
  return FLASH_OK;
}

const uint8_t *flash_mapped(uint32_t offset) {
  return (const uint8_t *)(uintptr_t)(XIP_BASE + offset);
}
