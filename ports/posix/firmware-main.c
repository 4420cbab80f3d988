/* wasmcu-firmware, the native posix firmware: the board as a desktop process
 * on a pseudo-terminal (device-hal.c says how each part of the board is
 * played). One translation unit: the C that stc generates from the firmware's
 * entry (built with --no-main, found on the include path as
 * "wasmcu-firmware.c"), the console/clock HAL of hal.c and the device HAL.
 *
 *   stc build ports/posix/firmware.ts -o BUILD/wasmcu-firmware.c --no-main
 *   gcc -std=c99 -O2 -DNDEBUG -D_GNU_SOURCE -I BUILD ports/posix/firmware-main.c -o wasmcu-firmware -lm
 *
 * tools/lib/native-board.mjs does this (and caches the binary). The entry may
 * also be ports/posix/test-firmware.ts, the pty test monitor. */

/* runtime panics (a debug build's checks, out of memory, throw) restart the
 * board with reason Panic instead of aborting: sts_port_panic in device-hal.c */
#define STS_PORT_PANIC 1
#include "wasmcu-firmware.c"
#include "hal.c"
#include "device-hal.c"

int main(int argc, char **argv) {
  device_hal_start(argc, argv);
  sts_main();
  dev__exit(0);
  return 0;
}
