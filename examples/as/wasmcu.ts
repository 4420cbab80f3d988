// wasmcu.ts: AssemblyScript bindings for the board functions a module imports
// from "wasmcu" (see examples/README.md), plus the few WASI calls the examples
// need (stdout, stderr, exit) declared here directly: no WASI shim package.
//
// Capabilities: GPIO functions need `--allow gpio=<pins>` at push time,
// millis/micros/delay need `--allow clock`; log is always allowed.
//
// Build flags every example uses (tools/examples/build.mjs):
//   --runtime stub        bump allocator that never frees: nothing to collect,
//                         smallest code; fine for programs that allocate little
//   --use abort=examples/as/wasmcu/abortToStderr
//                         AssemblyScript's abort() (failed assert, out of
//                         bounds...) prints to stderr and exits with 134 instead
//                         of importing env.abort, which no board provides

// ---- wasmcu -----------------------------------------------------------------

/** Pin modes for gpio_mode. */
export const INPUT: i32 = 0;
export const OUTPUT: i32 = 1;
export const INPUT_PULLUP: i32 = 2;
export const INPUT_PULLDOWN: i32 = 3;

/** The on-board LED of a Raspberry Pi Pico. */
export const PICO_LED: i32 = 25;

/** Sets a pin's mode; 0 = ok, -1 = an unknown mode or one the board cannot give that pin. A pin not granted to the module traps. */
@external("wasmcu", "gpio_mode")
export declare function gpio_mode(pin: i32, mode: i32): i32;

/** Drives an output pin low (0) or high (1); 0 = ok. */
@external("wasmcu", "gpio_write")
export declare function gpio_write(pin: i32, level: i32): i32;

/** Reads a pin's level: 0 or 1. */
@external("wasmcu", "gpio_read")
export declare function gpio_read(pin: i32): i32;

/** Milliseconds since the board started; wraps around like Arduino's millis(). */
@external("wasmcu", "millis")
export declare function millis(): u32;

/** Microseconds since the board started. */
@external("wasmcu", "micros")
export declare function micros(): u64;

/** Waits ms milliseconds; the board serves the host and other modules meanwhile. */
@external("wasmcu", "delay")
export declare function delay(ms: u32): void;

@external("wasmcu", "log")
declare function logBytes(ptr: usize, len: i32): void;

/** Sends one log record holding text. */
export function log(text: string): void {
  const bytes = String.UTF8.encode(text);
  logBytes(changetype<usize>(bytes), bytes.byteLength);
}

// ---- WASI ---------------------------------------------------------------------

@external("wasi_snapshot_preview1", "fd_write")
declare function fd_write(fd: i32, iovs: usize, iovsCount: i32, written: usize): i32;

@external("wasi_snapshot_preview1", "proc_exit")
declare function proc_exit(code: i32): void;

const STDOUT = 1;
const STDERR = 2;
// one iovec {buf, len} and the byte count fd_write stores
const IOVEC: usize = memory.data(12);

function writeText(fd: i32, text: string): void {
  const bytes = String.UTF8.encode(text);
  store<u32>(IOVEC, changetype<usize>(bytes));
  store<u32>(IOVEC, bytes.byteLength, 4);
  fd_write(fd, IOVEC, 1, IOVEC + 8);
}

/** Writes text and a newline to stdout. */
export function println(text: string): void {
  writeText(STDOUT, text + "\n");
}

/** Writes text and a newline to stderr. */
export function eprintln(text: string): void {
  writeText(STDERR, text + "\n");
}

/** Ends the module now with an exit code. */
export function exit(code: i32): void {
  proc_exit(code);
}

/** Stands in for AssemblyScript's abort (see --use abort= above). */
export function abortToStderr(message: string | null, fileName: string | null, line: u32, column: u32): void {
  const what = message !== null ? message : "abort";
  const where = fileName !== null ? fileName : "?";
  eprintln(what + " at " + where + ":" + line.toString() + ":" + column.toString());
  proc_exit(134);
}
