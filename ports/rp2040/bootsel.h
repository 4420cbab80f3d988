/* Rebooting into the boot ROM's USB mass-storage mode (BOOTSEL), where a
 * UF2 file copied to the RPI-RP2 drive replaces the firmware. */
#ifndef BOOTSEL_H
#define BOOTSEL_H

#include <stdbool.h>

/* Whether a real RP2040 boot ROM is mapped at address 0 (rp2040js has none). */
bool bootsel_rom_present(void);

/* On a real board: the ROM's reset_usb_boot (looked up in its function
 * table). Without a ROM: writes BOOTSEL_REQUEST_MAGIC to watchdog SCRATCH4
 * and resets through the watchdog, which an emulator harness can observe. */
__attribute__((noreturn)) void bootsel_reboot(void);

/* Clears a request left in SCRATCH4 by an emulated bootsel_reboot, so a
 * later, unrelated watchdog reset is not taken for one. */
void bootsel_clear_request(void);

#define BOOTSEL_REQUEST_MAGIC 0xb007c0deu
#define BOOTSEL_REQUEST_SCRATCH 4u

#endif
