// Differential test of stc: every corpus program prints the same bytes under
// Node (esbuild bundle) and as C (stc build + gcc, both the debug build with
// the run-time checks on and the -DNDEBUG release build), and all exit with 0.
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildC, cleanupTemp, corpusPrograms, describeDiff, describeRun, runExe, runNode } from "./helpers";

const programs = corpusPrograms();

afterAll(() => cleanupTemp());

describe("stc differential: Node output === C output", () => {
  it("has a corpus of at least 70 programs", () => {
    expect(programs.length).toBeGreaterThanOrEqual(70);
  });

  for (const entry of programs) {
    const name = path.basename(entry);
    it.concurrent(
      name,
      async ({ expect }) => {
        const node = await runNode(entry);
        if (node.code !== 0) throw new Error(`${name} fails under Node\n${describeRun(node)}`);
        // the debug build runs with the checks on; the release build is what
        // optimizes hardest (aliasing, evaluation order), so both must agree
        for (const [kind, flags] of [["debug", []], ["release (-DNDEBUG)", ["-DNDEBUG"]]] as const) {
          const built = await buildC(entry, flags);
          if (!built.ok) throw new Error(`${name} (${kind}): ${built.failure}`);
          const c = await runExe(built.exe);
          if (c.code !== 0) throw new Error(`${name} (${kind}): the C program did not exit with 0\n${describeRun(c)}`);
          if (!node.stdoutBytes.equals(c.stdoutBytes)) {
            throw new Error(`${name} (${kind}): C output differs from Node output\n${describeDiff(node.stdout, c.stdout, "node", "c")}\n(C source: ${built.cFile}; set STC_KEEP_TEMP=1 to keep it)`);
          }
          expect(c.stdout).toBe(node.stdout);
        }
      },
      300_000,
    );
  }
});
