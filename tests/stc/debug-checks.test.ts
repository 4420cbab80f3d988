// Program errors in C: a debug build (no NDEBUG) checks typed-array indexes and
// integer ++ / += ranges and aborts with "file.ts:line:col"; a release build
// (-DNDEBUG) leaves the checks out (here we only check that it compiles).
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, it } from "vitest";
import { ROOT, cleanupTemp, describeRun, gccBuild, runExe, stcBuildCli, tempDir } from "./helpers";

// The programs live under build/ (git-ignored) so that they can import core/types
// with a relative path, as every STS program does.
const SRC_DIR = path.join(ROOT, "build", "stc-debug-checks");

interface Case {
  file: string;
  source: string;
  /** 1-based line of the faulty operation */
  line: number;
  what: string;
}

const cases: Case[] = [
  {
    file: "oob-typed-array.ts",
    what: "typed-array index out of range",
    line: 4,
    source: `import type { i32, u8 } from "../../core/types";

function get(a: Uint8Array, i: i32): u8 {
  return a[i];
}
const data = new Uint8Array(4);
let total: i32 = 0;
for (let i = 0; i <= 4; i++) {
  total += get(data, i);
}
console.log(total);
`,
  },
  {
    file: "oob-array-store.ts",
    what: "array index out of range (store)",
    line: 4,
    source: `import type { i32 } from "../../core/types";

function put(a: i32[], i: i32, v: i32): void {
  a[i] = v;
}
const xs: i32[] = [1, 2, 3];
for (let i = 0; i < 5; i++) {
  put(xs, i, i);
}
console.log(xs.length);
`,
  },
  {
    file: "inc-overflow.ts",
    what: "i32 ++ overflow",
    line: 5,
    source: `import type { i32 } from "../../core/types";

function bump(start: i32): i32 {
  let x: i32 = start;
  x++;
  return x;
}
console.log(bump(2147483646));
console.log(bump(2147483647));
`,
  },
  {
    file: "add-assign-overflow.ts",
    what: "u8 += overflow",
    line: 5,
    source: `import type { i32, u8 } from "../../core/types";

function addTo(start: u8, n: i32): u8 {
  let b: u8 = start;
  b += n;
  return b;
}
console.log(addTo(200, 55));
console.log(addTo(200, 56));
`,
  },
];

afterAll(() => cleanupTemp());

describe("C program errors: debug builds check, release builds do not", () => {
  fs.mkdirSync(SRC_DIR, { recursive: true });
  for (const c of cases) {
    it.concurrent(
      `${c.what} (${c.file})`,
      async ({ expect }) => {
        const src = path.join(SRC_DIR, c.file);
        fs.writeFileSync(src, c.source);
        const dir = tempDir(path.basename(c.file, ".ts"));
        const cFile = path.join(dir, "prog.c");
        const built = await stcBuildCli(src, cFile);
        if (built.code !== 0) throw new Error(`stc build failed\n${describeRun(built)}`);

        const [debug, release] = await Promise.all([
          gccBuild(cFile, path.join(dir, "debug")),
          gccBuild(cFile, path.join(dir, "release"), ["-DNDEBUG"]),
        ]);
        if (debug.code !== 0) throw new Error(`gcc (debug) failed\n${describeRun(debug)}`);
        if (release.code !== 0) throw new Error(`gcc -DNDEBUG failed\n${describeRun(release)}`);

        const r = await runExe(path.join(dir, "debug"));
        expect(r.code, `the debug build must stop with an error\n${describeRun(r)}`).not.toBe(0);
        const m = new RegExp(`${c.file.replace(/[.]/g, "\\.")}:(\\d+):(\\d+)`).exec(r.stderr);
        expect(m, `stderr must name ${c.file}:line:col\n${describeRun(r)}`).not.toBeNull();
        const line = Number(m![1]);
        const col = Number(m![2]);
        expect(line, `the error points at line ${c.line}\n${r.stderr}`).toBe(c.line);
        const text = c.source.split("\n")[line - 1];
        const firstCol = text.length - text.trimStart().length + 1;
        expect(col, `the column points into line ${line}: ${JSON.stringify(text)}`).toBeGreaterThanOrEqual(firstCol);
        expect(col).toBeLessThanOrEqual(text.length);
      },
      180_000,
    );
  }
});
