// Every numeric instruction against Node's WebAssembly, on edge values: each
// test function takes and returns raw bits as integers (floats go through
// reinterpret inside the module), so NaN payloads and -0 cross the JS
// boundary intact. A NaN result only has to be a quiet NaN (the spec lets
// its sign and payload vary), except for abs/neg/copysign and the
// reinterpretations, which move bits exactly.
import { beforeAll, describe, expect, it } from "vitest";
import { ValType } from "../../core/engine/types.ts";
import { Trap } from "../../core/engine/types.ts";
import { call, initWabt, instance, isNaNBits, isQuietNaN, oracleCall, v8Instance, wat, type Bits } from "./engine-helpers.ts";

const I32 = ValType.I32;
const I64 = ValType.I64;
const F32 = ValType.F32;
const F64 = ValType.F64;

const I32_VALUES: Bits[] = [0, 1, 2, 3, 7, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x12345678, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0xdeadbeef, 0x0f0f0f0f].map(
  (v) => BigInt(v),
);
const I64_VALUES: Bits[] = [
  0n, 1n, 2n, 3n, 31n, 32n, 63n, 64n, 65n, 0x7fn, 0x80n, 0xffffn, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 0x123456789abcdef0n,
  0x7fffffffffffffffn, 0x8000000000000000n, 0x8000000000000001n, 0xfffffffffffffffen, 0xffffffffffffffffn, 0x00000000ffffffffn, 0xffffffff00000000n,
  0x0020000000000001n, 0x0020000000000003n, 0x002000000000000fn, 0xfff0000000000001n,
];
const F32_VALUES: Bits[] = [
  0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0xbfc00000, 0x40200000, 0xc0200000, 0x40600000, 0x3f000000, 0xbf000000, 0x3effffff,
  0x3f000001, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00000, 0x7f800001, 0xffffffff, 0x00000001, 0x80000001, 0x007fffff, 0x7f7fffff,
  0xff7fffff, 0x4effffff, 0x4f000000, 0xcf000000, 0xcf000001, 0x4f7fffff, 0x4f800000, 0x5effffff, 0x5f000000, 0xdf000000, 0xdf000001, 0x5f800000,
  0x4b000001, 0x4b7fffff, 0xcb000001, 0x40490fdb,
].map((v) => BigInt(v));
const F64_VALUES: Bits[] = [
  0x0000000000000000n, 0x8000000000000000n, 0x3ff0000000000000n, 0xbff0000000000000n, 0x3ff8000000000000n, 0xbff8000000000000n, 0x4004000000000000n,
  0xc004000000000000n, 0x3fe0000000000000n, 0xbfe0000000000000n, 0x3fdfffffffffffffn, 0x7ff0000000000000n, 0xfff0000000000000n,
  0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff4000000000000n, 0x7ff0000000000001n, 0x0000000000000001n, 0x000fffffffffffffn,
  0x7fefffffffffffffn, 0x41dfffffffc00000n, 0x41e0000000000000n, 0xc1e0000000000000n, 0xc1e0000000200000n, 0x41efffffffe00000n,
  0x41f0000000000000n, 0x43dfffffffffffffn, 0x43e0000000000000n, 0xc3e0000000000000n, 0xc3e0000000000001n, 0x43f0000000000000n,
  0x4330000000000001n, 0x432fffffffffffffn, 0xc330000000000001n, 0x400921fb54442d18n, 0x47efffffe0000000n, 0x36a0000000000000n,
];

function valuesOf(t: number): Bits[] {
  return t === I32 ? I32_VALUES : t === I64 ? I64_VALUES : t === F32 ? F32_VALUES : F64_VALUES;
}

/** The integer type that carries a type's bits across the JS boundary. */
function carrier(t: number): number {
  return t === F32 ? I32 : t === F64 ? I64 : t;
}

const NAME: Record<number, string> = { [I32]: "i32", [I64]: "i64", [F32]: "f32", [F64]: "f64" };

function fromCarrier(t: number, expr: string): string {
  if (t === F32) return `(f32.reinterpret_i32 ${expr})`;
  if (t === F64) return `(f64.reinterpret_i64 ${expr})`;
  return expr;
}

function toCarrier(t: number, expr: string): string {
  if (t === F32) return `(i32.reinterpret_f32 ${expr})`;
  if (t === F64) return `(i64.reinterpret_f64 ${expr})`;
  return expr;
}

interface NumOp {
  name: string;
  params: number[];
  result: number;
  /** NaN results must have exactly the oracle's bits */
  exactNaN: boolean;
}

function ops(): NumOp[] {
  const list: NumOp[] = [];
  const add = (name: string, params: number[], result: number, exactNaN = false): void => {
    list.push({ name, params, result, exactNaN });
  };
  for (const t of [I32, I64]) {
    const n = NAME[t];
    add(`${n}.eqz`, [t], I32);
    for (const o of ["clz", "ctz", "popcnt", "extend8_s", "extend16_s"]) add(`${n}.${o}`, [t], t);
    for (const o of ["add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr"]) add(`${n}.${o}`, [t, t], t);
    for (const o of ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"]) add(`${n}.${o}`, [t, t], I32);
  }
  add("i64.extend32_s", [I64], I64);
  for (const t of [F32, F64]) {
    const n = NAME[t];
    for (const o of ["abs", "neg"]) add(`${n}.${o}`, [t], t, true);
    for (const o of ["ceil", "floor", "trunc", "nearest", "sqrt"]) add(`${n}.${o}`, [t], t);
    for (const o of ["add", "sub", "mul", "div", "min", "max"]) add(`${n}.${o}`, [t, t], t);
    add(`${n}.copysign`, [t, t], t, true);
    for (const o of ["eq", "ne", "lt", "gt", "le", "ge"]) add(`${n}.${o}`, [t, t], I32);
  }
  add("i32.wrap_i64", [I64], I32);
  add("i64.extend_i32_s", [I32], I64);
  add("i64.extend_i32_u", [I32], I64);
  for (const [r, a] of [
    [I32, F32],
    [I32, F64],
    [I64, F32],
    [I64, F64],
  ]) {
    for (const s of ["s", "u"]) {
      add(`${NAME[r]}.trunc_${NAME[a]}_${s}`, [a], r);
      add(`${NAME[r]}.trunc_sat_${NAME[a]}_${s}`, [a], r);
    }
  }
  for (const r of [F32, F64]) for (const a of [I32, I64]) for (const s of ["s", "u"]) add(`${NAME[r]}.convert_${NAME[a]}_${s}`, [a], r);
  add("f32.demote_f64", [F64], F32);
  add("f64.promote_f32", [F32], F64);
  add("i32.reinterpret_f32", [F32], I32, true);
  add("f32.reinterpret_i32", [I32], F32, true);
  add("i64.reinterpret_f64", [F64], I64, true);
  add("f64.reinterpret_i64", [I64], F64, true);
  return list;
}

/** One exported function per op: integer bits in, integer bits out. */
function moduleText(list: NumOp[]): string {
  const funcs = list.map((op, i) => {
    const params = op.params.map((p) => `(param ${NAME[carrier(p)]})`).join(" ");
    const args = op.params.map((p, k) => fromCarrier(p, `(local.get ${k})`)).join(" ");
    return `(func (export "f${i}") ${params} (result ${NAME[carrier(op.result)]}) ${toCarrier(op.result, `(${op.name} ${args})`)})`;
  });
  return `(module ${funcs.join("\n")})`;
}

/** Argument tuples: every value, or every pair, of the param types. */
function argLists(params: number[]): Bits[][] {
  const first = valuesOf(params[0]);
  if (params.length === 1) return first.map((a) => [a]);
  const second = valuesOf(params[1]);
  const out: Bits[][] = [];
  for (const a of first) for (const b of second) out.push([a, b]);
  return out;
}

/** Compares this engine and the oracle on one call; returns a description of the difference, or "". */
function compare(op: { name: string; result: number; exactNaN: boolean }, args: Bits[], ours: { trap: number; results: Bits[] }, v8: { trapped: boolean; message: string; results: Bits[] }): string {
  const what = `${op.name}(${args.map((a) => "0x" + a.toString(16)).join(", ")})`;
  if (v8.trapped !== (ours.trap !== Trap.None)) return `${what}: oracle ${v8.trapped ? "trapped " + v8.message : "returned"}, engine trap ${ours.trap}`;
  if (v8.trapped) return "";
  const expected = v8.results[0];
  const got = ours.results[0];
  if (!op.exactNaN && isNaNBits(op.result, expected)) {
    if (!isNaNBits(op.result, got)) return `${what}: expected a NaN, got 0x${got.toString(16)}`;
    if (!isQuietNaN(op.result, got)) return `${what}: NaN 0x${got.toString(16)} is not quiet`;
    return "";
  }
  if (expected !== got) return `${what}: expected 0x${expected.toString(16)}, got 0x${got.toString(16)}`;
  return "";
}

beforeAll(async () => {
  await initWabt();
});

describe("numeric instructions match V8", () => {
  it("on every op and every value (or pair of values) of the edge lists", () => {
    const list = ops();
    const bytes = wat(moduleText(list));
    const ours = instance(bytes);
    const v8 = v8Instance(bytes);
    const diffs: string[] = [];
    let calls = 0;
    list.forEach((op, i) => {
      const params = op.params.map(carrier);
      for (const args of argLists(op.params)) {
        calls++;
        const d = compare(op, args, call(ours, `f${i}`, args), oracleCall(v8, `f${i}`, params, [carrier(op.result)], args));
        if (d !== "") diffs.push(d);
      }
    });
    expect(diffs.slice(0, 20)).toEqual([]);
    expect(calls).toBeGreaterThan(20000);
  });

  it("with constant operands (the immediate forms) and as branch conditions (compare-and-branch)", () => {
    const consts = [0, 1, -1, 5, 31, 32, -2147483648, 2147483647];
    const binary = ["add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "div_s", "rem_u"];
    const compares = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"];
    const funcs: string[] = [];
    const names: string[] = [];
    const fn = (name: string, body: string): void => {
      funcs.push(`(func (export "g${names.length}") (param i32) (result i32) ${body})`);
      names.push(name);
    };
    for (const k of consts) {
      for (const o of [...binary, ...compares]) {
        fn(`i32.${o}(x, ${k})`, `(i32.${o} (local.get 0) (i32.const ${k}))`);
        fn(`i32.${o}(${k}, x)`, `(i32.${o} (i32.const ${k}) (local.get 0))`);
      }
      for (const o of compares) {
        fn(`if i32.${o}(x, ${k})`, `(if (result i32) (i32.${o} (local.get 0) (i32.const ${k})) (then (i32.const 7)) (else (i32.const 9)))`);
        fn(`br_if i32.${o}(${k}, x)`, `(block (result i32) (br_if 0 (i32.const 7) (i32.${o} (i32.const ${k}) (local.get 0))) (drop) (i32.const 9))`);
      }
    }
    for (const o of compares) {
      fn(`if i32.${o}(x, x+1)`, `(if (result i32) (i32.${o} (local.get 0) (i32.add (local.get 0) (i32.const 1))) (then (i32.const 7)) (else (i32.const 9)))`);
      fn(`br_if i32.${o}(x, 3)`, `(block (result i32) (br_if 0 (i32.const 7) (i32.${o} (local.get 0) (i32.const 3))) (drop) (i32.const 9))`);
    }
    fn("if eqz", `(if (result i32) (i32.eqz (local.get 0)) (then (i32.const 7)) (else (i32.const 9)))`);
    fn("br_if eqz", `(block (result i32) (br_if 0 (i32.const 7) (i32.eqz (local.get 0))) (drop) (i32.const 9))`);
    const bytes = wat(`(module ${funcs.join("\n")})`);
    const ours = instance(bytes);
    const v8 = v8Instance(bytes);
    const diffs: string[] = [];
    names.forEach((name, i) => {
      for (const x of I32_VALUES) {
        const d = compare({ name, result: I32, exactNaN: true }, [x], call(ours, `g${i}`, [x]), oracleCall(v8, `g${i}`, [I32], [I32], [x]));
        if (d !== "") diffs.push(d);
      }
    });
    expect(diffs.slice(0, 20)).toEqual([]);
    expect(names.length).toBeGreaterThan(400);
  });

  it("keeps NaN payloads through locals, globals, memory, select and calls", () => {
    const bytes = wat(`(module
      (memory 1)
      (global $g (mut f64) (f64.const 0))
      (global $h (mut f32) (f32.const 0))
      (func $id (param f64) (result f64) (local.get 0))
      (func (export "f64") (param i64) (result i64)
        (local f64)
        (local.set 1 (f64.reinterpret_i64 (local.get 0)))
        (global.set $g (local.get 1))
        (f64.store (i32.const 8) (global.get $g))
        (i64.reinterpret_f64 (call $id (select (f64.load (i32.const 8)) (f64.const 1) (i32.const 1)))))
      (func (export "f32") (param i32) (result i32)
        (local f32)
        (local.set 1 (f32.reinterpret_i32 (local.get 0)))
        (global.set $h (local.get 1))
        (f32.store (i32.const 4) (global.get $h))
        (i32.reinterpret_f32 (select (f32.const 1) (f32.load (i32.const 4)) (i32.const 0)))))`);
    const ours = instance(bytes);
    for (const v of [0x7ff4000000000001n, 0xfff0000000000abcn, 0x7ff8000000000000n]) expect(call(ours, "f64", [v]).results).toEqual([v]);
    for (const v of [0x7f800001n, 0xffa00001n, 0x7fc00000n]) expect(call(ours, "f32", [v]).results).toEqual([v]);
  });

  it("rounds i64 to f32 once (no double rounding through f64)", () => {
    const bytes = wat(`(module
      (func (export "s") (param i64) (result i32) (i32.reinterpret_f32 (f32.convert_i64_s (local.get 0))))
      (func (export "u") (param i64) (result i32) (i32.reinterpret_f32 (f32.convert_i64_u (local.get 0)))))`);
    const ours = instance(bytes);
    const v8 = v8Instance(bytes);
    // values just above a float halfway point that a first rounding to double would move onto it
    const tricky = [0x0020000020000001n, 0x0020000010000001n, 0x7fffff4000000001n, 0xffffff7fffffffffn, 0x8000008000000001n, 0xfffffe8000000001n, 0x1000000000000001n];
    let seed = 12345n;
    for (let i = 0; i < 200; i++) {
      seed = BigInt.asUintN(64, seed * 6364136223846793005n + 1442695040888963407n);
      tricky.push(seed, seed >> BigInt(i % 40));
    }
    for (const v of tricky) {
      for (const f of ["s", "u"]) {
        expect(call(ours, f, [v]).results, `${f}(0x${v.toString(16)})`).toEqual(oracleCall(v8, f, [I64], [I32], [v]).results);
      }
    }
  });
});
