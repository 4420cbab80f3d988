// Panics: "loc: message" on stderr after flushing stdout, then abort();
// debug checks vanish with NDEBUG while JS RangeErrors stay.
import { describe, expect, it } from "vitest";
import { buildDriver, run } from "./helpers.ts";

const LOC = "t.ts:3:7";

function jsError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return String(e);
  }
  throw new Error("did not throw");
}

function expectPanic(bin: string, args: (string | number | bigint)[], message: string, out = "") {
  const r = run(bin, "", args.map(String));
  expect({ signal: r.signal, stdout: r.stdout, stderr: r.stderr }).toEqual({
    signal: "SIGABRT",
    stdout: `before\n${out}`,
    stderr: `${LOC}: ${message}\n`,
  });
}

function expectOk(bin: string, args: (string | number | bigint)[], out: string) {
  const r = run(bin, "", args.map(String));
  expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: `before\n${out}`, stderr: "" });
}

describe("debug checks (NDEBUG not defined)", () => {
  const bin = buildDriver("panic");
  it("STS_IDX panics with the location and the index", () => {
    expectPanic(bin, ["idx", 5, 3], "index 5 out of range for length 3");
    expectPanic(bin, ["idx", -1, 3], "index -1 out of range for length 3");
    expectPanic(bin, ["idx", 0, 0], "index 0 out of range for length 0");
    expectPanic(bin, ["idx", 2 ** 40, 4294967295], "index 1099511627776 out of range for length 4294967295");
    expectOk(bin, ["idx", 2, 3], "idx 2\n");
    expectOk(bin, ["idx_once", 4], "idx 4 5\n");
  });
  it("sts_check_int_range", () => {
    expectPanic(bin, ["intrange", 2147483648, -2147483648, 2147483647], "integer 2147483648 out of range [-2147483648, 2147483647]");
    expectPanic(bin, ["intrange", -1, 0, 255], "integer -1 out of range [0, 255]");
    expectOk(bin, ["intrange", 255, 0, 255], "v 255\n");
  });
  it("array index and pop", () => {
    expectPanic(bin, ["at", 3, 3], "index 3 out of range for length 3");
    expectOk(bin, ["at", 3, 2], "2\n");
    expectPanic(bin, ["pop", 2, 3], "pop from an empty array", "1\n0\n");
    expectOk(bin, ["pop", 2, 2], "1\n0\n");
  });
});

describe("with NDEBUG", () => {
  const bin = buildDriver("panic", ["-DNDEBUG"]);
  it("index and range checks are gone", () => {
    expectOk(bin, ["idx", 5, 3], "idx 5\n");
    expectOk(bin, ["idx_once", 4], "idx 4 5\n");
    expectOk(bin, ["intrange", 2147483648, -2147483648, 2147483647], "v 2147483648\n");
  });
  it("JS errors still panic", () => {
    expectPanic(bin, ["i64div", 1, 0], jsError(() => 1n / 0n));
    expectPanic(bin, ["dvget", 8, 8, 1], "RangeError: Offset is outside the bounds of the DataView");
    expectPanic(bin, ["set", 2, 3, 0], "RangeError: offset is out of bounds");
  });
});

describe("JS RangeErrors become panics with V8's message", () => {
  for (const [name, flags] of [["debug", []], ["NDEBUG", ["-DNDEBUG"]]] as const) {
    it(`bigint division by zero (${name})`, () => {
      const bin = buildDriver("panic", [...flags]);
      const msg = jsError(() => 1n / 0n);
      expect(msg).toBe(jsError(() => 1n % 0n));
      for (const c of ["i64div", "i64rem", "u64div", "u64rem"]) expectPanic(bin, [c, 7, 0], msg);
      expectOk(bin, ["i64div", -7, 2], "-3\n");
    });

    it(`DataView bounds (${name})`, () => {
      const bin = buildDriver("panic", [...flags]);
      for (const [len, off, w] of [[8, 8, 1], [8, -1, 1], [8, 7, 2], [8, 5, 4], [8, 1, 8], [0, 0, 1], [8, -8, 8], [8, 2 ** 40, 4]]) {
        const dv = new DataView(new ArrayBuffer(len!));
        const get = { 1: () => dv.getUint8(off!), 2: () => dv.getUint16(off!), 4: () => dv.getUint32(off!, true), 8: () => dv.getFloat64(off!, true) }[w!]!;
        const set = { 1: () => dv.setInt8(off!, 1), 2: () => dv.setInt16(off!, 1), 4: () => dv.setFloat32(off!, 1, true), 8: () => dv.setBigInt64(off!, 1n) }[w!]!;
        expectPanic(bin, ["dvget", len!, off!, w!], jsError(get));
        expectPanic(bin, ["dvset", len!, off!, w!], jsError(set));
      }
      expectOk(bin, ["dvget", 8, 4, 4], "0\n");
      expectOk(bin, ["dvset", 8, 0, 8], "ok\n");
    });

    it(`constructors and set (${name})`, () => {
      const bin = buildDriver("panic", [...flags]);
      const cases: [string, number[], () => unknown][] = [
        ["abnew", [-1], () => new ArrayBuffer(-1)],
        ["u8new", [-1], () => new Uint8Array(-1)],
        ["u8new", [-5], () => new Uint8Array(-5)],
        ["u8new", [2 ** 33], () => new Uint8Array(2 ** 33)],
        ["f64new", [-1], () => new Float64Array(-1)],
        ["dvnew", [10, 11, -1], () => new DataView(new ArrayBuffer(10), 11)],
        ["dvnew", [10, -1, -1], () => new DataView(new ArrayBuffer(10), -1)],
        ["dvnew", [10, 4, 7], () => new DataView(new ArrayBuffer(10), 4, 7)],
        ["dvnew", [10, 4, -2], () => new DataView(new ArrayBuffer(10), 4, -2)],
        ["i32view", [10, 2, -1], () => new Int32Array(new ArrayBuffer(10), 2)],
        ["i32view", [10, 4, -1], () => new Int32Array(new ArrayBuffer(10), 4)],
        ["i32view", [16, 4, 4], () => new Int32Array(new ArrayBuffer(16), 4, 4)],
        ["i32view", [16, 20, -1], () => new Int32Array(new ArrayBuffer(16), 20)],
        ["i32view", [16, 20, 0], () => new Int32Array(new ArrayBuffer(16), 20, 0)],
        ["i32view", [16, -4, -1], () => new Int32Array(new ArrayBuffer(16), -4)],
        ["i32view", [16, -3, -1], () => new Int32Array(new ArrayBuffer(16), -3)],
        ["i32view", [16, 6, 1], () => new Int32Array(new ArrayBuffer(16), 6, 1)],
        ["i32view", [16, 0, -5], () => new Int32Array(new ArrayBuffer(16), 0, -5)],
        ["u16view", [9, 0, -1], () => new Uint16Array(new ArrayBuffer(9), 0)],
        ["u16view", [8, 10, -1], () => new Uint16Array(new ArrayBuffer(8), 10)],
        ["u8view", [10, 11, -1], () => new Uint8Array(new ArrayBuffer(10), 11)],
        ["u8view", [10, 10, 1], () => new Uint8Array(new ArrayBuffer(10), 10, 1)],
        ["f64view", [16, 12, -1], () => new Float64Array(new ArrayBuffer(16), 12)],
        ["f64view", [16, 8, 2], () => new Float64Array(new ArrayBuffer(16), 8, 2)],
        ["set", [2, 3, 0], () => new Int16Array(2).set(new Int16Array(3))],
        ["set", [2, 1, 2], () => new Int16Array(2).set(new Int16Array(1), 2)],
        ["set", [2, 1, -1], () => new Int16Array(2).set(new Int16Array(1), -1)],
        ["set", [2, 0, 3], () => new Int16Array(2).set(new Int16Array(0), 3)],
      ];
      for (const [c, args, f] of cases) expectPanic(bin, [c, ...args], jsError(f));
      // and the valid neighbours do not panic
      expectOk(bin, ["u8view", [10, 10, -1]].flat(), "0\n");
      expectOk(bin, ["i32view", 16, 4, 3], "3\n");
      expectOk(bin, ["i32view", 16, 16, -1], "0\n");
      expectOk(bin, ["dvnew", 10, 10, -1], "0\n");
      expectOk(bin, ["dvnew", 10, 4, 6], "6\n");
      expectOk(bin, ["set", 2, 0, 2], "ok\n");
      expectOk(bin, ["set", 2, 2, 0], "ok\n");
    });
  }
});
