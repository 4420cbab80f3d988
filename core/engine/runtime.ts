// Run-time state: the store (functions, type ids, the thread), instances and
// their tables, memories and globals. instantiate.ts builds these; execute.ts
// runs on them; api.ts hands them to the embedder.
//
// Values are 64-bit slots holding raw bits (README.md, "Values"): an i32 or
// f32 is the low 32 bits, an i64 or f64 all 64, a reference is an i32:
// 0 = null, otherwise (function address + 1) or (extern value + 1).
import type { i32, u32, i64, f64 } from "../types";
import { ExternKind, FuncType, Limits, Trap, ValType, funcTypeEquals } from "./types";
import { Module } from "./module";
import { OwnedBuffer } from "./owned-buffer";

/** The value stack's first size, in slots; it doubles on demand up to Limits.valueStackSlots. */
export const INITIAL_STACK_SLOTS: i32 = 256;
/** The call-frame array's first size, in frames; it doubles on demand up to Limits.maxCallDepth. */
export const INITIAL_FRAMES: i32 = 32;

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
  /** how many times memory.grow replaced buf (it leaves room to grow from the second time on) */
  reallocations: i32 = 0;
  /** owns buf (an arena of its own, freed when a grow replaces it) */
  readonly storage: OwnedBuffer = new OwnedBuffer();
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
    this.storage.resize(this.byteLength, 0);
    this.buf = this.storage.buf;
    this.view = new DataView(this.buf);
    this.bytes = new Uint8Array(this.buf);
    this.words = new Int32Array(this.buf, 0, this.byteLength >>> 2);
    this.doubles = new Float64Array(this.buf, 0, this.byteLength >>> 3);
  }

  /**
   * Replaces the buffer by one of `capacity` bytes (>= byteLength) holding the
   * same contents, and frees the old one: memory.grow does not leak the old
   * memory on a board. The size stays; setBuffer(mem.buf, ...) then grows it.
   */
  reserve(capacity: u32): void {
    this.storage.resize(capacity, this.byteLength);
    this.setBuffer(this.storage.buf, this.pages, this.byteLength);
  }

  /** Frees the bytes (freeStore): the memory is empty afterwards. */
  release(): void {
    this.storage.free();
    this.setBuffer(this.storage.buf, 0, 0);
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
  /**
   * The value stack, sized by use: it starts at INITIAL_STACK_SLOTS and
   * doubles when a frame would not fit (growStack), up to
   * Limits.valueStackSlots. A growth replaces the buffer and its views, so
   * the interpreter reloads its copies after anything that may grow it.
   */
  stack: ArrayBuffer;
  /** views of the value stack: slot s is i32[2s] (low word) / i32[2s+1], i64[s], f32[2s], f64[s] */
  i32: Int32Array;
  i64: BigInt64Array;
  f32: Float32Array;
  f64: Float64Array;
  /** the value stack's current size in slots (<= Limits.valueStackSlots) */
  slots: i32 = 0;
  /** call frames, owned by execute.ts: 4 words each, sized by use like the value stack (growFrames) */
  frames: Int32Array;
  depth: i32 = 0;
  /**
   * callFunction()s running at once: a host function may call back into Wasm,
   * and each such nesting is a native call of the interpreter, so it is
   * bounded by MAX_NESTED_CALLS to keep the board's C stack safe.
   */
  nested: i32 = 0;
  readonly stackStorage: OwnedBuffer = new OwnedBuffer();
  readonly frameStorage: OwnedBuffer = new OwnedBuffer();
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
  /**
   * Slices (the supervisor's scheduler): when > 0, a call from the embedder
   * runs at most this much fuel and then returns Trap.Yield, suspended;
   * resumeCall continues it. 0: calls run to the end.
   */
  slice: i32 = 0;
  /** a call is suspended (Trap.Yield); the state to continue from follows */
  suspended: boolean = false;
  suspendInst: Instance | null = null;
  suspendPc: i32 = 0;
  suspendFp: i32 = 0;
  suspendDepth: i32 = 0;
  suspendBaseDepth: i32 = 0;
  suspendFunc: i32 = 0;
  suspendBase: i32 = 0;
  /**
   * Set by a host function that yields to wait (sleep, delay): the monotonic
   * time (HAL clock, ns) before which the scheduler should not resume the call.
   */
  wakeAtNs: i64 = 0n;
  /**
   * Set by a host function that returns Trap.Yield without doing its work
   * (fd_write when the link's queue is full): the call instruction runs again
   * when the call resumes, instead of going on after it. Honoured for calls
   * and indirect calls; a tail call to a host goes on after it (its arguments
   * are no longer where the call reads them), so such a host must also leave a
   * valid result.
   */
  retryCall: boolean = false;

  /** Whether a host function may return Trap.Yield now (a sliced call from the embedder, not a nested one). */
  canYield(): boolean {
    return this.slice > 0 && this.nested === 1;
  }
  constructor(readonly limits: Limits) {
    this.stack = this.stackStorage.buf;
    this.i32 = new Int32Array(this.stack);
    this.i64 = new BigInt64Array(this.stack);
    this.f32 = new Float32Array(this.stack);
    this.f64 = new Float64Array(this.stack);
    this.frames = new Int32Array(this.frameStorage.buf);
    this.growStack(INITIAL_STACK_SLOTS < limits.valueStackSlots ? INITIAL_STACK_SLOTS : limits.valueStackSlots);
    this.growFrames(INITIAL_FRAMES <= limits.maxCallDepth ? INITIAL_FRAMES : limits.maxCallDepth + 1);
    // Limits.fuel is the store's whole budget (0: unlimited); the embedder may add to the reserve later
    this.fuelReserve = limits.fuel;
  }

  /**
   * Makes the value stack hold at least `needed` slots (doubling it, within
   * Limits.valueStackSlots); false when `needed` is past the limit. The
   * stack's views are new afterwards.
   */
  growStack(needed: f64): boolean {
    if (needed <= this.slots) return true;
    const limit = this.limits.valueStackSlots;
    if (needed > limit) return false;
    let n: f64 = this.slots * 2;
    if (n < needed) n = needed;
    if (n > limit) n = limit;
    if (n * 8 > 4294967295) return false;
    this.stackStorage.resize((n * 8) >>> 0, (this.slots * 8) >>> 0);
    this.slots = n | 0;
    this.stack = this.stackStorage.buf;
    this.i32 = new Int32Array(this.stack);
    this.i64 = new BigInt64Array(this.stack);
    this.f32 = new Float32Array(this.stack);
    this.f64 = new Float64Array(this.stack);
    return true;
  }

  /** How many frames `frames` holds. */
  frameCapacity(): i32 {
    return this.frames.length >> 2;
  }

  /**
   * The depth below which a call needs no check: the frame array's
   * capacity, or Limits.maxCallDepth when that is lower.
   */
  depthLimit(): i32 {
    const c = this.frames.length >> 2;
    return c < this.limits.maxCallDepth ? c : this.limits.maxCallDepth;
  }

  /**
   * Makes room for `needed` frames (doubling, up to Limits.maxCallDepth + 1);
   * false past that. `frames` is a new array afterwards.
   */
  growFrames(needed: f64): boolean {
    const have = this.frames.length >> 2;
    if (needed <= have) return true;
    const limit: f64 = this.limits.maxCallDepth + 1;
    if (needed > limit) return false;
    let n: f64 = have * 2;
    if (n < needed) n = needed;
    if (n > limit) n = limit;
    if (n * 16 > 4294967295) return false;
    this.frameStorage.resize((n * 16) >>> 0, (have * 16) >>> 0);
    this.frames = new Int32Array(this.frameStorage.buf);
    return true;
  }

  /** Frees the value stack and the frames (freeStore); they grow again if the thread runs. */
  release(): void {
    this.stackStorage.free();
    this.frameStorage.free();
    this.slots = 0;
    this.stack = this.stackStorage.buf;
    this.i32 = new Int32Array(this.stack);
    this.i64 = new BigInt64Array(this.stack);
    this.f32 = new Float32Array(this.stack);
    this.f64 = new Float64Array(this.stack);
    this.frames = new Int32Array(this.frameStorage.buf);
  }
}

export class Store {
  /** every function instance; a function's address is its index here */
  funcs: FuncInst[] = [];
  /** canonical function types; a type id is an index here */
  types: FuncType[] = [];
  readonly thread: Thread;
  /** every memory instantiated in this store (freeStore frees their bytes) */
  memories: MemInst[] = [];
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
