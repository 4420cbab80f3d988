// The embedder API: load, instantiate, invoke, host functions, exports and
// memory access. Everything a port, the spec runner or the supervisor needs;
// nothing here knows about files, consoles or WASI.
import type { i32 } from "../types";
import { sameBytes } from "../text";
import { ExternKind, Features, FuncType, Limits, Trap } from "./types";
import { LoadError, Module } from "./module";
import { Extern, ImportBinding, Instance, MemInst, Store, hostFunc } from "./runtime";
import type { HostFunc } from "./runtime";
import { decode } from "./decode";
import { compile, translateAll } from "./compile";
import { InstantiateError, instantiate as instantiateModule } from "./instantiate";
import { abandonCall, callFunction, resumeCall } from "./execute";

export { LoadError, Module, Limits, Features, Store, Instance, ImportBinding, Extern, InstantiateError, FuncType, Trap };
export type { HostFunc };

/** Decodes, validates and compiles a module. Returns null with `err` set (offset + reason) when it is malformed or invalid. */
export function load(bytes: Uint8Array, err: LoadError): Module | null {
  return loadWithFeatures(bytes, DEFAULT_FEATURES, err);
}

const DEFAULT_FEATURES = new Features();

/** load() accepting the optional features that are switched on in `features`. */
export function loadWithFeatures(bytes: Uint8Array, features: Features, err: LoadError): Module | null {
  const m = decode(bytes, features, err);
  if (m === null) return null;
  if (!compile(m, err)) return null;
  return m;
}

/**
 * Translates every function of m now. load() validates everything but
 * translates a function only on its first call, so that only the code that
 * runs takes RAM; an embedder that wants no translation at run time calls this.
 */
export function translateModule(m: Module): void {
  translateAll(m);
}

/**
 * Frees m's internal code. The value stack, the call frames, linear memories
 * and the internal code live in arenas of their own (so that growing them frees
 * the old bytes): freeing the arena that holds a Module or a Store does not free
 * them, these calls do. m must not run afterwards.
 */
export function unloadModule(m: Module): void {
  if (m.compiled !== null) m.compiled.storage.free();
  m.compiled = null;
}

/** Frees the store's value stack, call frames and linear memories (see unloadModule); its instances must not run afterwards. */
export function freeStore(store: Store): void {
  store.thread.release();
  for (const mem of store.memories) mem.release();
}

/** A store holds instances that may import from each other; its limits bound every call made in it. */
export function newStore(limits: Limits): Store {
  return new Store(limits);
}

export function instantiate(store: Store, m: Module, imports: ImportBinding[], err: InstantiateError): Instance | null {
  return instantiateModule(store, m, imports, err);
}

/** Adds a host function of type `type` to the store and returns it as an import value. */
export function hostFunction(store: Store, type: FuncType, fn: HostFunc, data: i32): Extern {
  return new Extern(ExternKind.Func, hostFunc(store, type, fn, data), null, null, null);
}

/** The instance's export named `name` (UTF-8 bytes), or null. */
export function getExport(inst: Instance, name: Uint8Array): Extern | null {
  const m = inst.module;
  for (let i = 0; i < m.exports.length; i++) {
    const e = m.exports[i];
    if (!sameBytes(e.name, name)) continue;
    switch (e.kind) {
      case ExternKind.Func:
        return new Extern(e.kind, inst.funcs[e.index], null, null, null);
      case ExternKind.Table:
        return new Extern(e.kind, -1, inst.tables[e.index], null, null);
      case ExternKind.Mem:
        return new Extern(e.kind, -1, null, inst.mems[e.index], null);
      case ExternKind.Global:
        return new Extern(e.kind, -1, null, null, inst.globals[e.index]);
    }
  }
  return null;
}

/**
 * Calls the exported function `name` with args (raw 64-bit slot bits, one per
 * parameter: an i32 or f32 in the low 32 bits, a reference as 0 = null /
 * value + 1). Writes results the same way. Returns Trap.None or the trap code;
 * store.thread.trapText has the host's message for HostError.
 */
export function invoke(inst: Instance, name: Uint8Array, args: BigInt64Array, results: BigInt64Array): i32 {
  const t = inst.store.thread;
  const e = getExport(inst, name);
  if (e === null || e.kind !== ExternKind.Func) {
    t.trap = Trap.BadInvoke;
    t.trapText = "no exported function of that name";
    return Trap.BadInvoke;
  }
  const f = inst.store.funcs[e.func];
  if (f.type.params.length !== args.length || f.type.results.length > results.length) {
    t.trap = Trap.BadInvoke;
    t.trapText = "wrong number of arguments or results";
    return Trap.BadInvoke;
  }
  return callFunction(inst.store, e.func, args, results);
}

/**
 * Continues a call that returned Trap.Yield (the store's thread runs calls in
 * slices when Thread.slice > 0, and host functions may yield to wait): one more
 * slice. Returns like invoke().
 */
export function resume(store: Store, results: BigInt64Array): i32 {
  return resumeCall(store, results);
}

/** Drops a suspended call, leaving the store ready for other calls (stopping a module). */
export function abandon(store: Store): void {
  abandonCall(store);
}

/** The instance's memory 0, or null when it has none. */
export function memory(inst: Instance): MemInst | null {
  return inst.mems.length > 0 ? inst.mems[0] : null;
}
