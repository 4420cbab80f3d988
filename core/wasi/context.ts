// The state one WASI instance sees: its arguments, its environment and which
// console streams it has closed. A host function finds its context through the
// `data` value it was created with (an index in `contexts`: STS has no closures).
import type { i32 } from "../types";

export class WasiContext {
  /** 1 while console stream fd (0, 1, 2) is open; fd_close closes one */
  readonly open: Uint8Array = new Uint8Array([1, 1, 1]);
  constructor(
    /** argv, argv[0] included: UTF-8 bytes without the terminating NUL */
    readonly args: Uint8Array[],
    /** environment entries "NAME=VALUE": UTF-8 bytes without the terminating NUL */
    readonly env: Uint8Array[],
  ) {}

  isOpen(fd: i32): boolean {
    return fd >= 0 && fd < 3 && this.open[fd] === 1;
  }
}

const contexts: WasiContext[] = [];

/** Makes `c` reachable by host functions; returns the `data` value they are created with. */
export function registerContext(c: WasiContext): i32 {
  contexts.push(c);
  return contexts.length - 1;
}

export function contextOf(data: i32): WasiContext {
  return contexts[data];
}
