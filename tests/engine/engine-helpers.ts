// Helpers for the interpreter and compiler tests: WAT to bytes (npm wabt),
// loading and running a module in this engine, the same module in Node's
// WebAssembly (the oracle), and comparing results as raw bits.
import { createRequire } from "node:module";
import { getExport, instantiate, invoke, load, newStore } from "../../core/engine/api.ts";
import { InstantiateError } from "../../core/engine/instantiate.ts";
import { LoadError, Module } from "../../core/engine/module.ts";
import { ImportBinding, Instance, Store } from "../../core/engine/runtime.ts";
import { Limits, Trap, ValType } from "../../core/engine/types.ts";

/** The part of npm wabt's JS API these tests use. */
interface WabtModule {
  resolveNames(): void;
  validate(): void;
  toBinary(options: object): { buffer: Uint8Array };
  destroy(): void;
}
interface Wabt {
  parseWat(name: string, text: string, features: object): WabtModule;
}
let wabtModule: Wabt | null = null;

export async function initWabt(): Promise<void> {
  if (wabtModule === null) {
    const init = createRequire(import.meta.url)("wabt") as () => Promise<Wabt>;
    wabtModule = await init();
  }
}

/** Node's own WebAssembly, the oracle (the repository's type declarations have no WebAssembly value). */
export interface V8Instance {
  exports: Record<string, unknown>;
}
interface V8WebAssembly {
  Module: { new (bytes: Uint8Array): object; exports(m: object): { name: string; kind: string }[] };
  Instance: new (m: object, imports?: object) => V8Instance;
  validate(bytes: Uint8Array): boolean;
}
export const V8 = (globalThis as unknown as { WebAssembly: V8WebAssembly }).WebAssembly;

/** A V8 instance of the bytes. */
export function v8Instance(bytes: Uint8Array): V8Instance {
  return new V8.Instance(new V8.Module(bytes));
}

/** Every proposal this engine implements, none it does not (no SIMD). */
const FEATURES = {
  exceptions: false,
  mutable_globals: true,
  sat_float_to_int: true,
  sign_extension: true,
  simd: false,
  threads: false,
  multi_value: true,
  tail_call: true,
  bulk_memory: true,
  reference_types: true,
  annotations: false,
  gc: false,
  memory64: false,
  extended_const: true,
  multi_memory: true,
};

/** WAT text to a binary module (initWabt first). */
export function wat(text: string): Uint8Array {
  if (wabtModule === null) throw new Error("initWabt() first");
  const m = wabtModule.parseWat("test.wat", text, FEATURES);
  try {
    m.resolveNames();
    m.validate();
    return new Uint8Array(m.toBinary({}).buffer);
  } finally {
    m.destroy();
  }
}

/** WAT text to a binary without wabt's validation (for modules that must be invalid). */
export function watUnchecked(text: string): Uint8Array {
  if (wabtModule === null) throw new Error("initWabt() first");
  const m = wabtModule.parseWat("test.wat", text, FEATURES);
  try {
    m.resolveNames();
    return new Uint8Array(m.toBinary({}).buffer);
  } finally {
    m.destroy();
  }
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

export function loadOrThrow(bytes: Uint8Array): Module {
  const err = new LoadError();
  const m = load(bytes, err);
  if (m === null) throw new Error(`load failed at ${err.offset}: ${err.message}`);
  return m;
}

export function loadError(bytes: Uint8Array): LoadError | null {
  const err = new LoadError();
  return load(bytes, err) === null ? err : null;
}

export function instantiateOrThrow(store: Store, m: Module, imports: ImportBinding[] = []): Instance {
  const err = new InstantiateError();
  const inst = instantiate(store, m, imports, err);
  if (inst === null) throw new Error(`instantiate failed: ${err.message}`);
  return inst;
}

/** A fresh store with these limits and the module instantiated in it. */
export function instance(bytes: Uint8Array, limits: Limits = new Limits(), imports: ImportBinding[] = []): Instance {
  return instantiateOrThrow(newStore(limits), loadOrThrow(bytes), imports);
}

/** A value as raw 64-bit slot bits (what invoke takes and gives). */
export type Bits = bigint;

export interface Outcome {
  trap: number;
  results: Bits[];
}

/** Invokes an export with raw-bit arguments; results come back as unsigned raw bits of their width. */
export function call(inst: Instance, name: string, args: Bits[]): Outcome {
  const e = getExport(inst, utf8(name));
  if (e === null) throw new Error("no export " + name);
  const type = inst.store.funcs[e.func].type;
  const results = new BigInt64Array(type.results.length);
  const trap = invoke(inst, utf8(name), BigInt64Array.from(args.map((a) => BigInt.asIntN(64, a))), results);
  const out: Bits[] = [];
  for (let i = 0; i < type.results.length; i++) out.push(toWidth(type.results[i], results[i]));
  return { trap, results: trap === Trap.None ? out : [] };
}

function is64(t: number): boolean {
  return t === ValType.I64 || t === ValType.F64;
}

function toWidth(t: number, v: bigint): bigint {
  return is64(t) ? BigInt.asUintN(64, v) : BigInt.asUintN(32, v);
}

// ---------------------------------------------------------------- the oracle

const f32Buf = new Float32Array(1);
const f64Buf = new Float64Array(1);
const u32Of = new Uint32Array(f32Buf.buffer);
const u64Of = new BigUint64Array(f64Buf.buffer);

/** A JS value V8 returned, as raw bits of the type. */
export function jsToBits(t: number, v: unknown): Bits {
  switch (t) {
    case ValType.I32:
      return BigInt((v as number) >>> 0);
    case ValType.I64:
      return BigInt.asUintN(64, v as bigint);
    case ValType.F32:
      f32Buf[0] = v as number;
      return BigInt(u32Of[0]);
    case ValType.F64:
      f64Buf[0] = v as number;
      return u64Of[0];
  }
  throw new Error("no bits for type " + t);
}

/** Raw bits as the JS value V8 takes for a parameter of type t. */
export function bitsToJs(t: number, b: Bits): number | bigint {
  switch (t) {
    case ValType.I32:
      return Number(BigInt.asIntN(32, b));
    case ValType.I64:
      return BigInt.asIntN(64, b);
    case ValType.F32:
      u32Of[0] = Number(BigInt.asUintN(32, b));
      return f32Buf[0];
    case ValType.F64:
      u64Of[0] = BigInt.asUintN(64, b);
      return f64Buf[0];
  }
  throw new Error("no JS value for type " + t);
}

export interface OracleOutcome {
  trapped: boolean;
  message: string;
  results: Bits[];
}

/** Runs export `name` of a V8 instance with raw-bit args of the given types. */
export function oracleCall(v8: V8Instance, name: string, params: number[], results: number[], args: Bits[]): OracleOutcome {
  const f = v8.exports[name] as (...a: unknown[]) => unknown;
  try {
    const r = f(...args.map((a, i) => bitsToJs(params[i], a)));
    const list = results.length === 0 ? [] : results.length === 1 ? [r] : (r as unknown[]);
    return { trapped: false, message: "", results: list.map((v, i) => jsToBits(results[i], v)) };
  } catch (e) {
    return { trapped: true, message: String(e), results: [] };
  }
}

/** Whether raw bits of type t are a NaN. */
export function isNaNBits(t: number, b: Bits): boolean {
  if (t === ValType.F32) return (b & 0x7fffffffn) > 0x7f800000n;
  if (t === ValType.F64) return (b & 0x7fffffffffffffffn) > 0x7ff0000000000000n;
  return false;
}

/** Whether a NaN's quiet bit is set. */
export function isQuietNaN(t: number, b: Bits): boolean {
  return t === ValType.F32 ? (b & 0x00400000n) !== 0n : (b & 0x0008000000000000n) !== 0n;
}
