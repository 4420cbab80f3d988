// The native posix firmware's main loop: the supervisor (core/device) on the
// device HAL of ports/posix/device-hal.c, which plays the board on a
// pseudo-terminal. Built by tools/lib/native-board.mjs (stc --no-main, then
// gcc with firmware-main.c); `wasmcu sim --native` runs it.
import type { i64 } from "../../core/types";
import { deviceBoot, deviceStep } from "../../core/device/device";

/**
 * Waits until `ns` nanoseconds have passed or the host sends bytes, whichever
 * comes first (0 or less: returns at once). The port's watchdog is checked
 * here. device-hal.c.
 */
declare function posix_wait_link(ns: i64): void;
/** Tells the simulator's reader that the board has booted ({"event":"ready"}). device-hal.c. */
declare function posix_board_ready(): void;

deviceBoot();
posix_board_ready();
for (;;) posix_wait_link(deviceStep());
