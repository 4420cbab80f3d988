// The HAL (core/hal.ts) for Node: the natives the STS code calls, defined on
// globalThis (docs/static-typescript.md, "Natives"). The console is this
// process's stdio, written synchronously (so nothing is lost at process.exit),
// the clocks are hrtime and the wall clock, random bytes come from node:crypto.
// installHal(io) lets an embedder (a test, the simulator) redirect the console.
import { readSync, writeSync } from "node:fs";
import { randomFillSync } from "node:crypto";
import { isatty } from "node:tty";

const waitCell = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` milliseconds (fractions allowed). */
function block(ms) {
  Atomics.wait(waitCell, 0, 0, ms);
}

/** Writes bytes[offset, offset+length) to fd, all of it (a non-blocking pipe that is full is waited for). Returns 0 or -1. */
function writeAll(fd, bytes, offset, length) {
  while (length > 0) {
    let n;
    try {
      n = writeSync(fd, bytes, offset, length);
    } catch (e) {
      if (e.code === "EAGAIN") {
        block(1);
        continue;
      }
      return -1;
    }
    offset += n;
    length -= n;
  }
  return 0;
}

function readStdin(bytes, offset, length) {
  for (;;) {
    try {
      return readSync(0, bytes, offset, length, null);
    } catch (e) {
      if (e.code === "EAGAIN") {
        block(1);
        continue;
      }
      if (e.code === "EOF") return 0;
      return -1;
    }
  }
}

/** The process's own stdio. */
export const processConsole = {
  write: (fd, bytes, offset, length) => writeAll(fd, bytes, offset, length),
  read: (bytes, offset, length) => readStdin(bytes, offset, length),
};

const encoder = new TextEncoder();

/**
 * Defines the HAL natives on globalThis. `io` is the console: { write(fd, bytes,
 * offset, length) -> 0 | -1, read(bytes, offset, length) -> count | 0 | -1 }.
 */
export function installHal(io = processConsole) {
  globalThis.hal_console_write = (fd, bytes, offset, length) => io.write(fd, bytes, offset, length);
  globalThis.hal_console_text = (fd, text) => {
    const b = encoder.encode(text);
    io.write(fd, b, 0, b.length);
  };
  globalThis.hal_console_read = (bytes, offset, length) => io.read(bytes, offset, length);
  globalThis.hal_console_is_terminal = (fd) => (io.isTerminal ? io.isTerminal(fd) : isatty(fd));
  globalThis.hal_clock_monotonic_ns = () => process.hrtime.bigint();
  // performance.timeOrigin + now() is the wall clock in ms with a microsecond fraction
  globalThis.hal_clock_realtime_ns = () => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)) * 1000n;
  globalThis.hal_random_fill = (bytes, offset, length) => {
    randomFillSync(bytes, offset, length);
  };
  globalThis.hal_sleep_ns = (ns) => {
    if (ns <= 0n) return;
    const end = process.hrtime.bigint() + ns;
    for (let left = ns; left > 0n; left = end - process.hrtime.bigint()) block(Number(left) / 1e6);
  };
}
