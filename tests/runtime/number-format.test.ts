// sts_fmt_f64 against V8's Number::toString on more than 200k doubles.
import { describe, expect, it } from "vitest";
import { check, fmtCase, fmtCorpus } from "./cases.ts";
import { buildDriver, f64ToBits, hex64, runLines } from "./helpers.ts";

const native = (driver: string, input: string, args: string[]) => runLines(buildDriver(driver), input, args);

describe("sts_fmt_f64", () => {
  it("matches String(x) on the whole corpus (> 200k doubles)", () => {
    const c = fmtCase();
    expect(c.input.length).toBeGreaterThan(200_000);
    expect(check(c, native)).toEqual([]);
  });

  it("prints -0 as -0 with negzero_sign = 1 and like String otherwise", () => {
    const some = [-0, 0, -1.5, 1e21, -1e-7, NaN, -Infinity, 123, -0.000001];
    const got = native("fmt", some.map((x) => hex64(f64ToBits(x))).join("\n") + "\n", ["1"]);
    expect(got).toEqual(some.map((x) => (Object.is(x, -0) ? "-0" : String(x))));
  });

  it("the corpus contains the hard cases", () => {
    const xs = new Set(fmtCorpus());
    for (const x of [5e-324, 1e21, 1e-7, 0.49999999999999994, 2 ** -1022, 1e23, Number.MAX_VALUE]) expect(xs.has(x)).toBe(true);
  });
});
