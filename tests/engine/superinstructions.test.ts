// The superinstructions compile.ts forms from neighbouring instructions (one
// dispatch for two), their results next to V8's, and the cases where they
// must not form or must come apart again.
import { beforeAll, describe, expect, it } from "vitest";
import { Op, opLength } from "../../core/engine/ops.ts";
import { translateFunction } from "../../core/engine/compile.ts";
import { Trap } from "../../core/engine/types.ts";
import { call, initWabt, instance, loadOrThrow, v8Instance, wat } from "./engine-helpers.ts";

beforeAll(async () => {
  await initWabt();
});

/** The names of the internal ops of defined function `def` (its constant table excluded). */
function opNames(bytes: Uint8Array, def = 0): string[] {
  const m = loadOrThrow(bytes);
  translateFunction(m, def);
  const c = m.compiled!;
  const start = c.entry[def];
  const end = c.code[start + 6];
  const out: string[] = [];
  for (let pc = start; pc < end; pc += opLength(c.code, pc)) out.push(Op[c.code[pc]]);
  return out;
}

/** Runs export "f" on the engine and on V8 with i32 arguments; both i32 results. */
function bothResults(bytes: Uint8Array, args: number[]): [bigint, bigint] {
  const ours = call(instance(bytes), "f", args.map((a) => BigInt(a)));
  expect(ours.trap).toBe(Trap.None);
  const v8 = v8Instance(bytes).exports.f as (...a: number[]) => number;
  return [ours.results[0], BigInt(v8(...args) >>> 0)];
}

describe("I32_ADD_IMM_2", () => {
  it("joins two additions of constants in a row, the second reading the first's result", () => {
    const bytes = wat(`(module (func (export "f") (param i32 i32) (result i32)
      (local.set 0 (i32.add (local.get 0) (i32.const 5)))
      (local.set 1 (i32.add (local.get 0) (i32.const -7)))
      (i32.add (local.get 0) (local.get 1))))`);
    expect(opNames(bytes)).toEqual(["ENTER", "I32_ADD_IMM_2", "I32_ADD", "RET"]);
    const [ours, v8] = bothResults(bytes, [0x7ffffffe, 3]);
    expect(ours).toBe(v8);
    expect(ours).toBe(BigInt((0x7ffffffe + 5 + 0x7ffffffe + 5 - 7) >>> 0));
  });

  it("does not join across a label (the loop header between them)", () => {
    const bytes = wat(`(module (func (export "f") (param i32) (result i32) (local i32)
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (loop $l
        (local.set 1 (i32.add (local.get 1) (i32.const 2)))
        (br_if $l (i32.lt_u (local.get 1) (local.get 0))))
      (local.get 1)))`);
    expect(opNames(bytes)).toEqual(["ENTER", "I32_ADD_IMM", "I32_ADD_IMM", "BR_IF_LT_U_LOOP", "RET_32"]);
    const [ours, v8] = bothResults(bytes, [10]);
    expect(ours).toBe(v8);
    expect(ours).toBe(11n);
  });

  it("comes apart when its second addition is the address of a load, which fuses it", () => {
    const bytes = wat(`(module (memory 1) (data (i32.const 16) "\\01\\02\\03\\04\\05\\06\\07\\08")
      (func (export "f") (param i32 i32) (result i32)
        (local.set 0 (i32.add (local.get 0) (i32.const 1)))
        (i32.add (local.get 0) (i32.load (i32.add (local.get 1) (i32.const 4))))))`);
    expect(opNames(bytes)).toEqual(["ENTER", "I32_ADD_IMM", "LOAD_32_RI", "I32_ADD", "RET"]);
    const [ours, v8] = bothResults(bytes, [100, 12]);
    expect(ours).toBe(v8);
    expect(ours).toBe(101n + 0x04030201n);
  });

  it("comes apart for a store's address too", () => {
    const bytes = wat(`(module (memory 1)
      (func (export "f") (param i32 i32) (result i32)
        (local.set 0 (i32.add (local.get 0) (i32.const 3)))
        (i32.store (i32.add (local.get 1) (i32.const 8)) (local.get 0))
        (i32.load (i32.const 20))))`);
    expect(opNames(bytes)).toEqual(["ENTER", "I32_ADD_IMM", "STORE_32_RI", "LOAD_32", "RET"]);
    const [ours, v8] = bothResults(bytes, [39, 12]);
    expect(ours).toBe(v8);
    expect(ours).toBe(42n);
  });
});

describe("MOV_32_2", () => {
  it("joins two local copies in a row, the second reading the first's destination", () => {
    const bytes = wat(`(module (func (export "f") (param i32 i32 i32) (result i32)
      (local.set 2 (local.get 1))
      (local.set 1 (local.get 0))
      (local.set 0 (local.get 2))
      (i32.sub (i32.mul (local.get 0) (i32.const 1000)) (i32.sub (local.get 1) (local.get 2)))))`);
    const names = opNames(bytes);
    expect(names.slice(0, 3)).toEqual(["ENTER", "MOV_32_2", "MOV_32"]);
    const [ours, v8] = bothResults(bytes, [7, 5, 0]);
    expect(ours).toBe(v8);
    // locals end as (5, 7, 5): 5 * 1000 - (7 - 5)
    expect(ours).toBe(4998n);
  });
});

describe("i64.load8 and i64.load16 on memory 0 (through EXT_LOAD)", () => {
  it("sign- and zero-extend as V8 does", () => {
    const bytes = wat(`(module (memory 1) (data (i32.const 0) "\\f0\\81\\7f\\80")
      (func (export "f") (param i32) (result i32)
        (i32.wrap_i64 (i64.shr_u
          (i64.add (i64.add (i64.load8_s (local.get 0)) (i64.load8_u offset=1 (local.get 0)))
                   (i64.add (i64.load16_s offset=2 (local.get 0)) (i64.load16_u (local.get 0))))
          (i64.const 8)))))`);
    expect(opNames(bytes)).toContain("EXT");
    for (const a of [0, 1, 65532]) {
      const [ours, v8] = bothResults(bytes, [a]);
      expect(ours).toBe(v8);
    }
    const ours = call(instance(bytes), "f", [65535n]);
    expect(ours.trap).toBe(Trap.MemoryOutOfBounds);
  });
});

describe("I32_XOR_SHR_U_IMM and I64_XOR_SHR_U", () => {
  it("fold a logical right shift into the xor that reads it, on either side", () => {
    const bytes = wat(`(module (func (export "f") (param i32 i32) (result i32)
      (local.set 0 (i32.xor (local.get 1) (i32.shr_u (local.get 0) (i32.const 7))))
      (i32.xor (i32.shr_u (local.get 0) (i32.const 35)) (local.get 1))))`);
    expect(opNames(bytes)).toEqual(["ENTER", "I32_XOR_SHR_U_IMM", "I32_XOR_SHR_U_IMM", "RET"]);
    for (const args of [[-1, 0x12345678], [0x80000000 | 0, -3]]) {
      const [ours, v8] = bothResults(bytes, args);
      expect(ours).toBe(v8);
    }
  });

  it("does the i64 form with a shift count over 63 as Wasm does (modulo 64)", () => {
    const bytes = wat(`(module (func (export "f") (param i32 i32) (result i32) (local i64)
      (local.set 2 (i64.or (i64.extend_i32_u (local.get 0)) (i64.shl (i64.extend_i32_u (local.get 1)) (i64.const 32))))
      (local.set 2 (i64.xor (local.get 2) (i64.shr_u (local.get 2) (i64.const 97))))
      (i32.wrap_i64 (i64.xor (i64.shr_u (local.get 2) (i64.const 40)) (local.get 2)))))`);
    expect(opNames(bytes).filter((n) => n === "I64_XOR_SHR_U").length).toBe(2);
    for (const args of [[-1, 0x12345678], [0x0badf00d, -3]]) {
      const [ours, v8] = bothResults(bytes, args);
      expect(ours).toBe(v8);
    }
  });

  it("leaves a shift alone when a branch joins between it and the xor", () => {
    const bytes = wat(`(module (func (export "f") (param i32 i32) (result i32)
      (i32.xor (local.get 1)
        (block $b (result i32)
          (drop (br_if $b (i32.const 5) (i32.eqz (local.get 0))))
          (i32.shr_u (local.get 0) (i32.const 3))))))`);
    expect(opNames(bytes)).toContain("I32_SHR_U_IMM");
    for (const a of [0, 1000]) {
      const [ours, v8] = bothResults(bytes, [a, 77]);
      expect(ours).toBe(v8);
    }
  });
});

describe("I32_ADD_2", () => {
  it("joins two i32 additions in a row, and comes apart when the second is a load's address", () => {
    const joined = wat(`(module (func (export "f") (param i32 i32) (result i32)
      (local.set 0 (i32.add (local.get 0) (local.get 1)))
      (local.set 1 (i32.add (local.get 1) (local.get 0)))
      (i32.sub (local.get 0) (local.get 1))))`);
    expect(opNames(joined)).toEqual(["ENTER", "I32_ADD_2", "I32_SUB", "RET"]);
    const [ours, v8] = bothResults(joined, [0x7fffffff, 9]);
    expect(ours).toBe(v8);
    const split = wat(`(module (memory 1) (data (i32.const 40) "\\2a")
      (func (export "f") (param i32 i32) (result i32)
        (local.set 0 (i32.add (local.get 0) (local.get 1)))
        (i32.add (local.get 0) (i32.load8_u (i32.add (local.get 1) (local.get 1))))))`);
    expect(opNames(split)).toEqual(["ENTER", "I32_ADD", "LOAD_I32_8U_RR", "I32_ADD", "RET"]);
    const [o2, v2] = bothResults(split, [5, 20]);
    expect(o2).toBe(v2);
    expect(o2).toBe(25n + 42n);
  });
});
