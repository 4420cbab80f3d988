// The soak's cycles: install/run/stop/rm, over and over, with three modules
// in different states at once, on the native board and on the JS simulator;
// then whether everything came back to where it started.
//
// One cycle: "keeper" is installed and started (it waits for ever, calling
// wasmcu.delay), "runner" is uploaded to run in RAM only (it waits too),
// "oneshot" is installed, started, and exits 0 after a log line; the list
// shows the three states; keeper and runner are stopped; all three are
// removed. Each module has a new random size and new bytes every cycle.
//
// Figures, after a warm-up cycle and again after the last: the board's free
// RAM and free flash (INFO: must be back to the baseline exactly), the native
// board process's RSS and open descriptors (/proc/PID), and this process's
// own open descriptors and active handles and timers (before the target
// starts and after it stops: must be back to the baseline exactly).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildNativeFirmware, startNativeBoard } from "../lib/native-board.mjs";
import { startSimulator } from "../../ports/sim/board.mjs";
import { commandModule, rng } from "./modules.mjs";
import { hostFigures, nextExit, openSession, processFigures, sleep, startAndExit } from "./session.mjs";

export const TARGETS = ["native", "sim"];
const CYCLE_NAMES = ["keeper", "runner", "oneshot"];
/** ModuleState (core/protocol/messages.ts) */
const RUNNING = 1;
const EXITED = 2;
/** ExitKind.Stopped */
const STOPPED = 2;
/** RSS may move by this much without counting as growth: the C library's and the kernel's own bookkeeping. */
export const RSS_NOISE_KB = 256;
/**
 * From the first sample on (a tenth of the run), RSS may grow by this much at
 * most: by then malloc holds what the largest modules need, and RSS stays flat
 * to the page (the leaks fixed in core/device grew it by 1.5 kB a cycle).
 */
export const RSS_STEADY_KB = 64;

/** Lets closed handles go (a child's pipes close a tick after its exit). */
async function settle() {
  for (let i = 0; i < 5; i++) {
    await sleep(20);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Starts `target`: { path, pid (null for the in-process simulator), stop() }. */
async function startTarget(target, dir) {
  if (target === "native") {
    const board = await startNativeBoard({ binary: buildNativeFirmware(), flash: join(dir, "native-flash.bin") });
    await board.waitFor((e) => e.event === "ready", 30000);
    return { path: board.path, pid: board.child.pid, stop: () => board.stop(), stderr: board.stderr };
  }
  const messages = [];
  const sim = await startSimulator({ flash: join(dir, "sim-flash.bin"), baud: 0, log: (m) => messages.push(m) });
  await new Promise((resolve) => sim.events.on("event", (e) => e.event === "ready" && resolve()));
  return { path: sim.path, pid: null, stop: () => sim.close(), stderr: () => messages.join("\n") };
}

/** What the board and the processes hold now. */
async function snapshot(client, target) {
  const info = await client.info();
  const figures = { ramFree: info.ramFree, ramTotal: info.ramTotal, flashFree: info.flashFree, flashTotal: info.flashTotal };
  if (target.pid !== null) Object.assign(figures, { board: processFigures(target.pid) });
  return figures;
}

async function expectExit(client, name, kind, what) {
  const e = await nextExit(client, name);
  if (e.kind !== kind || e.code !== 0) throw new Error(`${what}: ${name} ended with kind ${e.kind}, code ${e.code} (${e.message})`);
}

/** One cycle (see the file's header); throws what went wrong. */
async function cycle(client, random) {
  const keeper = commandModule(random.int(1024, 16384), random, { waitMs: 50 });
  const runner = commandModule(random.int(1024, 16384), random, { waitMs: 50 });
  const oneshot = commandModule(random.int(1024, 16384), random, { log: "oneshot: hello from the soak\n" });
  await client.upload(keeper, { name: "keeper", mode: "install", caps: "clock" });
  await client.start("keeper");
  await client.upload(runner, { name: "runner", mode: "run", caps: "clock" });
  await client.upload(oneshot, { name: "oneshot", mode: "install" });
  await startAndExit(client, "oneshot");
  const list = await client.list();
  const state = (name) => list.find((e) => e.name === name)?.state;
  if (state("keeper") !== RUNNING || state("runner") !== RUNNING || state("oneshot") !== EXITED) {
    throw new Error(`the list shows ${JSON.stringify(list.map((e) => [e.name, e.state]))}, not keeper and runner running, oneshot exited`);
  }
  for (const name of ["keeper", "runner"]) {
    const stopped = expectExit(client, name, STOPPED, "stop");
    await client.stop(name);
    await stopped;
  }
  for (const name of ["keeper", "runner", "oneshot"]) await client.remove(name);
  const left = (await client.list()).filter((e) => CYCLE_NAMES.includes(e.name));
  if (left.length !== 0) throw new Error(`after rm the list still shows ${left.map((e) => e.name).join(", ")}`);
}

/**
 * Runs `cycles` cycles on each of `targets`. Options: seed, samples (how many
 * figures along the way), progress(line), afterCycle(client, i) (awaited
 * after each cycle: a test's way to leave something behind and see the
 * baselines catch it). Resolves with { targets: [{ target,
 * cycles, seconds, host: {before, after}, start, end, samples, problems }] };
 * problems lists what did not come back to its baseline (or a cycle's error).
 */
export async function runCycles({ cycles, seed = 1, targets = TARGETS, samples = 10, progress = () => {}, afterCycle = async () => {} }) {
  const results = [];
  for (const name of targets) {
    const random = rng(seed);
    const dir = mkdtempSync(join(tmpdir(), "wasmcu-soak-cycles-"));
    const result = { target: name, cycles: 0, seconds: 0, host: {}, start: null, end: null, samples: [], problems: [] };
    results.push(result);
    // the host's baseline after a first start, cycle and stop: what loads once (the codec, a thread pool) is not a leak
    await warmUp(name, dir, random).catch((e) => result.problems.push(`warm-up: ${e.message}`));
    await settle();
    result.host.before = hostFigures();
    const t0 = performance.now();
    const target = await startTarget(name, dir);
    let session = null;
    try {
      session = await openSession(target.path);
      const client = session.client;
      await cycle(client, random); // warm-up: what is allocated once for good is not a leak
      result.start = await snapshot(client, target);
      progress(`${name}: baseline ${describe(result.start)}`);
      const every = Math.max(1, Math.floor(cycles / samples));
      for (let i = 1; i <= cycles; i++) {
        await cycle(client, random);
        await afterCycle(client, i);
        result.cycles = i;
        if (i % every === 0 || i === cycles) {
          const s = await snapshot(client, target);
          result.samples.push({ cycle: i, ...s });
          progress(`${name}: cycle ${i}: ${describe(s)}`);
        }
      }
      result.end = await snapshot(client, target);
    } catch (e) {
      result.problems.push(`cycle ${result.cycles + 1}: ${e.message}`);
    } finally {
      await session?.close();
      await target.stop();
      result.seconds = (performance.now() - t0) / 1000;
      rmSync(dir, { recursive: true, force: true });
    }
    await settle();
    result.host.after = hostFigures();
    compare(result);
  }
  return { targets: results };
}

async function warmUp(name, dir, random) {
  const target = await startTarget(name, dir);
  let session = null;
  try {
    session = await openSession(target.path);
    await cycle(session.client, random);
  } finally {
    await session?.close();
    await target.stop();
  }
}

function describe(s) {
  const board = s.board ? `, process RSS ${s.board.rssKb} kB, ${s.board.fds} fds` : "";
  return `free RAM ${s.ramFree}/${s.ramTotal} B, free flash ${s.flashFree}/${s.flashTotal} B${board}`;
}

/** What did not come back to its baseline. */
function compare(r) {
  const p = r.problems;
  if (r.start && r.end) {
    if (r.end.ramFree !== r.start.ramFree) p.push(`free RAM ${r.start.ramFree} B before, ${r.end.ramFree} B after`);
    if (r.end.flashFree !== r.start.flashFree) p.push(`free flash ${r.start.flashFree} B before, ${r.end.flashFree} B after`);
    if (r.start.board && r.end.board) {
      if (r.end.board.fds !== r.start.board.fds) p.push(`the board process had ${r.start.board.fds} descriptors open, then ${r.end.board.fds}`);
      const grown = r.end.board.rssKb - r.start.board.rssKb;
      if (grown > RSS_NOISE_KB) p.push(`the board process's RSS grew by ${grown} kB (${r.start.board.rssKb} -> ${r.end.board.rssKb})`);
      const first = r.samples[0];
      const steady = r.end.board.rssKb - (first?.board?.rssKb ?? r.end.board.rssKb);
      if (steady > RSS_STEADY_KB) p.push(`the board process's RSS kept growing: ${steady} kB from cycle ${first.cycle} to the end (${(steady / (r.cycles - first.cycle)).toFixed(2)} kB a cycle)`);
    }
  }
  const { before, after } = r.host;
  if (after.fds !== before.fds) p.push(`this process had ${before.fds} descriptors open, then ${after.fds}`);
  const kinds = new Set([...Object.keys(before.resources), ...Object.keys(after.resources)]);
  for (const k of kinds) {
    if ((after.resources[k] ?? 0) !== (before.resources[k] ?? 0)) p.push(`this process had ${before.resources[k] ?? 0} active ${k}, then ${after.resources[k] ?? 0}`);
  }
}
