// One spec script's world for the engine: a store, the `spectest` host module
// the spec's scripts import from, the instances a script defines (named and
// current) and the names it registers them under. Static TypeScript, so the
// same code runs in-process under Node (the JS backend of tools/spec/run.mjs)
// and compiled to C inside tools/spec/driver.ts (the C backend).
//
// Every operation returns an Outcome; `message` (and `trap` for Trapped)
// say more. Names are UTF-8 bytes, as the engine's API takes them.
import type { i32 } from "../../core/types";
import { sameBytes } from "../../core/text";
import { ExternKind, Features, FuncType, Limits, Trap, ValType, trapMessage } from "../../core/engine/types";
import { Module } from "../../core/engine/module";
import { Extern, GlobalInst, ImportBinding, Instance, MemInst, Store, TableInst, Thread } from "../../core/engine/runtime";
import { InstantiateError, InstantiateFailure } from "../../core/engine/instantiate";
import { LoadError, getExport, hostFunction, instantiate, invoke, loadWithFeatures, newStore } from "../../core/engine/api";

export { Trap, Limits };

export enum Outcome {
  Ok = 0,
  /** load failed while decoding */
  Malformed = 1,
  /** load failed while validating */
  Invalid = 2,
  /** an import is missing or does not match */
  Unlinkable = 3,
  /** instantiation (a segment or the start function) or the invoked function trapped: see `trap` */
  Trapped = 4,
  /** the store's limits are too small for the module */
  LimitExceeded = 5,
  /** the script names a module or export that does not exist */
  Error = 6,
}

class NamedInstance {
  constructor(
    readonly name: Uint8Array,
    readonly instance: Instance,
  ) {}
}

/** spectest's print functions do nothing: the scripts only check that they can be imported and called. */
function spectestPrint(_t: Thread, _base: i32, _data: i32): i32 {
  return Trap.None;
}

const SPECTEST = new Uint8Array([115, 112, 101, 99, 116, 101, 115, 116]);

function types(a: ValType, b: ValType, n: i32): Uint8Array {
  const t = new Uint8Array(n);
  if (n > 0) t[0] = a;
  if (n > 1) t[1] = b;
  return t;
}

export class SpecSession {
  readonly store: Store;
  /** spectest's exports, in the order of spectestNames */
  readonly spectestNames: Uint8Array[] = [];
  readonly spectestExterns: Extern[] = [];
  readonly named: NamedInstance[] = [];
  readonly registered: NamedInstance[] = [];
  current: Instance | null = null;
  /** the last operation's details: its message, its trap code (Trapped), the number of results (invoke) */
  message: string = "";
  trap: i32 = Trap.None;
  resultCount: i32 = 0;
  /** the optional features the script's modules need (multi-memory for custom-page-sizes) */
  readonly features: Features = new Features();
  private loadFailure: i32 = Outcome.Ok;

  constructor(limits: Limits) {
    this.store = newStore(limits);
    const none = new Uint8Array(0);
    // "print", "print_i32", ... (ASCII)
    this.addFunc(new Uint8Array([112, 114, 105, 110, 116]), none);
    this.addFunc(new Uint8Array([112, 114, 105, 110, 116, 95, 105, 51, 50]), types(ValType.I32, ValType.I32, 1));
    this.addFunc(new Uint8Array([112, 114, 105, 110, 116, 95, 105, 54, 52]), types(ValType.I64, ValType.I64, 1));
    this.addFunc(new Uint8Array([112, 114, 105, 110, 116, 95, 102, 51, 50]), types(ValType.F32, ValType.F32, 1));
    this.addFunc(new Uint8Array([112, 114, 105, 110, 116, 95, 102, 54, 52]), types(ValType.F64, ValType.F64, 1));
    this.addFunc(new Uint8Array([112, 114, 105, 110, 116, 95, 105, 51, 50, 95, 102, 51, 50]), types(ValType.I32, ValType.F32, 2));
    this.addFunc(new Uint8Array([112, 114, 105, 110, 116, 95, 102, 54, 52, 95, 102, 54, 52]), types(ValType.F64, ValType.F64, 2));
    // global_i32 = 666, global_i64 = 666, global_f32 = 666.6, global_f64 = 666.6 (immutable)
    const gi32 = new GlobalInst(ValType.I32, false);
    gi32.i32[0] = 666;
    this.addGlobal(new Uint8Array([103, 108, 111, 98, 97, 108, 95, 105, 51, 50]), gi32);
    const gi64 = new GlobalInst(ValType.I64, false);
    gi64.i64[0] = 666n;
    this.addGlobal(new Uint8Array([103, 108, 111, 98, 97, 108, 95, 105, 54, 52]), gi64);
    const gf32 = new GlobalInst(ValType.F32, false);
    gf32.i32[0] = 0x4426a666;
    this.addGlobal(new Uint8Array([103, 108, 111, 98, 97, 108, 95, 102, 51, 50]), gf32);
    const gf64 = new GlobalInst(ValType.F64, false);
    gf64.i64[0] = 0x4084d4cccccccccdn;
    this.addGlobal(new Uint8Array([103, 108, 111, 98, 97, 108, 95, 102, 54, 52]), gf64);
    // table: 10..20 funcref; memory: 1..2 pages of 64 KiB
    this.spectestNames.push(new Uint8Array([116, 97, 98, 108, 101]));
    this.spectestExterns.push(new Extern(ExternKind.Table, -1, new TableInst(ValType.FuncRef, 10, 20), null, null));
    this.spectestNames.push(new Uint8Array([109, 101, 109, 111, 114, 121]));
    this.spectestExterns.push(new Extern(ExternKind.Mem, -1, null, new MemInst(1, 2, 16), null));
  }

  private addFunc(name: Uint8Array, params: Uint8Array): void {
    this.spectestNames.push(name);
    this.spectestExterns.push(hostFunction(this.store, new FuncType(params, new Uint8Array(0)), spectestPrint, 0));
  }

  private addGlobal(name: Uint8Array, g: GlobalInst): void {
    this.spectestNames.push(name);
    this.spectestExterns.push(new Extern(ExternKind.Global, -1, null, null, g));
  }

  private fail(outcome: Outcome, message: string): i32 {
    this.message = message;
    return outcome;
  }

  /** The instance named `name`, or the current one when name is null. */
  find(name: Uint8Array | null): Instance | null {
    if (name === null) return this.current;
    for (let i = this.named.length - 1; i >= 0; i--) if (sameBytes(this.named[i].name, name)) return this.named[i].instance;
    return null;
  }

  /** What the script offers for an import: spectest's or a registered instance's export (the latest registration wins). */
  lookup(module: Uint8Array, name: Uint8Array): Extern | null {
    if (sameBytes(module, SPECTEST)) {
      for (let i = 0; i < this.spectestNames.length; i++) if (sameBytes(this.spectestNames[i], name)) return this.spectestExterns[i];
      return null;
    }
    for (let i = this.registered.length - 1; i >= 0; i--) {
      if (sameBytes(this.registered[i].name, module)) return getExport(this.registered[i].instance, name);
    }
    return null;
  }

  private loadModule(bytes: Uint8Array): Module | null {
    const err = new LoadError();
    const m = loadWithFeatures(bytes, this.features, err);
    if (m === null) {
      this.message = err.message + " (at byte " + err.offset + ")";
      this.loadFailure = err.malformed ? Outcome.Malformed : Outcome.Invalid;
    }
    return m;
  }

  /** Decodes and validates only (assert_invalid, assert_malformed). */
  check(bytes: Uint8Array): i32 {
    this.message = "";
    const m = this.loadModule(bytes);
    return m === null ? this.loadFailure : Outcome.Ok;
  }

  /** Loads and instantiates; on success the instance becomes the current one and, with a name, a named one. */
  module(bytes: Uint8Array, name: Uint8Array | null): i32 {
    this.message = "";
    this.trap = Trap.None;
    const m = this.loadModule(bytes);
    if (m === null) return this.loadFailure;
    const imports: ImportBinding[] = [];
    for (let i = 0; i < m.imports.length; i++) {
      const imp = m.imports[i];
      const e = this.lookup(imp.module, imp.name);
      if (e !== null) imports.push(new ImportBinding(imp.module, imp.name, e));
    }
    const err = new InstantiateError();
    const inst = instantiate(this.store, m, imports, err);
    if (inst === null) {
      switch (err.failure) {
        case InstantiateFailure.Trapped:
          this.trap = err.trap;
          return this.fail(Outcome.Trapped, err.trap === Trap.HostError ? this.store.thread.trapText : trapMessage(err.trap));
        case InstantiateFailure.LimitExceeded:
          return this.fail(Outcome.LimitExceeded, err.message);
        case InstantiateFailure.Unlinkable:
          return this.fail(Outcome.Unlinkable, err.message);
        default:
          return this.fail(Outcome.Error, "instantiate failed without saying why (failure " + err.failure + ")");
      }
    }
    this.current = inst;
    if (name !== null) this.named.push(new NamedInstance(name, inst));
    return Outcome.Ok;
  }

  /** Makes the exports of the instance `name` (the current one when null) importable from module `as`. */
  register(as: Uint8Array, name: Uint8Array | null): i32 {
    const inst = this.find(name);
    if (inst === null) return this.fail(Outcome.Error, "register: no such module");
    this.registered.push(new NamedInstance(as, inst));
    return Outcome.Ok;
  }

  /** Calls export `field` of instance `name` with raw slot bits; writes resultCount results. */
  invoke(name: Uint8Array | null, field: Uint8Array, args: BigInt64Array, results: BigInt64Array): i32 {
    this.message = "";
    this.trap = Trap.None;
    this.resultCount = 0;
    const inst = this.find(name);
    if (inst === null) return this.fail(Outcome.Error, "invoke: no such module");
    const e = getExport(inst, field);
    if (e === null || e.kind !== ExternKind.Func) return this.fail(Outcome.Error, "invoke: no exported function of that name");
    const type = this.store.funcs[e.func].type;
    if (type.results.length > results.length) return this.fail(Outcome.Error, "invoke: too many results");
    if (type.params.length !== args.length) return this.fail(Outcome.Error, "invoke: wrong number of arguments");
    const code = invoke(inst, field, args, results);
    if (code === Trap.None) {
      this.resultCount = type.results.length;
      return Outcome.Ok;
    }
    this.trap = code;
    return this.fail(Outcome.Trapped, code === Trap.HostError ? this.store.thread.trapText : trapMessage(code));
  }

  /** Reads export `field` (a global) of instance `name` into out[0]. */
  get(name: Uint8Array | null, field: Uint8Array, out: BigInt64Array): i32 {
    this.message = "";
    this.resultCount = 0;
    const inst = this.find(name);
    if (inst === null) return this.fail(Outcome.Error, "get: no such module");
    const e = getExport(inst, field);
    if (e === null || e.global === null) return this.fail(Outcome.Error, "get: no exported global of that name");
    out[0] = e.global.i64[0];
    this.resultCount = 1;
    return Outcome.Ok;
  }
}
