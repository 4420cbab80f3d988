/* BOOTSEL reboot. The boot ROM (RP2040 datasheet 2.8.2, 2.8.3) starts with a
 * magic 'M' 'u' 0x01 at 0x10, a 16-bit pointer to its public function table
 * at 0x14 and a 16-bit pointer to its table-lookup function at 0x18; the
 * lookup takes the table and a two-letter code ('U','B' = reset_usb_boot). */
#include "bootsel.h"

#include "rp2040.h"
#include "watchdog.h"

#define ROM_MAGIC_ADDR (ROM_BASE + 0x10u)
#define ROM_FUNC_TABLE_ADDR (ROM_BASE + 0x14u)
#define ROM_TABLE_LOOKUP_ADDR (ROM_BASE + 0x18u)
#define ROM_MAGIC 0x01754du /* 'M', 'u', 1 (little-endian), version byte ignored */
#define ROM_CODE(a, b) ((uint32_t)(a) | ((uint32_t)(b) << 8))

typedef void *(*rom_table_lookup_fn)(const uint16_t *table, uint32_t code);
typedef void (*rom_reset_usb_boot_fn)(uint32_t activity_pin_mask, uint32_t disable_interface_mask);

bool bootsel_rom_present(void) {
  return (REG(ROM_MAGIC_ADDR) & 0xffffffu) == ROM_MAGIC;
}

static uint16_t rom_half(uint32_t addr) {
  return (uint16_t)(addr & 2u ? REG(addr & ~3u) >> 16 : REG(addr & ~3u) & 0xffffu);
}

void bootsel_reboot(void) {
  if (bootsel_rom_present()) {
    rom_table_lookup_fn lookup = (rom_table_lookup_fn)(uintptr_t)rom_half(ROM_TABLE_LOOKUP_ADDR);
    const uint16_t *table = (const uint16_t *)(uintptr_t)rom_half(ROM_FUNC_TABLE_ADDR);
    rom_reset_usb_boot_fn reset_usb_boot = (rom_reset_usb_boot_fn)lookup(table, ROM_CODE('U', 'B'));
    if (reset_usb_boot) reset_usb_boot(0, 0);
  }
  watchdog_set_scratch(BOOTSEL_REQUEST_SCRATCH, BOOTSEL_REQUEST_MAGIC);
  watchdog_reboot();
}

void bootsel_clear_request(void) {
  if (watchdog_scratch(BOOTSEL_REQUEST_SCRATCH) == BOOTSEL_REQUEST_MAGIC) {
    watchdog_set_scratch(BOOTSEL_REQUEST_SCRATCH, 0);
  }
}
