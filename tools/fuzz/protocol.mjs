// The protocol decoder fuzzer: random, random-but-framed and mutated requests
// (protocol-inputs.mjs) into a board's link, the JS simulator (ports/sim) and
// the native firmware (ports/posix), a batch at a time. After every batch the
// board must
//
//   - still be alive and answer (a PING within --hang-ms, then HELLO and INFO
//     the same as at the start): no crash, no hang, no wedged frame reader;
//   - not have reset unless a RESET frame asked it to (no panic, no watchdog);
//   - have sent only well-formed frames: replies to ids that were sent, events
//     LOG, EXIT or ERROR BadFrame;
//   - hold only what the inputs could have made: an installed module vanishes
//     only by a REMOVE of its name, appears or changes only at an
//     UPLOAD_COMMIT, and is always one of the fuzzer's own modules, byte for
//     byte (size and SHA-256): never half stored; its autostart changes only
//     by SET_AUTOSTART, SAFE, UPLOAD_BEGIN or a commit.
//
//   npm run fuzz -- --protocol [--iterations N] [--seed S] [--target sim|native|both|PORT]
//                   [--batch K] [--hang-ms MS] [--native-build debug|release] [--save DIR] [--json]
//
// Every batch is rebuilt from (seed, batch number); a batch that fails is
// saved (its bytes, and what it held) under --save. Exits 1 on any finding.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Rng } from "./rng.mjs";
import { CHECKER_IDS, InputMaker, loadProtocol } from "./protocol-inputs.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const fromUtf8 = new TextDecoder();
const hex = (b) => Buffer.from(b).toString("hex");

/** The fuzzer's own modules: the only ones that may ever be installed (sessions upload them). */
export async function knownModules() {
  const wabt = await (await import("wabt")).default();
  const data = (n, k) => Array.from({ length: n }, (_, i) => `\\${((i * k + 7) & 0xff).toString(16).padStart(2, "0")}`).join("");
  const texts = [
    `(module (func (export "_start")))`,
    `(module (memory 1) (data (i32.const 0) "${data(2500, 31)}") (func (export "_start")))`,
    `(module (memory 1) (data (i32.const 0) "${data(7000, 57)}") (func (export "_start") (drop (i32.load (i32.const 64)))))`,
    // a reactor that waits between loops (needs clock): it runs until stopped
    `(module (import "wasmcu" "delay" (func $delay (param i32))) (memory (export "memory") 1) (func (export "loop") (call $delay (i32.const 100))))`,
  ];
  return texts.map((text, i) => {
    const parsed = wabt.parseWat(`fuzz-${i}.wat`, text);
    const bytes = new Uint8Array(parsed.toBinary({}).buffer);
    parsed.destroy();
    return { bytes, sha256: new Uint8Array(createHash("sha256").update(bytes).digest()) };
  });
}

/**
 * A board to fuzz: { path, resets: [reason...], notes: [text], alive(), stop() }.
 * `target`: "sim", "native", or the path of a board's port (a real board, or
 * a native board started by hand under a debugger): its resets and crashes
 * show only in INFO (uptime, reset reason) and in its silence.
 */
async function startBoard(target, { flash, nativeBuild, log }) {
  const resets = [];
  const notes = [];
  if (target !== "sim" && target !== "native") return { path: target, resets, notes, alive: () => true, stop: async () => {} };
  if (target === "sim") {
    const { startSimulator } = await import("../../ports/sim/board.mjs");
    const sim = await startSimulator({ board: "rp2040", flash, baud: 0, log: (m) => notes.push(m) });
    sim.events.on("event", (e) => {
      if (e.event === "reset") resets.push(e.reason);
    });
    return { path: sim.path, resets, notes, alive: () => true, stop: () => sim.close() };
  }
  const { startNativeBoard } = await import("../lib/native-board.mjs");
  const board = await startNativeBoard({ flash, debug: nativeBuild === "debug", log });
  board.events.on("event", (e) => {
    if (e.event === "reset") resets.push(e.reason);
  });
  board.events.on("stderr", (text) => notes.push(text.trim()));
  let exited = null;
  board.events.on("exit", (code, signal) => (exited = signal ?? code));
  await board.waitFor((e) => e.event === "ready", 30000);
  resets.length = 0; // the power-on of the start
  return { path: board.path, resets, notes, alive: () => exited === null, exitStatus: () => exited, stop: () => board.stop() };
}

/** What the inputs may have changed, from the frames the board read in one batch. */
export function allowedChanges(proto, frames) {
  const { m } = proto;
  const T = m.MsgType;
  const allowed = { removed: new Set(), autostart: new Set(), begun: [], committed: false, safe: false, reset: false };
  const r = new m.BodyReader();
  for (const f of frames) {
    r.reset(f.body, 0, f.body.length);
    switch (f.type) {
      case T.Remove: {
        const q = new m.NameRequest();
        if (q.decode(r)) allowed.removed.add(fromUtf8.decode(q.name));
        break;
      }
      case T.SetAutostart: {
        const q = new m.SetAutostart();
        if (q.decode(r)) allowed.autostart.add(fromUtf8.decode(q.name));
        break;
      }
      case T.UploadBegin: {
        const q = new m.UploadBegin();
        if (q.decode(r)) {
          const name = fromUtf8.decode(q.name);
          allowed.autostart.add(name);
          allowed.begun.push({ name, install: q.mode === m.UploadMode.Install });
        }
        break;
      }
      case T.UploadCommit:
        allowed.committed = true;
        break;
      case T.Safe:
        allowed.safe = true;
        break;
      case T.Reset:
      case T.Bootloader: // a simulated board resets (there is no bootloader to go to)
        allowed.reset = true;
        break;
    }
  }
  return allowed;
}

/** The board's installed modules as the model keeps them: name -> { size, sha256, caps, autostart }. */
export function installedOf(entries) {
  const map = new Map();
  for (const e of entries) if (e.persisted) map.set(e.name, { size: e.size, sha256: hex(e.sha256), caps: e.caps, autostart: e.autostart });
  return map;
}

/** Problems in the change from `before` to `after` that the batch's frames cannot explain. */
export function stateProblems(before, after, allowed, model) {
  const problems = [];
  for (const [name, was] of before) {
    const now = after.get(name);
    if (!now) {
      if (!allowed.removed.has(name)) problems.push(`installed module '${name}' vanished without a REMOVE of it`);
      continue;
    }
    const replaced = now.size !== was.size || now.sha256 !== was.sha256 || now.caps !== was.caps;
    if (replaced && !(allowed.committed && model.installBegun.has(name))) problems.push(`installed module '${name}' changed without an UPLOAD_COMMIT`);
    if (now.autostart !== was.autostart && !(allowed.autostart.has(name) || allowed.safe || allowed.committed)) {
      problems.push(`the autostart of '${name}' changed without a request that changes it`);
    }
  }
  for (const [name, now] of after) {
    if (!model.known.has(`${now.size}:${now.sha256}`)) {
      problems.push(`installed module '${name}' (${now.size} bytes, SHA-256 ${now.sha256.slice(0, 16)}...) is none of the uploaded modules: half stored or corrupt`);
    } else if (!before.has(name) && !(allowed.committed && model.installBegun.has(name))) {
      problems.push(`module '${name}' appeared without an UPLOAD_COMMIT`);
    }
  }
  return problems;
}

/**
 * Fuzzes one board. Options: target ("sim" | "native"), iterations (inputs),
 * seed, batch (inputs per batch), hangMs, nativeBuild, saveDir, log.
 * Resolves with the run's figures and findings.
 */
export async function fuzzProtocol({ target = "sim", iterations = 1000, seed = 1, batch = 16, hangMs = 3000, nativeBuild = "release", saveDir = join(root, "build/fuzz/protocol"), log = () => {} } = {}) {
  const proto = await loadProtocol();
  const modules = await knownModules();
  const maker = new InputMaker(proto, modules);
  const { Transport } = await import("../link/transport.mjs");
  const { BoardClient } = await import("../link/client.mjs");
  const { loadWire } = await import("../link/wire.mjs");
  const wire = await loadWire();
  const dir = mkdtempSync(join(tmpdir(), "wasmcu-fuzz-protocol-"));
  const stats = { target, seed, inputs: 0, batches: 0, kinds: {}, frames: 0, commits: 0, installsSeen: 0, removesSeen: 0, resets: 0, badFrameHints: 0, unanswered: 0, seconds: 0, findings: [] };
  const started = performance.now();
  const model = { known: new Set(modules.map((mod) => `${mod.bytes.length}:${hex(mod.sha256)}`)), installBegun: new Set() };

  let board = null;
  let transport = null;
  let client = null;
  let seen = [];
  let garbled = [];
  let reference = null;
  let installed = new Map();
  let lastUptime = 0;
  let safeSinceBoot = false;

  const connect = async () => {
    board = await startBoard(target, { flash: join(dir, `flash-${stats.batches}.bin`), nativeBuild, log });
    transport = await Transport.open(board.path);
    client = new BoardClient(transport, wire, { timeoutMs: hangMs, retries: 1, onCorrupt: (why) => garbled.push(why) });
    client.nextId = CHECKER_IDS;
    client.tapFrames((message) => {
      seen.push(message);
      return false;
    });
    const hello = await client.hello();
    reference = { board: hello.board, firmware: hello.firmware, maxChunk: hello.maxChunk, window: hello.window, flashTotal: hello.flashTotal, ramTotal: hello.ramTotal };
    installed = installedOf(await client.list());
    lastUptime = hello.uptimeMs;
    safeSinceBoot = false;
  };
  const disconnect = async () => {
    await transport?.close();
    await board?.stop();
    transport = client = board = null;
  };

  const finding = (kind, index, detail, bytes) => {
    mkdirSync(saveDir, { recursive: true });
    const file = join(saveDir, `${target.replace(/\W+/g, "_")}-seed${seed}-batch${index}.bin`);
    writeFileSync(file, bytes);
    stats.findings.push({ kind, batch: index, detail, file });
    log(`FINDING ${kind} (batch ${index}): ${detail}\n  -> ${file}`);
  };

  await connect();
  let lastReport = performance.now();
  try {
    for (let index = 0; stats.inputs < iterations; index++) {
      const n = Math.min(batch, iterations - stats.inputs);
      const b = maker.batch(new Rng(seed, index), n);
      stats.batches++;
      stats.inputs += n;
      stats.frames += b.frames.length;
      for (const k of b.inputs) stats.kinds[k] = (stats.kinds[k] ?? 0) + 1;
      const allowed = allowedChanges(proto, b.frames);
      for (const x of allowed.begun) if (x.install) model.installBegun.add(x.name);
      if (allowed.committed) stats.commits++;
      if (allowed.safe) safeSinceBoot = true;
      const sentIds = new Set(b.frames.map((f) => f.id));
      const resetsBefore = board.resets.length;
      const notesBefore = board.notes.length;
      seen = [];
      garbled = [];
      const problems = [];
      let dead = false;
      try {
        if (client.nextId < CHECKER_IDS || client.nextId > 0xfff0) client.nextId = CHECKER_IDS;
        await transport.write(b.bytes);
        // the board serves in order: once this PING is answered, every input has been read and served
        await client.request("PING", {}, { expect: ["PONG"], timeoutMs: hangMs, retries: 1 });
        if (allowed.reset) await new Promise((r) => setTimeout(r, 50)); // a RESET takes effect once its OK is out
        const hello = await client.hello();
        const info = await client.info();
        for (const [key, value] of Object.entries(reference)) {
          if (hello[key] !== value || info[key] !== value) problems.push(`HELLO/INFO ${key} is ${hello[key]}/${info[key]}, was ${value}`);
        }
        const resets = board.resets.slice(resetsBefore);
        stats.resets += resets.length;
        const rebooted = resets.length > 0 || info.uptimeMs < lastUptime;
        if (rebooted && !allowed.reset) problems.push(`the board reset (${resets.join(", ") || `uptime ${lastUptime} -> ${info.uptimeMs} ms`}) without a RESET request`);
        for (const reason of resets) if (reason !== "software") problems.push(`the board reset with reason ${reason}`);
        if (info.resetReason === 2 || info.resetReason === 3) problems.push(`INFO says the board last reset by ${info.resetReason === 2 ? "watchdog" : "panic"}`);
        // a SAFE served after the RESET (a later read of the same batch) keeps the new boot safe
        if (rebooted) safeSinceBoot = allowed.safe;
        if (info.safeMode && !safeSinceBoot && !allowed.safe) problems.push("the board is in safe mode without a SAFE request");
        lastUptime = info.uptimeMs;
        const after = installedOf(await client.list());
        problems.push(...stateProblems(installed, after, allowed, model));
        for (const [name] of after) if (!installed.has(name)) stats.installsSeen++;
        for (const [name] of installed) if (!after.has(name)) stats.removesSeen++;
        installed = after;
      } catch (e) {
        dead = !board.alive();
        problems.push(dead ? `the board's process ended (${board.exitStatus?.()}): ${e.message}` : `no answer: ${e.message}`);
      }
      for (const message of seen) {
        if (message.id === 0) {
          if (message.type === "ERROR" && message.codeName === "BadFrame") stats.badFrameHints++;
          else if (message.type !== "LOG" && message.type !== "EXIT" && !sentIds.has(0)) {
            problems.push(`an event ${message.type} (id 0) that is neither LOG, EXIT nor ERROR BadFrame`);
          }
        } else if (message.id < CHECKER_IDS && !sentIds.has(message.id)) {
          problems.push(`a ${message.type} reply to id ${message.id}, which no input carried`);
        }
      }
      // frames without an answer (batches without a reset): the board drops a reply only when its
      // outbox is full, as a batch of a thousand tiny chunks makes it (docs/protocol.md: hosts rely on timeouts)
      const answered = new Set(seen.map((message) => message.id));
      for (const f of b.frames) if (f.id !== 0 && !allowed.reset && !answered.has(f.id)) stats.unanswered++;
      if (garbled.length > 0) problems.push(`the board sent ${garbled.length} garbled frames (${[...new Set(garbled)].join("; ")})`);
      const notes = board.notes.slice(notesBefore).filter((t) => /panic|watchdog|assert|overflow|error/i.test(t));
      if (notes.length > 0) problems.push(`the board said: ${notes.join(" | ").slice(0, 2000)}`);
      if (problems.length > 0) {
        const said = board.notes.slice(notesBefore);
        if (said.length > 0) problems.push(`the board's log: ${said.join(" | ").slice(0, 2000)}`);
        problems.push(`resets: ${board.resets.join(", ")}`);
        finding(dead ? "crash" : problems.some((p) => p.startsWith("no answer")) ? "hang" : "state", index, problems.join("\n  "), b.bytes);
        // a fresh board for what follows: this one's state says nothing more
        await disconnect();
        await connect();
      }
      if (performance.now() - lastReport > 10000) {
        lastReport = performance.now();
        log(`fuzz protocol (${target}): ${stats.inputs} inputs, ${stats.batches} batches, ${stats.findings.length} findings, ${((performance.now() - started) / 1000).toFixed(0)} s`);
      }
    }
  } finally {
    await disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}

function parseArgs(argv) {
  const o = { iterations: 2000, seed: null, target: "both", batch: 16, hangMs: 3000, nativeBuild: "debug", save: join(root, "build/fuzz/protocol"), json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--iterations") o.iterations = Number(next());
    else if (a === "--seed") o.seed = Number(next()) >>> 0;
    else if (a === "--target") o.target = next();
    else if (a === "--batch") o.batch = Number(next());
    else if (a === "--hang-ms") o.hangMs = Number(next());
    else if (a === "--native-build") o.nativeBuild = next();
    else if (a === "--save") o.save = resolve(next());
    else if (a === "--json") o.json = true;
    else if (a === "--help" || a === "-h") usage(null);
    else usage(`unknown argument ${a}`);
  }

  if (!["debug", "release"].includes(o.nativeBuild)) usage("--native-build must be debug or release");
  if (!(o.iterations > 0) || !(o.batch > 0)) usage("--iterations and --batch are positive numbers");
  return o;
}

function usage(problem) {
  const text =
    "usage: npm run fuzz -- --protocol [--iterations N] [--seed S] [--target sim|native|both|PORT] [--batch K] [--hang-ms MS]\n" +
    "                      [--native-build debug|release] [--save DIR] [--json]";
  if (problem) {
    console.error(`fuzz: ${problem}\n${text}`);
    process.exit(2);
  }
  console.log(text);
  process.exit(0);
}

/** The command line (tools/fuzz/run.mjs hands `--protocol` runs here); returns the exit status. */
export async function main(argv) {
  const o = parseArgs(argv);
  const seed = o.seed ?? (Date.now() ^ (process.pid << 16)) >>> 0;
  const targets = o.target === "both" ? ["sim", "native"] : [o.target];
  const log = (line) => console.log(line);
  log(`fuzz protocol: seed ${seed}, ${o.iterations} inputs per board, batches of ${o.batch}, on ${targets.join(" and ")}${targets.includes("native") ? ` (${o.nativeBuild} build)` : ""}`);
  const all = [];
  for (const target of targets) {
    const s = await fuzzProtocol({ target, iterations: o.iterations, seed, batch: o.batch, hangMs: o.hangMs, nativeBuild: o.nativeBuild, saveDir: o.save, log });
    all.push(s);
    const kinds = Object.entries(s.kinds).map(([k, v]) => `${k} ${v}`).join(", ");
    log(
      `fuzz protocol (${target}): ${s.inputs} inputs (${kinds}) in ${s.batches} batches, ${s.seconds.toFixed(1)} s; ` +
        `${s.frames} frames read as frames, ${s.commits} batches with a commit, ${s.installsSeen} installs and ${s.removesSeen} removes seen, ` +
        `${s.resets} resets asked, ${s.badFrameHints} BadFrame hints, ${s.unanswered} frames without an answer; findings ${s.findings.length}`,
    );
    for (const f of s.findings) log(`  ${f.kind} (batch ${f.batch}): ${f.detail.split("\n")[0]}\n    -> ${f.file}`);
  }
  if (o.json) console.log("FUZZ-JSON " + JSON.stringify({ seed, stats: all }));
  return all.some((s) => s.findings.length > 0) ? 1 : 0;
}
