// sts_number.h and sts_bigint.h helpers against the same JavaScript operations.
import { describe, expect, it } from "vitest";
import { bigintCase, check, intDivCase, numberCase } from "./cases.ts";
import { buildDriver, runLines } from "./helpers.ts";

const native = (driver: string, input: string, args: string[]) => runLines(buildDriver(driver), input, args);

describe("number helpers", () => {
  it("ToInt32, ToUint32, Math.clz32, min, max, round, sign, %, truthiness", () => {
    expect(check(numberCase(), native)).toEqual([]);
  });
  it("(a / b) | 0 and (a % b) | 0 on integers", () => {
    expect(check(intDivCase(), native)).toEqual([]);
  });
});

describe("bigint helpers", () => {
  it("division, remainder, shifts, asIntN/asUintN, mixed compare, Number(x), decimal", () => {
    expect(check(bigintCase(), native)).toEqual([]);
  });
});
