// instantiate.ts: import matching, limits, global initialisation, segments,
// and the spec testsuite's module / register / assert_unlinkable /
// assert_uninstantiable commands replayed against a `spectest` host module.
//
// Modules come from api.load (decode + compile) once compile.ts works, and
// from decode alone until then (instantiation does not need compiled code;
// only a start function does, and those are skipped while the interpreter is
// a stub).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { getExport, hostFunction, invoke, load } from "../../core/engine/api.ts";
import { decode } from "../../core/engine/decode.ts";
import { InstantiateError, InstantiateFailure, instantiate, nameText } from "../../core/engine/instantiate.ts";
import { LoadError, Module } from "../../core/engine/module.ts";
import { Extern, GlobalInst, ImportBinding, Instance, MemInst, Store, TableInst, type Thread } from "../../core/engine/runtime.ts";
import { ExternKind, Features, FuncType, Limits, Trap, ValType } from "../../core/engine/types.ts";
import { loadSpecScripts, type SpecScript } from "./spec-modules.ts";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Whether compile.ts has landed (then modules come from api.load) and execute.ts too (then start functions run). */
let compiles = false;
let executes = false;

beforeAll(() => {
  const err = new LoadError();
  const m = load(wat(`(module (func (export "f") (result i32) i32.const 7))`), err);
  compiles = m !== null;
  if (m === null) return;
  const inst = instantiate(new Store(new Limits()), m, [], new InstantiateError());
  const results = new BigInt64Array(1);
  executes = inst !== null && invoke(inst, utf8("f"), new BigInt64Array(0), results) === Trap.None && results[0] === 7n;
});

/** Decodes (and, once compile.ts works, compiles) a module; throws on failure. */
function loadModule(bytes: Uint8Array): Module {
  const err = new LoadError();
  const m = compiles ? load(bytes, err) : decode(bytes, new Features(), err);
  if (m === null) throw new Error(`load failed: ${err.message} @${err.offset}`);
  return m;
}

function wat(text: string): Uint8Array {
  const file = `/tmp/wasmcu-inst-${process.pid}.wat`;
  const out = file.replace(/\.wat$/, ".wasm");
  writeFileSync(file, text);
  execFileSync("wat2wasm", ["--enable-all", "--disable-simd", file, "-o", out]);
  return new Uint8Array(readFileSync(out));
}

function nop(_t: Thread, _base: number, _data: number): number {
  return Trap.None;
}

function binding(module: string, name: string, value: Extern): ImportBinding {
  return new ImportBinding(utf8(module), utf8(name), value);
}

function globalExtern(type: ValType, mutable: boolean, low: number, high = 0): Extern {
  const g = new GlobalInst(type, mutable);
  g.i32[0] = low;
  g.i32[1] = high;
  return new Extern(ExternKind.Global, -1, null, null, g);
}

function tryInstantiate(store: Store, text: string, imports: ImportBinding[]): { inst: Instance | null; err: InstantiateError } {
  const err = new InstantiateError();
  const inst = instantiate(store, loadModule(wat(text)), imports, err);
  if ((inst === null) !== (err.failure !== InstantiateFailure.None)) throw new Error("instantiate's result and err disagree");
  return { inst, err };
}

function exported(inst: Instance, name: string): Extern {
  const e = getExport(inst, utf8(name));
  if (e === null) throw new Error("no export " + name);
  return e;
}

describe("instantiate: linking", () => {
  const i32ToVoid = new FuncType(new Uint8Array([ValType.I32]), new Uint8Array(0));

  it("reports a missing import with its name", () => {
    const { err } = tryInstantiate(new Store(new Limits()), `(module (import "env" "f\\01" (func)))`, []);
    expect(err.failure).toBe(InstantiateFailure.Unlinkable);
    expect(err.message).toMatch(/^unknown import "env" "f\\01"/);
  });

  it("matches functions by type", () => {
    const store = new Store(new Limits());
    const f = hostFunction(store, i32ToVoid, nop, 0);
    expect(tryInstantiate(store, `(module (import "env" "f" (func (param i32))))`, [binding("env", "f", f)]).inst).not.toBeNull();
    const bad = tryInstantiate(store, `(module (import "env" "f" (func (param i64))))`, [binding("env", "f", f)]).err;
    expect(bad.failure).toBe(InstantiateFailure.Unlinkable);
    expect(bad.message).toMatch(/^incompatible import type: "env" "f": function of type \[i32\] -> \[\]/);
    const kind = tryInstantiate(store, `(module (import "env" "f" (global i32)))`, [binding("env", "f", f)]).err;
    expect(kind.message).toMatch(/^incompatible import type: .* is a function, the module imports a global/);
  });

  it("matches tables and memories by limits (subtyping) and page size", () => {
    const store = new Store(new Limits());
    const table = new Extern(ExternKind.Table, -1, new TableInst(ValType.FuncRef, 10, 20), null, null);
    const ok = (t: string): boolean => tryInstantiate(store, t, [binding("m", "t", table)]).inst !== null;
    expect(ok(`(module (import "m" "t" (table 10 funcref)))`)).toBe(true);
    expect(ok(`(module (import "m" "t" (table 5 30 funcref)))`)).toBe(true);
    expect(ok(`(module (import "m" "t" (table 11 funcref)))`)).toBe(false);
    expect(ok(`(module (import "m" "t" (table 10 15 funcref)))`)).toBe(false);
    expect(ok(`(module (import "m" "t" (table 10 externref)))`)).toBe(false);
    const unbounded = new Extern(ExternKind.Mem, -1, null, new MemInst(1, -1, 16), null);
    const mem = (t: string, e: Extern): boolean => tryInstantiate(store, t, [binding("m", "mem", e)]).inst !== null;
    expect(mem(`(module (import "m" "mem" (memory 1)))`, unbounded)).toBe(true);
    expect(mem(`(module (import "m" "mem" (memory 0 5)))`, unbounded)).toBe(false);
    expect(mem(`(module (import "m" "mem" (memory 2)))`, unbounded)).toBe(false);
    const bounded = new Extern(ExternKind.Mem, -1, null, new MemInst(1, 2, 16), null);
    expect(mem(`(module (import "m" "mem" (memory 1 2)))`, bounded)).toBe(true);
    expect(mem(`(module (import "m" "mem" (memory 0 3)))`, bounded)).toBe(true);
    expect(mem(`(module (import "m" "mem" (memory 1 1)))`, bounded)).toBe(false);
    // a memory of 1-byte pages does not match an import of 64 KiB pages
    const small = new Extern(ExternKind.Mem, -1, null, new MemInst(0, -1, 0), null);
    const smallBytes = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 2, 10, 1, 1, 0x6d, 3, 0x6d, 0x65, 0x6d, 2, 0, 0]);
    const err = new InstantiateError();
    expect(instantiate(store, loadModule(smallBytes), [binding("m", "mem", small)], err)).toBeNull();
    expect(err.message).toMatch(/^incompatible import type: "m" "mem": memory types incompatible/);
  });

  it("matches globals by type and mutability", () => {
    const store = new Store(new Limits());
    const g = globalExtern(ValType.I32, false, 5);
    const mg = globalExtern(ValType.I32, true, 5);
    expect(tryInstantiate(store, `(module (import "m" "g" (global i32)))`, [binding("m", "g", g)]).inst).not.toBeNull();
    expect(tryInstantiate(store, `(module (import "m" "g" (global (mut i32))))`, [binding("m", "g", g)]).err.failure).toBe(InstantiateFailure.Unlinkable);
    expect(tryInstantiate(store, `(module (import "m" "g" (global i32)))`, [binding("m", "g", mg)]).err.failure).toBe(InstantiateFailure.Unlinkable);
    expect(tryInstantiate(store, `(module (import "m" "g" (global i64)))`, [binding("m", "g", g)]).err.message).toMatch(/^incompatible import type: "m" "g": global i32/);
  });

  it("writes names as text", () => {
    expect(nameText(utf8('a "b"\\ ~'))).toBe('"a \\22b\\22\\5c ~"');
    expect(nameText(new Uint8Array([0xc3, 0xa9, 0x41]))).toBe('"\\c3\\a9A"');
  });
});

describe("instantiate: limits", () => {
  it("refuses memories and tables beyond the store's limits", () => {
    const limits = new Limits();
    limits.maxMemoryBytes = 4 * 65536;
    limits.maxTableElements = 100;
    const store = new Store(limits);
    expect(tryInstantiate(store, `(module (memory 4))`, []).inst).not.toBeNull();
    const mem = tryInstantiate(store, `(module (memory 5))`, []).err;
    expect(mem.failure).toBe(InstantiateFailure.LimitExceeded);
    expect(mem.message).toMatch(/327680 bytes/);
    expect(tryInstantiate(store, `(module (table 100 funcref))`, []).inst).not.toBeNull();
    expect(tryInstantiate(store, `(module (table 101 funcref))`, []).err.failure).toBe(InstantiateFailure.LimitExceeded);
  });
});

describe("instantiate: globals", () => {
  it("evaluates constant expressions to raw bits", () => {
    const store = new Store(new Limits());
    const imp = globalExtern(ValType.I32, false, 40);
    const { inst, err } = tryInstantiate(
      store,
      `(module (import "m" "g" (global i32))
        (global (export "a") i32 (i32.const -1))
        (global (export "b") i64 (i64.const 0x123456789abcdef0))
        (global (export "c") f32 (f32.const nan:0x200000))
        (global (export "d") f64 (f64.const -nan:0x4000000000001))
        (global (export "e") i32 (global.get 0))
        (global (export "f") i32 (i32.add (global.get 0) (i32.mul (i32.const 0x7fffffff) (i32.const 2))))
        (global (export "g") i64 (i64.sub (i64.const 0) (i64.const 0x7fffffffffffffff)))
        (global (export "h") funcref (ref.func 1))
        (global (export "i") externref (ref.null extern))
        (func) (func))`,
      [binding("m", "g", imp)],
    );
    expect(err.message).toBe("");
    const g = (n: string): GlobalInst => exported(inst!, n).global!;
    expect([g("a").i32[0], g("a").i32[1]]).toEqual([-1, 0]);
    expect(g("b").i64[0]).toBe(0x123456789abcdef0n);
    // a signalling NaN keeps its payload: the bits are copied, never read as a float
    expect(g("c").i32[0] >>> 0).toBe(0x7fa00000);
    expect(BigInt.asUintN(64, g("d").i64[0])).toBe(0xfff4000000000001n);
    expect(g("e").i32[0]).toBe(40);
    expect(g("f").i32[0]).toBe(38);
    expect(g("g").i64[0]).toBe(-0x7fffffffffffffffn);
    expect(g("h").i32[0]).toBe(inst!.funcs[1] + 1);
    expect(g("i").i32[0]).toBe(0);
  });
});

describe("instantiate: segments", () => {
  it("applies active element and data segments, drops declarative ones, keeps passive ones", () => {
    const store = new Store(new Limits());
    const { inst, err } = tryInstantiate(
      store,
      `(module (memory (export "mem") 1) (table (export "t") 4 funcref)
        (func $a) (func $b)
        (elem (i32.const 1) $b $a)
        (elem funcref (ref.null func) (ref.func $a))
        (elem declare func $b)
        (data (i32.const 65534) "xy")
        (data "passive"))`,
      [],
    );
    expect(err.message).toBe("");
    const t = exported(inst!, "t").table!;
    expect([...t.elems]).toEqual([0, inst!.funcs[1] + 1, inst!.funcs[0] + 1, 0]);
    const mem = exported(inst!, "mem").mem!;
    expect(String.fromCharCode(mem.bytes[65534], mem.bytes[65535])).toBe("xy");
    expect([...inst!.elemDropped]).toEqual([1, 0, 1]);
    expect([...inst!.dataDropped]).toEqual([1, 0]);
  });

  it("traps on a segment out of bounds, keeping the writes before it", () => {
    const store = new Store(new Limits());
    const mem = new MemInst(1, -1, 16);
    const table = new TableInst(ValType.FuncRef, 3, -1);
    const imports = [binding("m", "mem", new Extern(ExternKind.Mem, -1, null, mem, null)), binding("m", "t", new Extern(ExternKind.Table, -1, table, null, null))];
    const data = tryInstantiate(
      store,
      `(module (import "m" "mem" (memory 1)) (import "m" "t" (table 3 funcref)) (func $f)
        (elem (i32.const 2) $f)
        (data (i32.const 0) "ok") (data (i32.const 65535) "no"))`,
      imports,
    ).err;
    expect(data.failure).toBe(InstantiateFailure.Trapped);
    expect(data.trap).toBe(Trap.MemoryOutOfBounds);
    expect(data.message).toMatch(/^out of bounds memory access/);
    expect(String.fromCharCode(mem.bytes[0], mem.bytes[1])).toBe("ok");
    expect(table.elems[2]).not.toBe(0);
    // element segments come before data segments: the table traps first and no data is written
    mem.bytes[0] = 0;
    const elem = tryInstantiate(
      store,
      `(module (import "m" "mem" (memory 1)) (import "m" "t" (table 3 funcref)) (func $f)
        (data (i32.const 0) "ok") (elem (i32.const 3) $f))`,
      imports,
    ).err;
    expect(elem.trap).toBe(Trap.TableOutOfBounds);
    expect(mem.bytes[0]).toBe(0);
    // an offset with the sign bit set is a large unsigned offset, and an empty segment at the end is fine
    expect(tryInstantiate(store, `(module (memory 1) (data (i32.const -1) "a"))`, []).err.trap).toBe(Trap.MemoryOutOfBounds);
    expect(tryInstantiate(store, `(module (memory 1) (data (i32.const 65536) ""))`, []).inst).not.toBeNull();
    expect(tryInstantiate(store, `(module (memory 1) (data (i32.const 65537) ""))`, []).err.trap).toBe(Trap.MemoryOutOfBounds);
  });
});

// ---- the spec scripts ----

function spectest(store: Store): ImportBinding[] {
  const b: ImportBinding[] = [];
  const fn = (name: string, params: number[]): void => {
    b.push(binding("spectest", name, hostFunction(store, new FuncType(new Uint8Array(params), new Uint8Array(0)), nop, 0)));
  };
  fn("print", []);
  fn("print_i32", [ValType.I32]);
  fn("print_i64", [ValType.I64]);
  fn("print_f32", [ValType.F32]);
  fn("print_f64", [ValType.F64]);
  fn("print_i32_f32", [ValType.I32, ValType.F32]);
  fn("print_f64_f64", [ValType.F64, ValType.F64]);
  b.push(binding("spectest", "global_i32", globalExtern(ValType.I32, false, 666)));
  b.push(binding("spectest", "global_i64", globalExtern(ValType.I64, false, 666)));
  const f32 = new Float32Array([666.6]);
  const f64 = new Float64Array([666.6]);
  b.push(binding("spectest", "global_f32", globalExtern(ValType.F32, false, new Int32Array(f32.buffer)[0])));
  b.push(binding("spectest", "global_f64", globalExtern(ValType.F64, false, new Int32Array(f64.buffer)[0], new Int32Array(f64.buffer)[1])));
  b.push(binding("spectest", "table", new Extern(ExternKind.Table, -1, new TableInst(ValType.FuncRef, 10, 20), null, null)));
  b.push(binding("spectest", "memory", new Extern(ExternKind.Mem, -1, null, new MemInst(1, 2, 16), null)));
  return b;
}

function exportsAs(inst: Instance, as: string): ImportBinding[] {
  const out: ImportBinding[] = [];
  for (const e of inst.module.exports) out.push(new ImportBinding(utf8(as), e.name, getExport(inst, e.name)!));
  return out;
}

/**
 * Modules whose imports only match after an earlier invoke (memory.grow / table.grow on the exporting instance):
 * this replay runs no actions, the spec runner (tools/spec) does.
 */
function dependsOnActions(file: string, line: number): boolean {
  return (file === "memory_grow.wast" && (line === 318 || line === 325)) || (file === "table_grow.wast" && (line === 117 || line === 124));
}

interface ReplayResult {
  instantiated: number;
  unlinkable: number;
  uninstantiable: number;
  skipped: number;
  failures: string[];
  /** modules the spec loads that load() refused (decode's test covers decode; the rest is compile.ts's) */
  loadFailures: string[];
}

/** Replays a script's module commands in order; modules with a start function are skipped until execute.ts works. */
function replay(script: SpecScript): ReplayResult {
  const store = new Store(new Limits());
  let imports = spectest(store);
  const named = new Map<string, Instance>();
  let last: Instance | null = null;
  const res: ReplayResult = { instantiated: 0, unlinkable: 0, uninstantiable: 0, skipped: 0, failures: [], loadFailures: [] };
  const events = [...script.modules.map((m) => ({ order: m.order, m, r: null })), ...script.registers.map((r) => ({ order: r.order, m: null, r }))].sort((a, b) => a.order - b.order);
  for (const ev of events) {
    if (ev.r !== null) {
      const inst = ev.r.name !== "" ? named.get(ev.r.name) : last;
      if (inst !== undefined && inst !== null) imports = [...exportsAs(inst, ev.r.as), ...imports];
      continue;
    }
    const sm = ev.m!;
    if (sm.expect === "malformed" || sm.expect === "invalid") continue;
    const where = `${sm.file}:${sm.line}`;
    if (dependsOnActions(sm.file, sm.line)) {
      res.skipped++;
      continue;
    }
    const lerr = new LoadError();
    const m = compiles ? load(sm.bytes, lerr) : decode(sm.bytes, new Features(), lerr);
    if (m === null) {
      res.loadFailures.push(`${where}: ${lerr.message} @${lerr.offset}`);
      continue;
    }
    if (m.start >= 0 && !executes) {
      res.skipped++;
      continue;
    }
    const err = new InstantiateError();
    const inst = instantiate(store, m, imports, err);
    if (sm.expect === "load") {
      if (inst === null) res.failures.push(`${where}: ${err.message}`);
      else {
        res.instantiated++;
        last = inst;
        if (sm.name !== "") named.set(sm.name, inst);
      }
    } else if (sm.expect === "unlinkable") {
      if (err.failure === InstantiateFailure.Unlinkable && err.message.startsWith(sm.text)) res.unlinkable++;
      else res.failures.push(`${where}: expected unlinkable "${sm.text}", got ${InstantiateFailure[err.failure]} "${err.message}"`);
    } else if (sm.expect === "uninstantiable") {
      if (err.failure === InstantiateFailure.Trapped && err.message.startsWith(sm.text)) res.uninstantiable++;
      else res.failures.push(`${where}: expected a trap "${sm.text}", got ${InstantiateFailure[err.failure]} "${err.message}"`);
    }
  }
  return res;
}

describe("instantiate: spec scripts", () => {
  let scripts: SpecScript[] = [];
  beforeAll(async () => {
    scripts = await loadSpecScripts();
  }, 60_000);

  it("instantiates the modules, refuses the unlinkable ones, traps on the uninstantiable ones", () => {
    const total: ReplayResult = { instantiated: 0, unlinkable: 0, uninstantiable: 0, skipped: 0, failures: [], loadFailures: [] };
    for (const s of scripts) {
      const r = replay(s);
      total.instantiated += r.instantiated;
      total.unlinkable += r.unlinkable;
      total.uninstantiable += r.uninstantiable;
      total.skipped += r.skipped;
      total.failures.push(...r.failures);
      total.loadFailures.push(...r.loadFailures);
    }
    console.log(
      `spec modules: ${total.instantiated} instantiated, ${total.unlinkable} unlinkable, ${total.uninstantiable} uninstantiable as expected, ${total.skipped} skipped, ${total.loadFailures.length} not loaded` +
        (compiles ? "" : " (decoded only: compile.ts is not there yet)") +
        (executes ? "" : " (start functions wait for execute.ts)"),
    );
    expect(total.failures).toEqual([]);
    expect(total.instantiated).toBeGreaterThan(500);
    expect(total.unlinkable).toBeGreaterThan(50);
  });

  it("links linking.wast's modules through registered instances", () => {
    const linking = scripts.find((s) => s.file === "linking.wast")!;
    const r = replay(linking);
    expect(r.loadFailures).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.instantiated).toBeGreaterThan(15);
  });
});
