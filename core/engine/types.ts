// Wasm types, trap codes and limits: the vocabulary every engine phase shares.
import type { i32, u32, f64 } from "../types";

/** Value types, by their binary encoding. */
export enum ValType {
  I32 = 0x7f,
  I64 = 0x7e,
  F32 = 0x7d,
  F64 = 0x7c,
  V128 = 0x7b,
  FuncRef = 0x70,
  ExternRef = 0x6f,
}

/** Import/export kinds, by their binary encoding. */
export enum ExternKind {
  Func = 0,
  Table = 1,
  Mem = 2,
  Global = 3,
}

/** A function type; params and results are ValType bytes. */
export class FuncType {
  constructor(
    readonly params: Uint8Array,
    readonly results: Uint8Array,
  ) {}
}

export function funcTypeEquals(a: FuncType, b: FuncType): boolean {
  if (a.params.length !== b.params.length || a.results.length !== b.results.length) return false;
  for (let i = 0; i < a.params.length; i++) if (a.params[i] !== b.params[i]) return false;
  for (let i = 0; i < a.results.length; i++) if (a.results[i] !== b.results[i]) return false;
  return true;
}

export class TableType {
  constructor(
    readonly elemType: ValType,
    readonly min: u32,
    readonly max: u32,
    readonly hasMax: boolean,
  ) {}
}

/** A memory type; sizes are in pages of (1 << pageSizeLog2) bytes (16 unless the custom-page-sizes proposal says 0). */
export class MemType {
  constructor(
    readonly min: u32,
    readonly max: u32,
    readonly hasMax: boolean,
    readonly pageSizeLog2: i32,
  ) {}
}

export class GlobalType {
  constructor(
    readonly type: ValType,
    readonly mutable: boolean,
  ) {}
}

/**
 * Why execution stopped. 0 is success. Each limit has its own code; the spec's
 * trap kinds keep the spec's message text (trapMessage), so the spec runner can
 * compare them with assert_trap's expected text.
 */
export enum Trap {
  None = 0,
  Unreachable = 1,
  IntDivByZero = 2,
  IntOverflow = 3,
  InvalidConversion = 4,
  MemoryOutOfBounds = 5,
  TableOutOfBounds = 6,
  UndefinedElement = 7,
  UninitializedElement = 8,
  IndirectCallTypeMismatch = 9,
  /** limit: maximum call depth */
  CallDepthExceeded = 10,
  /** limit: value-stack size */
  ValueStackExhausted = 11,
  /** limit: fuel */
  OutOfFuel = 12,
  /** a host function failed; the message is the host's */
  HostError = 13,
  /** WASI proc_exit: not an error; the exit code is in Thread.exitCode */
  Exit = 14,
  /** an invoke of an export that does not exist or was given the wrong number of arguments */
  BadInvoke = 15,
  /**
   * Not an error: a call run in slices (Thread.slice) used up its slice, or a
   * host function asked to wait; resumeCall continues it.
   */
  Yield = 16,
}

export function trapMessage(t: Trap): string {
  switch (t) {
    case Trap.None:
      return "ok";
    case Trap.Unreachable:
      return "unreachable";
    case Trap.IntDivByZero:
      return "integer divide by zero";
    case Trap.IntOverflow:
      return "integer overflow";
    case Trap.InvalidConversion:
      return "invalid conversion to integer";
    case Trap.MemoryOutOfBounds:
      return "out of bounds memory access";
    case Trap.TableOutOfBounds:
      return "out of bounds table access";
    case Trap.UndefinedElement:
      return "undefined element";
    case Trap.UninitializedElement:
      return "uninitialized element";
    case Trap.IndirectCallTypeMismatch:
      return "indirect call type mismatch";
    case Trap.CallDepthExceeded:
      return "call stack exhausted (maximum call depth)";
    case Trap.ValueStackExhausted:
      return "call stack exhausted (value stack full)";
    case Trap.OutOfFuel:
      return "out of fuel";
    case Trap.HostError:
      return "host function failed";
    case Trap.Exit:
      return "exit";
    case Trap.BadInvoke:
      return "bad invoke";
    case Trap.Yield:
      return "suspended";
  }
  return "unknown trap";
}

/**
 * Optional features a load may accept beyond the default set (Wasm 2.0 +
 * tail calls + extended-const + custom page sizes).
 */
export class Features {
  /** several memories per module (the multi-memory proposal; the custom-page-sizes tests use it) */
  multiMemory: boolean = false;
}

/**
 * Per-store limits. Fuel is counted in the unit documented in README.md;
 * 0 means unlimited. memory.grow beyond maxMemoryBytes returns -1 (as the spec
 * lets a grow fail); instantiating a memory whose minimum is beyond it fails.
 */
export class Limits {
  fuel: f64 = 0;
  maxMemoryBytes: u32 = 256 * 1024 * 1024;
  maxTableElements: u32 = 1000000;
  maxCallDepth: i32 = 10000;
  valueStackSlots: i32 = 1 << 20;
}
