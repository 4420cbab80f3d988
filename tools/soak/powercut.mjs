// Power cuts on the native board: kill -9 in the middle of a store operation,
// boot again on the same flash file, and check that the store holds the state
// from before the operation or the one after it, never a mix.
//
// Each cut:
//   1. picks an operation from the state the store is in (seeded): an install
//      of a new module (1 to 40 KB, with or without autostart), a replace, a
//      remove or an autostart change; or a file save: a run of "counter"
//      (examples/c/counter.c, granted fs), which counts its runs in a file
//      of its folder, saved whole when it closes it;
//   2. runs it uncut on a copy of the flash file, on a board of its own: that
//      gives the operation's duration and the state after it (which must be
//      what the operation means: the model's prediction);
//   3. runs it on the real board and kills the board's process (SIGKILL) at a
//      random moment in that duration. The board runs with --flash-timing, so
//      the kill lands inside page programs and block erases and tears them;
//   4. sometimes (a quarter of the cuts) cuts again while the board boots and
//      repairs the store, at a random moment of a boot measured on a copy;
//   5. boots the board again and checks: it answers; its module list is the
//      state before or the state after (names, sizes, SHA-256, autostart),
//      the state after if the board had acknowledged the operation; its free
//      flash is the total less what the listed modules and counter's file
//      take; an autostarted module did start (and exited 0); every module
//      starts and exits 0 (the board checks the SHA-256 of the bytes it
//      reads); counter's count is the one before or after (0 once it was
//      removed: rm takes its folder with it); no flash rule was broken (the
//      board's stderr).
// A failed check is counted with what it was, and the flash images before and
// after the cut are kept under build/soak/ to replay it.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildNativeFirmware, startNativeBoard } from "../lib/native-board.mjs";
import { root } from "../lib/sts-run.mjs";
import { commandModule, rng, sha256Hex } from "./modules.mjs";
import { describeState, extentBytes, openSession, sameState, sleep, startAndExit, storeState } from "./session.mjs";

/** The module that saves a file: examples/c/counter.c, whose runs.txt holds how many times it ran. */
const COUNTER = "counter";
const NAMES = ["alpha", "beta", "gamma", COUNTER];
const MIN_SIZE = 1024;
const MAX_SIZE = 40 * 1024;
/** Autostart runs 1 s after boot (core/device/device.ts): the checks wait until it has. */
const AFTER_AUTOSTART_MS = 1300;
/** Below this many modules, one is installed (uncut) before the next cut. */
const MIN_MODULES = 2;
/** How often a cut is followed by a second one while the board boots and repairs. */
const DOUBLE_CUT_RATE = 0.25;

/** The operation to cut, chosen from `state` (the store's modules); `installOnly`: an install of a new name. */
function pickOperation(state, random, installOnly = false) {
  const present = state.map((m) => m.name);
  const absent = NAMES.filter((n) => !present.includes(n));
  // counter keeps its bytes (a replace would be the same) and never autostarts (its count would move at each boot)
  const changeable = present.filter((n) => n !== COUNTER);
  const choices = [];
  if (absent.length > 0) choices.push("install", "install", "install");
  if (!installOnly) {
    if (changeable.length > 0) choices.push("replace", "replace", "replace", "autostart", "autostart");
    if (present.length > 0) choices.push("remove", "remove");
    if (present.includes(COUNTER)) choices.push("save", "save");
  }
  const kind = random.pick(choices);
  if (kind === "save") return { kind, name: COUNTER };
  if (kind === "install" && random.pick(absent) === COUNTER) {
    const bytes = counterModule();
    return { kind, name: COUNTER, size: bytes.length, autostart: false, caps: "fs", bytes };
  }
  if (kind === "install" || kind === "replace") {
    const name = random.pick(kind === "install" ? absent.filter((n) => n !== COUNTER) : changeable);
    const size = random.int(MIN_SIZE, MAX_SIZE);
    const bytes = commandModule(size, random, { log: random.bool() ? `${name} was here\n` : null });
    return { kind, name, size, autostart: random.bool(), bytes };
  }
  if (kind === "remove") return { kind, name: random.pick(present) };
  const name = random.pick(changeable);
  return { kind, name, autostart: !state.find((m) => m.name === name).autostart };
}

let counterBytes = null;
/** counter.wasm, built with the examples when it is missing. */
function counterModule() {
  const file = join(root, "build/examples/c/counter.wasm");
  if (counterBytes === null) {
    if (!existsSync(file)) {
      const r = spawnSync(process.execPath, [join(root, "tools/examples/build.mjs")], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`building the examples (for counter.wasm) failed:\n${r.stdout}\n${r.stderr}`);
    }
    counterBytes = new Uint8Array(readFileSync(file));
  }
  return counterBytes;
}

/** How many runs counter's file holds after `op` (0: no file). */
function runsAfter(runs, op) {
  if (op.kind === "save") return runs + 1;
  if (op.kind === "remove" && op.name === COUNTER) return 0;
  return runs;
}

function describeOperation(op) {
  switch (op.kind) {
    case "install":
    case "replace":
      return `${op.kind} ${op.name} (${op.size} B${op.autostart ? ", autostart" : ""})`;
    case "remove":
      return `rm ${op.name}`;
    case "save":
      return "run counter (a file save)";
    default:
      return `autostart ${op.name} ${op.autostart ? "on" : "off"}`;
  }
}

/** What the store holds after `op` on `state`, by the operation's meaning. */
function expectedAfter(state, op) {
  const others = state.filter((m) => m.name !== op.name);
  switch (op.kind) {
    case "install":
    case "replace":
      return storeState([...others.map(asEntry), { name: op.name, size: op.size, sha256: Buffer.from(sha256Hex(op.bytes), "hex"), autostart: op.autostart, persisted: true }]);
    case "remove":
      return others;
    case "save":
      return state;
    default:
      return state.map((m) => (m.name === op.name ? { ...m, autostart: op.autostart } : m));
  }
}

const asEntry = (m) => ({ ...m, sha256: Buffer.from(m.sha256, "hex"), persisted: true });

function runOperation(client, op) {
  switch (op.kind) {
    case "install":
    case "replace":
      return client.upload(op.bytes, { name: op.name, mode: "install", autostart: op.autostart, caps: op.caps ?? "" });
    case "remove":
      return client.remove(op.name);
    case "save":
      return startAndExit(client, COUNTER);
    default:
      return client.setAutostart(op.name, op.autostart);
  }
}

function exited(board) {
  if (board.child.exitCode !== null || board.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => board.child.once("exit", resolve));
}

async function kill(board) {
  board.child.kill("SIGKILL");
  await exited(board);
}

/** Flash rule violations the board printed (device-hal.c: "flash: ..."): a driver bug, never a power cut's doing. */
function flashComplaints(board) {
  return board
    .stderr()
    .split("\n")
    .filter((l) => l.startsWith("flash:"));
}

/**
 * Runs `cuts` power cuts. Options: seed, log(line), progress(line) for one
 * line per cut, failureDir (where a failed cut's flash images go; default
 * build/soak), afterCut(flashFile) (called after each cut, before the board
 * boots again: a test's way to damage the store and see the checks fail).
 * Resolves with the figures: { cuts, old, new, acknowledged, doubleCuts,
 * setupInstalls (uncut, to keep modules in the store), failures: [{cut, op,
 * message, images}], byKind, phaseSeconds, seconds, seed }.
 */
export async function runPowerCuts({ cuts, seed = 1, log = () => {}, progress = () => {}, failureDir = join(root, "build/soak"), afterCut = () => {} }) {
  const started = performance.now();
  const binary = buildNativeFirmware({ log });
  const random = rng(seed);
  const work = mkdtempSync(join(tmpdir(), "wasmcu-soak-cuts-"));
  const flash = join(work, "flash.bin");
  const copy = join(work, "copy.bin");
  const before = join(work, "before.bin");
  const start = (file) => startNativeBoard({ binary, flash: file, flashTiming: true });
  const figures = { cuts: 0, old: 0, new: 0, acknowledged: 0, doubleCuts: 0, setupInstalls: 0, failures: [], byKind: {}, seconds: 0, seed };
  // where the time goes, in seconds: installs before cuts, uncut runs on copies, cuts, second cuts, checks
  const phases = (figures.phaseSeconds = { setup: 0, uncut: 0, cut: 0, secondCut: 0, check: 0 });
  let phaseStart = performance.now();
  const phaseEnd = (name) => {
    const now = performance.now();
    phases[name] += (now - phaseStart) / 1000;
    phaseStart = now;
  };

  let board = await start(flash);
  let session = await openSession(board.path);
  let state = storeState(await session.client.list());
  /** how many runs counter's file holds (0: no file) */
  let runs = 0;
  try {
    for (let cut = 1; cut <= cuts; cut++) {
      // most cuts of an install keep the old state: installs uncut keep replace, rm and autostart in the mix
      while (state.length < MIN_MODULES) {
        const setup = pickOperation(state, random, true);
        await runOperation(session.client, setup);
        state = storeState(await session.client.list());
        figures.setupInstalls++;
      }
      phaseEnd("setup");
      const op = pickOperation(state, random);
      const kindFigures = (figures.byKind[op.kind] ??= { old: 0, new: 0, failed: 0 });
      copyFileSync(flash, before);
      const failure = (message) => {
        const keep = join(failureDir, `seed${seed}-cut${cut}`);
        mkdirSync(keep, { recursive: true });
        copyFileSync(before, join(keep, "flash-before.bin"));
        copyFileSync(flash, join(keep, "flash-after.bin"));
        figures.failures.push({ cut, op: describeOperation(op), message, images: keep });
        kindFigures.failed++;
        progress(`cut ${cut}: ${describeOperation(op)}: FAILED: ${message} (flash images in ${keep})`);
      };

      // 2. uncut, on a copy: how long it takes and what it leaves
      copyFileSync(flash, copy);
      const expected = expectedAfter(state, op);
      const measured = await measureUncut(start, copy, op);
      phaseEnd("uncut");
      if (measured.error !== null || !sameState(measured.after, expected)) {
        failure(measured.error ?? `uncut, it left ${describeState(measured.after)}; expected ${describeState(expected)}`);
        ({ board, session, state, runs } = await recover(board, session, start, flash));
        continue;
      }

      // 3. the cut
      const killAtMs = random.next() * measured.ms;
      let acknowledgedAt = null;
      let refused = null;
      const t0 = performance.now();
      const running = runOperation(session.client, op).then(
        () => (acknowledgedAt = performance.now() - t0),
        (e) => (refused = { error: e, at: performance.now() - t0 }),
      );
      await sleep(killAtMs);
      const killedAt = performance.now() - t0;
      await kill(board);
      // a pty whose board died does not always tell its reader: closing the port ends the operation's wait
      await session.abandon();
      // not awaited: an upload cut short notices the closed port only at its next timeout; what matters is known now
      void running;
      const acknowledged = acknowledgedAt !== null && acknowledgedAt <= killedAt;
      if (acknowledged) figures.acknowledged++;
      const complaints = flashComplaints(board);
      phaseEnd("cut");

      // 4. sometimes a second cut, while the board boots and repairs
      if (random.next() < DOUBLE_CUT_RATE) {
        figures.doubleCuts++;
        copyFileSync(flash, copy);
        const bootMs = await measureBoot(start, copy);
        const at = random.next() * bootMs;
        const t1 = performance.now();
        board = await start(flash);
        await sleep(Math.max(0, at - (performance.now() - t1)));
        await kill(board);
        complaints.push(...flashComplaints(board));
      }
      phaseEnd("secondCut");
      afterCut(flash);

      // 5. boot again and check
      figures.cuts++;
      board = await start(flash);
      const check = await checkBoard(board, op, state, expected, runs, acknowledged);
      session = check.session;
      complaints.push(...flashComplaints(board));
      phaseEnd("check");
      if (refused !== null && refused.at < killedAt) check.problems.push(`the operation failed before the cut: ${refused.error.message}`);
      if (complaints.length > 0) check.problems.push(`the board broke a flash rule: ${complaints.join("; ")}`);
      if (check.problems.length > 0) {
        failure(check.problems.join("; "));
        ({ board, session, state, runs } = await recover(board, session, start, flash));
        continue;
      }
      figures[check.outcome]++;
      kindFigures[check.outcome]++;
      progress(`cut ${cut}: ${describeOperation(op)} cut at ${killAtMs.toFixed(0)} of ${measured.ms.toFixed(0)} ms${acknowledged ? " (acknowledged)" : ""}: ${check.outcome === "new" ? "new state" : "old state kept"}`);
      state = check.state;
      runs = check.runs;
    }
  } finally {
    await session?.close();
    await board.stop();
    rmSync(work, { recursive: true, force: true });
    figures.seconds = (performance.now() - started) / 1000;
  }
  return figures;
}

/** Runs `op` uncut on a board of its own over `file`: { ms, after, error }. */
async function measureUncut(start, file, op) {
  const board = await start(file);
  let session = null;
  try {
    session = await openSession(board.path);
    const t0 = performance.now();
    await runOperation(session.client, op);
    const ms = performance.now() - t0;
    return { ms, after: storeState(await session.client.list()), error: null };
  } catch (e) {
    return { ms: 0, after: [], error: `uncut, the operation failed: ${e.message}` };
  } finally {
    await session?.close();
    await board.stop();
  }
}

/** How long a board over `file` takes from its start to "ready" (the store mounted and repaired). */
async function measureBoot(start, file) {
  const t0 = performance.now();
  const board = await start(file);
  try {
    await board.waitFor((e) => e.event === "ready", 30000);
    return performance.now() - t0;
  } finally {
    await board.stop();
  }
}

/** Runs counter and resolves with its run number (how many runs its file held, plus this one). */
async function runCounter(client) {
  let out = "";
  const off = client.on("LOG", (e) => {
    if (e.name === COUNTER) out += Buffer.from(e.data).toString();
  });
  try {
    await startAndExit(client, COUNTER);
  } finally {
    off();
  }
  const m = /run number (\d+)/.exec(out);
  if (!m) throw new Error(`counter printed ${JSON.stringify(out)}, not its run number`);
  return Number(m[1]);
}

/**
 * The checks after a cut of `op` (see the file's header): { session, state,
 * runs (counter's count now), outcome ("old" | "new"), problems: [] }.
 */
async function checkBoard(board, op, stateBefore, stateAfter, runsBefore, acknowledged) {
  const problems = [];
  let session;
  try {
    session = await openSession(board.path);
  } catch (e) {
    return { session: null, state: null, runs: 0, outcome: null, problems: [`the board does not answer after the cut: ${e.message}`] };
  }
  const client = session.client;
  try {
    const info = await client.info();
    const state = storeState(await client.list());
    let outcome = null;
    if (sameState(state, stateBefore)) outcome = "old";
    else if (sameState(state, stateAfter)) outcome = "new";
    else problems.push(`the store holds ${describeState(state)}: neither the state before (${describeState(stateBefore)}) nor after (${describeState(stateAfter)})`);
    // autostart has run by now: an autostarted module started and exited 0
    if (info.uptimeMs < AFTER_AUTOSTART_MS) await sleep(AFTER_AUTOSTART_MS - info.uptimeMs);
    const states = await client.list();
    for (const m of state.filter((s) => s.autostart)) {
      const e = states.find((x) => x.name === m.name);
      if (e?.state !== 2 || e.lastExit !== 0) problems.push(`${m.name} is autostarted, but after boot its state is ${e?.state} (exit ${e?.lastExit}), not exited 0`);
    }
    let runs = 0;
    for (const m of state) {
      if (m.name !== COUNTER) {
        await startAndExit(client, m.name).catch((e) => problems.push(`start ${m.name}: ${e.message}`));
        continue;
      }
      const number = await runCounter(client).catch((e) => {
        problems.push(`start ${COUNTER}: ${e.message}`);
        return null;
      });
      if (number === null) continue;
      runs = number;
      // what its file held: the count before, or after the operation (a save changes nothing else)
      const counted = number - 1;
      const after = runsAfter(runsBefore, op);
      if (op.kind === "save" && outcome === "old" && counted === after) outcome = "new";
      else if (outcome !== null && counted !== (outcome === "new" ? after : runsBefore)) {
        problems.push(`counter's file held ${counted} runs: neither the ${runsBefore} before the operation nor the ${after} after it`);
      }
    }
    if (outcome === "old" && acknowledged) problems.push("the board acknowledged the operation, yet the store holds the state before it");
    // counter's file exists now that it ran (runs.txt: a few bytes, one block)
    const taken = state.reduce((sum, m) => sum + extentBytes(m.size) + (m.name === COUNTER ? extentBytes(8) : 0), 0);
    const free = (await client.info()).flashFree;
    if (free !== info.flashTotal - taken) problems.push(`free flash ${free} B, but ${info.flashTotal} B less the modules' and files' ${taken} B is ${info.flashTotal - taken} B`);
    return { session, state, runs, outcome, problems };
  } catch (e) {
    problems.push(`the board stopped answering during the checks: ${e.message}`);
    return { session, state: null, runs: 0, outcome: null, problems };
  }
}

/**
 * After a failed cut: goes on from what the board holds now (less any folder
 * left without its module), or from an erased flash when it does not answer.
 */
async function recover(board, session, start, flash) {
  await session?.close();
  await board.stop();
  let next = await start(flash);
  try {
    const s = await openSession(next.path);
    const listed = storeState(await s.client.list()).map((m) => m.name);
    for (const name of NAMES.filter((n) => !listed.includes(n))) await s.client.remove(name).catch(() => {});
    const state = storeState(await s.client.list());
    const runs = state.some((m) => m.name === COUNTER) ? await runCounter(s.client) : 0;
    return { board: next, session: s, state, runs };
  } catch {
    await next.stop();
    rmSync(flash, { force: true });
    next = await start(flash);
    const s = await openSession(next.path);
    return { board: next, session: s, state: [], runs: 0 };
  }
}
