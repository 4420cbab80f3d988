// The interpreter on control flow, calls (direct, indirect, host, tail, across
// instances), memory, tables and the limits (fuel, call depth, value stack).
// Results are compared with Node's WebAssembly where it can run the module
// (no tail calls in Node 20 without a flag), else with known values.
import { beforeAll, describe, expect, it } from "vitest";
import { getExport, hostFunction, invoke, memory, newStore } from "../../core/engine/api.ts";
import { Extern, ImportBinding, type Thread } from "../../core/engine/runtime.ts";
import { FuncType, Limits, Trap, ValType } from "../../core/engine/types.ts";
import { V8, call, initWabt, instance, instantiateOrThrow, loadOrThrow, oracleCall, utf8, v8Instance, wat, type Bits } from "./engine-helpers.ts";

const I32 = ValType.I32;
const I64 = ValType.I64;

beforeAll(async () => {
  await initWabt();
});

/** Runs each call in this engine and in V8 and expects the same results (or both to trap). */
function sameAsV8(text: string, calls: [string, Bits[]][]): void {
  const bytes = wat(text);
  const ours = instance(bytes);
  const v8 = v8Instance(bytes);
  const m = new V8.Module(bytes);
  const exportsTypes = new Map<string, { params: number[]; results: number[] }>();
  for (const e of V8.Module.exports(m)) {
    if (e.kind !== "function") continue;
    const ext = getExport(ours, utf8(e.name))!;
    const ft = ours.store.funcs[ext.func].type;
    exportsTypes.set(e.name, { params: Array.from(ft.params), results: Array.from(ft.results) });
  }
  for (const [name, args] of calls) {
    const t = exportsTypes.get(name)!;
    const expected = oracleCall(v8, name, t.params, t.results, args);
    const got = call(ours, name, args);
    const what = `${name}(${args.join(", ")})`;
    expect(got.trap !== Trap.None, `${what} traps? (${expected.message})`).toBe(expected.trapped);
    if (!expected.trapped) expect(got.results, what).toEqual(expected.results);
  }
}

const b = (n: number | bigint): bigint => BigInt(n);

describe("control flow", () => {
  it("blocks, loops and ifs with params and results (multi-value)", () => {
    sameAsV8(
      `(module
        (func (export "swap") (param i32 i32) (result i32 i32)
          (local.get 1) (local.get 0) (block (param i32 i32) (result i32 i32)))
        (func (export "sum") (param i32) (result i32)
          (local i32)
          (block $done
            (loop $next
              (br_if $done (i32.eqz (local.get 0)))
              (local.set 1 (i32.add (local.get 1) (local.get 0)))
              (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
              (br $next)))
          (local.get 1))
        (func (export "ifs") (param i32 i32) (result i32 i64)
          (local.get 1)
          (if (param i32) (result i32 i64) (local.get 0)
            (then (i32.const 10) (i32.add) (i64.const 1))
            (else (i32.const 20) (i32.mul) (i64.const -1))))
        (func (export "loop-params") (param i32) (result i32)
          (i32.const 0) (local.get 0)
          (loop (param i32 i32) (result i32)
            (local.set 0)
            (local.get 0) (i32.add)
            (local.get 0) (i32.const 1) (i32.sub) (local.tee 0)
            (local.get 0)
            (br_if 0)
            (drop)))
        (func (export "nested") (param i32) (result i32)
          (block (result i32)
            (block (result i32)
              (block (result i32)
                (i32.const 100)
                (br_table 0 1 2 (local.get 0)))
              (i32.const 1) (i32.add))
            (i32.const 2) (i32.add))))`,
      [
        ["swap", [b(1), b(2)]],
        ["sum", [b(0)]],
        ["sum", [b(100)]],
        ["ifs", [b(0), b(5)]],
        ["ifs", [b(1), b(5)]],
        ["loop-params", [b(10)]],
        ["nested", [b(0)]],
        ["nested", [b(1)]],
        ["nested", [b(2)]],
        ["nested", [b(99)]],
      ],
    );
  });

  it("br_table carrying values to targets at different heights, with lazy locals and constants", () => {
    sameAsV8(
      `(module
        (func (export "t") (param i32 i32) (result i32)
          (local i32)
          (local.set 2 (i32.const 5))
          (block $a (result i32)
            (block $b (result i32)
              (i32.const 1000)
              (block $c (result i32)
                (local.get 1)
                (local.get 0)
                (br_table $a $b $c $a (local.get 0)))
              (i32.add))
            (local.get 2) (i32.mul)))
        (func (export "k") (param i32) (result i64)
          (block $x (result i64)
            (block $y (result i64)
              (br_table $x $y $x (i64.const 77) (local.get 0)))
            (i64.const 3) (i64.add))))`,
      [
        ["t", [b(0), b(3)]],
        ["t", [b(1), b(3)]],
        ["t", [b(2), b(3)]],
        ["t", [b(3), b(3)]],
        ["t", [b(-1), b(3)]],
        ["k", [b(0)]],
        ["k", [b(1)]],
        ["k", [b(5)]],
      ],
    );
  });

  it("a local changed inside a block does not change an operand pushed before it", () => {
    sameAsV8(
      `(module
        (func (export "f") (param i32) (result i32)
          (local.get 0)
          (block (local.set 0 (i32.const 100)))
          (local.get 0)
          (i32.sub))
        (func (export "g") (param i32) (result i32)
          (local.get 0)
          (local.set 0 (i32.add (local.get 0) (i32.const 1)))
          (local.get 0)
          (i32.mul))
        (func (export "h") (param i32) (result i32)
          (local.get 0)
          (local.tee 0 (i32.mul (local.get 0) (i32.const 3)))
          (i32.sub))
        (func (export "loop") (param i32) (result i32)
          (local i32)
          (local.get 0)
          (loop
            (local.set 0 (i32.add (local.get 0) (i32.const 1)))
            (br_if 0 (i32.lt_s (local.get 0) (i32.const 10))))
          (local.get 0)
          (i32.add)))`,
      [
        ["f", [b(7)]],
        ["g", [b(7)]],
        ["h", [b(7)]],
        ["loop", [b(3)]],
        ["loop", [b(30)]],
      ],
    );
  });

  it("returns from nested blocks with several results, some of them locals", () => {
    sameAsV8(
      `(module
        (func (export "r") (param i32 i32 i32) (result i32 i32 i32)
          (block
            (br_if 0 (i32.eqz (local.get 0)))
            (return (local.get 2) (local.get 0) (local.get 1)))
          (local.get 1) (local.get 2) (i32.const 9))
        (func (export "s") (param i64 i64) (result i64 i64)
          (local.get 1) (local.get 0) (br 0))
        (func (export "brif") (param i32 i32) (result i32 i32)
          ;; the taken branch returns (local 1, local 0) and must save local 0 first; the other path still reads local 0
          (local.get 1) (local.get 0)
          (br_if 0 (local.get 0))
          (i32.add (i32.const 100)))
        (func (export "table") (param i32 i32) (result i32 i32)
          (block (result i32 i32)
            (local.get 1) (local.get 0)
            (br_table 1 0 (local.get 0)))
          (i32.add (i32.const 100))))`,
      [
        ["r", [b(1), b(2), b(3)]],
        ["r", [b(0), b(2), b(3)]],
        ["s", [b(1), b(2)]],
        ["brif", [b(5), b(7)]],
        ["brif", [b(0), b(7)]],
        ["table", [b(0), b(7)]],
        ["table", [b(1), b(7)]],
        ["table", [b(0), b(7)]],
      ],
    );
  });

  it("select, typed select and unreachable", () => {
    sameAsV8(
      `(module
        (func (export "sel") (param i32 i64 i64) (result i64) (select (local.get 1) (local.get 2) (local.get 0)))
        (func (export "sel32") (param i32) (result i32) (select (i32.const 3) (i32.const 4) (local.get 0)))
        (func (export "selref") (param i32) (result i32) (ref.is_null (select (result externref) (ref.null extern) (ref.null extern) (local.get 0))))
        (func (export "trap") (param i32) (result i32) (if (local.get 0) (then unreachable)) (i32.const 1)))`,
      [
        ["sel", [b(0), b(5), b(6)]],
        ["sel", [b(1), b(5), b(6)]],
        ["sel32", [b(0)]],
        ["sel32", [b(9)]],
        ["selref", [b(1)]],
        ["trap", [b(0)]],
        ["trap", [b(1)]],
      ],
    );
  });
});

describe("calls", () => {
  it("direct recursion (fib) and mutual recursion", () => {
    sameAsV8(
      `(module
        (func $fib (export "fib") (param i32) (result i32)
          (if (result i32) (i32.lt_s (local.get 0) (i32.const 2))
            (then (local.get 0))
            (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
        (func $even (export "even") (param i64) (result i32)
          (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 1)) (else (call $odd (i64.sub (local.get 0) (i64.const 1))))))
        (func $odd (param i64) (result i32)
          (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 0)) (else (call $even (i64.sub (local.get 0) (i64.const 1)))))))`,
      [
        ["fib", [b(20)]],
        ["even", [b(100)]],
        ["even", [b(77)]],
      ],
    );
  });

  it("calls keep the caller's operands and locals, and pass many arguments of mixed types", () => {
    sameAsV8(
      `(module
        (func $mix (param i32 i64 f32 f64 i32) (result f64 i64)
          (local i32)
          (local.set 5 (i32.const 99))
          (f64.add (f64.promote_f32 (local.get 2)) (f64.mul (local.get 3) (f64.convert_i32_s (local.get 4))))
          (i64.add (local.get 1) (i64.extend_i32_s (local.get 0))))
        (func (export "f") (param i32) (result i64)
          (local i64)
          (local.set 1 (i64.const 1000))
          (i64.const 5)
          (local.get 0)
          (call $mix (local.get 0) (local.get 1) (f32.const 1.5) (f64.const 2.25) (i32.const -3))
          (local.set 1)
          (drop)
          (i64.extend_i32_u)
          (i64.add)
          (i64.add (local.get 1))))`,
      [["f", [b(7)]]],
    );
  });

  it("call_indirect: typed, null, out of range, wrong type", () => {
    const text = `(module
      (type $ii (func (param i32) (result i32)))
      (type $v (func))
      (table 4 funcref)
      (elem (i32.const 0) $dbl $neg $nop)
      (func $dbl (type $ii) (i32.mul (local.get 0) (i32.const 2)))
      (func $neg (type $ii) (i32.sub (i32.const 0) (local.get 0)))
      (func $nop (type $v))
      (func (export "call") (param i32 i32) (result i32) (call_indirect (type $ii) (local.get 1) (local.get 0))))`;
    sameAsV8(text, [
      ["call", [b(0), b(21)]],
      ["call", [b(1), b(21)]],
    ]);
    const inst = instance(wat(text));
    expect(call(inst, "call", [b(2), b(1)]).trap).toBe(Trap.IndirectCallTypeMismatch);
    expect(call(inst, "call", [b(3), b(1)]).trap).toBe(Trap.UninitializedElement);
    expect(call(inst, "call", [b(4), b(1)]).trap).toBe(Trap.UndefinedElement);
    expect(call(inst, "call", [b(-1), b(1)]).trap).toBe(Trap.UndefinedElement);
  });

  it("host functions get their arguments and return results, and may call back into Wasm", () => {
    const store = newStore(new Limits());
    const i64i32 = new FuncType(new Uint8Array([I64, I32]), new Uint8Array([I64, I32]));
    const seen: bigint[] = [];
    let inst: ReturnType<typeof instantiateOrThrow> | null = null;
    function host(t: Thread, base: number): number {
      seen.push(t.i64[base], BigInt(t.i32[(base + 1) * 2]));
      // a nested call into the instance that called us
      const r = new BigInt64Array(1);
      const trap = invoke(inst!, utf8("sq"), new BigInt64Array([BigInt(t.i32[(base + 1) * 2])]), r);
      if (trap !== Trap.None) return trap;
      t.i64[base] = t.i64[base] * 2n;
      t.i32[(base + 1) * 2] = Number(r[0]);
      return Trap.None;
    }
    const f = hostFunction(store, i64i32, host, 0);
    inst = instantiateOrThrow(
      store,
      loadOrThrow(
        wat(`(module
          (import "env" "h" (func $h (param i64 i32) (result i64 i32)))
          (func (export "sq") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
          (func (export "f") (param i32) (result i64)
            (local i32)
            (local.set 1 (i32.const 1))
            (call $h (i64.const 21) (local.get 0))
            (i64.extend_i32_u)
            (i64.add)
            (i64.extend_i32_u (local.get 1))
            (i64.add)))`),
      ),
      [new ImportBinding(utf8("env"), utf8("h"), f)],
    );
    expect(call(inst, "f", [b(5)])).toEqual({ trap: Trap.None, results: [42n + 25n + 1n] });
    expect(seen).toEqual([21n, 5n]);
  });

  it("host functions through a table: call_indirect and return_call_indirect", () => {
    const store = newStore(new Limits());
    const ii = new FuncType(new Uint8Array([I32]), new Uint8Array([I32]));
    function triple(t: Thread, base: number): number {
      t.i32[base * 2] = Math.imul(t.i32[base * 2], 3);
      return Trap.None;
    }
    const h = hostFunction(store, ii, triple, 0);
    const inst = instantiateOrThrow(
      store,
      loadOrThrow(
        wat(`(module
          (import "env" "h" (func $h (param i32) (result i32)))
          (type $ii (func (param i32) (result i32)))
          (table 1 funcref)
          (elem (i32.const 0) $h)
          (func (export "ind") (param i32) (result i32) (i32.add (call_indirect (type $ii) (local.get 0) (i32.const 0)) (i32.const 1)))
          (func (export "tail") (param i32) (result i32) (return_call_indirect (type $ii) (i32.add (local.get 0) (i32.const 1)) (i32.const 0))))`),
      ),
      [new ImportBinding(utf8("env"), utf8("h"), h)],
    );
    expect(call(inst, "ind", [b(5)]).results).toEqual([b(16)]);
    expect(call(inst, "tail", [b(5)]).results).toEqual([b(18)]);
  });

  it("a host function's trap and message stop the caller", () => {
    const store = newStore(new Limits());
    function fail(t: Thread): number {
      t.trapText = "the host says no";
      return Trap.HostError;
    }
    const f = hostFunction(store, new FuncType(new Uint8Array(0), new Uint8Array(0)), fail, 0);
    const inst = instantiateOrThrow(store, loadOrThrow(wat(`(module (import "env" "f" (func $f)) (func (export "g") (result i32) (call $f) (i32.const 1)))`)), [
      new ImportBinding(utf8("env"), utf8("f"), f),
    ]);
    expect(call(inst, "g", []).trap).toBe(Trap.HostError);
    expect(store.thread.trapText).toBe("the host says no");
  });

  it("calls between instances: imported functions, shared tables and memories", () => {
    const store = newStore(new Limits());
    const a = instantiateOrThrow(
      store,
      loadOrThrow(
        wat(`(module
          (memory (export "mem") 1)
          (table (export "tab") 2 funcref)
          (global $calls (mut i32) (i32.const 0))
          (func $inc (export "inc") (param i32) (result i32)
            (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
            (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (local.get 0)))
            (i32.add (local.get 0) (i32.const 1)))
          (func (export "calls") (result i32) (global.get $calls))
          (elem (i32.const 0) $inc))`),
      ),
    );
    const ex = (name: string): Extern => getExport(a, utf8(name))!;
    const bInst = instantiateOrThrow(
      store,
      loadOrThrow(
        wat(`(module
          (import "a" "inc" (func $inc (param i32) (result i32)))
          (import "a" "mem" (memory 1))
          (import "a" "tab" (table 2 funcref))
          (type $ii (func (param i32) (result i32)))
          (global $mine (mut i32) (i32.const 1000))
          (func $local (param i32) (result i32) (i32.add (local.get 0) (global.get $mine)))
          (elem (i32.const 1) $local)
          (func (export "run") (param i32) (result i32)
            (i32.add
              (i32.add (call $inc (local.get 0)) (call_indirect (type $ii) (local.get 0) (i32.const 0)))
              (i32.add (call_indirect (type $ii) (local.get 0) (i32.const 1)) (i32.load (i32.const 0)))))
          (func (export "tail") (param i32) (result i32) (return_call $inc (local.get 0))))`),
      ),
      [new ImportBinding(utf8("a"), utf8("inc"), ex("inc")), new ImportBinding(utf8("a"), utf8("mem"), ex("mem")), new ImportBinding(utf8("a"), utf8("tab"), ex("tab"))],
    );
    // inc(5) = 6 twice (direct and through a's table), b's own 5 + 1000, memory 5 + 5
    expect(call(bInst, "run", [b(5)]).results).toEqual([b(6 + 6 + 1005 + 10)]);
    expect(call(a, "calls", []).results).toEqual([b(2)]);
    expect(call(bInst, "tail", [b(1)]).results).toEqual([b(2)]);
    expect(call(a, "calls", []).results).toEqual([b(3)]);
    expect(memory(a)!.view.getInt32(0, true)).toBe(11);
  });

  it("tail calls run in constant stack: deep mutual recursion, through imports, tables and hosts", () => {
    const store = newStore(new Limits());
    const hostType = new FuncType(new Uint8Array([I32]), new Uint8Array([I32]));
    function plus1000(t: Thread, base: number): number {
      t.i32[base * 2] += 1000;
      return Trap.None;
    }
    const h = hostFunction(store, hostType, plus1000, 0);
    const inst = instantiateOrThrow(
      store,
      loadOrThrow(
        wat(`(module
          (import "env" "h" (func $h (param i32) (result i32)))
          (type $t (func (param i64 i64) (result i64)))
          (table 2 funcref)
          (elem (i32.const 0) $even $odd)
          (func $even (export "even") (param i64 i64) (result i64)
            (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
              (else (return_call $odd (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (i64.const 2))))))
          (func $odd (param i64 i64) (result i64)
            (if (result i64) (i64.eqz (local.get 0)) (then (i64.sub (i64.const 0) (local.get 1)))
              (else (return_call_indirect (type $t) (i64.sub (local.get 0) (i64.const 1)) (local.get 1) (i32.const 0)))))
          (func (export "host") (param i32) (result i32) (return_call $h (i32.add (local.get 0) (i32.const 1)))))`),
      ),
      [new ImportBinding(utf8("env"), utf8("h"), h)],
    );
    // ten times the default call depth
    expect(call(inst, "even", [b(100_000), b(0)]).results).toEqual([b(100_000)]);
    expect(call(inst, "even", [b(99_999), b(0)]).results).toEqual([BigInt.asUintN(64, -100_000n)]);
    expect(call(inst, "host", [b(5)]).results).toEqual([b(1006)]);
  });
});

describe("memory", () => {
  const text = `(module
    (memory 1 3)
    (data (i32.const 16) "\\01\\02\\03\\04\\05\\06\\07\\08\\f0\\ff")
    (data $p "passive")
    (func (export "ld8s") (param i32) (result i32) (i32.load8_s offset=8 (local.get 0)))
    (func (export "ld16u") (param i32) (result i32) (i32.load16_u (local.get 0)))
    (func (export "ld64") (param i32) (result i64) (i64.load offset=1 (local.get 0)))
    (func (export "ld32s") (param i32) (result i64) (i64.load32_s (local.get 0)))
    (func (export "ld16s64") (param i32) (result i64) (i64.load16_s (local.get 0)))
    (func (export "st") (param i32 i64) (result i64)
      (i64.store8 (local.get 0) (local.get 1))
      (i64.store16 offset=2 (local.get 0) (local.get 1))
      (i64.store32 offset=4 (local.get 0) (local.get 1))
      (i64.load (local.get 0)))
    (func (export "st32") (param i32 i32) (i32.store offset=65532 (local.get 0) (local.get 1)))
    (func (export "size") (result i32) (memory.size))
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
    (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
    (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
    (func (export "init") (param i32 i32 i32) (memory.init $p (local.get 0) (local.get 1) (local.get 2)))
    (func (export "drop") (data.drop $p))
    (func (export "sum") (param i32 i32) (result i64)
      (local i64)
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get 0) (local.get 1)))
        (local.set 2 (i64.add (local.get 2) (i64.load8_u (local.get 0))))
        (local.set 0 (i32.add (local.get 0) (i32.const 1)))
        (br $l)))
      (local.get 2)))`;

  it("loads and stores of every width, and bounds at the end of memory", () => {
    sameAsV8(text, [
      ["ld8s", [b(8)]],
      ["ld8s", [b(16)]],
      ["ld16u", [b(24)]],
      ["ld64", [b(15)]],
      ["ld32s", [b(22)]],
      ["ld16s64", [b(24)]],
      ["st", [b(100), 0x8877665544332211n]],
      ["st", [b(65528), -1n]],
      ["st", [b(65529), b(1)]],
      ["ld8s", [b(65527)]],
      ["ld8s", [b(65528)]],
      ["ld64", [b(65527)]],
      ["ld64", [b(65528)]],
      ["ld64", [b(-1)]],
      ["st32", [b(0), b(1)]],
      ["st32", [b(1), b(1)]],
      ["st32", [b(-1), b(1)]],
      ["sum", [b(0), b(40)]],
    ]);
  });

  it("grows up to its maximum and to Limits.maxMemoryBytes, and keeps its contents", () => {
    sameAsV8(text, [
      ["grow", [b(1)]],
      ["size", []],
      ["st32", [b(65536), b(77)]],
      ["grow", [b(2)]],
      ["grow", [b(1)]],
      ["grow", [b(0)]],
      ["size", []],
      ["ld16u", [b(16)]],
      ["grow", [b(-1)]],
    ]);
    const limits = new Limits();
    limits.maxMemoryBytes = 2 * 65536;
    const inst = instance(wat(text), limits);
    expect(call(inst, "grow", [b(2)]).results).toEqual([0xffffffffn]);
    expect(call(inst, "grow", [b(1)]).results).toEqual([b(1)]);
    expect(call(inst, "size", []).results).toEqual([b(2)]);
    expect(call(inst, "st32", [b(65536), b(5)]).trap).toBe(Trap.None);
  });

  it("fill, copy (overlapping both ways), init and data.drop check bounds before writing", () => {
    sameAsV8(text, [
      ["fill", [b(100), b(0xab), b(10)]],
      ["sum", [b(95), b(115)]],
      ["copy", [b(18), b(16), b(8)]],
      ["sum", [b(16), b(30)]],
      ["ld64", [b(15)]],
      ["copy", [b(16), b(18), b(8)]],
      ["ld64", [b(15)]],
      ["fill", [b(65530), b(1), b(7)]],
      ["sum", [b(65520), b(65536)]],
      ["copy", [b(65530), b(0), b(7)]],
      ["copy", [b(0), b(65530), b(7)]],
      ["fill", [b(65536), b(1), b(0)]],
      ["fill", [b(65537), b(1), b(0)]],
      ["init", [b(200), b(1), b(6)]],
      ["ld64", [b(199)]],
      ["init", [b(200), b(2), b(6)]],
      ["init", [b(65535), b(0), b(2)]],
      ["drop", []],
      ["init", [b(200), b(0), b(0)]],
      ["init", [b(200), b(0), b(1)]],
    ]);
  });
});

describe("tables and references", () => {
  it("get, set, size, grow, fill, copy, init, elem.drop and ref.func", () => {
    const text = `(module
      (type $v (func (result i32)))
      (table $t 3 10 funcref)
      (table $e 2 externref)
      (elem $seg func $a $b $c)
      (elem declare func $c)
      (func $a (result i32) (i32.const 1))
      (func $b (result i32) (i32.const 2))
      (func $c (result i32) (i32.const 3))
      (func (export "callat") (param i32) (result i32) (call_indirect $t (type $v) (local.get 0)))
      (func (export "isnull") (param i32) (result i32) (ref.is_null (table.get $t (local.get 0))))
      (func (export "setc") (param i32) (table.set $t (local.get 0) (ref.func $c)))
      (func (export "size") (result i32) (table.size $t))
      (func (export "grow") (param i32) (result i32) (table.grow $t (ref.func $a) (local.get 0)))
      (func (export "fill") (param i32 i32) (table.fill $t (local.get 0) (ref.null func) (local.get 1)))
      (func (export "copy") (param i32 i32 i32) (table.copy $t $t (local.get 0) (local.get 1) (local.get 2)))
      (func (export "init") (param i32 i32 i32) (table.init $t $seg (local.get 0) (local.get 1) (local.get 2)))
      (func (export "drop") (elem.drop $seg))
      (func (export "ext") (result i32) (table.size $e)))`;
    sameAsV8(text, [
      ["isnull", [b(0)]],
      ["init", [b(0), b(0), b(3)]],
      ["callat", [b(0)]],
      ["callat", [b(2)]],
      ["init", [b(1), b(2), b(2)]],
      ["init", [b(1), b(1), b(2)]],
      ["callat", [b(2)]],
      ["setc", [b(0)]],
      ["callat", [b(0)]],
      ["setc", [b(3)]],
      ["isnull", [b(3)]],
      ["grow", [b(2)]],
      ["size", []],
      ["callat", [b(4)]],
      ["grow", [b(6)]],
      ["copy", [b(3), b(0), b(2)]],
      ["callat", [b(3)]],
      ["copy", [b(4), b(4), b(2)]],
      ["fill", [b(1), b(2)]],
      ["isnull", [b(2)]],
      ["callat", [b(1)]],
      ["fill", [b(4), b(2)]],
      ["drop", []],
      ["init", [b(0), b(0), b(0)]],
      ["init", [b(0), b(0), b(1)]],
      ["ext", []],
    ]);
  });
});

describe("limits", () => {
  const loops = `(module
    (func $f (export "spin") (loop (br 0)))
    (func $r (export "recurse") (param i32) (result i32) (i32.add (call $r (local.get 0)) (i32.const 1)))
    (func (export "count") (param i32) (result i32)
      (local i32)
      (loop $l
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get 1) (local.get 0))))
      (local.get 1))
    (func $big (export "big") (param i32) (result i32)
      (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
        (else (i32.add (call $big (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))))))`;

  it("fuel stops an endless loop and the counter bounds the instructions run", () => {
    const limits = new Limits();
    limits.fuel = 100_000;
    const inst = instance(wat(loops), limits);
    expect(call(inst, "spin", []).trap).toBe(Trap.OutOfFuel);
    expect(inst.store.thread.trapText).toBe("out of fuel");
    // the budget is the store's: spent
    expect(call(inst, "count", [b(1)]).trap).toBe(Trap.OutOfFuel);
    // a new budget: 1000 iterations of the 9 instructions of the loop body (end included), and 3 outside it
    inst.store.thread.fuelReserve = 9010;
    expect(call(inst, "count", [b(1000)]).results).toEqual([b(1000)]);
    expect(inst.store.thread.fuel + inst.store.thread.fuelReserve).toBe(7);
    inst.store.thread.fuelReserve = 8990;
    expect(call(inst, "count", [b(1000)]).trap).toBe(Trap.OutOfFuel);
  });

  it("fuel runs out in calls too (charged at each function entry)", () => {
    const limits = new Limits();
    limits.fuel = 10_000;
    const inst = instance(wat(loops), limits);
    expect(call(inst, "big", [b(100)]).results).toEqual([b(100)]);
    expect(call(inst, "big", [b(5000)]).trap).toBe(Trap.OutOfFuel);
  });

  it("unlimited fuel (0) never runs out", () => {
    const inst = instance(wat(loops));
    // 9 units per iteration: more than one refill of the 2^20 slice
    expect(call(inst, "count", [b(200_000)]).results).toEqual([b(200_000)]);
  });

  it("deep recursion ends in CallDepthExceeded, or ValueStackExhausted when frames are big", () => {
    const limits = new Limits();
    limits.maxCallDepth = 500;
    const inst = instance(wat(loops), limits);
    expect(call(inst, "recurse", [b(0)]).trap).toBe(Trap.CallDepthExceeded);
    expect(call(inst, "big", [b(400)]).results).toEqual([b(400)]);
    expect(call(inst, "big", [b(600)]).trap).toBe(Trap.CallDepthExceeded);
    const small = new Limits();
    small.valueStackSlots = 2000;
    const inst2 = instance(wat(loops), small);
    expect(call(inst2, "big", [b(10)]).results).toEqual([b(10)]);
    expect(call(inst2, "big", [b(100)]).trap).toBe(Trap.ValueStackExhausted);
    // the thread is usable again after a trap
    expect(call(inst2, "big", [b(10)]).results).toEqual([b(10)]);
    expect(inst2.store.thread.depth).toBe(0);
  });

  it("the default limits stop unbounded recursion quickly", () => {
    const inst = instance(wat(loops));
    const t0 = Date.now();
    expect(call(inst, "recurse", [b(0)]).trap).toBe(Trap.CallDepthExceeded);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});

describe("invoke", () => {
  it("reports a missing export and a wrong argument count as BadInvoke", () => {
    const inst = instance(wat(`(module (func (export "f") (param i32)))`));
    expect(invoke(inst, utf8("g"), new BigInt64Array(0), new BigInt64Array(0))).toBe(Trap.BadInvoke);
    expect(invoke(inst, utf8("f"), new BigInt64Array(0), new BigInt64Array(0))).toBe(Trap.BadInvoke);
    expect(invoke(inst, utf8("f"), new BigInt64Array(1), new BigInt64Array(0))).toBe(Trap.None);
  });

  it("gives 32-bit results zero-extended and 64-bit results whole", () => {
    const inst = instance(wat(`(module (func (export "f") (result i32 i64 f32 f64) (i32.const -1) (i64.const -2) (f32.const -1) (f64.const -1)))`));
    const r = new BigInt64Array(4);
    expect(invoke(inst, utf8("f"), new BigInt64Array(0), r)).toBe(Trap.None);
    expect(Array.from(r)).toEqual([0xffffffffn, -2n, 0xbf800000n, BigInt.asIntN(64, 0xbff0000000000000n)]);
  });
});
