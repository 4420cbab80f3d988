// Power cuts on the native board: kill -9 in the middle of a store operation,
// boot again on the same flash file, and check that the store holds the state
// from before the operation or the one after it, never a mix.
//
// Each cut:
//   1. picks an operation from the state the store is in (seeded): an install
//      of a new module (1 to 40 KB, with or without autostart), a replace, a
//      remove or an autostart change;
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
//      flash is the total less what the listed modules take; an autostarted
//      module did start (and exited 0); every module starts and exits 0 (the
//      board checks the SHA-256 of the bytes it reads); no flash rule was
//      broken (the board's stderr).
// A failed check is counted with what it was, and the flash images before and
// after the cut are kept under build/soak/ to replay it.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildNativeFirmware, startNativeBoard } from "../lib/native-board.mjs";
import { root } from "../lib/sts-run.mjs";
import { commandModule, rng, sha256Hex } from "./modules.mjs";
import { describeState, extentBytes, openSession, sameState, sleep, startAndExit, storeState } from "./session.mjs";

const NAMES = ["alpha", "beta", "gamma", "delta"];
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
  const choices = [];
  if (absent.length > 0) choices.push("install", "install", "install");
  if (present.length > 0 && !installOnly) choices.push("replace", "replace", "replace", "remove", "remove", "autostart", "autostart");
  const kind = random.pick(choices);
  if (kind === "install" || kind === "replace") {
    const name = random.pick(kind === "install" ? absent : present);
    const size = random.int(MIN_SIZE, MAX_SIZE);
    const bytes = commandModule(size, random, { log: random.bool() ? `${name} was here\n` : null });
    return { kind, name, size, autostart: random.bool(), bytes };
  }
  const name = random.pick(present);
  if (kind === "remove") return { kind, name };
  return { kind, name, autostart: !state.find((m) => m.name === name).autostart };
}

function describeOperation(op) {
  switch (op.kind) {
    case "install":
    case "replace":
      return `${op.kind} ${op.name} (${op.size} B${op.autostart ? ", autostart" : ""})`;
    case "remove":
      return `rm ${op.name}`;
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
    default:
      return state.map((m) => (m.name === op.name ? { ...m, autostart: op.autostart } : m));
  }
}

const asEntry = (m) => ({ ...m, sha256: Buffer.from(m.sha256, "hex"), persisted: true });

function runOperation(client, op) {
  switch (op.kind) {
    case "install":
    case "replace":
      return client.upload(op.bytes, { name: op.name, mode: "install", autostart: op.autostart });
    case "remove":
      return client.remove(op.name);
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
 * boots again: a test's way to damage the store and see the checks fail). Resolves with the figures: { cuts, old, new, acknowledged,
 * doubleCuts, setupInstalls (uncut, to keep modules in the store), failures: [{cut, op, message, images}], byKind, seconds }.
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
        ({ board, session, state } = await recover(board, session, start, flash));
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
      const check = await checkBoard(board, state, expected, acknowledged);
      session = check.session;
      complaints.push(...flashComplaints(board));
      phaseEnd("check");
      if (refused !== null && refused.at < killedAt) check.problems.push(`the operation failed before the cut: ${refused.error.message}`);
      if (complaints.length > 0) check.problems.push(`the board broke a flash rule: ${complaints.join("; ")}`);
      if (check.problems.length > 0) {
        failure(check.problems.join("; "));
        ({ board, session, state } = await recover(board, session, start, flash));
        continue;
      }
      figures[check.outcome]++;
      kindFigures[check.outcome]++;
      progress(`cut ${cut}: ${describeOperation(op)} cut at ${killAtMs.toFixed(0)} of ${measured.ms.toFixed(0)} ms${acknowledged ? " (acknowledged)" : ""}: ${check.outcome === "new" ? "new state" : "old state kept"}`);
      state = check.state;
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

/**
 * The checks after a cut (see the file's header): { session, state, outcome
 * ("old" | "new"), problems: [] }.
 */
async function checkBoard(board, stateBefore, stateAfter, acknowledged) {
  const problems = [];
  let session;
  try {
    session = await openSession(board.path);
  } catch (e) {
    return { session: null, state: null, outcome: null, problems: [`the board does not answer after the cut: ${e.message}`] };
  }
  const client = session.client;
  try {
    const info = await client.info();
    const list = await client.list();
    const state = storeState(list);
    let outcome = null;
    if (sameState(state, stateBefore)) outcome = "old";
    else if (sameState(state, stateAfter)) outcome = "new";
    else problems.push(`the store holds ${describeState(state)}: neither the state before (${describeState(stateBefore)}) nor after (${describeState(stateAfter)})`);
    if (outcome === "old" && acknowledged) problems.push("the board acknowledged the operation, yet the store holds the state before it");
    const taken = state.reduce((sum, m) => sum + extentBytes(m.size), 0);
    if (info.flashFree !== info.flashTotal - taken) problems.push(`free flash ${info.flashFree} B, but ${info.flashTotal} B less the modules' ${taken} B is ${info.flashTotal - taken} B`);
    // autostart has run by now: an autostarted module started and exited 0
    if (info.uptimeMs < AFTER_AUTOSTART_MS) await sleep(AFTER_AUTOSTART_MS - info.uptimeMs);
    const states = await client.list();
    for (const m of state.filter((s) => s.autostart)) {
      const e = states.find((x) => x.name === m.name);
      if (e?.state !== 2 || e.lastExit !== 0) problems.push(`${m.name} is autostarted, but after boot its state is ${e?.state} (exit ${e?.lastExit}), not exited 0`);
    }
    for (const m of state) {
      await startAndExit(client, m.name).catch((e) => problems.push(`start ${m.name}: ${e.message}`));
    }
    return { session, state, outcome, problems };
  } catch (e) {
    problems.push(`the board stopped answering during the checks: ${e.message}`);
    return { session, state: null, outcome: null, problems };
  }
}

/** After a failed cut: goes on from what the board holds now, or from an erased flash when it does not answer. */
async function recover(board, session, start, flash) {
  await session?.close();
  await board.stop();
  let next = await start(flash);
  try {
    const s = await openSession(next.path);
    return { board: next, session: s, state: storeState(await s.client.list()) };
  } catch {
    await next.stop();
    rmSync(flash, { force: true });
    next = await start(flash);
    const s = await openSession(next.path);
    return { board: next, session: s, state: [] };
  }
}
