// The HAL: what core/ needs from a board, as natives (docs/static-typescript.md,
// "Natives"). A port implements each of these: in C as an extern function of the
// same name (ports/posix/hal.c), under Node as a function on globalThis
// (ports/sim/hal.mjs). They are kept few and board-shaped: a console (a UART or
// USB CDC on a board, the process's stdio on a desktop), two clocks, a source of
// random bytes and a way to wait.
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

/**
 * Writes bytes[offset .. offset+length) to the console stream `fd` (Stdout or
 * Stderr), all of them before returning (unbuffered: nothing is held back).
 * Returns 0, or -1 if the stream is gone (a closed pipe).
 */
export declare function hal_console_write(fd: i32, bytes: Uint8Array, offset: u32, length: u32): i32;

/** Writes a message (UTF-8) to the console stream `fd`: the supervisor's and tools' own messages. */
export declare function hal_console_text(fd: i32, text: string): void;

/**
 * Reads up to `length` (at most 2^30) bytes of console input into
 * bytes[offset ..), waiting until at least one is there. Returns how many were
 * read, 0 at the end of the input (always, on a board without console input),
 * -1 when reading failed.
 */
export declare function hal_console_read(bytes: Uint8Array, offset: u32, length: u32): i32;

/** Nanoseconds since an arbitrary point (boot), never going backwards. Microsecond resolution at least. */
export declare function hal_clock_monotonic_ns(): i64;

/** Nanoseconds since 1970-01-01 UTC; a board without a real-time clock counts from boot (so from 1970). */
export declare function hal_clock_realtime_ns(): i64;

/** Fills bytes[offset .. offset+length) with random bytes (a hardware generator on a board). */
export declare function hal_random_fill(bytes: Uint8Array, offset: u32, length: u32): void;

/** Waits at least `ns` nanoseconds (nothing for ns <= 0). */
export declare function hal_sleep_ns(ns: i64): void;

/** The resolution the HAL's clocks promise (see hal_clock_monotonic_ns): 1 µs. */
export const HAL_CLOCK_RESOLUTION_NS: i64 = 1000n;
