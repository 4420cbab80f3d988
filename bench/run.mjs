// `npm run bench [-- wasm|stc] [options]`: the benchmark suites, one after the other.
//   wasm  bench/wasm.mjs: the engine's C build on ../shared/bench/wasm, next to wasm3 and WAMR (BASELINE.md)
//   stc   bench/stc.mjs:  stc's C against hand-written C and Node
// Options after the suite name go to that suite's script (see the top of each).
// Exit status: non-zero if a suite failed (wrong output); never for speed.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const suites = ["wasm", "stc"];
const args = process.argv.slice(2);
const chosen = suites.includes(args[0]) ? [args.shift()] : suites;
let status = 0;
for (const s of chosen) {
  if (chosen.length > 1) console.log(`\n== bench: ${s} ==`);
  const r = spawnSync(process.execPath, [join(here, `${s}.mjs`), ...args], { stdio: "inherit" });
  if (r.status !== 0) status = r.status ?? 1;
}
process.exit(status);
