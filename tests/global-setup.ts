// Builds, once and before any test file starts, what several test files run:
// the C engine (wasmcu-exec), the native firmware (`wasmcu sim --native`) and
// the example modules. Each is cached (rebuilt only when its sources changed);
// building them here keeps test files that start at the same time from
// building the same thing side by side, which on a 2-core machine can take
// longer than a test's wait for its board.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { buildCEngine } from "../tools/lib/engines.mjs";
import { buildNativeFirmware } from "../tools/lib/native-board.mjs";
import { root } from "../tools/lib/sts-run.mjs";

export default function setup(): void {
  const log = (m: string) => process.stderr.write(`test set-up: ${m}\n`);
  buildCEngine({ log });
  buildNativeFirmware({ log });
  const r = spawnSync(process.execPath, [join(root, "tools/examples/build.mjs")], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm run examples failed:\n${r.stdout}\n${r.stderr}`);
}
