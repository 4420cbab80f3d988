// DataView accessors (every width, both byte orders) against a real DataView,
// and NaN bit patterns through float32 conversions against V8.
import { describe, expect, it } from "vitest";
import {
  bitsToF64, buildDriver, diffLines, f32BitsToNumber, f64ToBits, hex64, rand64, rng, runLines,
} from "./helpers.ts";

const types = ["Uint8", "Int8", "Uint16", "Int16", "Uint32", "Int32", "Float32", "Float64", "BigInt64", "BigUint64"] as const;
type T = (typeof types)[number];
const width: Record<T, number> = {
  Uint8: 1, Int8: 1, Uint16: 2, Int16: 2, Uint32: 4, Int32: 4, Float32: 4, Float64: 8, BigInt64: 8, BigUint64: 8,
};

describe("DataView", () => {
  it("get/set of every type and byte order match a real DataView", () => {
    const r = rng(5);
    const buf = new ArrayBuffer(24);
    const bytes = new Uint8Array(buf);
    const dv = new DataView(buf, 4, 16);
    const dump = () => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    const lines: string[] = [];
    const want: string[] = [];
    const call = dv as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (let i = 0; i < 6000; i++) {
      const t = types[Math.floor(r() * types.length)]!;
      const off = Math.floor(r() * (16 - width[t] + 1));
      const le = r() < 0.5 ? 1 : 0;
      if (r() < 0.5) {
        let text: string;
        let value: number | bigint;
        const bits = rand64(r);
        switch (t) {
          case "Float32": {
            let b = Number(bits & 0xffffffffn);
            if ((b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0) b = (b & 0xff7fffff) >>> 0; // no NaNs here
            text = b.toString(16).padStart(8, "0");
            value = f32BitsToNumber(b);
            break;
          }
          case "Float64":
            // NaN payloads included: V8 keeps float64 NaN bits through DataView
            text = hex64(bits);
            value = bitsToF64(bits);
            break;
          case "BigInt64":
            value = BigInt.asIntN(64, bits);
            text = String(value);
            break;
          case "BigUint64":
            value = bits;
            text = String(value);
            break;
          default: {
            const w = BigInt(width[t] * 8);
            value = Number(t.startsWith("Int") ? BigInt.asIntN(Number(w), bits) : BigInt.asUintN(Number(w), bits));
            text = String(value);
          }
        }
        lines.push(`set ${t} ${off} ${text} ${le}`);
        call[`set${t}`]!.call(dv, off, value, le === 1);
        want.push(dump());
      } else {
        lines.push(`get ${t} ${off} ${le}`);
        const got = call[`get${t}`]!.call(dv, off, le === 1) as number | bigint;
        want.push(typeof got === "bigint" ? String(got) : t.startsWith("Float") ? hex64(f64ToBits(got)) : String(got));
      }
    }
    const got = runLines(buildDriver("dv"), lines.join("\n") + "\n");
    expect(diffLines(lines, got, want)).toEqual([]);
  });

  it("the big-endian default (le = 0) and little-endian agree with JS on a known value", () => {
    const dv = new DataView(new ArrayBuffer(24), 4, 16);
    dv.setUint32(0, 0x01020304);
    dv.setUint32(4, 0x01020304, true);
    const got = runLines(buildDriver("dv"), "set Uint32 0 16909060 0\nset Uint32 4 16909060 1\n");
    expect(got[1]).toBe("000000000102030404030201000000000000000000000000");
    expect(new Uint8Array(dv.buffer).slice(4, 12)).toEqual(new Uint8Array([1, 2, 3, 4, 4, 3, 2, 1]));
  });
});

describe("float32 conversions and NaN payloads", () => {
  it("(float)d, (double)f and Math.fround give V8's bits, NaNs included", () => {
    const r = rng(11);
    const f32 = new Float32Array(1);
    const u32 = new Uint32Array(f32.buffer);
    const lines: string[] = [];
    const want: string[] = [];
    const nanBits: bigint[] = [
      0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff8000000000001n, 0x7ff0000000000001n,
      0x7ff4000000000000n, 0xfff4000000000000n, 0x7ff123456789abcdn, 0x7ff8000020000000n,
      0x7ff0000020000000n, 0x7fffffffffffffffn, 0xffffffffffffffffn, 0x7ff00000e0000000n,
    ];
    const d64: bigint[] = [...nanBits];
    for (let i = 0; i < 3000; i++) {
      const b = rand64(r);
      d64.push(b, (b & 0x800fffffffffffffn) | 0x7ff0000000000000n); // random, and random NaN
      if (BigInt.asUintN(63, b) === 0x7ff0000000000000n) d64.pop();
    }
    for (const b of d64) {
      const x = bitsToF64(b);
      f32[0] = x;
      lines.push(`d2f ${hex64(b)}`);
      want.push(u32[0]!.toString(16).padStart(8, "0"));
      lines.push(`fround ${hex64(b)}`);
      want.push(hex64(f64ToBits(Math.fround(x))));
    }
    const f32bits: number[] = [0x7f800001, 0x7fc00000, 0xffc00000, 0x7fc00001, 0xff800123, 0x7fbfffff, 0x7fffffff];
    for (let i = 0; i < 3000; i++) {
      const b = Math.floor(r() * 2 ** 32);
      f32bits.push(b, ((b & 0x807fffff) | 0x7f800000) >>> 0);
    }
    for (const b of f32bits) {
      if ((b & 0x7fffffff) === 0x7f800000) continue;
      u32[0] = b;
      lines.push(`f2d ${b.toString(16).padStart(8, "0")}`);
      want.push(hex64(f64ToBits(f32[0]!)));
    }
    const got = runLines(buildDriver("dv"), lines.join("\n") + "\n");
    expect(diffLines(lines, got, want)).toEqual([]);
  });
});
