// poll_oneoff over the console and the clocks: a console stream is always
// ready (reads and writes wait inside fd_read / fd_write instead), and clock
// subscriptions make it a sleep until the earliest deadline.
import type { i32, u32, i64, u64 } from "../types";
import { ConsoleFd, clockMonotonicNs, clockRealtimeNs, sleepNs } from "../hal";
import { MemInst, Thread } from "../engine/runtime";
import { Trap } from "../engine/types";
import {
  ClockId,
  Errno,
  EventType,
  EVENT_ERROR,
  EVENT_SIZE,
  EVENT_TYPE,
  SUBCLOCK_ABSTIME,
  SUBSCRIPTION_SIZE,
  SUB_CLOCK_FLAGS,
  SUB_CLOCK_ID,
  SUB_CLOCK_TIMEOUT,
  SUB_FD,
  SUB_TAG,
} from "./abi";
import { WasiContext, contextOf } from "./context";
import { argU32, done, guestMemory, inBounds, loadU32, noMemory, storeU32 } from "./memory";
import { knownClock } from "./proc";

/** Timeouts beyond this (about 146 years) are taken as "never", which keeps deadline arithmetic within an i64. */
const FOREVER: i64 = 1n << 62n;

/** The times at the start of the call, both clocks: every deadline is computed from these. */
class PollClock {
  constructor(
    readonly monotonic: i64,
    readonly realtime: i64,
  ) {}
}

/** The monotonic deadline of the clock subscription at `sub`. */
function deadline(mem: MemInst, sub: u32, start: PollClock): i64 {
  const raw: u64 = mem.view.getBigUint64((sub + SUB_CLOCK_TIMEOUT) >>> 0, true);
  const timeout: i64 = raw > FOREVER ? FOREVER : BigInt.asIntN(64, raw);
  const absolute = (mem.view.getUint16((sub + SUB_CLOCK_FLAGS) >>> 0, true) & SUBCLOCK_ABSTIME) !== 0;
  if (!absolute) return BigInt.asIntN(64, start.monotonic + timeout);
  if (loadU32(mem, (sub + SUB_CLOCK_ID) >>> 0) === ClockId.Monotonic) return timeout;
  return BigInt.asIntN(64, start.monotonic + (timeout - start.realtime));
}

/** Whether the fd subscription at `sub` names a console stream open in the direction it asks for. */
function fdReady(ctx: WasiContext, mem: MemInst, sub: u32, tag: i32): boolean {
  const fd = loadU32(mem, (sub + SUB_FD) >>> 0);
  if (fd > 2 || !ctx.isOpen(fd | 0)) return false;
  return tag === EventType.FdRead ? fd === ConsoleFd.Stdin : fd !== ConsoleFd.Stdin;
}

function writeEvent(mem: MemInst, ev: u32, sub: u32, type: i32, error: i32): void {
  mem.bytes.fill(0, ev, ev + EVENT_SIZE);
  mem.view.setBigUint64(ev, mem.view.getBigUint64(sub, true), true);
  mem.view.setUint16((ev + EVENT_ERROR) >>> 0, error, true);
  mem.bytes[ev + EVENT_TYPE] = type;
}

/**
 * poll_oneoff(in, out, nsubscriptions, nevents_ptr). Console subscriptions and
 * clocks this subset does not have give their events at once; when there are
 * none, the call sleeps until the earliest clock deadline. The events come in
 * the subscriptions' order.
 */
export function pollOneoff(t: Thread, base: i32, data: i32): i32 {
  const mem = guestMemory(t);
  if (mem === null) return noMemory(t);
  const subs = argU32(t, base, 0);
  const events = argU32(t, base, 1);
  const count = argU32(t, base, 2);
  const neventsPtr = argU32(t, base, 3);
  if (count === 0) return done(t, base, Errno.Inval);
  if (!inBounds(mem, subs, count * SUBSCRIPTION_SIZE) || !inBounds(mem, events, count * EVENT_SIZE) || !inBounds(mem, neventsPtr, 4)) {
    return done(t, base, Errno.Fault);
  }
  const ctx = contextOf(data);
  const start = new PollClock(clockMonotonicNs(), clockRealtimeNs());
  let immediate = false;
  let hasDeadline = false;
  let earliest: i64 = 0n;
  for (let i: u32 = 0; i < count; i++) {
    const sub = (subs + i * SUBSCRIPTION_SIZE) >>> 0;
    const tag = mem.bytes[sub + SUB_TAG];
    if (tag > EventType.FdWrite) return done(t, base, Errno.Inval);
    if (tag !== EventType.Clock || !knownClock(loadU32(mem, (sub + SUB_CLOCK_ID) >>> 0) | 0)) {
      immediate = true;
      continue;
    }
    const d = deadline(mem, sub, start);
    if (!hasDeadline || d < earliest) earliest = d;
    hasDeadline = true;
  }
  let now = start.monotonic;
  // under the supervisor's scheduler the module yields until the deadline
  // (its events are those of that moment); otherwise the call sleeps
  const yielding = !immediate && hasDeadline && now < earliest && t.canYield();
  if (yielding) {
    now = earliest;
  } else if (!immediate && hasDeadline) {
    while (now < earliest) {
      sleepNs(BigInt.asIntN(64, earliest - now));
      now = clockMonotonicNs();
    }
  }
  let n: u32 = 0;
  for (let i: u32 = 0; i < count; i++) {
    const sub = (subs + i * SUBSCRIPTION_SIZE) >>> 0;
    const ev = (events + n * EVENT_SIZE) >>> 0;
    const tag = mem.bytes[sub + SUB_TAG];
    if (tag !== EventType.Clock) {
      writeEvent(mem, ev, sub, tag, fdReady(ctx, mem, sub, tag) ? Errno.Success : Errno.Badf);
      n++;
    } else if (!knownClock(loadU32(mem, (sub + SUB_CLOCK_ID) >>> 0) | 0)) {
      writeEvent(mem, ev, sub, tag, Errno.Inval);
      n++;
    } else if (deadline(mem, sub, start) <= now) {
      writeEvent(mem, ev, sub, tag, Errno.Success);
      n++;
    }
  }
  storeU32(mem, neventsPtr, n);
  done(t, base, Errno.Success);
  if (!yielding) return Trap.None;
  t.wakeAtNs = earliest;
  return Trap.Yield;
}
