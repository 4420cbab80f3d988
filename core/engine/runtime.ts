// Run-time state: the store (functions, type ids, the thread), instances and
// their tables, memories and globals. instantiate.ts builds these; execute.ts
// runs on them; api.ts hands them to the embedder.
//
// Values are 64-bit slots holding raw bits (README.md, "Values"): an i32 or
// f32 is the low 32 bits, an i64 or f64 all 64, a reference is an i32:
// 0 = null, otherwise (function address + 1) or (extern value + 1).
import type { i32, u32, f64 } from "../types";
import { ExternKind, FuncType, Limits, Trap, ValType, funcTypeEquals } from "./types";
import { Module } from "./module";

/**
 * A function supplied by the embedder. Its arguments are in the thread's slots
 * base .. base+params-1; it writes its results to slots base .. base+results-1
 * and returns Trap.None, or a trap code (with Thread.trapText set for HostError).
 * `data` is the embedder's value given to hostFunc(); `t.caller` is the calling instance.
 */
export type HostFunc = (t: Thread, base: i32, data: i32) => i32;

export class FuncInst {
  constructor(
    readonly type: FuncType,
    /** store-wide id of the type: equal ids <=> equal types (call_indirect compares these) */
    readonly typeId: i32,
    /** the defining instance, null for a host function */
    readonly instance: Instance | null,
    /** index among the module's defined functions, -1 for a host function */
    readonly defIndex: i32,
    readonly host: HostFunc | null,
    readonly hostData: i32,
  ) {}
}

export class TableInst {
  /** encoded references (0 = null) */
  elems: Int32Array;
  size: u32;
  constructor(
    readonly elemType: ValType,
    initial: u32,
    /** maximum size, or -1 for none */
    readonly max: f64,
  ) {
    this.elems = new Int32Array(initial);
    this.size = initial;
  }
}

export class MemInst {
  /** the bytes, and possibly room to grow: buf.byteLength >= byteLength */
  buf: ArrayBuffer;
  view: DataView;
  bytes: Uint8Array;
  /**
   * The same bytes as 32-bit and 64-bit elements (little-endian on every
   * target): the interpreter's aligned accesses, much cheaper in C than
   * DataView's byte-wise ones. setBuffer keeps all the views in step.
   */
  words: Int32Array;
  doubles: Float64Array;
  /** current size in pages and in bytes */
  pages: u32;
  byteLength: u32;
  constructor(
    initialPages: u32,
    /** maximum pages, or -1 for none */
    readonly maxPages: f64,
    readonly pageSizeLog2: i32,
  ) {
    this.pages = initialPages;
    // instantiate.ts and memory.grow keep pages * page size within Limits.maxMemoryBytes (< 4 GiB)
    this.byteLength = (initialPages * (1 << pageSizeLog2)) >>> 0;
    this.buf = new ArrayBuffer(this.byteLength);
    this.view = new DataView(this.buf);
    this.bytes = new Uint8Array(this.buf);
    this.words = new Int32Array(this.buf, 0, this.byteLength >>> 2);
    this.doubles = new Float64Array(this.buf, 0, this.byteLength >>> 3);
  }

  /** Sets the memory's size and bytes, the first `byteLength` of `buf` (memory.grow): every view follows. */
  setBuffer(buf: ArrayBuffer, pages: u32, byteLength: u32): void {
    this.buf = buf;
    this.byteLength = byteLength;
    this.pages = pages;
    this.view = new DataView(buf, 0, byteLength);
    this.bytes = new Uint8Array(buf, 0, byteLength);
    this.words = new Int32Array(buf, 0, byteLength >>> 2);
    this.doubles = new Float64Array(buf, 0, byteLength >>> 3);
  }
}

export class GlobalInst {
  /** the value's bits: i32[0] is the low word, i32[1] the high word; i64[0] is the same 8 bytes */
  readonly i32: Int32Array;
  readonly i64: BigInt64Array;
  constructor(
    readonly type: ValType,
    readonly mutable: boolean,
  ) {
    const b = new ArrayBuffer(8);
    this.i32 = new Int32Array(b);
    this.i64 = new BigInt64Array(b);
  }
}

export class Instance {
  /** store address of each of the module's functions (imports first) */
  funcs: Int32Array;
  tables: TableInst[] = [];
  mems: MemInst[] = [];
  globals: GlobalInst[] = [];
  /** store type id of each of the module's types */
  typeIds: Int32Array;
  /** 1 once an element / data segment is dropped (or was active and has been applied) */
  elemDropped: Uint8Array;
  dataDropped: Uint8Array;
  constructor(
    readonly module: Module,
    readonly store: Store,
  ) {
    this.funcs = new Int32Array(module.funcTypeIndex.length);
    this.typeIds = new Int32Array(module.types.length);
    this.elemDropped = new Uint8Array(module.elems.length);
    this.dataDropped = new Uint8Array(module.datas.length);
  }
}

/**
 * The execution state of one thread of calls: the value stack (slots), the
 * call frames, the limits' counters and the outcome of the last call.
 * Execution never recurses on the native stack, so a module cannot overflow
 * the board's C stack; its depth is bounded by Limits.maxCallDepth.
 */
export class Thread {
  readonly stack: ArrayBuffer;
  /** views of the value stack: slot s is i32[2s] (low word) / i32[2s+1], i64[s], f32[2s], f64[s] */
  readonly i32: Int32Array;
  readonly i64: BigInt64Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
  readonly slots: i32;
  /** call frames, owned by execute.ts */
  readonly frames: Int32Array;
  depth: i32 = 0;
  /**
   * Fuel: `fuel` is the running counter the interpreter decrements (an i32, so
   * metering costs one subtraction on a board without an FPU); when it goes
   * negative the interpreter refills it from `fuelReserve` or traps OutOfFuel.
   * With Limits.fuel = 0 (unlimited) refills never run out.
   */
  fuel: i32 = 0;
  fuelReserve: f64 = 0;
  /**
   * First free slot of the value stack: where callFunction puts the next
   * call's arguments (0 when nothing runs; during a host call, just past the
   * host's argument and result slots, so a host may call back into Wasm).
   */
  top: i32 = 0;
  /** the instance whose code is running (the caller, during a host call) */
  caller: Instance | null = null;
  /** the outcome of the last call: a Trap code and, for HostError, the host's text */
  trap: i32 = Trap.None;
  trapText: string = "";
  /** the code given to WASI proc_exit (when trap is Trap.Exit) */
  exitCode: i32 = 0;
  constructor(readonly limits: Limits) {
    this.slots = limits.valueStackSlots;
    this.stack = new ArrayBuffer(this.slots * 8);
    this.i32 = new Int32Array(this.stack);
    this.i64 = new BigInt64Array(this.stack);
    this.f32 = new Float32Array(this.stack);
    this.f64 = new Float64Array(this.stack);
    this.frames = new Int32Array((limits.maxCallDepth + 1) * 4);
    // Limits.fuel is the store's whole budget (0: unlimited); the embedder may add to the reserve later
    this.fuelReserve = limits.fuel;
  }
}

export class Store {
  /** every function instance; a function's address is its index here */
  funcs: FuncInst[] = [];
  /** canonical function types; a type id is an index here */
  types: FuncType[] = [];
  readonly thread: Thread;
  constructor(readonly limits: Limits) {
    this.thread = new Thread(limits);
  }

  /** The store-wide id of a function type: equal types get equal ids. */
  typeId(t: FuncType): i32 {
    for (let i = 0; i < this.types.length; i++) if (funcTypeEquals(this.types[i], t)) return i;
    this.types.push(t);
    return this.types.length - 1;
  }
}

/** Adds a host function to the store; returns its address. */
export function hostFunc(store: Store, type: FuncType, fn: HostFunc, data: i32): i32 {
  store.funcs.push(new FuncInst(type, store.typeId(type), null, -1, fn, data));
  return store.funcs.length - 1;
}

/** Something an instance exports or is given as an import. */
export class Extern {
  constructor(
    readonly kind: ExternKind,
    /** Func: the store address */
    readonly func: i32,
    readonly table: TableInst | null,
    readonly mem: MemInst | null,
    readonly global: GlobalInst | null,
  ) {}
}

/** An import offered to instantiate(): module and field names (UTF-8 bytes) and the value. */
export class ImportBinding {
  constructor(
    readonly module: Uint8Array,
    readonly name: Uint8Array,
    readonly value: Extern,
  ) {}
}
