// Phase 4: the interpreter. Runs internal code (ops.ts) on a store's thread:
// one loop, one switch, each case a few typed-array reads and writes. The
// loop's locals cache what the current function needs (code, frame pointer,
// the instance's memory 0 and globals); they are reloaded when a call or a
// return crosses into another instance, and memory 0's after a host call.
//
// This file is long on purpose: the dispatch must be a single switch in a
// single function, so the C compiler makes it one jump table with the hot
// state in registers. The cases that are more than an expression call the
// helpers of execute-numeric.ts and execute-memory.ts.
//
// Call frames live in Thread.frames, 4 words each: the return pc (-1: return
// to the embedder), the caller's fp, and the store address of a function of
// the caller's instance when the callee runs in another instance (else -1).
import type { i32, u32, f64 } from "../types";
import { Trap, ValType, trapMessage } from "./types";
import { FuncInst, Instance, MemInst, Store, Thread } from "./runtime";
import { Op } from "./ops";
import {
  CANONICAL_NAN_32,
  CANONICAL_NAN_64_HIGH,
  ctz32,
  fmax,
  fmin,
  i64ToF32,
  i64ToF64,
  nearest,
  popcnt32,
  truncSatToI32,
  truncSatToI64,
  truncToI32,
  truncToI64,
  u64SlotToF32,
  u64ToF64,
} from "./execute-numeric";
import { executeExt } from "./execute-memory";
import { LAZY_FRAME_SLOTS, translateFunction } from "./compile";

/**
 * How deep host functions may nest calls back into Wasm (each nesting is a
 * native call of the interpreter; Wasm-to-Wasm calls are not native calls).
 */
export const MAX_NESTED_CALLS: i32 = 16;

/** Fuel moves from Thread.fuelReserve to Thread.fuel in slices of this much. */
const FUEL_SLICE: i32 = 1 << 20;

/** The memory an instance without one sees (no access can reach it: validation needs a memory). */
const NO_MEMORY = new MemInst(0, 0, 16);

/** Limits of the exact-double bounds for float-to-int truncation (exclusive). */
const I32_LOW: f64 = -2147483649;
const I32_HIGH: f64 = 2147483648;
const U32_HIGH: f64 = 4294967296;
const I64_LOW: f64 = -9223372036854777856;
const I64_HIGH: f64 = 9223372036854775808;
const U64_HIGH: f64 = 18446744073709551616;

/**
 * Calls the function at store address `funcAddr` with `args` (raw slot bits,
 * one per parameter) and writes its results to `results`. Returns Trap.None
 * or the trap code (store.thread.trap/trapText say the same).
 */
export function callFunction(store: Store, funcAddr: i32, args: BigInt64Array, results: BigInt64Array): i32 {
  const t = store.thread;
  const f = store.funcs[funcAddr];
  const np = f.type.params.length;
  const nr = f.type.results.length;
  const base = t.top;
  let trap: i32 = Trap.None;
  if (t.suspended) {
    t.trap = Trap.BadInvoke;
    t.trapText = "a call is suspended in this store: resume or abandon it first";
    return Trap.BadInvoke;
  }
  if (!t.growStack(base + (np > nr ? np : nr))) {
    trap = Trap.ValueStackExhausted;
  } else if (t.depth >= t.limits.maxCallDepth || t.nested >= MAX_NESTED_CALLS || !t.growFrames(t.depth + 1)) {
    trap = Trap.CallDepthExceeded;
  } else {
    for (let i = 0; i < np; i++) t.i64[base + i] = args[i];
    t.nested++;
    if (t.slice > 0 && t.nested === 1) {
      t.fuel = 0;
      if (!grantSlice(t)) trap = Trap.OutOfFuel;
    }
    if (trap !== Trap.None) {
      // no fuel left for even a slice
    } else if (f.host !== null) {
      trap = callHost(t, f, base, t.depth, null);
      // a host called from outside Wasm has nothing to suspend
      if (trap === Trap.Yield) trap = Trap.None;
    } else {
      // the embedder's frame: returning from it leaves the interpreter
      const x = t.depth << 2;
      t.frames[x] = -1;
      t.frames[x + 1] = base;
      t.frames[x + 2] = -1;
      trap = run(store, f.instance!, f.instance!.module.compiled!.entry[f.defIndex], base, (t.depth + 1) | 0, t.depth);
    }
    t.nested--;
    if (trap === Trap.Yield) {
      t.suspendFunc = funcAddr;
      t.suspendBase = base;
      t.top = (base + (np > nr ? np : nr)) | 0;
    }
  }
  return finishCall(t, f, base, trap, results);
}

/** Copies a finished call's results out of the stack, and records its outcome in the thread. */
function finishCall(t: Thread, f: FuncInst, base: i32, trap: i32, results: BigInt64Array): i32 {
  if (trap === Trap.None) {
    const nr = f.type.results.length;
    for (let i = 0; i < nr; i++) {
      const rt = f.type.results[i];
      if (rt === ValType.I64 || rt === ValType.F64) results[i] = t.i64[base + i];
      else results[i] = BigInt(t.i32[(base + i) << 1] >>> 0);
    }
  }
  t.trap = trap;
  if (trap !== Trap.HostError) t.trapText = trap === Trap.None ? "" : trapMessage(trap);
  return trap;
}

/**
 * Continues the call that callFunction (or an earlier resumeCall) left
 * suspended with Trap.Yield, for one more slice. Returns as callFunction does:
 * Trap.Yield again, Trap.None with the results written, or a trap.
 */
export function resumeCall(store: Store, results: BigInt64Array): i32 {
  const t = store.thread;
  if (!t.suspended) {
    t.trap = Trap.BadInvoke;
    t.trapText = "no call is suspended in this store";
    return Trap.BadInvoke;
  }
  const f = store.funcs[t.suspendFunc];
  const base = t.suspendBase;
  t.suspended = false;
  t.nested++;
  let trap: i32 = Trap.None;
  if (!grantSlice(t)) trap = Trap.OutOfFuel;
  else trap = run(store, t.suspendInst!, t.suspendPc, t.suspendFp, t.suspendDepth, t.suspendBaseDepth);
  t.nested--;
  t.suspendInst = trap === Trap.Yield ? t.suspendInst : null;
  if (trap !== Trap.Yield) t.top = base;
  return finishCall(t, f, base, trap, results);
}

/**
 * Drops a suspended call (the supervisor stopping a module): the thread is
 * free for new calls, as after a trap.
 */
export function abandonCall(store: Store): void {
  const t = store.thread;
  if (!t.suspended) return;
  t.suspended = false;
  t.suspendInst = null;
  t.top = t.suspendBase;
  t.depth = t.suspendBaseDepth;
  t.trap = Trap.None;
  t.trapText = "";
}

/**
 * Starts a slice: moves Thread.slice fuel into the counter (from the reserve
 * when the store's fuel is limited). False when the reserve is empty.
 */
function grantSlice(t: Thread): boolean {
  if (t.limits.fuel === 0) {
    t.fuel = t.slice;
    return true;
  }
  if (t.fuelReserve <= 0) return false;
  const take: f64 = t.fuelReserve < t.slice ? t.fuelReserve : t.slice;
  t.fuelReserve -= take;
  t.fuel = take | 0;
  return true;
}

/** Calls a host function with its arguments at slot base; nested calls it makes go above its slots. */
function callHost(t: Thread, f: FuncInst, base: i32, depth: i32, caller: Instance | null): i32 {
  const np = f.type.params.length;
  const nr = f.type.results.length;
  const savedTop = t.top;
  t.top = (base + (np > nr ? np : nr)) | 0;
  t.depth = depth;
  t.caller = caller;
  const trap = f.host!(t, base, f.hostData);
  t.top = savedTop;
  t.depth = depth;
  return trap;
}

/**
 * The fuel counter went negative: ends the slice (Trap.Yield) when the
 * embedder runs this call in slices, else moves fuel from the reserve
 * (Trap.None), or Trap.OutOfFuel when there is none left.
 */
function refuel(t: Thread): i32 {
  if (t.slice > 0 && t.nested === 1) return Trap.Yield;
  if (t.limits.fuel === 0) {
    while (t.fuel < 0) t.fuel = (t.fuel + FUEL_SLICE) | 0;
    return Trap.None;
  }
  while (t.fuel < 0) {
    if (t.fuelReserve <= 0) {
      t.fuel = 0;
      t.fuelReserve = 0;
      return Trap.OutOfFuel;
    }
    const take: f64 = t.fuelReserve < FUEL_SLICE ? t.fuelReserve : FUEL_SLICE;
    t.fuelReserve -= take;
    t.fuel = (t.fuel + take) | 0;
  }
  return Trap.None;
}

/** The store address of a function defined by `inst`: how a frame names the instance to return to. */
function instanceTag(inst: Instance): i32 {
  return inst.funcs[inst.module.numFuncImports];
}

function memoryOf(inst: Instance): MemInst {
  return inst.mems.length > 0 ? inst.mems[0] : NO_MEMORY;
}

/**
 * Runs Wasm code of `startInst` from `startPc` in the frame at slot `startFp`
 * with `startDepth` frames below (the embedder's frame, at `baseDepth`, ends
 * the run) until it returns, traps or yields. On Trap.Yield the state to
 * continue from is saved in the thread (resumeCall).
 */
function run(store: Store, startInst: Instance, startPc: i32, startFp: i32, startDepth: i32, baseDepth: i32): i32 {
  const t = store.thread;
  // the value stack's views, its size and the frames change when they grow
  // (Thread.growStack, growFrames): reloaded after a growth and a host call
  let I = t.i32;
  let L = t.i64;
  let F = t.f32;
  let D = t.f64;
  let frames = t.frames;
  const funcs = store.funcs;
  const maxDepth = t.limits.maxCallDepth;
  // calls below this depth need no check (the frames' capacity or maxDepth)
  let depthLimit = t.depthLimit();
  let slots = t.slots;
  let depth = startDepth;
  let inst = startInst;
  let code = inst.module.compiled!.code;
  let entries = inst.module.compiled!.entry;
  let globals = inst.globals;
  let mem = memoryOf(inst);
  let view = mem.view;
  let bytes = mem.bytes;
  // memory 0's size, read from its DataView (MemInst keeps the view exactly
  // byteLength long): in C the DataView's own range check then repeats the
  // bounds check of each access, and the compiler drops it
  let memSize: u32 = view.byteLength;
  let fuel = t.fuel;
  // the frame starts at slot fp (word f2); R is the frame's words and DF / LF its
  // 64-bit slots, so operands need no addition (f32 operands add f2 to index F;
  // a view costs one pointer addition at each call and return in C)
  let fp: u32 = startFp >>> 0;
  let f2: u32 = (fp << 1) >>> 0;
  let R = I.subarray(f2);
  let DF = D.subarray(fp);
  let LF = L.subarray(fp);
  let trap: i32 = Trap.None;
  // the call being made by CALL_IMPORT / CALL_INDIRECT (and their tail forms) on their shared path
  let callee = 0;
  let callBase = 0;
  let retPc = 0;
  let callArgs = 0;
  // set by CALL_INDIRECT / RETURN_CALL_INDIRECT when they fall through to the import path (so no case re-reads its op word)
  let viaTable = false;
  // where REFUEL continues
  let resume: u32 = 0;

  let pc: u32 = startPc >>> 0;

  run: while (true) {
    switch (code[pc] & 0xff) {
      // ---------------------------------------------------------------- control
      case Op.UNREACHABLE:
        trap = Trap.Unreachable;
        break run;
      case Op.ENTER: {
        fuel = (fuel - code[pc + 1]) | 0;
        if (fuel < 0) {
          t.fuel = fuel;
          trap = refuel(t);
          fuel = t.fuel;
          // Yield: ENTER runs again when the call resumes (it only clears locals)
          if (trap !== Trap.None) break run;
        }
        if (fp + code[pc + 4] > slots) {
          if (code[pc + 4] === LAZY_FRAME_SLOTS) {
            // a stub: translate the function, then enter it
            const def = code[pc + 2];
            translateFunction(inst.module, def);
            code = inst.module.compiled!.code;
            pc = entries[def] >>> 0;
            break;
          }
          if (!t.growStack(fp + code[pc + 4])) {
            trap = Trap.ValueStackExhausted;
            break run;
          }
          I = t.i32;
          L = t.i64;
          F = t.f32;
          D = t.f64;
          slots = t.slots;
          R = I.subarray(f2);
          DF = D.subarray(fp);
          LF = L.subarray(fp);
        }
        const localsEnd = code[pc + 3];
        for (let i = code[pc + 2]; i < localsEnd; i++) R[i] = 0;
        const constWords = code[pc + 5];
        const table = code[pc + 6];
        for (let i = 0; i < constWords; i++) R[localsEnd + i] = code[table + i];
        pc = (pc + 7) >>> 0;
        break;
      }
      case Op.REFUEL:
        t.fuel = fuel;
        trap = refuel(t);
        fuel = t.fuel;
        pc = resume;
        if (trap !== Trap.None) break run;
        break;
      case Op.BR:
        pc = code[pc + 1] >>> 0;
        break;
      case Op.BR_LOOP:
        fuel = (fuel - code[pc + 2]) | 0;
        pc = code[pc + 1] >>> 0;
        if (fuel < 0) {
          resume = pc;
          pc = 0;
        }
        break;
      case Op.BR_IF_NEZ:
        pc = (R[code[pc + 1]] !== 0 ? code[pc + 2] : pc + 3) >>> 0;
        break;
      case Op.BR_IF_EQZ:
        pc = (R[code[pc + 1]] === 0 ? code[pc + 2] : pc + 3) >>> 0;
        break;
      case Op.BR_IF_EQ:
        pc = (R[code[pc + 1]] === R[code[pc + 2]] ? code[pc + 3] : pc + 4) >>> 0;
        break;
      case Op.BR_IF_NE:
        pc = (R[code[pc + 1]] !== R[code[pc + 2]] ? code[pc + 3] : pc + 4) >>> 0;
        break;
      case Op.BR_IF_LT_S:
        pc = (R[code[pc + 1]] < R[code[pc + 2]] ? code[pc + 3] : pc + 4) >>> 0;
        break;
      case Op.BR_IF_LT_U:
        pc = (R[code[pc + 1]] >>> 0 < R[code[pc + 2]] >>> 0 ? code[pc + 3] : pc + 4) >>> 0;
        break;
      case Op.BR_IF_GT_S:
        pc = (R[code[pc + 1]] > R[code[pc + 2]] ? code[pc + 3] : pc + 4) >>> 0;
        break;
      case Op.BR_IF_GT_U:
        pc = (R[code[pc + 1]] >>> 0 > R[code[pc + 2]] >>> 0 ? code[pc + 3] : pc + 4) >>> 0;
        break;
      case Op.BR_IF_LE_S:
        pc = (R[code[pc + 1]] <= R[code[pc + 2]] ? code[pc + 3] : pc + 4) >>> 0;
        break;
      case Op.BR_IF_LE_U:
        pc = (R[code[pc + 1]] >>> 0 <= R[code[pc + 2]] >>> 0 ? code[pc + 3] : pc + 4) >>> 0;
        break;
      case Op.BR_IF_GE_S:
        pc = (R[code[pc + 1]] >= R[code[pc + 2]] ? code[pc + 3] : pc + 4) >>> 0;
        break;
      case Op.BR_IF_GE_U:
        pc = (R[code[pc + 1]] >>> 0 >= R[code[pc + 2]] >>> 0 ? code[pc + 3] : pc + 4) >>> 0;
        break;
      case Op.BR_IF_EQ_IMM:
        pc = (R[code[pc + 1]] === code[pc + 2] ? code[pc + 3] : pc + 4) >>> 0;
        break;
      case Op.BR_IF_NE_IMM:
        pc = (R[code[pc + 1]] !== code[pc + 2] ? code[pc + 3] : pc + 4) >>> 0;
        break;
      case Op.BR_IF_LT_S_IMM:
        pc = (R[code[pc + 1]] < code[pc + 2] ? code[pc + 3] : pc + 4) >>> 0;
        break;
      case Op.BR_IF_LT_U_IMM:
        pc = (R[code[pc + 1]] >>> 0 < code[pc + 2] >>> 0 ? code[pc + 3] : pc + 4) >>> 0;
        break;
      case Op.BR_IF_GT_S_IMM:
        pc = (R[code[pc + 1]] > code[pc + 2] ? code[pc + 3] : pc + 4) >>> 0;
        break;
      case Op.BR_IF_GT_U_IMM:
        pc = (R[code[pc + 1]] >>> 0 > code[pc + 2] >>> 0 ? code[pc + 3] : pc + 4) >>> 0;
        break;
      case Op.BR_IF_LE_S_IMM:
        pc = (R[code[pc + 1]] <= code[pc + 2] ? code[pc + 3] : pc + 4) >>> 0;
        break;
      case Op.BR_IF_LE_U_IMM:
        pc = (R[code[pc + 1]] >>> 0 <= code[pc + 2] >>> 0 ? code[pc + 3] : pc + 4) >>> 0;
        break;
      case Op.BR_IF_GE_S_IMM:
        pc = (R[code[pc + 1]] >= code[pc + 2] ? code[pc + 3] : pc + 4) >>> 0;
        break;
      case Op.BR_IF_GE_U_IMM:
        pc = (R[code[pc + 1]] >>> 0 >= code[pc + 2] >>> 0 ? code[pc + 3] : pc + 4) >>> 0;
        break;
      // back edges: charge the loop body's fuel; when it runs out, REFUEL (pc 0) refills or traps, then goes on at `resume`
      case Op.BR_IF_NEZ_LOOP:
        if (R[code[pc + 1]] !== 0) {
          fuel = (fuel - code[pc + 3]) | 0;
          pc = code[pc + 2] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 4) >>> 0;
        }
        break;
      case Op.BR_IF_EQZ_LOOP:
        if (R[code[pc + 1]] === 0) {
          fuel = (fuel - code[pc + 3]) | 0;
          pc = code[pc + 2] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 4) >>> 0;
        }
        break;
      case Op.BR_IF_EQ_LOOP:
        if (R[code[pc + 1]] === R[code[pc + 2]]) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_IF_NE_LOOP:
        if (R[code[pc + 1]] !== R[code[pc + 2]]) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_IF_LT_S_LOOP:
        if (R[code[pc + 1]] < R[code[pc + 2]]) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_IF_LT_U_LOOP:
        if (R[code[pc + 1]] >>> 0 < R[code[pc + 2]] >>> 0) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_IF_GT_S_LOOP:
        if (R[code[pc + 1]] > R[code[pc + 2]]) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_IF_GT_U_LOOP:
        if (R[code[pc + 1]] >>> 0 > R[code[pc + 2]] >>> 0) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_IF_LE_S_LOOP:
        if (R[code[pc + 1]] <= R[code[pc + 2]]) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_IF_LE_U_LOOP:
        if (R[code[pc + 1]] >>> 0 <= R[code[pc + 2]] >>> 0) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_IF_GE_S_LOOP:
        if (R[code[pc + 1]] >= R[code[pc + 2]]) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_IF_GE_U_LOOP:
        if (R[code[pc + 1]] >>> 0 >= R[code[pc + 2]] >>> 0) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_IF_EQ_IMM_LOOP:
        if (R[code[pc + 1]] === code[pc + 2]) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_IF_NE_IMM_LOOP:
        if (R[code[pc + 1]] !== code[pc + 2]) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_IF_LT_S_IMM_LOOP:
        if (R[code[pc + 1]] < code[pc + 2]) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_IF_LT_U_IMM_LOOP:
        if (R[code[pc + 1]] >>> 0 < code[pc + 2] >>> 0) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_IF_GT_S_IMM_LOOP:
        if (R[code[pc + 1]] > code[pc + 2]) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_IF_GT_U_IMM_LOOP:
        if (R[code[pc + 1]] >>> 0 > code[pc + 2] >>> 0) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_IF_LE_S_IMM_LOOP:
        if (R[code[pc + 1]] <= code[pc + 2]) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_IF_LE_U_IMM_LOOP:
        if (R[code[pc + 1]] >>> 0 <= code[pc + 2] >>> 0) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_IF_GE_S_IMM_LOOP:
        if (R[code[pc + 1]] >= code[pc + 2]) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_IF_GE_U_IMM_LOOP:
        if (R[code[pc + 1]] >>> 0 >= code[pc + 2] >>> 0) {
          fuel = (fuel - code[pc + 4]) | 0;
          pc = code[pc + 3] >>> 0;
          if (fuel < 0) {
            resume = pc;
            pc = 0;
          }
        } else {
          pc = (pc + 5) >>> 0;
        }
        break;
      case Op.BR_TABLE: {
        const i = R[code[pc + 1]] >>> 0;
        const n = code[pc + 2];
        pc = code[pc + 3 + (i < n ? i : n)] >>> 0;
        break;
      }
      case Op.RET_32:
        R[0] = R[code[pc + 1]];
      // falls through
      case Op.RET: {
        depth--;
        const x = depth << 2;
        const ret = frames[x];
        if (ret < 0) break run;
        pc = ret >>> 0;
        fp = frames[x + 1] >>> 0;
        f2 = (fp << 1) >>> 0;
        R = I.subarray(f2);
        DF = D.subarray(fp);
        LF = L.subarray(fp);
        const back = frames[x + 2];
        if (back >= 0) {
          inst = funcs[back].instance!;
          code = inst.module.compiled!.code;
          entries = inst.module.compiled!.entry;
          globals = inst.globals;
          mem = memoryOf(inst);
          view = mem.view;
          bytes = mem.bytes;
          memSize = view.byteLength;
        }
        break;
      }
      case Op.RET_64: {
        DF[0] = DF[code[pc + 1]];
        depth--;
        const x = depth << 2;
        const ret = frames[x];
        if (ret < 0) break run;
        pc = ret >>> 0;
        fp = frames[x + 1] >>> 0;
        f2 = (fp << 1) >>> 0;
        R = I.subarray(f2);
        DF = D.subarray(fp);
        LF = L.subarray(fp);
        const back = frames[x + 2];
        if (back >= 0) {
          inst = funcs[back].instance!;
          code = inst.module.compiled!.code;
          entries = inst.module.compiled!.entry;
          globals = inst.globals;
          mem = memoryOf(inst);
          view = mem.view;
          bytes = mem.bytes;
          memSize = view.byteLength;
        }
        break;
      }
      case Op.CALL: {
        // the callee's ENTER is done here, and skipped
        const entry = code[pc + 1];
        const callFp = (fp + code[pc + 2]) | 0;
        if (depth >= depthLimit) {
          if (depth >= maxDepth || !t.growFrames(depth + 1)) {
            trap = Trap.CallDepthExceeded;
            break run;
          }
          frames = t.frames;
          depthLimit = t.depthLimit();
        }
        fuel = (fuel - code[entry + 1]) | 0;
        if (fuel < 0) {
          t.fuel = fuel;
          trap = refuel(t);
          fuel = t.fuel;
          // Yield: this CALL runs again when the call resumes
          if (trap !== Trap.None) break run;
        }
        if (callFp + code[entry + 4] > slots) {
          if (code[entry + 4] === LAZY_FRAME_SLOTS) {
            // the callee's stub: translate it, call its code from now on, and do this CALL again
            const def = code[entry + 2];
            translateFunction(inst.module, def);
            code = inst.module.compiled!.code;
            code[pc + 1] = entries[def];
            break;
          }
          if (!t.growStack(callFp + code[entry + 4])) {
            trap = Trap.ValueStackExhausted;
            break run;
          }
          I = t.i32;
          L = t.i64;
          F = t.f32;
          D = t.f64;
          slots = t.slots;
        }
        const x = depth << 2;
        frames[x] = (pc + 3) | 0;
        frames[x + 1] = fp;
        frames[x + 2] = -1;
        depth++;
        fp = callFp >>> 0;
        f2 = (fp << 1) >>> 0;
        R = I.subarray(f2);
        DF = D.subarray(fp);
        LF = L.subarray(fp);
        const localsEnd = code[entry + 3];
        for (let i = code[entry + 2]; i < localsEnd; i++) R[i] = 0;
        const constWords = code[entry + 5];
        const table = code[entry + 6];
        for (let i = 0; i < constWords; i++) R[localsEnd + i] = code[table + i];
        pc = (entry + 7) >>> 0;
        break;
      }
      case Op.RETURN_CALL: {
        const from = code[pc + 2];
        const n = code[pc + 3];
        for (let i = 0; i < n; i++) D[fp + i] = D[fp + from + i];
        pc = code[pc + 1] >>> 0;
        break;
      }
      case Op.CALL_INDIRECT: {
        const table = inst.tables[code[pc + 2]];
        const i = R[code[pc + 3]] >>> 0;
        if (i >= table.size) {
          trap = Trap.UndefinedElement;
          break run;
        }
        const ref = table.elems[i];
        if (ref === 0) {
          trap = Trap.UninitializedElement;
          break run;
        }
        const target = funcs[ref - 1];
        if (target.typeId !== inst.typeIds[code[pc + 1]]) {
          trap = Trap.IndirectCallTypeMismatch;
          break run;
        }
        callee = (ref - 1) | 0;
        callBase = (fp + code[pc + 4]) | 0;
        retPc = (pc + 5) | 0;
        viaTable = true;
        if (target.instance === inst) {
          viaTable = false;
          if (depth >= depthLimit) {
            if (depth >= maxDepth || !t.growFrames(depth + 1)) {
              trap = Trap.CallDepthExceeded;
              break run;
            }
            frames = t.frames;
            depthLimit = t.depthLimit();
          }
          const x = depth << 2;
          frames[x] = retPc;
          frames[x + 1] = fp;
          frames[x + 2] = -1;
          depth++;
          fp = callBase >>> 0;
          f2 = (fp << 1) >>> 0;
          R = I.subarray(f2);
          DF = D.subarray(fp);
          LF = L.subarray(fp);
          pc = entries[target.defIndex] >>> 0;
          break;
        }
      }
      // falls through: a host function or another instance's
      case Op.CALL_IMPORT: {
        if (viaTable) {
          viaTable = false;
        } else {
          callee = inst.funcs[code[pc + 1]];
          callBase = (fp + code[pc + 2]) | 0;
          retPc = (pc + 3) | 0;
        }
        const target = funcs[callee];
        if (depth >= depthLimit) {
          if (depth >= maxDepth || !t.growFrames(depth + 1)) {
            trap = Trap.CallDepthExceeded;
            break run;
          }
          frames = t.frames;
          depthLimit = t.depthLimit();
        }
        if (target.host !== null) {
          t.fuel = fuel;
          const r = callHost(t, target, callBase, depth, inst);
          fuel = t.fuel;
          // a host may call back into Wasm, which may grow the stack, the frames or this module's code
          I = t.i32;
          L = t.i64;
          F = t.f32;
          D = t.f64;
          R = I.subarray(f2);
          DF = D.subarray(fp);
          LF = L.subarray(fp);
          slots = t.slots;
          frames = t.frames;
          depthLimit = t.depthLimit();
          code = inst.module.compiled!.code;
          view = mem.view;
          bytes = mem.bytes;
          memSize = view.byteLength;
          // a host that asked to be called again (Thread.retryCall) leaves pc on this call
          if (!(t.retryCall && r === Trap.Yield && t.nested === 1)) pc = retPc >>> 0;
          t.retryCall = false;
          if (r !== Trap.None && !(r === Trap.Yield && t.nested > 1)) {
            // Yield (a host that waits: sleep, delay) resumes after the call
            trap = r;
            break run;
          }
          break;
        }
        const x = depth << 2;
        frames[x] = retPc;
        frames[x + 1] = fp;
        frames[x + 2] = target.instance === inst ? -1 : instanceTag(inst);
        depth++;
        fp = callBase >>> 0;
        f2 = (fp << 1) >>> 0;
        R = I.subarray(f2);
        DF = D.subarray(fp);
        LF = L.subarray(fp);
        if (target.instance !== inst) {
          inst = target.instance!;
          code = inst.module.compiled!.code;
          entries = inst.module.compiled!.entry;
          globals = inst.globals;
          mem = memoryOf(inst);
          view = mem.view;
          bytes = mem.bytes;
          memSize = view.byteLength;
        }
        pc = entries[target.defIndex] >>> 0;
        break;
      }
      case Op.RETURN_CALL_INDIRECT: {
        const table = inst.tables[code[pc + 2]];
        const i = R[code[pc + 3]] >>> 0;
        if (i >= table.size) {
          trap = Trap.UndefinedElement;
          break run;
        }
        const ref = table.elems[i];
        if (ref === 0) {
          trap = Trap.UninitializedElement;
          break run;
        }
        if (funcs[ref - 1].typeId !== inst.typeIds[code[pc + 1]]) {
          trap = Trap.IndirectCallTypeMismatch;
          break run;
        }
        callee = (ref - 1) | 0;
        callBase = (fp + code[pc + 4]) | 0;
        callArgs = code[pc + 5];
        viaTable = true;
      }
      // falls through
      case Op.RETURN_CALL_IMPORT: {
        const callLength = viaTable ? 6 : 4;
        if (viaTable) {
          viaTable = false;
        } else {
          callee = inst.funcs[code[pc + 1]];
          callBase = (fp + code[pc + 2]) | 0;
          callArgs = code[pc + 3];
        }
        for (let i = 0; i < callArgs; i++) D[fp + i] = D[callBase + i];
        const target = funcs[callee];
        if (target.host !== null) {
          // the host's results land in slots 0 ..; the RET that follows this instruction returns them
          t.fuel = fuel;
          const r = callHost(t, target, fp | 0, depth, inst);
          fuel = t.fuel;
          // a host may call back into Wasm, which may grow the stack, the frames or this module's code
          I = t.i32;
          L = t.i64;
          F = t.f32;
          D = t.f64;
          R = I.subarray(f2);
          DF = D.subarray(fp);
          LF = L.subarray(fp);
          slots = t.slots;
          frames = t.frames;
          depthLimit = t.depthLimit();
          code = inst.module.compiled!.code;
          view = mem.view;
          bytes = mem.bytes;
          memSize = view.byteLength;
          // its arguments were moved into this frame, so a retry cannot run the call again: it goes on
          t.retryCall = false;
          pc = (pc + callLength) >>> 0;
          if (r !== Trap.None && !(r === Trap.Yield && t.nested > 1)) {
            trap = r;
            break run;
          }
          break;
        }
        if (target.instance !== inst) {
          // the frame now returns from another instance: it must say where to come back to
          const x = (depth - 1) << 2;
          if (frames[x + 2] < 0) frames[x + 2] = instanceTag(inst);
          inst = target.instance!;
          code = inst.module.compiled!.code;
          entries = inst.module.compiled!.entry;
          globals = inst.globals;
          mem = memoryOf(inst);
          view = mem.view;
          bytes = mem.bytes;
          memSize = view.byteLength;
        }
        pc = entries[target.defIndex] >>> 0;
        break;
      }

      // ---------------------------------------------------------------- values
      case Op.SELECT_32:
        R[code[pc + 1]] = R[code[pc + 4]] !== 0 ? R[code[pc + 2]] : R[code[pc + 3]];
        pc = (pc + 5) >>> 0;
        break;
      case Op.SELECT_64:
        DF[code[pc + 1]] = R[code[pc + 4]] !== 0 ? DF[code[pc + 2]] : DF[code[pc + 3]];
        pc = (pc + 5) >>> 0;
        break;
      case Op.MOV_32_2:
        R[code[pc + 1]] = R[code[pc + 2]];
        R[code[pc + 3]] = R[code[pc + 4]];
        pc = (pc + 5) >>> 0;
        break;
      case Op.MOV_32:
        R[code[pc + 1]] = R[code[pc + 2]];
        pc = (pc + 3) >>> 0;
        break;
      case Op.MOV_64:
        DF[code[pc + 1]] = DF[code[pc + 2]];
        pc = (pc + 3) >>> 0;
        break;
      case Op.CONST_32:
        R[code[pc + 1]] = code[pc + 2];
        pc = (pc + 3) >>> 0;
        break;
      case Op.CONST_64: {
        const w = code[pc + 1] << 1;
        R[w] = code[pc + 2];
        R[w + 1] = code[pc + 3];
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.GLOBAL_GET_32:
        R[code[pc + 1]] = globals[code[pc + 2]].i32[0];
        pc = (pc + 3) >>> 0;
        break;
      case Op.GLOBAL_GET_64: {
        const g = globals[code[pc + 2]].i32;
        const w = code[pc + 1] << 1;
        R[w] = g[0];
        R[w + 1] = g[1];
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.GLOBAL_SET_32:
        globals[code[pc + 1]].i32[0] = R[code[pc + 2]];
        pc = (pc + 3) >>> 0;
        break;
      case Op.GLOBAL_SET_64: {
        const g = globals[code[pc + 1]].i32;
        const w = code[pc + 2] << 1;
        g[0] = R[w];
        g[1] = R[w + 1];
        pc = (pc + 3) >>> 0;
        break;
      }
      // ---------------------------------------------------------------- memory 0
      case Op.LOAD_32: {
        const ea = (R[code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 4 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        // aligned: one element of the word view; else the DataView
        R[code[pc + 1]] = view.getInt32(ea, true);
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.LOAD_64: {
        const ea = (R[code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 8 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        DF[code[pc + 1]] = view.getFloat64(ea, true);
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.LOAD_I32_8S: {
        const ea = (R[code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 1 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        R[code[pc + 1]] = (bytes[ea] << 24) >> 24;
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.LOAD_I32_8U: {
        const ea = (R[code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 1 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        R[code[pc + 1]] = bytes[ea];
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.LOAD_I32_16S: {
        const ea = (R[code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 2 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        R[code[pc + 1]] = ((bytes[ea] | (bytes[ea + 1] << 8)) << 16) >> 16;
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.LOAD_I32_16U: {
        const ea = (R[code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 2 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        R[code[pc + 1]] = bytes[ea] | (bytes[ea + 1] << 8);
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.LOAD_I64_32S: {
        const ea = (R[code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 4 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        const v = view.getInt32(ea, true);
        const w = code[pc + 1] << 1;
        R[w] = v;
        R[w + 1] = v >> 31;
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.LOAD_I64_32U: {
        const ea = (R[code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 4 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        const v = view.getInt32(ea, true);
        const w = code[pc + 1] << 1;
        R[w] = v;
        R[w + 1] = 0;
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.STORE_32: {
        const ea = (R[code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 4 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        view.setInt32(ea, R[code[pc + 2]], true);
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.STORE_64: {
        const ea = (R[code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 8 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        view.setFloat64(ea, DF[code[pc + 2]], true);
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.STORE_8: {
        const ea = (R[code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 1 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        bytes[ea] = R[code[pc + 2]];
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.STORE_16: {
        const ea = (R[code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 2 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        const v = R[code[pc + 2]];
        bytes[ea] = v;
        bytes[ea + 1] = v >> 8;
        pc = (pc + 4) >>> 0;
        break;
      }
      // ---------------------------------------------------------------- memory 0, address from a fused i32.add
      case Op.LOAD_32_RI: {
        const ea = ((R[code[pc + 2]] + code[pc + 3]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 4 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        R[code[pc + 1]] = view.getInt32(ea, true);
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.LOAD_64_RI: {
        const ea = ((R[code[pc + 2]] + code[pc + 3]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 8 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        DF[code[pc + 1]] = view.getFloat64(ea, true);
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.LOAD_I32_8U_RI: {
        const ea = ((R[code[pc + 2]] + code[pc + 3]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 1 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        R[code[pc + 1]] = bytes[ea];
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.LOAD_I32_8S_RI: {
        const ea = ((R[code[pc + 2]] + code[pc + 3]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 1 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        R[code[pc + 1]] = (bytes[ea] << 24) >> 24;
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.LOAD_I32_16U_RI: {
        const ea = ((R[code[pc + 2]] + code[pc + 3]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 2 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        R[code[pc + 1]] = bytes[ea] | (bytes[ea + 1] << 8);
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.LOAD_I32_16S_RI: {
        const ea = ((R[code[pc + 2]] + code[pc + 3]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 2 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        R[code[pc + 1]] = ((bytes[ea] | (bytes[ea + 1] << 8)) << 16) >> 16;
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.STORE_32_RI: {
        const ea = ((R[code[pc + 1]] + code[pc + 3]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 4 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        view.setInt32(ea, R[code[pc + 2]], true);
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.STORE_64_RI: {
        const ea = ((R[code[pc + 1]] + code[pc + 3]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 8 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        view.setFloat64(ea, DF[code[pc + 2]], true);
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.STORE_8_RI: {
        const ea = ((R[code[pc + 1]] + code[pc + 3]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 1 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        bytes[ea] = R[code[pc + 2]];
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.STORE_16_RI: {
        const ea = ((R[code[pc + 1]] + code[pc + 3]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 2 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        const v = R[code[pc + 2]];
        bytes[ea] = v;
        bytes[ea + 1] = v >> 8;
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.LOAD_32_RR: {
        const ea = ((R[code[pc + 2]] + R[code[pc + 3]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 4 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        R[code[pc + 1]] = view.getInt32(ea, true);
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.LOAD_64_RR: {
        const ea = ((R[code[pc + 2]] + R[code[pc + 3]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 8 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        DF[code[pc + 1]] = view.getFloat64(ea, true);
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.LOAD_I32_8U_RR: {
        const ea = ((R[code[pc + 2]] + R[code[pc + 3]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 1 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        R[code[pc + 1]] = bytes[ea];
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.LOAD_I32_8S_RR: {
        const ea = ((R[code[pc + 2]] + R[code[pc + 3]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 1 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        R[code[pc + 1]] = (bytes[ea] << 24) >> 24;
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.LOAD_I32_16U_RR: {
        const ea = ((R[code[pc + 2]] + R[code[pc + 3]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 2 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        R[code[pc + 1]] = bytes[ea] | (bytes[ea + 1] << 8);
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.LOAD_I32_16S_RR: {
        const ea = ((R[code[pc + 2]] + R[code[pc + 3]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 2 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        R[code[pc + 1]] = ((bytes[ea] | (bytes[ea + 1] << 8)) << 16) >> 16;
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.STORE_32_RR: {
        const ea = ((R[code[pc + 1]] + R[code[pc + 3]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 4 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        view.setInt32(ea, R[code[pc + 2]], true);
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.STORE_64_RR: {
        const ea = ((R[code[pc + 1]] + R[code[pc + 3]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 8 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        view.setFloat64(ea, DF[code[pc + 2]], true);
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.STORE_8_RR: {
        const ea = ((R[code[pc + 1]] + R[code[pc + 3]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 1 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        bytes[ea] = R[code[pc + 2]];
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.STORE_16_RR: {
        const ea = ((R[code[pc + 1]] + R[code[pc + 3]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 2 > memSize) {
          trap = Trap.MemoryOutOfBounds;
          break run;
        }
        const v = R[code[pc + 2]];
        bytes[ea] = v;
        bytes[ea + 1] = v >> 8;
        pc = (pc + 5) >>> 0;
        break;
      }
      case Op.EXT: {
        // the rare state instructions (execute-memory.ts); a grow may have replaced memory 0's buffer
        const r = executeExt(t, inst, R, code, pc | 0);
        view = mem.view;
        bytes = mem.bytes;
        memSize = view.byteLength;
        if (r !== Trap.None) {
          trap = r;
          break run;
        }
        pc = (pc + code[pc + 1]) >>> 0;
        break;
      }

      // ---------------------------------------------------------------- i32
      case Op.I32_EQZ:
        R[code[pc + 1]] = R[code[pc + 2]] === 0 ? 1 : 0;
        pc = (pc + 3) >>> 0;
        break;
      case Op.I32_EQ:
        R[code[pc + 1]] = R[code[pc + 2]] === R[code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_NE:
        R[code[pc + 1]] = R[code[pc + 2]] !== R[code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_LT_S:
        R[code[pc + 1]] = R[code[pc + 2]] < R[code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_LT_U:
        R[code[pc + 1]] = R[code[pc + 2]] >>> 0 < R[code[pc + 3]] >>> 0 ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_GT_S:
        R[code[pc + 1]] = R[code[pc + 2]] > R[code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_GT_U:
        R[code[pc + 1]] = R[code[pc + 2]] >>> 0 > R[code[pc + 3]] >>> 0 ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_LE_S:
        R[code[pc + 1]] = R[code[pc + 2]] <= R[code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_LE_U:
        R[code[pc + 1]] = R[code[pc + 2]] >>> 0 <= R[code[pc + 3]] >>> 0 ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_GE_S:
        R[code[pc + 1]] = R[code[pc + 2]] >= R[code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_GE_U:
        R[code[pc + 1]] = R[code[pc + 2]] >>> 0 >= R[code[pc + 3]] >>> 0 ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_CLZ:
        R[code[pc + 1]] = Math.clz32(R[code[pc + 2]]);
        pc = (pc + 3) >>> 0;
        break;
      case Op.I32_CTZ:
        R[code[pc + 1]] = ctz32(R[code[pc + 2]]);
        pc = (pc + 3) >>> 0;
        break;
      case Op.I32_POPCNT:
        R[code[pc + 1]] = popcnt32(R[code[pc + 2]]);
        pc = (pc + 3) >>> 0;
        break;
      case Op.I32_ADD:
        R[code[pc + 1]] = (R[code[pc + 2]] + R[code[pc + 3]]) | 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_SUB:
        R[code[pc + 1]] = (R[code[pc + 2]] - R[code[pc + 3]]) | 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_MUL:
        R[code[pc + 1]] = Math.imul(R[code[pc + 2]], R[code[pc + 3]]);
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_DIV_S: {
        const b = R[code[pc + 3]];
        const a = R[code[pc + 2]];
        if (b === 0) {
          trap = Trap.IntDivByZero;
          break run;
        }
        if (b === -1 && a === -2147483648) {
          trap = Trap.IntOverflow;
          break run;
        }
        R[code[pc + 1]] = (a / b) | 0;
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.I32_DIV_U: {
        const b = R[code[pc + 3]] >>> 0;
        if (b === 0) {
          trap = Trap.IntDivByZero;
          break run;
        }
        R[code[pc + 1]] = ((R[code[pc + 2]] >>> 0) / b) | 0;
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.I32_REM_S: {
        const b = R[code[pc + 3]];
        if (b === 0) {
          trap = Trap.IntDivByZero;
          break run;
        }
        R[code[pc + 1]] = (R[code[pc + 2]] % b) | 0;
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.I32_REM_U: {
        const b = R[code[pc + 3]] >>> 0;
        if (b === 0) {
          trap = Trap.IntDivByZero;
          break run;
        }
        R[code[pc + 1]] = ((R[code[pc + 2]] >>> 0) % b) | 0;
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.I32_AND:
        R[code[pc + 1]] = R[code[pc + 2]] & R[code[pc + 3]];
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_OR:
        R[code[pc + 1]] = R[code[pc + 2]] | R[code[pc + 3]];
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_XOR_SHR_U_IMM:
        R[code[pc + 1]] = R[code[pc + 2]] ^ ((R[code[pc + 3]] >>> code[pc + 4]) | 0);
        pc = (pc + 5) >>> 0;
        break;
      case Op.I32_XOR:
        R[code[pc + 1]] = R[code[pc + 2]] ^ R[code[pc + 3]];
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_SHL:
        R[code[pc + 1]] = R[code[pc + 2]] << R[code[pc + 3]];
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_SHR_S:
        R[code[pc + 1]] = R[code[pc + 2]] >> R[code[pc + 3]];
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_SHR_U:
        R[code[pc + 1]] = (R[code[pc + 2]] >>> R[code[pc + 3]]) | 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_ROTL: {
        const a = R[code[pc + 2]];
        const k = R[code[pc + 3]];
        R[code[pc + 1]] = (a << k) | (a >>> (32 - (k & 31)));
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.I32_ROTR: {
        const a = R[code[pc + 2]];
        const k = R[code[pc + 3]];
        R[code[pc + 1]] = (a >>> k) | (a << (32 - (k & 31)));
        pc = (pc + 4) >>> 0;
        break;
      }

      // ---------------------------------------------------------------- i32 with a constant
      case Op.I32_ADD_2:
        R[code[pc + 1]] = (R[code[pc + 2]] + R[code[pc + 3]]) | 0;
        R[code[pc + 4]] = (R[code[pc + 5]] + R[code[pc + 6]]) | 0;
        pc = (pc + 7) >>> 0;
        break;
      case Op.I32_ADD_IMM_2:
        R[code[pc + 1]] = (R[code[pc + 2]] + code[pc + 3]) | 0;
        R[code[pc + 4]] = (R[code[pc + 5]] + code[pc + 6]) | 0;
        pc = (pc + 7) >>> 0;
        break;
      case Op.I32_ADD_IMM:
        R[code[pc + 1]] = (R[code[pc + 2]] + code[pc + 3]) | 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_MUL_IMM:
        R[code[pc + 1]] = Math.imul(R[code[pc + 2]], code[pc + 3]);
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_AND_IMM:
        R[code[pc + 1]] = R[code[pc + 2]] & code[pc + 3];
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_OR_IMM:
        R[code[pc + 1]] = R[code[pc + 2]] | code[pc + 3];
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_XOR_IMM:
        R[code[pc + 1]] = R[code[pc + 2]] ^ code[pc + 3];
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_SHL_IMM:
        R[code[pc + 1]] = R[code[pc + 2]] << code[pc + 3];
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_SHR_S_IMM:
        R[code[pc + 1]] = R[code[pc + 2]] >> code[pc + 3];
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_SHR_U_IMM:
        R[code[pc + 1]] = (R[code[pc + 2]] >>> code[pc + 3]) | 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_EQ_IMM:
        R[code[pc + 1]] = R[code[pc + 2]] === code[pc + 3] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_NE_IMM:
        R[code[pc + 1]] = R[code[pc + 2]] !== code[pc + 3] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_LT_S_IMM:
        R[code[pc + 1]] = R[code[pc + 2]] < code[pc + 3] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_LT_U_IMM:
        R[code[pc + 1]] = R[code[pc + 2]] >>> 0 < code[pc + 3] >>> 0 ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_GT_S_IMM:
        R[code[pc + 1]] = R[code[pc + 2]] > code[pc + 3] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_GT_U_IMM:
        R[code[pc + 1]] = R[code[pc + 2]] >>> 0 > code[pc + 3] >>> 0 ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_LE_S_IMM:
        R[code[pc + 1]] = R[code[pc + 2]] <= code[pc + 3] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_LE_U_IMM:
        R[code[pc + 1]] = R[code[pc + 2]] >>> 0 <= code[pc + 3] >>> 0 ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_GE_S_IMM:
        R[code[pc + 1]] = R[code[pc + 2]] >= code[pc + 3] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I32_GE_U_IMM:
        R[code[pc + 1]] = R[code[pc + 2]] >>> 0 >= code[pc + 3] >>> 0 ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;

      // ---------------------------------------------------------------- i64
      case Op.I64_EQZ:
        R[code[pc + 1]] = LF[code[pc + 2]] === 0n ? 1 : 0;
        pc = (pc + 3) >>> 0;
        break;
      case Op.I64_EQ:
        R[code[pc + 1]] = LF[code[pc + 2]] === LF[code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I64_NE:
        R[code[pc + 1]] = LF[code[pc + 2]] !== LF[code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I64_LT_S:
        R[code[pc + 1]] = LF[code[pc + 2]] < LF[code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I64_LT_U:
        R[code[pc + 1]] = BigInt.asUintN(64, LF[code[pc + 2]]) < BigInt.asUintN(64, LF[code[pc + 3]]) ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I64_GT_S:
        R[code[pc + 1]] = LF[code[pc + 2]] > LF[code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I64_GT_U:
        R[code[pc + 1]] = BigInt.asUintN(64, LF[code[pc + 2]]) > BigInt.asUintN(64, LF[code[pc + 3]]) ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I64_LE_S:
        R[code[pc + 1]] = LF[code[pc + 2]] <= LF[code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I64_LE_U:
        R[code[pc + 1]] = BigInt.asUintN(64, LF[code[pc + 2]]) <= BigInt.asUintN(64, LF[code[pc + 3]]) ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I64_GE_S:
        R[code[pc + 1]] = LF[code[pc + 2]] >= LF[code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I64_GE_U:
        R[code[pc + 1]] = BigInt.asUintN(64, LF[code[pc + 2]]) >= BigInt.asUintN(64, LF[code[pc + 3]]) ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.I64_CLZ: {
        const w = code[pc + 2] << 1;
        const high = R[w + 1];
        const n = high !== 0 ? Math.clz32(high) : (32 + Math.clz32(R[w])) | 0;
        const d = code[pc + 1] << 1;
        R[d] = n;
        R[d + 1] = 0;
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.I64_CTZ: {
        const w = code[pc + 2] << 1;
        const low = R[w];
        const n = low !== 0 ? ctz32(low) : (32 + ctz32(R[w + 1])) | 0;
        const d = code[pc + 1] << 1;
        R[d] = n;
        R[d + 1] = 0;
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.I64_POPCNT: {
        const w = code[pc + 2] << 1;
        const n = (popcnt32(R[w]) + popcnt32(R[w + 1])) | 0;
        const d = code[pc + 1] << 1;
        R[d] = n;
        R[d + 1] = 0;
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.I64_ADD:
        LF[code[pc + 1]] = BigInt.asIntN(64, LF[code[pc + 2]] + LF[code[pc + 3]]);
        pc = (pc + 4) >>> 0;
        break;
      case Op.I64_SUB:
        LF[code[pc + 1]] = BigInt.asIntN(64, LF[code[pc + 2]] - LF[code[pc + 3]]);
        pc = (pc + 4) >>> 0;
        break;
      case Op.I64_MUL:
        LF[code[pc + 1]] = BigInt.asIntN(64, LF[code[pc + 2]] * LF[code[pc + 3]]);
        pc = (pc + 4) >>> 0;
        break;
      case Op.I64_DIV_S: {
        const b = LF[code[pc + 3]];
        const a = LF[code[pc + 2]];
        if (b === 0n) {
          trap = Trap.IntDivByZero;
          break run;
        }
        if (b === -1n && a === -9223372036854775808n) {
          trap = Trap.IntOverflow;
          break run;
        }
        LF[code[pc + 1]] = BigInt.asIntN(64, a / b);
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.I64_DIV_U: {
        const b = BigInt.asUintN(64, LF[code[pc + 3]]);
        if (b === 0n) {
          trap = Trap.IntDivByZero;
          break run;
        }
        LF[code[pc + 1]] = BigInt.asIntN(64, BigInt.asUintN(64, LF[code[pc + 2]]) / b);
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.I64_REM_S: {
        const b = LF[code[pc + 3]];
        if (b === 0n) {
          trap = Trap.IntDivByZero;
          break run;
        }
        LF[code[pc + 1]] = LF[code[pc + 2]] % b;
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.I64_REM_U: {
        const b = BigInt.asUintN(64, LF[code[pc + 3]]);
        if (b === 0n) {
          trap = Trap.IntDivByZero;
          break run;
        }
        LF[code[pc + 1]] = BigInt.asIntN(64, BigInt.asUintN(64, LF[code[pc + 2]]) % b);
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.I64_AND:
        LF[code[pc + 1]] = LF[code[pc + 2]] & LF[code[pc + 3]];
        pc = (pc + 4) >>> 0;
        break;
      case Op.I64_OR:
        LF[code[pc + 1]] = LF[code[pc + 2]] | LF[code[pc + 3]];
        pc = (pc + 4) >>> 0;
        break;
      case Op.I64_XOR_SHR_U:
        LF[code[pc + 1]] = LF[code[pc + 2]] ^ BigInt.asIntN(64, BigInt.asUintN(64, LF[code[pc + 3]]) >> BigInt.asUintN(6, LF[code[pc + 4]]));
        pc = (pc + 5) >>> 0;
        break;
      case Op.I64_XOR:
        LF[code[pc + 1]] = LF[code[pc + 2]] ^ LF[code[pc + 3]];
        pc = (pc + 4) >>> 0;
        break;
      case Op.I64_SHL:
        LF[code[pc + 1]] = BigInt.asIntN(64, LF[code[pc + 2]] << BigInt.asUintN(6, LF[code[pc + 3]]));
        pc = (pc + 4) >>> 0;
        break;
      case Op.I64_SHR_S:
        LF[code[pc + 1]] = LF[code[pc + 2]] >> BigInt.asUintN(6, LF[code[pc + 3]]);
        pc = (pc + 4) >>> 0;
        break;
      case Op.I64_SHR_U:
        LF[code[pc + 1]] = BigInt.asIntN(64, BigInt.asUintN(64, LF[code[pc + 2]]) >> BigInt.asUintN(6, LF[code[pc + 3]]));
        pc = (pc + 4) >>> 0;
        break;
      case Op.I64_ROTL: {
        const a = BigInt.asUintN(64, LF[code[pc + 2]]);
        const k = BigInt.asUintN(6, LF[code[pc + 3]]);
        LF[code[pc + 1]] = BigInt.asIntN(64, (a << k) | (a >> BigInt.asUintN(6, 64n - k)));
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.I64_ROTR: {
        const a = BigInt.asUintN(64, LF[code[pc + 2]]);
        const k = BigInt.asUintN(6, LF[code[pc + 3]]);
        LF[code[pc + 1]] = BigInt.asIntN(64, (a >> k) | (a << BigInt.asUintN(6, 64n - k)));
        pc = (pc + 4) >>> 0;
        break;
      }

      // ---------------------------------------------------------------- f32 (neg, abs, copysign on the bits)
      case Op.F32_EQ:
        R[code[pc + 1]] = F[f2 + code[pc + 2]] === F[f2 + code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.F32_NE:
        R[code[pc + 1]] = F[f2 + code[pc + 2]] !== F[f2 + code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.F32_LT:
        R[code[pc + 1]] = F[f2 + code[pc + 2]] < F[f2 + code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.F32_GT:
        R[code[pc + 1]] = F[f2 + code[pc + 2]] > F[f2 + code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.F32_LE:
        R[code[pc + 1]] = F[f2 + code[pc + 2]] <= F[f2 + code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.F32_GE:
        R[code[pc + 1]] = F[f2 + code[pc + 2]] >= F[f2 + code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.F32_ABS:
        R[code[pc + 1]] = R[code[pc + 2]] & 0x7fffffff;
        pc = (pc + 3) >>> 0;
        break;
      case Op.F32_NEG:
        R[code[pc + 1]] = R[code[pc + 2]] ^ -2147483648;
        pc = (pc + 3) >>> 0;
        break;
      case Op.F32_COPYSIGN:
        R[code[pc + 1]] = (R[code[pc + 2]] & 0x7fffffff) | (R[code[pc + 3]] & -2147483648);
        pc = (pc + 4) >>> 0;
        break;
      case Op.F32_CEIL: {
        const x = F[f2 + code[pc + 2]];
        if (x !== x) R[code[pc + 1]] = CANONICAL_NAN_32;
        else F[f2 + code[pc + 1]] = Math.fround(Math.ceil(x));
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.F32_FLOOR: {
        const x = F[f2 + code[pc + 2]];
        if (x !== x) R[code[pc + 1]] = CANONICAL_NAN_32;
        else F[f2 + code[pc + 1]] = Math.fround(Math.floor(x));
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.F32_TRUNC: {
        const x = F[f2 + code[pc + 2]];
        if (x !== x) R[code[pc + 1]] = CANONICAL_NAN_32;
        else F[f2 + code[pc + 1]] = Math.fround(Math.trunc(x));
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.F32_NEAREST: {
        const x = F[f2 + code[pc + 2]];
        if (x !== x) R[code[pc + 1]] = CANONICAL_NAN_32;
        else F[f2 + code[pc + 1]] = Math.fround(nearest(x));
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.F32_SQRT: {
        const x = F[f2 + code[pc + 2]];
        if (x !== x) R[code[pc + 1]] = CANONICAL_NAN_32;
        else F[f2 + code[pc + 1]] = Math.fround(Math.sqrt(x));
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.F32_ADD:
        F[f2 + code[pc + 1]] = Math.fround(F[f2 + code[pc + 2]] + F[f2 + code[pc + 3]]);
        pc = (pc + 4) >>> 0;
        break;
      case Op.F32_SUB:
        F[f2 + code[pc + 1]] = Math.fround(F[f2 + code[pc + 2]] - F[f2 + code[pc + 3]]);
        pc = (pc + 4) >>> 0;
        break;
      case Op.F32_MUL:
        F[f2 + code[pc + 1]] = Math.fround(F[f2 + code[pc + 2]] * F[f2 + code[pc + 3]]);
        pc = (pc + 4) >>> 0;
        break;
      case Op.F32_DIV:
        F[f2 + code[pc + 1]] = Math.fround(F[f2 + code[pc + 2]] / F[f2 + code[pc + 3]]);
        pc = (pc + 4) >>> 0;
        break;
      case Op.F32_MIN: {
        const r = fmin(F[f2 + code[pc + 2]], F[f2 + code[pc + 3]]);
        if (r !== r) R[code[pc + 1]] = CANONICAL_NAN_32;
        else F[f2 + code[pc + 1]] = Math.fround(r);
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.F32_MAX: {
        const r = fmax(F[f2 + code[pc + 2]], F[f2 + code[pc + 3]]);
        if (r !== r) R[code[pc + 1]] = CANONICAL_NAN_32;
        else F[f2 + code[pc + 1]] = Math.fround(r);
        pc = (pc + 4) >>> 0;
        break;
      }

      // ---------------------------------------------------------------- f64
      case Op.F64_EQ:
        R[code[pc + 1]] = DF[code[pc + 2]] === DF[code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.F64_NE:
        R[code[pc + 1]] = DF[code[pc + 2]] !== DF[code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.F64_LT:
        R[code[pc + 1]] = DF[code[pc + 2]] < DF[code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.F64_GT:
        R[code[pc + 1]] = DF[code[pc + 2]] > DF[code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.F64_LE:
        R[code[pc + 1]] = DF[code[pc + 2]] <= DF[code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.F64_GE:
        R[code[pc + 1]] = DF[code[pc + 2]] >= DF[code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) >>> 0;
        break;
      case Op.F64_ABS: {
        const s = code[pc + 2] << 1;
        const d = code[pc + 1] << 1;
        const high = R[s + 1];
        R[d] = R[s];
        R[d + 1] = high & 0x7fffffff;
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.F64_NEG: {
        const s = code[pc + 2] << 1;
        const d = code[pc + 1] << 1;
        const high = R[s + 1];
        R[d] = R[s];
        R[d + 1] = high ^ -2147483648;
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.F64_COPYSIGN: {
        const a = code[pc + 2] << 1;
        const b = code[pc + 3] << 1;
        const d = code[pc + 1] << 1;
        const high = (R[a + 1] & 0x7fffffff) | (R[b + 1] & -2147483648);
        R[d] = R[a];
        R[d + 1] = high;
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.F64_CEIL: {
        const x = DF[code[pc + 2]];
        if (x !== x) setCanonicalNan64(R, code[pc + 1]);
        else DF[code[pc + 1]] = Math.ceil(x);
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.F64_FLOOR: {
        const x = DF[code[pc + 2]];
        if (x !== x) setCanonicalNan64(R, code[pc + 1]);
        else DF[code[pc + 1]] = Math.floor(x);
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.F64_TRUNC: {
        const x = DF[code[pc + 2]];
        if (x !== x) setCanonicalNan64(R, code[pc + 1]);
        else DF[code[pc + 1]] = Math.trunc(x);
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.F64_NEAREST: {
        const x = DF[code[pc + 2]];
        if (x !== x) setCanonicalNan64(R, code[pc + 1]);
        else DF[code[pc + 1]] = nearest(x);
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.F64_SQRT: {
        const x = DF[code[pc + 2]];
        if (x !== x) setCanonicalNan64(R, code[pc + 1]);
        else DF[code[pc + 1]] = Math.sqrt(x);
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.F64_ADD:
        DF[code[pc + 1]] = DF[code[pc + 2]] + DF[code[pc + 3]];
        pc = (pc + 4) >>> 0;
        break;
      case Op.F64_SUB:
        DF[code[pc + 1]] = DF[code[pc + 2]] - DF[code[pc + 3]];
        pc = (pc + 4) >>> 0;
        break;
      case Op.F64_MUL:
        DF[code[pc + 1]] = DF[code[pc + 2]] * DF[code[pc + 3]];
        pc = (pc + 4) >>> 0;
        break;
      case Op.F64_DIV:
        DF[code[pc + 1]] = DF[code[pc + 2]] / DF[code[pc + 3]];
        pc = (pc + 4) >>> 0;
        break;
      case Op.F64_MIN: {
        const r = fmin(DF[code[pc + 2]], DF[code[pc + 3]]);
        if (r !== r) setCanonicalNan64(R, code[pc + 1]);
        else DF[code[pc + 1]] = r;
        pc = (pc + 4) >>> 0;
        break;
      }
      case Op.F64_MAX: {
        const r = fmax(DF[code[pc + 2]], DF[code[pc + 3]]);
        if (r !== r) setCanonicalNan64(R, code[pc + 1]);
        else DF[code[pc + 1]] = r;
        pc = (pc + 4) >>> 0;
        break;
      }

      // ---------------------------------------------------------------- conversions
      // (each op its own case: no case reads its op word, so the dispatch keeps none)
      case Op.I32_TRUNC_F32_S: {
        const r = truncToI32(R, code[pc + 1], F[f2 + code[pc + 2]], I32_LOW, I32_HIGH);
        if (r !== Trap.None) {
          trap = r;
          break run;
        }
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.I32_TRUNC_F32_U: {
        const r = truncToI32(R, code[pc + 1], F[f2 + code[pc + 2]], -1, U32_HIGH);
        if (r !== Trap.None) {
          trap = r;
          break run;
        }
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.I32_TRUNC_F64_S: {
        const r = truncToI32(R, code[pc + 1], DF[code[pc + 2]], I32_LOW, I32_HIGH);
        if (r !== Trap.None) {
          trap = r;
          break run;
        }
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.I32_TRUNC_F64_U: {
        const r = truncToI32(R, code[pc + 1], DF[code[pc + 2]], -1, U32_HIGH);
        if (r !== Trap.None) {
          trap = r;
          break run;
        }
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.I64_TRUNC_F32_S: {
        const r = truncToI64(R, code[pc + 1], F[f2 + code[pc + 2]], I64_LOW, I64_HIGH);
        if (r !== Trap.None) {
          trap = r;
          break run;
        }
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.I64_TRUNC_F32_U: {
        const r = truncToI64(R, code[pc + 1], F[f2 + code[pc + 2]], -1, U64_HIGH);
        if (r !== Trap.None) {
          trap = r;
          break run;
        }
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.I64_TRUNC_F64_S: {
        const r = truncToI64(R, code[pc + 1], DF[code[pc + 2]], I64_LOW, I64_HIGH);
        if (r !== Trap.None) {
          trap = r;
          break run;
        }
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.I64_TRUNC_F64_U: {
        const r = truncToI64(R, code[pc + 1], DF[code[pc + 2]], -1, U64_HIGH);
        if (r !== Trap.None) {
          trap = r;
          break run;
        }
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.I32_TRUNC_SAT_F32_S:
        truncSatToI32(R, code[pc + 1], F[f2 + code[pc + 2]], true);
        pc = (pc + 3) >>> 0;
        break;
      case Op.I32_TRUNC_SAT_F32_U:
        truncSatToI32(R, code[pc + 1], F[f2 + code[pc + 2]], false);
        pc = (pc + 3) >>> 0;
        break;
      case Op.I32_TRUNC_SAT_F64_S:
        truncSatToI32(R, code[pc + 1], DF[code[pc + 2]], true);
        pc = (pc + 3) >>> 0;
        break;
      case Op.I32_TRUNC_SAT_F64_U:
        truncSatToI32(R, code[pc + 1], DF[code[pc + 2]], false);
        pc = (pc + 3) >>> 0;
        break;
      case Op.I64_TRUNC_SAT_F32_S:
        truncSatToI64(R, code[pc + 1], F[f2 + code[pc + 2]], true);
        pc = (pc + 3) >>> 0;
        break;
      case Op.I64_TRUNC_SAT_F32_U:
        truncSatToI64(R, code[pc + 1], F[f2 + code[pc + 2]], false);
        pc = (pc + 3) >>> 0;
        break;
      case Op.I64_TRUNC_SAT_F64_S:
        truncSatToI64(R, code[pc + 1], DF[code[pc + 2]], true);
        pc = (pc + 3) >>> 0;
        break;
      case Op.I64_TRUNC_SAT_F64_U:
        truncSatToI64(R, code[pc + 1], DF[code[pc + 2]], false);
        pc = (pc + 3) >>> 0;
        break;
      case Op.I64_EXTEND_I32_S: {
        const v = R[code[pc + 2]];
        const d = code[pc + 1] << 1;
        R[d] = v;
        R[d + 1] = v >> 31;
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.I64_EXTEND_I32_U: {
        const v = R[code[pc + 2]];
        const d = code[pc + 1] << 1;
        R[d] = v;
        R[d + 1] = 0;
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.F32_CONVERT_I32_S:
        F[f2 + code[pc + 1]] = Math.fround(R[code[pc + 2]]);
        pc = (pc + 3) >>> 0;
        break;
      case Op.F32_CONVERT_I32_U:
        F[f2 + code[pc + 1]] = Math.fround(R[code[pc + 2]] >>> 0);
        pc = (pc + 3) >>> 0;
        break;
      case Op.F32_CONVERT_I64_S:
        F[f2 + code[pc + 1]] = Math.fround(i64ToF32(L, (fp + code[pc + 2]) | 0));
        pc = (pc + 3) >>> 0;
        break;
      case Op.F32_CONVERT_I64_U:
        F[f2 + code[pc + 1]] = Math.fround(u64SlotToF32(L, (fp + code[pc + 2]) | 0));
        pc = (pc + 3) >>> 0;
        break;
      case Op.F32_DEMOTE_F64: {
        const x = DF[code[pc + 2]];
        if (x !== x) R[code[pc + 1]] = CANONICAL_NAN_32;
        else F[f2 + code[pc + 1]] = Math.fround(x);
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.F64_CONVERT_I32_S:
        DF[code[pc + 1]] = R[code[pc + 2]];
        pc = (pc + 3) >>> 0;
        break;
      case Op.F64_CONVERT_I32_U:
        DF[code[pc + 1]] = R[code[pc + 2]] >>> 0;
        pc = (pc + 3) >>> 0;
        break;
      case Op.F64_CONVERT_I64_S:
        DF[code[pc + 1]] = i64ToF64(R, code[pc + 2]);
        pc = (pc + 3) >>> 0;
        break;
      case Op.F64_CONVERT_I64_U:
        DF[code[pc + 1]] = u64ToF64(R, code[pc + 2]);
        pc = (pc + 3) >>> 0;
        break;
      case Op.F64_PROMOTE_F32: {
        const x = F[f2 + code[pc + 2]];
        if (x !== x) setCanonicalNan64(R, code[pc + 1]);
        else DF[code[pc + 1]] = x;
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.I32_EXTEND8_S:
        R[code[pc + 1]] = (R[code[pc + 2]] << 24) >> 24;
        pc = (pc + 3) >>> 0;
        break;
      case Op.I32_EXTEND16_S:
        R[code[pc + 1]] = (R[code[pc + 2]] << 16) >> 16;
        pc = (pc + 3) >>> 0;
        break;
      case Op.I64_EXTEND8_S: {
        const v = (R[code[pc + 2] << 1] << 24) >> 24;
        const d = code[pc + 1] << 1;
        R[d] = v;
        R[d + 1] = v >> 31;
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.I64_EXTEND16_S: {
        const v = (R[code[pc + 2] << 1] << 16) >> 16;
        const d = code[pc + 1] << 1;
        R[d] = v;
        R[d + 1] = v >> 31;
        pc = (pc + 3) >>> 0;
        break;
      }
      case Op.I64_EXTEND32_S: {
        const v = R[code[pc + 2] << 1];
        const d = code[pc + 1] << 1;
        R[d] = v;
        R[d + 1] = v >> 31;
        pc = (pc + 3) >>> 0;
        break;
      }
      default:
        // not an internal opcode: compile.ts never emits one
        trap = Trap.Unreachable;
        break run;
    }
  }
  t.fuel = fuel;
  t.depth = baseDepth;
  if (trap === Trap.Yield) {
    t.suspended = true;
    t.suspendInst = inst;
    t.suspendPc = pc | 0;
    t.suspendFp = fp | 0;
    t.suspendDepth = depth;
    t.suspendBaseDepth = baseDepth;
  }
  return trap;
}

/** Writes the canonical quiet f64 NaN into slot s. */
function setCanonicalNan64(I: Int32Array, s: i32): void {
  const w = s << 1;
  I[w] = 0;
  I[w + 1] = CANONICAL_NAN_64_HIGH;
}
