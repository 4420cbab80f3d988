// The C that stc generates for every corpus program compiles warning-free:
// gcc -std=c99 -O2 -Wall -Wextra -Werror, with and without -DNDEBUG, and
// arm-none-eabi-gcc for a Cortex-M0+ (from `stc build --no-main`, compile only).
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  ARM_GCC,
  ARM_MISSING_MESSAGE,
  armCompile,
  cleanupTemp,
  corpusPrograms,
  describeRun,
  gccBuild,
  hasCommand,
  stcBuild,
  tempDir,
} from "./helpers";

const programs = corpusPrograms();

afterAll(() => cleanupTemp());

describe("stc output compiles with gcc and arm-none-eabi-gcc", () => {
  it(`${ARM_GCC} is installed`, () => {
    if (!hasCommand(ARM_GCC)) throw new Error(ARM_MISSING_MESSAGE);
  });

  for (const entry of programs) {
    const name = path.basename(entry);
    it.concurrent(
      name,
      async ({ expect }) => {
        const dir = tempDir(path.basename(entry, ".ts") + "-compilers");
        const base = path.join(dir, path.basename(entry, ".ts"));
        const [withMain, noMain] = await Promise.all([stcBuild(entry, base + ".c"), stcBuild(entry, base + "-nomain.c", ["--no-main"])]);
        if (withMain.code !== 0) throw new Error(`stc build failed\n${describeRun(withMain)}`);
        if (noMain.code !== 0) throw new Error(`stc build --no-main failed\n${describeRun(noMain)}`);

        const failures: string[] = [];
        const [debug, release] = await Promise.all([
          gccBuild(base + ".c", base + "-debug", [], entry),
          gccBuild(base + ".c", base + "-release", ["-DNDEBUG"], entry),
        ]);
        if (debug.code !== 0) failures.push(`gcc (debug) failed\n${describeRun(debug)}`);
        if (release.code !== 0) failures.push(`gcc -DNDEBUG failed\n${describeRun(release)}`);
        if (!hasCommand(ARM_GCC)) {
          failures.push(ARM_MISSING_MESSAGE);
        } else {
          const arm = await armCompile(base + "-nomain.c", base + "-arm.o");
          if (arm.code !== 0) failures.push(`${ARM_GCC} failed\n${describeRun(arm)}`);
        }
        if (failures.length > 0) throw new Error(`${name}:\n${failures.join("\n\n")}`);
        expect(failures).toEqual([]);
      },
      300_000,
    );
  }
});

it("the corpus is not empty", () => {
  expect(programs.length).toBeGreaterThan(0);
});
