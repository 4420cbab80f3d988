#!/usr/bin/env node
// A flaky cable between a host and a board: a proxy that opens the board's
// serial port (a simulator's pty, or a real port), makes a new pty with socat
// for the host to open instead, and forwards the bytes both ways, damaging
// some of them on the way:
//
//   flip   one bit of the byte is inverted
//   drop   the byte is lost
//   dup    the byte arrives twice
//   delay  the stream stalls for 1..maxDelayMs ms before this byte (order kept, as on a wire)
//
// `rate` is the probability per byte that one of these happens (the kind is
// drawn by `weights`). Every decision comes from a seeded generator per
// direction, one draw per byte, so the same seed and the same bytes give the
// same faults. The proxy counts what it did (stats).
//
//   node tools/link/fault-proxy.mjs --port BOARD_PTY [--rate 1e-3] [--seed N]
//        [--kinds flip,drop,dup,delay] [--max-delay-ms 50] [--link PATH]
//
// prints its own pty's path first (like `wasmcu sim`), then runs until
// Ctrl-C / SIGTERM, when it prints what it did as one JSON line on stdout.
// From code: `const proxy = await startFaultProxy({ port, rate, seed })`,
// then `proxy.path`, `proxy.stats`, `proxy.setRate(r)`, `proxy.cut()` /
// `proxy.cutAfter(n)` / `proxy.restore()`, `await proxy.close()`.
import { closeSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SerialPort } from "serialport";
import { Rng } from "../fuzz/rng.mjs";
import { openPty } from "../../ports/sim/pty.mjs";

export const FAULT_KINDS = ["flip", "drop", "dup", "delay"];
const TWO_32 = 4294967296;

/** What one direction did. */
function newStats() {
  return { bytes: 0, flip: 0, drop: 0, dup: 0, delay: 0, delayMs: 0, cut: 0 };
}

/**
 * One direction of the cable: bytes in, damaged bytes out to `sink`, in order,
 * each run of bytes released at its time (a delay holds back everything after it).
 */
class Lane {
  constructor(rng, sink, stats, options) {
    this.rng = rng;
    this.sink = sink;
    this.stats = stats;
    this.options = options;
    /** [{ bytes: number[], at: ms }] waiting to go out, in order */
    this.queue = [];
    /** when the last queued run may go out (a delay moves it forward) */
    this.releaseAt = 0;
    this.timer = null;
    this.cut = false;
    /** cut both directions once this many more bytes have gone through (null: never) */
    this.cutBudget = null;
    this.onCut = () => {};
  }

  /** Takes bytes read from one end. */
  push(chunk) {
    const now = performance.now();
    const { weights, maxDelayMs } = this.options;
    const total = weights.flip + weights.drop + weights.dup + weights.delay;
    let run = [];
    const queueRun = () => {
      if (run.length > 0) this.queue.push({ bytes: run, at: Math.max(now, this.releaseAt) });
      run = [];
    };
    for (const byte of chunk) {
      if (this.cut) {
        this.stats.cut++;
        continue;
      }
      if (this.cutBudget !== null) {
        if (this.cutBudget === 0) {
          this.onCut();
          this.stats.cut++;
          continue;
        }
        this.cutBudget--;
      }
      this.stats.bytes++;
      // one draw per byte whatever happens, so that a seed replays the same faults
      const draw = this.rng.u32() / TWO_32;
      if (draw >= this.options.rate || total === 0) {
        run.push(byte);
        continue;
      }
      let pick = this.rng.u32() / TWO_32 * total;
      const extra = this.rng.u32();
      let kind = "delay";
      for (const k of FAULT_KINDS) {
        if (pick < weights[k]) {
          kind = k;
          break;
        }
        pick -= weights[k];
      }
      this.stats[kind]++;
      switch (kind) {
        case "flip":
          run.push(byte ^ (1 << (extra & 7)));
          break;
        case "drop":
          break;
        case "dup":
          run.push(byte, byte);
          break;
        case "delay": {
          queueRun();
          const ms = 1 + (extra % Math.max(1, maxDelayMs));
          this.stats.delayMs += ms;
          this.releaseAt = Math.max(now, this.releaseAt) + ms;
          run.push(byte);
          break;
        }
      }
    }
    queueRun();
    this.drain();
  }

  /** Sends every run whose time has come; sets a timer for the next one. */
  drain() {
    if (this.timer !== null) return;
    const now = performance.now();
    while (this.queue.length > 0 && this.queue[0].at <= now) this.sink(Buffer.from(this.queue.shift().bytes));
    if (this.queue.length > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.drain();
      }, Math.max(0, this.queue[0].at - now));
    }
  }

  /** Forgets what waits (a cut cable carries nothing more). */
  clear() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.queue = [];
    this.releaseAt = 0;
  }
}

/**
 * Starts the proxy between the board's port `port` and a new pty. Options:
 * rate (per byte, default 1e-3), seed (default 1), weights ({flip, drop, dup,
 * delay}: relative odds of each kind, default 1 each; 0 turns a kind off),
 * maxDelayMs (default 50), link (a symlink to the new pty). Resolves with
 * { path, stats: { toBoard, toHost }, faults(), setRate(rate), cut(),
 * cutAfter(bytesToBoard), restore(), close() }.
 */
export async function startFaultProxy({ port, rate = 1e-3, seed = 1, weights = {}, maxDelayMs = 50, link = null } = {}) {
  if (!port) throw new Error("the board's port is missing (--port)");
  const options = { rate, maxDelayMs, weights: { flip: 1, drop: 1, dup: 1, delay: 1, ...weights } };
  const board = new SerialPort({ path: port, baudRate: 115200, hupcl: false, autoOpen: false });
  await new Promise((resolve, reject) =>
    board.open((e) => (e ? reject(new Error(`cannot open the board's port ${port}: ${e.message.replace(/^Error: /, "")}`)) : resolve())),
  );
  const pty = await openPty({ link });
  const slaveFd = pty.slaveFd;
  const stats = { toBoard: newStats(), toHost: newStats() };
  const toBoard = new Lane(new Rng(seed, 1), (b) => board.write(b), stats.toBoard, options);
  const toHost = new Lane(new Rng(seed, 2), (b) => pty.child.stdin.write(b), stats.toHost, options);
  pty.child.stdin.on("error", () => {}); // socat gone: close() is under way
  board.on("error", () => {});
  pty.child.stdout.on("data", (chunk) => toBoard.push(chunk));
  board.on("data", (chunk) => toHost.push(chunk));

  const cut = () => {
    toBoard.cut = toHost.cut = true;
    toBoard.cutBudget = toHost.cutBudget = null;
    toBoard.clear();
    toHost.clear();
  };
  toBoard.onCut = cut;
  let closed = false;

  return {
    path: pty.path,
    stats,
    /** Faults injected so far, both directions (delays included). */
    faults() {
      let n = 0;
      for (const s of [stats.toBoard, stats.toHost]) n += s.flip + s.drop + s.dup + s.delay;
      return n;
    },
    setRate(r) {
      options.rate = r;
    },
    /** Cuts the cable: nothing more goes either way (the bytes are counted as `cut`) until restore(). */
    cut,
    /** Cuts the cable once `n` more bytes have gone to the board. */
    cutAfter(n) {
      toBoard.cutBudget = n;
    },
    /** Mends the cable. */
    restore() {
      toBoard.cut = toHost.cut = false;
      toBoard.cutBudget = toHost.cutBudget = null;
    },
    async close() {
      if (closed) return;
      closed = true;
      toBoard.clear();
      toHost.clear();
      const exited = new Promise((resolve) => (pty.child.exitCode !== null ? resolve() : pty.child.once("exit", resolve)));
      pty.child.kill();
      await exited;
      closeSync(slaveFd);
      await new Promise((resolve) => (board.isOpen ? board.close(() => resolve()) : resolve()));
      if (link) rmSync(link, { force: true });
    },
  };
}

function parseArgs(argv) {
  const o = { port: null, rate: 1e-3, seed: 1, kinds: FAULT_KINDS, maxDelayMs: 50, link: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--port" || a === "-p") o.port = value();
    else if (a === "--rate") o.rate = Number(value());
    else if (a === "--seed") o.seed = Number(value()) >>> 0;
    else if (a === "--kinds") o.kinds = value().split(",").filter(Boolean);
    else if (a === "--max-delay-ms") o.maxDelayMs = Number(value());
    else if (a === "--link") o.link = value();
    else if (a === "--help" || a === "-h") usage(null);
    else usage(`unknown argument ${a}`);
  }
  if (!o.port) usage("--port BOARD_PTY is required (the board's port: `wasmcu sim` prints it first)");
  if (!(o.rate >= 0 && o.rate <= 1)) usage("--rate is a probability per byte, 0 to 1");
  const unknown = o.kinds.filter((k) => !FAULT_KINDS.includes(k));
  if (unknown.length > 0) usage(`--kinds: ${unknown.join(", ")}? (choose among ${FAULT_KINDS.join(",")})`);
  if (!(o.maxDelayMs >= 1)) usage("--max-delay-ms is at least 1");
  return o;
}

function usage(problem) {
  const text = "usage: node tools/link/fault-proxy.mjs --port BOARD_PTY [--rate 1e-3] [--seed N] [--kinds flip,drop,dup,delay] [--max-delay-ms 50] [--link PATH]";
  if (problem) {
    process.stderr.write(`fault-proxy: ${problem}\n${text}\n`);
    process.exit(2);
  }
  process.stdout.write(`${text}\n`);
  process.exit(0);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const weights = Object.fromEntries(FAULT_KINDS.map((k) => [k, o.kinds.includes(k) ? 1 : 0]));
  let proxy;
  try {
    proxy = await startFaultProxy({ port: o.port, rate: o.rate, seed: o.seed, weights, maxDelayMs: o.maxDelayMs, link: o.link });
  } catch (e) {
    process.stderr.write(`fault-proxy: ${e.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${proxy.path}\n`);
  process.stderr.write(`fault-proxy: ${o.port} <-> ${proxy.path}, ${o.rate} faults per byte (${o.kinds.join(", ")}), seed ${o.seed}; stop it with Ctrl-C\n`);
  const stop = async () => {
    await proxy.close();
    process.stdout.write(`${JSON.stringify({ event: "stats", faults: proxy.faults(), ...proxy.stats })}\n`);
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
