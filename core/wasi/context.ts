// The state one WASI instance sees: its arguments, its environment, which
// console streams it has closed, where its output goes, and its folder. A host function
// finds its context through the `data` value it was created with (an index in
// a fixed table: STS has no closures).
import type { i32, u32 } from "../types";
import { Thread } from "../engine/runtime";
import { consoleIsTerminal } from "../hal";
import type { FileTable } from "./files";

/**
 * Where a context's stdout/stderr bytes go instead of the HAL console (the
 * supervisor's log frames): takes up to `length` bytes of bytes[offset ..)
 * written to `fd` (1 or 2) and returns how many it took (0 when it has no room
 * now), or -1 when the stream is gone. `data` is WasiContext.sinkData.
 */
export type OutputSink = (data: i32, fd: i32, bytes: Uint8Array, offset: u32, length: u32) => i32;

export class WasiContext {
  /** 1 while console stream fd (0, 1, 2) is open; fd_close closes one */
  readonly open: Uint8Array = new Uint8Array([1, 1, 1]);
  /** null: stdout/stderr are the HAL console */
  sink: OutputSink | null = null;
  sinkData: i32 = 0;
  /** whether stdout/stderr count as terminals (line-buffered by libc): -1 asks the HAL console, 0 no, 1 yes */
  terminal: i32 = -1;
  /** the module's folder and what it has open there (files.ts); null: no folder, no fd past 2 */
  files: FileTable | null = null;
  constructor(
    /** argv, argv[0] included: UTF-8 bytes without the terminating NUL */
    readonly args: Uint8Array[],
    /** environment entries "NAME=VALUE": UTF-8 bytes without the terminating NUL */
    readonly env: Uint8Array[],
  ) {}

  isOpen(fd: i32): boolean {
    return fd >= 0 && fd < 3 && this.open[fd] === 1;
  }

  /** Whether console stream fd is a terminal, for this context. */
  isTerminal(fd: i32): boolean {
    if (this.terminal >= 0) return this.terminal === 1;
    return consoleIsTerminal(fd);
  }
}

/**
 * How many contexts can be registered at once. The table is allocated once,
 * when the program starts, so that registering from inside a module's arena
 * never grows an array that outlives that arena.
 */
export const MAX_CONTEXTS: i32 = 32;

const contexts: (WasiContext | null)[] = [];
for (let i = 0; i < MAX_CONTEXTS; i++) contexts.push(null);

/**
 * Makes `c` reachable by host functions; returns the `data` value they are
 * created with, or -1 when MAX_CONTEXTS are registered already.
 */
export function registerContext(c: WasiContext): i32 {
  for (let i = 0; i < MAX_CONTEXTS; i++) {
    if (contexts[i] === null) {
      contexts[i] = c;
      return i;
    }
  }
  return -1;
}

/** Frees the slot of a context whose instance is gone (its host functions must not run again). */
export function unregisterContext(data: i32): void {
  if (data >= 0 && data < MAX_CONTEXTS) contexts[data] = null;
}

export function contextOf(data: i32): WasiContext {
  return contexts[data]!;
}

/** Whether host functions of `t` may wait by yielding (see Thread.canYield) rather than by sleeping. */
export function mayYield(t: Thread): boolean {
  return t.canYield();
}
