// compile.ts: validation (against V8's WebAssembly.validate and the spec's
// messages and offsets) and the shape of the internal code it produces
// (folding, fusion, immediates, constant slots), which the interpreter's
// speed depends on.
import { beforeAll, describe, expect, it } from "vitest";
import { Op, opLength } from "../../core/engine/ops.ts";
import { translateFunction } from "../../core/engine/compile.ts";
import { V8, initWabt, loadError, loadOrThrow, wat, watUnchecked } from "./engine-helpers.ts";

beforeAll(async () => {
  await initWabt();
});

/** The internal ops of defined function `def` (its constant table excluded), as [name, operands...]. */
function disassemble(bytes: Uint8Array, def = 0): (string | number)[][] {
  const m = loadOrThrow(bytes);
  // translation is lazy (on a function's first call): do it now
  translateFunction(m, def);
  const c = m.compiled!;
  const start = c.entry[def];
  const end = c.code[start + 6];
  const out: (string | number)[][] = [];
  for (let pc = start; pc < end; ) {
    const n = opLength(c.code, pc);
    out.push([Op[c.code[pc]], ...Array.from(c.code.subarray(pc + 1, pc + n))]);
    pc += n;
  }
  return out;
}

const names = (ops: (string | number)[][]): string[] => ops.map((o) => o[0] as string);

describe("internal opcodes", () => {
  it("keep Wasm's numbering for the numeric instructions, fit in the dispatch's byte and do not collide", () => {
    expect(Op.I32_EQZ).toBe(0x45);
    expect(Op.I32_ADD).toBe(0x6a);
    expect(Op.F64_COPYSIGN).toBe(0xa6);
    expect(Op.I64_EXTEND32_S).toBe(0xc4);
    const values = Object.values(Op).filter((v): v is number => typeof v === "number");
    expect(new Set(values).size).toBe(values.length);
    // the sub-opcodes of EXT start at 0x100; everything the main switch dispatches on is a byte
    const dispatched = Object.entries(Op).filter(([k, v]) => typeof v === "number" && !k.startsWith("EXT_"));
    for (const [k, v] of dispatched) expect((v as number) >= 0 && (v as number) < 256, k).toBe(true);
    for (const [k, v] of Object.entries(Op)) if (k.startsWith("EXT_")) expect(v as number).toBeGreaterThanOrEqual(0x100);
    // in the Wasm numeric range, only the numbers of the five never-emitted conversions serve other instructions
    const borrowed = dispatched.filter(([k, v]) => (v as number) >= 0x45 && (v as number) <= 0xcc && !/^[IF](32|64)_/.test(k)).map(([, v]) => v);
    expect(borrowed.every((v) => v === 0xa7 || ((v as number) >= 0xbc && (v as number) <= 0xbf))).toBe(true);
  });
});

describe("validation agrees with V8", () => {
  // [description, function text]; each becomes (module (memory 1) (table 2 funcref) (func ...))
  const bodies: [string, string][] = [
    ["empty", "(func)"],
    ["result from nothing", "(func (result i32))"],
    ["extra value", "(func i32.const 1)"],
    ["unreachable then anything", "(func (result i32) unreachable i64.const 0 drop)"],
    ["unreachable then wrong type", "(func (result i32) unreachable i64.const 0)"],
    ["polymorphic add", "(func (result i32) unreachable i32.add)"],
    ["polymorphic mismatch", "(func (result i32) unreachable f32.const 0 i32.add)"],
    ["br with value", "(func (result i32) (block (result i32) (br 0 (i32.const 1))))"],
    ["br missing value", "(func (result i32) (block (result i32) (br 0)))"],
    ["br unknown label", "(func br 1)"],
    ["br_if keeps values", "(func (result i32) (block (result i32) (br_if 0 (i32.const 1) (i32.const 1))))"],
    ["br_if wrong cond", "(func (block (br_if 0 (i64.const 1))))"],
    ["br_table arity mismatch", "(func (result i32) (block (result i32) (block (br_table 0 1 (i32.const 0) (i32.const 0))) (i32.const 1)))"],
    ["br_table polymorphic", "(func (block (result i32) (block (result i64) unreachable (br_table 0 1 (i32.const 0))) drop (i32.const 1)) drop)"],
    ["br_table to loop and block", "(func (param i32) (loop (block (br_table 0 1 0 (local.get 0)))))"],
    ["select numbers", "(func (result i32) (select (i32.const 1) (i32.const 2) (i32.const 0)))"],
    ["select refs untyped", "(func (result funcref) (select (ref.null func) (ref.null func) (i32.const 0)))"],
    ["select refs typed", "(func (result funcref) (select (result funcref) (ref.null func) (ref.null func) (i32.const 0)))"],
    ["select unreachable", "(func (result i32) unreachable select)"],
    ["select mixed", "(func (result i32) (select (i32.const 1) (i64.const 2) (i32.const 0)))"],
    ["if without else keeps types", "(func (result i32) (if (result i32) (i32.const 1) (then (i32.const 1))))"],
    ["if with params", "(func (result i32) (i32.const 5) (if (param i32) (result i32) (i32.const 1) (then (i32.const 1) (i32.add)) (else (i32.const 2) (i32.add))))"],
    ["if params without else", "(func (result i32) (i32.const 5) (if (param i32) (result i32) (i32.const 1) (then)))"],
    ["loop params", "(func (result i32) (i32.const 1) (loop (param i32) (result i32)))"],
    ["block type index mismatch", "(func (result i64) (i32.const 1) (block (param i32) (result i32)))"],
    ["local out of range", "(func (local i32) (local.get 1) drop)"],
    ["local.set wrong type", "(func (local i32) (local.set 0 (i64.const 1)))"],
    ["local.tee", "(func (param i32) (result i32) (local.tee 0 (i32.const 1)))"],
    ["global immutable", "(global i32 (i32.const 0)) (func (global.set 0 (i32.const 1)))"],
    ["global mutable", "(global (mut i64) (i64.const 0)) (func (global.set 0 (i64.const 1)))"],
    ["load alignment ok", "(func (drop (i64.load align=8 (i32.const 0))))"],
    ["load over-aligned", "(func (drop (i32.load16_u align=4 (i32.const 0))))"],
    ["store types", "(func (i64.store32 (i32.const 0) (i64.const 1)))"],
    ["store wrong value", "(func (i32.store (i32.const 0) (f32.const 1)))"],
    ["call arity", "(func $f (param i32 i64)) (func (call $f (i32.const 1)))"],
    ["call_indirect", "(type $t (func (result i32))) (func (result i32) (call_indirect (type $t) (i32.const 0)))"],
    ["call_indirect no index", "(type $t (func (result i32))) (func (result i32) (call_indirect (type $t)))"],
    ["ref.func undeclared", "(func $f) (func (drop (ref.func $f)))"],
    ["ref.func declared", "(func $f) (elem declare func $f) (func (drop (ref.func $f)))"],
    ["ref.is_null of number", "(func (drop (ref.is_null (i32.const 0))))"],
    ["table.get/set", "(func (table.set 0 (i32.const 0) (table.get 0 (i32.const 1))))"],
    ["table.grow wrong init", "(func (drop (table.grow 0 (ref.null extern) (i32.const 1))))"],
    ["memory.grow", "(func (result i32) (memory.grow (i32.const 1)))"],
    ["unreachable nested block", "(func (result i32) (block (result i32) unreachable) (i32.const 1) (i32.add))"],
    ["dead code after br is typed", "(func (block (br 0) (i32.add (i64.const 1) (i32.const 1)) drop))"],
    ["return in middle", "(func (result i32) (return (i32.const 1)) (i32.const 2))"],
    ["return wrong", "(func (result i32) (return (i64.const 1)))"],
    ["multi-value call", "(func $f (result i32 i64) (i32.const 1) (i64.const 2)) (func (result i64) (call $f) (drop) (drop) (i64.const 3))"],
    ["multi-value block", "(func (result i32) (block (result i32 i32) (i32.const 1) (i32.const 2)) (i32.add))"],
    ["else value mismatch", "(func (result i32) (if (result i32) (i32.const 1) (then (i32.const 1)) (else (i64.const 1))))"],
    ["sat trunc", "(func (result i32) (i32.trunc_sat_f64_u (f64.const 1)))"],
    ["sign extension", "(func (result i64) (i64.extend32_s (i64.const 1)))"],
    ["memory.fill", "(func (memory.fill (i32.const 0) (i32.const 1) (i32.const 2)))"],
    ["memory.copy wrong", "(func (memory.copy (i32.const 0) (i64.const 1) (i32.const 2)))"],
  ];

  it("accepts and rejects the same function bodies", () => {
    const diffs: string[] = [];
    for (const [what, funcs] of bodies) {
      const bytes = watUnchecked(`(module (memory 1) (table 2 funcref) ${funcs})`);
      const v8 = V8.validate(bytes);
      const err = loadError(bytes);
      if (v8 !== (err === null)) diffs.push(`${what}: V8 ${v8 ? "accepts" : "rejects"}, engine ${err === null ? "accepts" : "rejects: " + err.message}`);
    }
    expect(diffs).toEqual([]);
  });

  it("names the spec's reason and the offset of the offending instruction", () => {
    const cases: [string, string, boolean][] = [
      ["(func (result i32) (i64.const 0))", "type mismatch", false],
      ["(func (local.get 3) drop)", "unknown local", false],
      ["(func br 2)", "unknown label", false],
      ["(func call 9)", "unknown function", false],
      ["(func (drop (global.get 4)))", "unknown global", false],
      ["(global i32 (i32.const 0)) (func (global.set 0 (i32.const 1)))", "global is immutable", false],
      ["(func (drop (i32.load align=8 (i32.const 0))))", "alignment must not be larger than natural", false],
      ["(func $f) (func (drop (ref.func $f)))", "undeclared function reference", false],
    ];
    for (const [funcs, reason, malformed] of cases) {
      const bytes = watUnchecked(`(module (memory 1) ${funcs})`);
      const err = loadError(bytes);
      expect(err, funcs).not.toBeNull();
      expect(err!.message.startsWith(reason), `${funcs}: ${err!.message}`).toBe(true);
      expect(err!.malformed).toBe(malformed);
      // the offset is inside the code section, at an instruction's first byte
      expect(err!.offset).toBeGreaterThan(8);
      expect(err!.offset).toBeLessThan(bytes.length);
    }
    // the exact offset: i32.add (0x6a) of i32 and i64
    const add = watUnchecked(`(module (func (result i32) (i32.add (i32.const 1) (i64.const 2))))`);
    const e = loadError(add)!;
    expect(add[e.offset]).toBe(0x6a);
  });

  it("reports malformed bodies as the binary spec tests expect", () => {
    // type, function and code sections around one body
    const module = (body: number[]): Uint8Array =>
      new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, body.length + 2, 1, body.length, ...body]);
    const check = (body: number[], reason: string): void => {
      const err = loadError(module(body));
      expect(err, reason).not.toBeNull();
      expect(err!.message.startsWith(reason), err!.message).toBe(true);
      expect(err!.malformed).toBe(true);
    };
    check([0, 0xff, 0x0b], "illegal opcode");
    check([0, 0x3f, 0x01, 0x1a, 0x0b], "zero byte expected");
    check([0, 0x41, 0x00, 0x40, 0x80, 0x00, 0x1a, 0x0b], "zero byte expected");
    // data.drop without a data count section: malformed when the module has data segments
    // (binary.wast), an unknown segment when it has none (memory_init.wast)
    const passiveData = [11, 3, 1, 1, 0];
    const withData = loadError(new Uint8Array([...module([0, 0xfc, 0x09, 0x00, 0x0b]), ...passiveData]))!;
    expect(withData.message).toMatch(/^data count section required/);
    expect(withData.malformed).toBe(true);
    const noData = loadError(module([0, 0xfc, 0x09, 0x00, 0x0b]))!;
    expect(noData.message).toMatch(/^unknown data segment 0/);
    expect(noData.malformed).toBe(false);
    check([0, 0x41, 0x00, 0x28, 0x20, 0x00, 0x1a, 0x0b], "malformed memop flags");
    check([0, 0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x1a, 0x0b], "integer representation too long");
    // SIMD: refused with its own message
    const simd = loadError(module([0, 0xfd, 0x0c, ...new Array(16).fill(0), 0x1a, 0x0b]))!;
    expect(simd.message).toMatch(/^SIMD is not supported/);
  });
});

describe("translation", () => {
  it("folds local.set into the instruction that computed the value, and reads locals in place", () => {
    const ops = disassemble(wat(`(module (func (param i32 i32) (local i32) (local.set 2 (i32.add (local.get 0) (local.get 1)))))`));
    // ENTER, then one add from words 0 and 2 into word 4; then RET
    expect(ops).toEqual([ops[0], ["I32_ADD", 4, 0, 2], ["RET"]]);
    expect(ops[0][0]).toBe("ENTER");
  });

  it("uses immediates and constant slots for constants", () => {
    const ops = disassemble(wat(`(module (func (param i32 i64) (result i64) (local.set 0 (i32.add (local.get 0) (i32.const 5))) (i64.add (local.get 1) (i64.const 7))))`));
    expect(names(ops)).toEqual(["ENTER", "I32_ADD_IMM", "I64_ADD", "RET"]);
    expect(ops[1]).toEqual(["I32_ADD_IMM", 0, 0, 5]);
    // the i64 constant is in the first constant slot, right after the two params; the result goes straight to slot 0
    expect(ops[2]).toEqual(["I64_ADD", 0, 1, 2]);
  });

  it("fuses a comparison with the branch that tests it, and charges fuel on the back edge", () => {
    const ops = disassemble(
      wat(`(module (func (param i32) (local i32)
        (loop $l
          (local.set 1 (i32.add (local.get 1) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get 1) (local.get 0))))))`),
    );
    expect(names(ops)).toEqual(["ENTER", "I32_ADD_IMM", "BR_IF_LT_U_LOOP", "RET"]);
    const entryFuel = ops[0][1];
    // the back edge charges the 9 instructions of the loop body (its end included); the entry charges them once more, with the loop and the function's end
    expect(ops[2].at(-1)).toBe(9);
    expect(entryFuel).toBe(9 + 2);
  });

  it("turns if (i32.eqz x) into one branch, and skips storing zero into a local that is still zero", () => {
    const ops = disassemble(
      wat(`(module (func (param i32) (result i32) (local i32)
        (local.set 1 (i32.const 0))
        (if (i32.eqz (local.get 0)) (then (local.set 1 (i32.const 7))))
        (local.get 1)))`),
    );
    expect(names(ops)).toEqual(["ENTER", "BR_IF_NEZ", "CONST_32", "RET_32"]);
  });

  it("passes call arguments in place: the callee's frame starts at them", () => {
    const ops = disassemble(
      wat(`(module
        (func $g (param i32 i32) (result i32) (local.get 0))
        (func (param i32) (result i32) (i32.add (call $g (local.get 0) (i32.const 3)) (i32.const 1))))`),
      1,
    );
    expect(names(ops)).toEqual(["ENTER", "MOV_32", "CONST_32", "CALL", "I32_ADD_IMM", "RET"]);
  });
});
