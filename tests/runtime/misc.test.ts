// Arenas, arrays, strings and console.log output.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { SANITIZE, buildDriver, run } from "./helpers.ts";

function section(name: string, flags: string[] = []): string {
  const r = run(buildDriver("misc", flags), "", [name]);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return r.stdout;
}

describe("arena", () => {
  it("aligned, zeroed, counted; create/use/free; in-place growth; large blocks", () => {
    expect(section("arena")).toBe("arena ok\n");
  });
});

describe("arrays", () => {
  it("push/pop/at, single evaluation, JS evaluation order of push arguments", () => {
    const a: number[] = [];
    a.push(a.length);
    a.push(a.length);
    a.push(a.push(7));
    a.push(a.pop()!);
    expect(section("array")).toBe(`${a.join(",")}\na bc bc \narray ok\n`);
  });
});

describe("strings", () => {
  it("concat, equality, conversions", () => {
    expect(section("strings")).toBe(`x = ${1.5}!\nstrings ok\n`);
  });
});

describe("console.log", () => {
  it("prints what Node prints", () => {
    const js = `
      for (const x of [0, -0, 1.5, -1.5, 1e21, 1e-7, 123456789012345680000, 0.1 + 0.2, 5e-324,
        -1.7976931348623157e308, 1e-6, 100, 4294967295]) console.log(x);
      console.log(NaN, Infinity, -Infinity);
      console.log(-5, 2147483647, 4294967295);
      console.log(-5n, 0n, -(2n ** 63n), 2n ** 64n - 1n);
      console.log(true, false);
      console.log("héllo wörld ✓");
      console.log("");
      console.log("a", "", "b");
      console.log(1, "a", true, 5n, -0);
    `;
    const node = spawnSync(process.execPath, ["-e", js], { encoding: "utf8" });
    expect(node.status).toBe(0);
    expect(section("console")).toBe(node.stdout);
  });
});

describe("under AddressSanitizer and UBSan", () => {
  it("the arena, array and string sections run clean", () => {
    for (const s of ["arena", "array", "strings", "console"]) {
      const r = run(buildDriver("misc", SANITIZE), "", [s]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
    }
  });
});
