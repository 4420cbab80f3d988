// DataView accessors (every width, both byte orders) against a real DataView,
// and NaN bit patterns through float32 conversions against V8.
import { describe, expect, it } from "vitest";
import { check, dataviewCase, float32Case } from "./cases.ts";
import { buildDriver, runLines } from "./helpers.ts";

const native = (driver: string, input: string, args: string[]) => runLines(buildDriver(driver), input, args);

describe("DataView", () => {
  it("get/set of every type and byte order match a real DataView", () => {
    expect(check(dataviewCase(), native)).toEqual([]);
  });
  it("the big-endian default (le = 0) and little-endian agree with JS on a known value", () => {
    const dv = new DataView(new ArrayBuffer(24), 4, 16);
    dv.setUint32(0, 0x01020304);
    dv.setUint32(4, 0x01020304, true);
    const got = native("dv", "set Uint32 0 16909060 0\nset Uint32 4 16909060 1\n", []);
    expect(got[1]).toBe("000000000102030404030201000000000000000000000000");
    expect(new Uint8Array(dv.buffer).slice(4, 12)).toEqual(new Uint8Array([1, 2, 3, 4, 4, 3, 2, 1]));
  });
});

describe("float32 conversions and NaN payloads", () => {
  it("(float)d, (double)f and Math.fround give V8's bits, NaNs included", () => {
    expect(check(float32Case(), native)).toEqual([]);
  });
});
