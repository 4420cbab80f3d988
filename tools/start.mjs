// `npm start`: the main job on an embedded default, with no board attached.
// Starts a simulated board (ports/sim, an RP2040 at 115200 baud on a
// pseudo-terminal), installs the C hello example in its flash over the wire
// protocol, starts it and streams its output, then shows what the board holds.
// Everything goes through the same pieces as `wasmcu sim`, `wasmcu install`,
// `wasmcu start` and `wasmcu logs`.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { startSimulator } from "../ports/sim/board.mjs";
import { BoardClient } from "./link/client.mjs";
import { Transport } from "./link/transport.mjs";
import { loadWire } from "./link/wire.mjs";
import { root } from "./lib/sts-run.mjs";

const BAUD = 115200;
const say = (m) => process.stderr.write(`wasmcu: ${m}\n`);

// 1. the example module, built by clang-19 for wasm32-wasi
const build = spawnSync(process.execPath, [join(root, "tools/examples/build.mjs"), "--lang", "c"], { encoding: "utf8" });
if (build.status !== 0) {
  process.stderr.write(build.stdout + build.stderr);
  say("the C examples did not build (see above); `npm run setup` installs the compilers");
  process.exit(1);
}
const file = join(root, "build/examples/c/hello.wasm");
const bytes = new Uint8Array(readFileSync(file));

// 2. a simulated board, as `wasmcu sim` starts it
const sim = await startSimulator({ board: "rp2040", baud: BAUD, log: (m) => process.stderr.write(`sim: ${m}\n`) });
await new Promise((resolve) => sim.events.on("event", (e) => e.event === "ready" && resolve()));
say(`simulated rp2040 board on ${sim.path} (${BAUD} baud)`);

// 3. the host side, as every wasmcu board command opens it
const transport = await Transport.open(sim.path, { baud: BAUD, warn: say });
const client = new BoardClient(transport, await loadWire(), { onBanner: (line) => process.stderr.write(`board: ${line}\n`) });
let code = 0;
try {
  const info = await client.hello();
  say(`board ${info.board}, firmware ${info.firmware}, ${info.flashFree} bytes of flash free`);
  const up = await client.upload(bytes, { name: "hello", mode: "install" });
  const rate = up.bytes / up.seconds;
  say(`installed ${relative(process.cwd(), file)} as "hello": ${up.bytes} bytes in ${up.seconds.toFixed(2)} s (${(rate / 1024).toFixed(1)} KiB/s, ${((rate * 10 * 100) / BAUD).toFixed(0)}% of the line rate)`);
  // 4. start it and stream its output until it exits
  const started = performance.now();
  let first = 0;
  const ended = new Promise((resolve) => client.on("EXIT", (e) => e.name === "hello" && resolve(e)));
  client.on("LOG", (r) => {
    if (r.name !== "hello") return;
    if (!first) first = performance.now();
    (r.stream === 2 ? process.stderr : process.stdout).write(r.data);
  });
  await client.start("hello");
  const end = await ended;
  code = end.code;
  say(`hello exited with code ${end.code}; first output ${(first - started).toFixed(0)} ms after start`);
  for (const m of await client.list()) say(`on the board: ${m.name} (${m.size} bytes, ${m.persisted ? "in flash" : "in RAM"})`);
  say("next: `npx wasmcu sim` in one terminal, `npx wasmcu run build/examples/c/hello.wasm` in another (README.md)");
} catch (e) {
  say(`failed: ${e.message}`);
  code = 1;
} finally {
  await transport.close();
  await sim.close();
}
process.exit(code);
