// sts_fmt_f64 against V8's Number::toString on more than 200k doubles.
import { describe, expect, it } from "vitest";
import {
  bitsToF64, buildDriver, diffLines, f64ToBits, hex64, rand64, rng, runLines,
} from "./helpers.ts";

function nextUp(x: number, k: number): number {
  // k ulps away from x along the bit patterns (same sign), staying finite
  const b = f64ToBits(x) + BigInt(k);
  if (b < 0n || b >= 0x7ff0000000000000n) return x;
  return bitsToF64(b);
}

function corpus(): number[] {
  const r = rng(20240611);
  const xs: number[] = [];
  const push = (x: number) => xs.push(x, -x);
  // special values and known hard cases
  for (const x of [
    0, NaN, Infinity, 5e-324, 1e-323, 2.225073858507201e-308, 2.2250738585072014e-308,
    Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON, 0.1, 0.2, 0.3, 0.1 + 0.2, 1 / 3, 2 / 3,
    0.49999999999999994, 0.5, 1.5, 123456789012345680000, 1e21, 1e-7, 1.5e-7, 0.000001,
    9007199254740991, 9007199254740992, 9007199254740993, 9007199254740994, 2 ** 53 + 2,
    4294967295, 4294967296, 2147483647, 2147483648, 1e15, 1e16, 1e17, 1.7976931348623157e308,
    5e-310, 4.9406564584124654e-324, 9.5e-323, 123e-20, 1e23, 8.41e21, 5.0e-324 * 3,
    2.5, 0.000001234, 1234567.125, 1.0000000000000002, 0.9999999999999999,
  ]) push(x);
  // random bit patterns (all exponents, NaNs and infinities included)
  for (let i = 0; i < 100_000; i++) xs.push(bitsToF64(rand64(r)));
  // subnormals
  for (let i = 0; i < 15_000; i++) push(bitsToF64(rand64(r) & 0x000fffffffffffffn));
  // integers of every magnitude (beyond 2^53 they are rounded)
  for (let i = 0; i < 20_000; i++) {
    const k = Math.floor(r() * 75);
    push(Math.floor(r() * 2 ** k));
  }
  // powers of two and their neighbours
  for (let e = -1074; e <= 1023; e++) {
    const p = 2 ** e;
    for (let k = -3; k <= 3; k++) xs.push(nextUp(p, k));
  }
  // powers of ten and their neighbours
  for (let e = -323; e <= 308; e++) {
    const p = Number(`1e${e}`);
    for (let k = -3; k <= 3; k++) push(nextUp(p, k));
  }
  // around the format switches 1e21 and 1e-7 (and 1e-6, 1e20)
  for (const c of [1e21, 1e-7, 1e-6, 1e20]) {
    for (let k = -2000; k <= 2000; k++) push(nextUp(c, k));
  }
  // short decimals: the values people write, where the shortest digits matter
  for (let i = 0; i < 35_000; i++) {
    const nd = 1 + Math.floor(r() * 17);
    let digits = "";
    for (let j = 0; j < nd; j++) digits += String(Math.floor(r() * 10));
    const exp = Math.floor(r() * 660) - 340;
    push(Number(`${digits}e${exp}`));
  }
  // plain fractions and Math.random-like values
  for (let i = 0; i < 8_000; i++) {
    push(r());
    push(Math.floor(r() * 1000) / (1 + Math.floor(r() * 1000)));
  }
  return xs;
}

describe("sts_fmt_f64", () => {
  const xs = corpus();
  const input = xs.map((x) => hex64(f64ToBits(x))).join("\n") + "\n";

  it(`matches String(x) for ${xs.length} doubles`, () => {
    expect(xs.length).toBeGreaterThan(200_000);
    const got = runLines(buildDriver("fmt"), input, ["0"]);
    const want = xs.map((x) => String(x));
    const bad = diffLines(input.split("\n"), got, want);
    expect(bad).toEqual([]);
  });

  it("prints -0 as -0 with negzero_sign = 1 and like String otherwise", () => {
    const some = [-0, 0, -1.5, 1e21, -1e-7, NaN, -Infinity, 123, -0.000001];
    const got = runLines(buildDriver("fmt"), some.map((x) => hex64(f64ToBits(x))).join("\n") + "\n", ["1"]);
    expect(got).toEqual(some.map((x) => (Object.is(x, -0) ? "-0" : String(x))));
  });
});
