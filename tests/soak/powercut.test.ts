// Power cuts on the native board, end to end (tools/soak/powercut.mjs): the
// board runs with --flash-timing, is killed (SIGKILL) at a random moment of an
// install, replace, rm, autostart change or file save (a run of the counter
// example, which keeps its count in a file of its folder), sometimes again
// while it boots, and boots again on the same flash file; its store must then
// hold the state before or after the operation, whole (modules, counter's
// count, free flash), and every module must still run.
// The in-process cut points on the simulated flash are in
// tests/device/store-powercut.test.ts.
//
// The long run: npm run soak -- --cuts 500
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runPowerCuts } from "../../tools/soak/powercut.mjs";

const CUTS = 20;
const failureDir = mkdtempSync(join(tmpdir(), "wasmcu-soak-test-"));
afterAll(() => rmSync(failureDir, { recursive: true, force: true }));

/** Flips a byte of the first committed module's bytes in the flash file (store-layout.ts: magic, commit word, bytes at 1024). */
function corruptFirstModule(file: string): void {
  const fd = openSync(file, "r+");
  try {
    const head = Buffer.alloc(520);
    for (let block = 0; block < 256; block++) {
      readSync(fd, head, 0, head.length, block * 4096);
      const committed = head.readUInt32LE(0) === 0x314d5357 && head.readUInt32LE(512) === 0x5ac3a53c && head.readUInt32LE(516) === 0xffffffff;
      if (!committed) continue;
      const at = block * 4096 + 1024 + 40;
      const b = Buffer.alloc(1);
      readSync(fd, b, 0, 1, at);
      b[0] ^= 0x5a;
      writeSync(fd, b, 0, 1, at);
      return;
    }
  } finally {
    closeSync(fd);
  }
}

describe("power cuts on the native board", () => {
  it(`survives ${CUTS} kill -9 cuts in store operations: old or new state, never a mix`, async () => {
    const lines: string[] = [];
    const f = await runPowerCuts({ cuts: CUTS, seed: 20251121, failureDir, progress: (l) => lines.push(l) });
    expect(f.failures, lines.join("\n")).toEqual([]);
    expect(f.old + f.new).toBe(CUTS);
    // the cuts landed on both sides of the commit, in more than one kind of operation
    expect(f.old).toBeGreaterThan(0);
    expect(f.new).toBeGreaterThan(0);
    expect(Object.keys(f.byKind).length).toBeGreaterThanOrEqual(3);
  }, 180_000);

  it("catches a store that a cut damaged (a module's bytes changed behind the board's back)", async () => {
    const f = await runPowerCuts({ cuts: 2, seed: 7, failureDir, afterCut: corruptFirstModule });
    expect(f.failures.length).toBeGreaterThan(0);
    expect(f.failures[0].message).toMatch(/SHA-256/);
  }, 120_000);
});
