// Arguments, environment, clocks, random bytes and the process: the preview1
// functions that are not about file descriptors (poll_oneoff is in poll.ts).
import type { i32, u32, f64, i64 } from "../types";
import { CLOCK_RESOLUTION_NS, clockMonotonicNs, clockRealtimeNs, randomFill } from "../hal";
import { Trap } from "../engine/types";
import { Thread } from "../engine/runtime";
import { ClockId, Errno } from "./abi";
import { contextOf } from "./context";
import { argI32, argU32, done, guestMemory, inBounds, noMemory, storeI64, storeU32 } from "./memory";

/** Bytes the strings of `list` take in memory, each with its NUL. */
function bufferSize(list: Uint8Array[]): f64 {
  let size: f64 = 0;
  for (const s of list) size += s.length + 1;
  return size;
}

/** args_sizes_get / environ_sizes_get: (count_ptr, buf_size_ptr). */
function listSizes(t: Thread, base: i32, list: Uint8Array[]): i32 {
  const mem = guestMemory(t);
  if (mem === null) return noMemory(t);
  const countPtr = argU32(t, base, 0);
  const sizePtr = argU32(t, base, 1);
  if (!inBounds(mem, countPtr, 4) || !inBounds(mem, sizePtr, 4)) return done(t, base, Errno.Fault);
  storeU32(mem, countPtr, list.length);
  storeU32(mem, sizePtr, bufferSize(list) >>> 0);
  return done(t, base, Errno.Success);
}

/** args_get / environ_get: (ptrs, buf): buf gets the NUL-terminated strings one after another, ptrs[i] the address of string i. */
function listGet(t: Thread, base: i32, list: Uint8Array[]): i32 {
  const mem = guestMemory(t);
  if (mem === null) return noMemory(t);
  const ptrs = argU32(t, base, 0);
  const buf = argU32(t, base, 1);
  if (!inBounds(mem, ptrs, list.length * 4) || !inBounds(mem, buf, bufferSize(list))) return done(t, base, Errno.Fault);
  let at = buf;
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    storeU32(mem, (ptrs + i * 4) >>> 0, at);
    mem.bytes.set(s, at);
    mem.bytes[at + s.length] = 0;
    at = (at + s.length + 1) >>> 0;
  }
  return done(t, base, Errno.Success);
}

export function argsSizesGet(t: Thread, base: i32, data: i32): i32 {
  return listSizes(t, base, contextOf(data).args);
}

export function argsGet(t: Thread, base: i32, data: i32): i32 {
  return listGet(t, base, contextOf(data).args);
}

export function environSizesGet(t: Thread, base: i32, data: i32): i32 {
  return listSizes(t, base, contextOf(data).env);
}

export function environGet(t: Thread, base: i32, data: i32): i32 {
  return listGet(t, base, contextOf(data).env);
}

/** Whether this subset has clock `id`: the HAL's real-time and monotonic clocks (no CPU-time clocks). */
export function knownClock(id: i32): boolean {
  return id === ClockId.Realtime || id === ClockId.Monotonic;
}

/** The time of a known clock, in ns. */
export function clockNow(id: i32): i64 {
  return id === ClockId.Realtime ? clockRealtimeNs() : clockMonotonicNs();
}

/** clock_res_get(id, resolution_ptr) */
export function clockResGet(t: Thread, base: i32, _data: i32): i32 {
  const mem = guestMemory(t);
  if (mem === null) return noMemory(t);
  const ptr = argU32(t, base, 1);
  if (!knownClock(argI32(t, base, 0))) return done(t, base, Errno.Inval);
  if (!inBounds(mem, ptr, 8)) return done(t, base, Errno.Fault);
  storeI64(mem, ptr, CLOCK_RESOLUTION_NS);
  return done(t, base, Errno.Success);
}

/** clock_time_get(id, precision: i64, time_ptr); the precision is a hint this subset does not need. */
export function clockTimeGet(t: Thread, base: i32, _data: i32): i32 {
  const mem = guestMemory(t);
  if (mem === null) return noMemory(t);
  const id = argI32(t, base, 0);
  const ptr = argU32(t, base, 2);
  if (!knownClock(id)) return done(t, base, Errno.Inval);
  if (!inBounds(mem, ptr, 8)) return done(t, base, Errno.Fault);
  storeI64(mem, ptr, clockNow(id));
  return done(t, base, Errno.Success);
}

/** random_get(buf, buf_len) */
export function randomGet(t: Thread, base: i32, _data: i32): i32 {
  const mem = guestMemory(t);
  if (mem === null) return noMemory(t);
  const buf = argU32(t, base, 0);
  const length: u32 = argU32(t, base, 1);
  if (!inBounds(mem, buf, length)) return done(t, base, Errno.Fault);
  if (length > 0) randomFill(mem.bytes, buf, length);
  return done(t, base, Errno.Success);
}

/** proc_exit(code): ends the run; the embedder finds the code in Thread.exitCode. */
export function procExit(t: Thread, base: i32, _data: i32): i32 {
  t.exitCode = argI32(t, base, 0);
  return Trap.Exit;
}

/** sched_yield(): under the supervisor's scheduler, ends the module's slice; otherwise there is nothing to yield to. */
export function schedYield(t: Thread, base: i32, _data: i32): i32 {
  done(t, base, Errno.Success);
  if (!t.canYield()) return Trap.None;
  t.wakeAtNs = 0n;
  return Trap.Yield;
}
