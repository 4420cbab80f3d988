// Soak cycles (tools/soak/cycles.mjs), bounded: install/run/stop/rm with
// three modules in different states at once, on the native board and on the
// JS simulator. The board's free RAM and free flash come back to their
// baseline exactly; the native board's process keeps its descriptors and
// does not grow; this process's descriptors, handles and timers come back to
// theirs once the target has stopped.
//
// The long run: npm run soak -- --cycles 1000
import { describe, expect, it } from "vitest";
import { RSS_NOISE_KB, RSS_STEADY_KB, TARGETS, runCycles } from "../../tools/soak/cycles.mjs";
import { commandModule, rng } from "../../tools/soak/modules.mjs";

const CYCLES = 100;

describe("install/run/stop/rm cycles", () => {
  for (const target of TARGETS) {
    it(`${target}: ${CYCLES} cycles come back to the baselines`, async () => {
      const { targets } = await runCycles({ cycles: CYCLES, seed: 5, targets: [target] });
      const r = targets[0];
      expect(r.problems).toEqual([]);
      expect(r.cycles).toBe(CYCLES);
      expect(r.end!.ramFree).toBe(r.start!.ramFree);
      expect(r.end!.flashFree).toBe(r.start!.flashFree);
      if (target === "native") {
        expect(r.end!.board!.fds).toBe(r.start!.board!.fds);
        expect(r.end!.board!.rssKb - r.start!.board!.rssKb).toBeLessThanOrEqual(RSS_NOISE_KB);
        expect(r.end!.board!.rssKb - r.samples[0].board!.rssKb).toBeLessThanOrEqual(RSS_STEADY_KB);
      }
      expect(r.host.after).toEqual(r.host.before);
    }, 180_000);
  }

  it("catches a cycle that leaves a module behind", async () => {
    const random = rng(9);
    const { targets } = await runCycles({
      cycles: 2,
      targets: ["sim"],
      afterCycle: (client, i) => client.upload(commandModule(2000, random), { name: `left${i}`, mode: "install" }),
    });
    expect(targets[0].problems.join("\n")).toMatch(/free flash \d+ B before, \d+ B after/);
  }, 120_000);
});
