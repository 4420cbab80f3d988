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
