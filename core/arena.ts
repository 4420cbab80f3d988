// Arenas: where `new` allocates in the C build (docs/static-typescript.md, "Memory").
// Under JavaScript the garbage collector does the work and these functions only
// keep the bookkeeping; stc maps each one to the C runtime (the @intrinsic tag).
import type { u32 } from "./types";

/** An arena handle (the C runtime's sts_arena). @intrinsic sts_arena */
export class Arena {
  freed: boolean = false;
  constructor(readonly initialBytes: u32) {}
}

let current: Arena | null = null;

/** Creates an arena that grows from `initialBytes`. @intrinsic sts_arena_create */
export function arenaCreate(initialBytes: u32): Arena {
  return new Arena(initialBytes);
}

/** Makes `a` the arena that `new` allocates from; returns the previous one. @intrinsic sts_arena_use */
export function arenaUse(a: Arena | null): Arena | null {
  const previous = current;
  current = a;
  return previous;
}

/** Frees everything allocated in `a` at once. @intrinsic sts_arena_free */
export function arenaFree(a: Arena): void {
  a.freed = true;
}

/**
 * Bytes allocated from `a` so far (its chunks' used parts). A measurement of
 * the C build, for reports such as the engine's RAM per module; under
 * JavaScript, where the garbage collector owns memory, it is always 0.
 * @intrinsic sts_arena_used
 */
export function arenaUsed(a: Arena): u32 {
  return a.freed ? 0 : 0;
}
