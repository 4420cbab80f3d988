// Typed arrays: subarray/slice/fill/set/copyWithin/views against real typed arrays.
import { describe, expect, it } from "vitest";
import { check, typedCase } from "./cases.ts";
import { buildDriver, runLines } from "./helpers.ts";

describe("typed arrays", () => {
  it("subarray, slice, fill, set, copyWithin, of, views match JS", () => {
    const c = typedCase();
    expect(c.input.length).toBeGreaterThan(9000);
    expect(check(c, (driver, input, args) => runLines(buildDriver(driver), input, args))).toEqual([]);
  });
});
