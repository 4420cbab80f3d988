// The project's own scripts: setup, the wasmcu placeholder, and the benchmark
// programs (hand-written C and the STS under Node must print the same line).
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundle, gcc, resizedCopy, root, runProgram } from "../../tools/lib/sts-run.mjs";

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });

describe("tools/setup.mjs", () => {
  it("has nothing to do on a set-up machine, and says so in one line", () => {
    // --check: never installs anything from inside a test run.
    const r = node(["tools/setup.mjs", "--check"]);
    expect(r.status, r.stderr).toBe(0);
    // One status line (plus, when run outside `npm test`, a warning if valgrind is missing).
    expect(r.stdout.trim().split("\n").pop()).toMatch(/^setup: ok \(node /);
  });
});

describe("wasmcu (tools/cli/bin.mjs)", () => {
  it("prints the package version", () => {
    expect(execFileSync(process.execPath, ["tools/cli/bin.mjs", "--version"], { cwd: root, encoding: "utf8" }).trim()).toBe(
      pkg.version,
    );
  });
  it("exits 2 on an unknown command, with usage", () => {
    const r = node(["tools/cli/bin.mjs", "frobnicate"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
    expect(r.stderr).toContain("usage:");
  });
});

// Reduced sizes, as bench/run.mjs uses under callgrind.
const benches: Record<string, Record<string, number>> = {
  sieve: { REPS: 2 },
  vm: { ITERATIONS: 200000 },
};

describe("bench: hand-written C and STS under Node agree", () => {
  const out = join(root, "build/test-tools");
  for (const [name, sizes] of Object.entries(benches)) {
    it(name, async () => {
      const bin = join(out, `${name}_c`);
      gcc(join(root, `bench/c/${name}.c`), bin, ["-O2", "-Wall", "-Wextra", "-Werror", ...Object.entries(sizes).map(([k, v]) => `-D${k}=${v}`)]);
      const sts = resizedCopy(join(root, `bench/sts/${name}.ts`), sizes, join(out, "sts"));
      const js = join(out, `${name}.mjs`);
      await bundle(sts, js);
      const c = runProgram(bin);
      const n = runProgram(js);
      expect(c.status, c.stderr).toBe(0);
      expect(n.status, n.stderr).toBe(0);
      expect(c.stdout).toMatch(new RegExp(`^${name} `));
      expect(n.stdout).toBe(c.stdout);
    });
  }
});
