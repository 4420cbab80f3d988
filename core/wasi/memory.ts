// How a WASI function reaches its arguments, its result and the module's
// memory. A host function's arguments are in the thread's slots base.. and its
// result goes to slot base (core/engine/runtime.ts, HostFunc); every pointer
// the module gives is checked against the memory before it is used.
import type { i32, u32, f64, i64 } from "../types";
import { Trap } from "../engine/types";
import { MemInst, Thread } from "../engine/runtime";

/** Argument k, an i32. */
export function argI32(t: Thread, base: i32, k: i32): i32 {
  return t.i32[(base + k) << 1];
}

/** Argument k, an i32 read as unsigned: a pointer or a length. */
export function argU32(t: Thread, base: i32, k: i32): u32 {
  return t.i32[(base + k) << 1] >>> 0;
}

/** Argument k, an i64. */
export function argI64(t: Thread, base: i32, k: i32): i64 {
  return t.i64[base + k];
}

/** Sets the i32 result (an errno) and returns Trap.None: how a WASI function ends. */
export function done(t: Thread, base: i32, errno: i32): i32 {
  const s = base << 1;
  t.i32[s] = errno;
  t.i32[s + 1] = 0;
  return Trap.None;
}

/** The calling instance's memory 0, which preview1 functions read and write; null if it has none. */
export function guestMemory(t: Thread): MemInst | null {
  const inst = t.caller;
  if (inst === null || inst.mems.length === 0) return null;
  return inst.mems[0];
}

/** The trap of a WASI function that needs memory, called by a module that has none. */
export function noMemory(t: Thread): i32 {
  t.trapText = "a WASI function needs the module's memory, and the module has none";
  return Trap.HostError;
}

/** Whether [ptr, ptr + length) lies inside the memory. */
export function inBounds(mem: MemInst, ptr: u32, length: f64): boolean {
  return ptr + length <= mem.byteLength;
}

export function loadU32(mem: MemInst, ptr: u32): u32 {
  return mem.view.getUint32(ptr, true);
}

export function storeU32(mem: MemInst, ptr: u32, v: u32): void {
  mem.view.setUint32(ptr, v, true);
}

export function storeI64(mem: MemInst, ptr: u32, v: i64): void {
  mem.view.setBigInt64(ptr, v, true);
}
