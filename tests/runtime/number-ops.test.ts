// sts_number.h and sts_bigint.h helpers against the same JavaScript operations.
import { describe, expect, it } from "vitest";
import { bitsToF64, buildDriver, diffLines, f64Hex, rand64, rng, runLines } from "./helpers.ts";

const r = rng(7);
const U64 = (1n << 64n) - 1n;

function d(x: number): string {
  return Number.isNaN(x) ? "NaN" : f64Hex(x);
}

/** Interesting doubles: specials, boundaries of int32/uint32/2^53, huge, random. */
function doubles(): number[] {
  const xs: number[] = [
    0, -0, NaN, Infinity, -Infinity, 5e-324, -5e-324, 0.5, -0.5, 0.49999999999999994,
    -0.49999999999999994, 1.5, -1.5, 2.5, -2.5, 0.9999999999999999, -0.9999999999999999,
    1e300, -1e300, 1.7976931348623157e308, -1.7976931348623157e308, 1e21, 1e-7,
    4503599627370495.5, -4503599627370495.5, 4503599627370496, 4503599627370497,
  ];
  for (const base of [2 ** 31, 2 ** 32, 2 ** 53, 2 ** 63, 2 ** 64, 2 ** 84, 2 ** 85, 2 ** 52]) {
    for (const k of [-2, -1, -0.5, 0, 0.5, 1, 2, 1.25]) {
      xs.push(base + k, -(base + k), base * 3 + k, -(base * 5 + k));
    }
  }
  for (let i = 0; i < 3000; i++) {
    const x = bitsToF64(rand64(r));
    xs.push(x);
    const e = Math.floor(r() * 90);
    const y = (r() - 0.5) * 2 ** e;
    xs.push(y, Math.trunc(y), Math.trunc(y) + 0.5, Math.trunc(y) - 0.5);
  }
  return xs;
}

function randI64(): bigint {
  return BigInt.asIntN(64, rand64(r));
}
function smallish(): bigint {
  // mostly values with fewer bits, so quotients and shifts are interesting
  const bits = Math.floor(r() * 64);
  return BigInt.asIntN(64, rand64(r) >> BigInt(64 - bits - 1 > 0 ? 64 - bits - 1 : 0));
}

describe("number helpers", () => {
  it("ToInt32, ToUint32, Math.clz32, min, max, round, sign, %, truthiness", () => {
    const xs = doubles();
    const lines: string[] = [];
    const want: string[] = [];
    for (const x of xs) {
      lines.push(`toint32 ${f64Hex(x)}`);
      want.push(String(x | 0));
      lines.push(`touint32 ${f64Hex(x)}`);
      want.push(String(x >>> 0));
      lines.push(`round ${f64Hex(x)}`);
      want.push(d(Math.round(x)));
      lines.push(`sign ${f64Hex(x)}`);
      want.push(d(Math.sign(x)));
      lines.push(`truthy ${f64Hex(x)}`);
      want.push(x ? "1" : "0");
    }
    const specials = [0, -0, NaN, Infinity, -Infinity, 1, -1, 5e-324, -5e-324, 2.5, -2.5, 1e308];
    const pairs: [number, number][] = [];
    for (const a of specials) for (const b of specials) pairs.push([a, b]);
    for (let i = 0; i < 2000; i++) pairs.push([xs[Math.floor(r() * xs.length)]!, xs[Math.floor(r() * xs.length)]!]);
    for (let i = 0; i < 2000; i++) {
      const a = Math.floor((r() - 0.5) * 2 ** 40);
      pairs.push([a, Math.floor((r() - 0.5) * 2 ** Math.floor(r() * 20))], [a / 8, 0.125 * Math.floor(r() * 100 - 50)]);
    }
    for (const [a, b] of pairs) {
      lines.push(`min ${f64Hex(a)} ${f64Hex(b)}`);
      want.push(d(Math.min(a, b)));
      lines.push(`max ${f64Hex(a)} ${f64Hex(b)}`);
      want.push(d(Math.max(a, b)));
      lines.push(`remf ${f64Hex(a)} ${f64Hex(b)}`);
      want.push(d(a % b));
    }
    for (const u of [0, 1, 2, 3, 0x7fffffff, 0x80000000, 0xffffffff, 0x00010000, 0x0000ffff]) {
      lines.push(`clz32 ${u}`);
      want.push(String(Math.clz32(u)));
    }
    for (let i = 0; i < 500; i++) {
      const u = Math.floor(r() * 2 ** 32) >>> Math.floor(r() * 32);
      lines.push(`clz32 ${u}`);
      want.push(String(Math.clz32(u)));
    }
    const got = runLines(buildDriver("ops"), lines.join("\n") + "\n");
    expect(diffLines(lines, got, want)).toEqual([]);
  });

  it("(a / b) | 0 and (a % b) | 0 on integers", () => {
    const lines: string[] = [];
    const want: string[] = [];
    const ints = [0, 1, -1, 2, -2, 7, -7, 2 ** 31 - 1, -(2 ** 31), 2 ** 53, -(2 ** 53), 2 ** 53 - 1, 1e15 + 3];
    const pairs: [number, number][] = [];
    for (const a of ints) for (const b of ints) pairs.push([a, b]);
    for (let i = 0; i < 3000; i++) {
      const a = Math.trunc((r() - 0.5) * 2 ** Math.floor(r() * 54));
      const b = Math.trunc((r() - 0.5) * 2 ** Math.floor(r() * 54));
      pairs.push([a, b]);
    }
    for (const [a, b] of pairs) {
      lines.push(`divtoint ${a} ${b}`);
      const q = a / b;
      // the helper truncates; for int32-range quotients that is exactly (a / b) | 0
      want.push(String(Number.isFinite(q) ? Math.trunc(q) + 0 : 0));
      if (Number.isFinite(q) && Math.abs(q) < 2 ** 31) expect(Math.trunc(q) + 0).toBe((a / b) | 0);
      lines.push(`remtoint ${a} ${b}`);
      // the helper returns the remainder itself (b == 0 -> 0); | 0 is the caller's
      want.push(String(b === 0 ? 0 : (a % b) + 0));
      if (b !== 0 && Math.abs(a % b) < 2 ** 31) expect((a % b) + 0).toBe((a % b) | 0);
    }
    const got = runLines(buildDriver("ops"), lines.join("\n") + "\n");
    expect(diffLines(lines, got, want)).toEqual([]);
  });
});

describe("bigint helpers", () => {
  it("division, remainder, shifts, asIntN/asUintN, mixed compare, Number(x), decimal", () => {
    const lines: string[] = [];
    const want: string[] = [];
    const MIN = -(1n << 63n);
    const MAX = (1n << 63n) - 1n;
    const i64s = [0n, 1n, -1n, 2n, -2n, 3n, -3n, 7n, -7n, MIN, MAX, MIN + 1n, MAX - 1n, 1n << 32n, -(1n << 32n)];
    for (let i = 0; i < 400; i++) i64s.push(randI64(), smallish());
    const u64s = [0n, 1n, 2n, 3n, U64, U64 - 1n, 1n << 63n, (1n << 63n) - 1n, (1n << 63n) + 1n, 1n << 32n];
    for (let i = 0; i < 400; i++) u64s.push(rand64(r), BigInt.asUintN(64, smallish()));
    const pick = <T,>(a: T[]): T => a[Math.floor(r() * a.length)]!;

    for (let i = 0; i < 4000; i++) {
      const a = pick(i64s);
      const b = pick(i64s);
      if (b !== 0n) {
        lines.push(`i64div ${a} ${b}`);
        want.push(String(BigInt.asIntN(64, a / b)));
        lines.push(`i64rem ${a} ${b}`);
        want.push(String(BigInt.asIntN(64, a % b)));
      }
      const ua = pick(u64s);
      const ub = pick(u64s);
      if (ub !== 0n) {
        lines.push(`u64div ${ua} ${ub}`);
        want.push(String(ua / ub));
        lines.push(`u64rem ${ua} ${ub}`);
        want.push(String(ua % ub));
      }
      lines.push(`cmpiu ${a} ${ua}`);
      want.push(String(a < ua ? -1 : a > ua ? 1 : 0));
      const cmpSame = BigInt.asUintN(64, a) >= 0n && a >= 0n ? a : 0n; // equal values
      lines.push(`cmpiu ${cmpSame} ${cmpSame}`);
      want.push("0");
    }
    for (const a of [MIN, MIN + 1n, -1n, 0n]) {
      lines.push(`i64div ${a} -1`, `i64rem ${a} -1`);
      want.push(String(BigInt.asIntN(64, a / -1n)), String(BigInt.asIntN(64, a % -1n)));
    }
    const shifts = [0n, 1n, 2n, 31n, 32n, 33n, 62n, 63n, 64n, 65n, 100n, 1000n, U64];
    for (let i = 0; i < 1500; i++) {
      const n = r() < 0.8 ? BigInt(Math.floor(r() * 70)) : pick(shifts);
      const x = pick(u64s);
      const s = pick(i64s);
      lines.push(`shl64 ${x} ${n}`);
      want.push(String(n >= 64n ? 0n : BigInt.asUintN(64, x << n))); // x * 2^n mod 2^64
      lines.push(`shr64 ${x} ${n}`);
      want.push(String(x >> n));
      lines.push(`sar64 ${s} ${n}`);
      want.push(String(s >> n));
      const bits = Math.floor(r() * 65);
      lines.push(`asintn ${x} ${bits}`);
      want.push(String(BigInt.asIntN(bits, x)));
      lines.push(`asuintn ${x} ${bits}`);
      want.push(String(BigInt.asUintN(bits, x)));
    }
    for (const n of shifts) {
      for (const x of [MIN, -1n, 1n, MAX]) {
        lines.push(`sar64 ${x} ${n}`);
        want.push(String(x >> n));
      }
    }
    // Number(bigint): round to nearest, ties to even; hit the ties on purpose
    const conv: bigint[] = [...i64s];
    const uties: bigint[] = [];
    for (let k = 53; k < 64; k++) {
      const unit = 1n << BigInt(k - 53); // one ulp at 2^k is 2^(k-52); half-ulp is this
      for (const m of [1n, 3n, 5n]) {
        const v = (1n << BigInt(k)) + m * unit;
        if (k < 63) conv.push(v, -v);
        uties.push(v);
      }
    }
    for (const x of conv) {
      lines.push(`i2f ${x}`);
      want.push(d(Number(x)));
    }
    const uconv: bigint[] = [...u64s, ...uties, U64, U64 - 1024n, U64 - 1023n, (1n << 64n) - 2048n, (1n << 63n) + 1024n, (1n << 63n) + 3072n];
    for (const x of uconv) {
      lines.push(`u2f ${x}`);
      want.push(d(Number(x)));
      lines.push(`fmtu ${x}`);
      want.push(`${x} ${String(x).length}`);
    }
    for (const x of i64s) {
      lines.push(`fmti ${x}`);
      want.push(`${x} ${String(x).length}`);
    }
    const got = runLines(buildDriver("ops"), lines.join("\n") + "\n");
    expect(diffLines(lines, got, want)).toEqual([]);
  });
});
