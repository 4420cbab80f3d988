// The HAL: what core/ needs from a board, as natives (docs/static-typescript.md,
// "Natives"). A port implements each `hal_*` function below: in C as an extern
// function of that name (ports/posix/hal.c), under Node as a function on
// globalThis (ports/sim/hal.mjs). They are kept few and board-shaped: a console
// (a UART or USB CDC on a board, the process's stdio on a desktop), two clocks,
// a source of random bytes and a way to wait.
//
// core/ calls the exported wrappers, not the natives: JavaScript cannot import
// a `declare function` (esbuild drops it), so each native is declared here
// only and reached through its wrapper (gcc inlines those).
//
// Byte ranges are given as (bytes, offset, length) so that a caller can pass a
// module's linear memory without copying; the caller has checked the range.
import type { i32, u32, i64 } from "./types";

/** Console streams: the only file descriptors a HAL knows. */
export enum ConsoleFd {
  Stdin = 0,
  Stdout = 1,
  Stderr = 2,
}

declare function hal_console_write(fd: i32, bytes: Uint8Array, offset: u32, length: u32): i32;
declare function hal_console_text(fd: i32, text: string): void;
declare function hal_console_read(bytes: Uint8Array, offset: u32, length: u32): i32;
declare function hal_console_is_terminal(fd: i32): boolean;
declare function hal_clock_monotonic_ns(): i64;
declare function hal_clock_realtime_ns(): i64;
declare function hal_random_fill(bytes: Uint8Array, offset: u32, length: u32): void;
declare function hal_sleep_ns(ns: i64): void;
declare function hal_link_read(bytes: Uint8Array, offset: u32, length: u32): i32;
declare function hal_link_write(bytes: Uint8Array, offset: u32, length: u32): i32;
declare function hal_flash_size(): u32;
declare function hal_flash_erase_size(): u32;
declare function hal_flash_page_size(): u32;
declare function hal_flash_read(address: u32, bytes: Uint8Array, offset: u32, length: u32): i32;
declare function hal_flash_program(address: u32, bytes: Uint8Array, offset: u32, length: u32): i32;
declare function hal_flash_erase(address: u32): i32;
declare function hal_gpio_count(): i32;
declare function hal_gpio_mode(pin: i32, mode: i32): i32;
declare function hal_gpio_write(pin: i32, level: i32): void;
declare function hal_gpio_read(pin: i32): i32;
declare function hal_board_name(bytes: Uint8Array): i32;
declare function hal_ram_size(): u32;
declare function hal_reset_reason(): i32;
declare function hal_reset(reason: i32): void;
declare function hal_watchdog_feed(): void;

/**
 * Writes bytes[offset .. offset+length) to the console stream `fd` (Stdout or
 * Stderr), all of them before returning (unbuffered: nothing is held back).
 * Returns 0, or -1 if the stream is gone (a closed pipe).
 */
export function consoleWrite(fd: i32, bytes: Uint8Array, offset: u32, length: u32): i32 {
  return hal_console_write(fd, bytes, offset, length);
}

/** Writes a message (UTF-8) to the console stream `fd`: the supervisor's and tools' own messages. */
export function consoleText(fd: i32, text: string): void {
  hal_console_text(fd, text);
}

/**
 * Reads up to `length` (at most 2^30) bytes of console input into
 * bytes[offset ..), waiting until at least one is there. Returns how many were
 * read, 0 at the end of the input (always, on a board without console input),
 * -1 when reading failed.
 */
export function consoleRead(bytes: Uint8Array, offset: u32, length: u32): i32 {
  return hal_console_read(bytes, offset, length);
}

/**
 * Whether console stream `fd` is an interactive terminal (a board's serial
 * console is); false when it is a pipe or a file, as a desktop process's
 * stdio may be. Programs use it to choose line or block buffering.
 */
export function consoleIsTerminal(fd: i32): boolean {
  return hal_console_is_terminal(fd);
}

/** Nanoseconds since an arbitrary point (boot), never going backwards. Microsecond resolution at least. */
export function clockMonotonicNs(): i64 {
  return hal_clock_monotonic_ns();
}

/** Nanoseconds since 1970-01-01 UTC; a board without a real-time clock counts from boot (so from 1970). */
export function clockRealtimeNs(): i64 {
  return hal_clock_realtime_ns();
}

/** The resolution the HAL's clocks promise (see clockMonotonicNs): 1 µs. */
export const CLOCK_RESOLUTION_NS: i64 = 1000n;

/** Fills bytes[offset .. offset+length) with random bytes (a hardware generator on a board). */
export function randomFill(bytes: Uint8Array, offset: u32, length: u32): void {
  hal_random_fill(bytes, offset, length);
}

/** Waits at least `ns` nanoseconds (nothing for ns <= 0). */
export function sleepNs(ns: i64): void {
  hal_sleep_ns(ns);
}

// ---------------------------------------------------------------------------
// The device side (core/device, the supervisor): the link to the host, flash,
// GPIO and the system. A board's console and its link are the same wire; the
// supervisor speaks only frames on it (docs/protocol.md), so module output
// reaches the host inside log frames, never as raw console bytes.

/**
 * Reads up to `length` bytes that have arrived from the host into
 * bytes[offset ..), without waiting: 0 when none are there. -1 when the link
 * is gone for good (the simulator's pty was torn down).
 */
export function linkRead(bytes: Uint8Array, offset: u32, length: u32): i32 {
  return hal_link_read(bytes, offset, length);
}

/**
 * Offers bytes[offset .. offset+length) to the host, without waiting: returns
 * how many were taken (0 when the port's transmit buffer is full: the host is
 * not reading), -1 when the link is gone. The supervisor keeps the rest.
 */
export function linkWrite(bytes: Uint8Array, offset: u32, length: u32): i32 {
  return hal_link_write(bytes, offset, length);
}

/**
 * Flash, NOR-style, as the module store sees it (the part of the chip that is
 * not firmware): `flashSize()` bytes from address 0, erased in blocks of
 * `flashEraseSize()` bytes (to 0xFF) and programmed in pages of
 * `flashPageSize()` bytes. Programming only clears bits (1 -> 0); a program
 * never crosses a page boundary. Each call returns 0, or -1 for an address or
 * length out of range or misaligned (a driver bug, never a module's).
 */
export function flashSize(): u32 {
  return hal_flash_size();
}

export function flashEraseSize(): u32 {
  return hal_flash_erase_size();
}

export function flashPageSize(): u32 {
  return hal_flash_page_size();
}

export function flashRead(address: u32, bytes: Uint8Array, offset: u32, length: u32): i32 {
  return hal_flash_read(address, bytes, offset, length);
}

/** Programs bytes into [address, address+length), which lies within one page. */
export function flashProgram(address: u32, bytes: Uint8Array, offset: u32, length: u32): i32 {
  return hal_flash_program(address, bytes, offset, length);
}

/** Erases the block that starts at `address` (a multiple of flashEraseSize()). */
export function flashErase(address: u32): i32 {
  return hal_flash_erase(address);
}

/** GPIO pin modes (wasmcu_gpio_mode in examples/include/wasmcu.h). */
export enum PinMode {
  Input = 0,
  Output = 1,
  InputPullUp = 2,
  InputPullDown = 3,
}

/** How many GPIO pins the board has: pins 0 .. gpioCount()-1. */
export function gpioCount(): i32 {
  return hal_gpio_count();
}

/** Sets a pin's mode (PinMode); 0, or -1 when the board cannot (a pin reserved for the link). */
export function gpioMode(pin: i32, mode: i32): i32 {
  return hal_gpio_mode(pin, mode);
}

/** Drives an output pin low (0) or high (1). */
export function gpioWrite(pin: i32, level: i32): void {
  hal_gpio_write(pin, level);
}

/** A pin's level, 0 or 1 (an output reads back what it drives). */
export function gpioRead(pin: i32): i32 {
  return hal_gpio_read(pin);
}

/** Writes the board's name (UTF-8, e.g. "rp2040-sim") into bytes; returns its length (at most bytes.length). */
export function boardName(bytes: Uint8Array): i32 {
  return hal_board_name(bytes);
}

/** The RAM the supervisor may give to modules, in bytes (the heap; not the firmware's static data). */
export function ramSize(): u32 {
  return hal_ram_size();
}

/** Why the board last started. */
export enum ResetReason {
  PowerOn = 0,
  /** a reset the firmware asked for (the host's `reset`) */
  Software = 1,
  Watchdog = 2,
  /** the firmware failed (a runtime check, an out-of-memory) and restarted itself */
  Panic = 3,
  /**
   * only asked of reset(): restart into the board's own USB bootloader (the
   * RP2040's BOOTSEL mode) instead of the firmware
   */
  Bootloader = 4,
}

export function resetReason(): i32 {
  return hal_reset_reason();
}

/**
 * Restarts the board: the firmware boots again from flash, RAM is lost, and
 * resetReason() then says `reason`. Returns only in the simulator, which
 * restarts the supervisor once the current step returns.
 */
export function reset(reason: i32): void {
  hal_reset(reason);
}

/** Tells the watchdog that the firmware is alive (the supervisor does it every step). */
export function watchdogFeed(): void {
  hal_watchdog_feed();
}
