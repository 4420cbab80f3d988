// The interpreter's C stack does not grow with the Wasm call depth: Wasm calls
// keep their frames in the thread's own arrays (execute.ts), so a deep or
// unbounded recursion ends with the engine's call-depth trap, never with the
// board's native stack overflowing. Checked on the C build (wasmcu-exec) by
// finding the smallest stack limit (ulimit -s) a depth-1 call runs in, then
// running depth 900 and an unbounded recursion within that same limit.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCEngine } from "../../tools/lib/engines.mjs";

const temp = mkdtempSync(join(tmpdir(), "wasmcu-cstack-"));

/** A command that recurses `depth` calls deep (with an i32 argument and result) and exits with depth % 256. */
function recursion(depth: number): string {
  const file = join(temp, `deep-${depth}.wasm`);
  writeFileSync(
    join(temp, "deep.wat"),
    `(module
      (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
      (func $f (param i32) (result i32)
        (if (result i32) (local.get 0)
          (then (i32.add (call $f (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))
          (else (i32.const 0))))
      (func (export "_start") (call $exit (i32.rem_u (call $f (i32.const ${depth})) (i32.const 256)))))`,
  );
  execFileSync("wat2wasm", [join(temp, "deep.wat"), "-o", file]);
  return file;
}

describe("the C stack of the interpreter", () => {
  let exec: string;
  beforeAll(() => {
    exec = buildCEngine();
  }, 600_000);

  /** Runs the module with the process's stack limited to `kb` KiB. */
  const runWithStack = (kb: number, module: string) => spawnSync("sh", ["-c", `ulimit -s ${kb} && exec "$0" "$1"`, exec, module], { encoding: "utf8" });

  it("does not grow with the Wasm call depth", () => {
    const shallow = recursion(1);
    let limit = 0;
    for (let kb = 8; kb <= 256 && limit === 0; kb += 2) {
      if (runWithStack(kb, shallow).status === 1) limit = kb;
    }
    expect(limit, "no stack limit up to 256 KiB runs a depth-1 call").toBeGreaterThan(0);
    // 16 KiB more, for what varies from run to run (the stack's random start, the environment's size):
    // far less than 900 native frames of an interpreter that recursed would need (100 bytes each at least)
    limit += 16;
    // 900 Wasm calls deep in the stack a single call needs
    const deep = runWithStack(limit, recursion(900));
    expect(deep.signal, `depth 900 at ${limit} KiB`).toBeNull();
    expect(deep.status).toBe(900 % 256);
    // unbounded: the engine's call-depth limit ends it, with its trap, in the same stack
    const unbounded = runWithStack(limit, recursion(1_000_000));
    expect(unbounded.signal, `unbounded at ${limit} KiB`).toBeNull();
    expect(unbounded.status).toBe(134);
    expect(unbounded.stderr).toContain("call stack exhausted");
  });
});
