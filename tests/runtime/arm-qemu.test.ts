// The runtime compiled for Cortex-M0+ (Thumb-1, 32-bit, soft-float: libgcc's
// __aeabi_* routines and newlib's libm) gives the same results as V8. The
// drivers run under qemu-arm's Linux user mode through a small syscall shim
// (c/arm_linux_shim.c). Skipped, with the reason, when the tools are missing.
import { describe, expect, it } from "vitest";
import {
  bigintCase, check, dataviewCase, float32Case, fmtCase, intDivCase, numberCase, typedCase,
} from "./cases.ts";
import { armQemuMissing, buildArmDriver, runArm, runArmLines } from "./helpers.ts";

const missing = armQemuMissing();
if (missing !== undefined) process.stderr.write(`SKIP arm-qemu tests: ${missing}\n`);

const arm = (driver: string, input: string, args: string[]) => runArmLines(buildArmDriver(driver), input, args);

describe.skipIf(missing !== undefined)("Cortex-M0+ build under qemu-arm", () => {
  it("number formatting (every 10th double of the corpus)", () => {
    expect(check(fmtCase(10), arm)).toEqual([]);
  });
  it("number helpers, integer division, bigint helpers (Number(bigint) via __aeabi_l2d/__aeabi_ul2d)", () => {
    expect(check(numberCase(), arm)).toEqual([]);
    expect(check(intDivCase(), arm)).toEqual([]);
    expect(check(bigintCase(), arm)).toEqual([]);
  });
  it("typed arrays, DataView, float32 conversions and NaN payloads", () => {
    expect(check(typedCase(), arm)).toEqual([]);
    expect(check(dataviewCase(), arm)).toEqual([]);
    expect(check(float32Case(), arm)).toEqual([]);
  });
  it("arenas, arrays, strings", () => {
    const elf = buildArmDriver("misc");
    for (const s of ["arena", "array", "strings"]) {
      const r = runArm(elf, "", [s]);
      expect(r.stdout).toContain(`${s} ok`);
      expect(r.status).toBe(0);
    }
  });
  it("a panic prints the location and aborts", () => {
    const r = runArm(buildArmDriver("panic"), "", ["idx", "5", "3"]);
    expect(r.signal).toBe("SIGABRT");
    expect(r.stdout).toBe("before\n");
    expect(r.stderr).toContain("t.ts:3:7: index 5 out of range for length 3\n");
  });
});
