// The hardware-in-the-loop harness: a target board and the `wasmcu` command
// run against it, as a user runs it.
//
// WASMCU_TARGET chooses the board: `sim` (the JS simulator, `wasmcu sim`),
// `native` (the firmware compiled to C, `wasmcu sim --native`), or the path of
// a real board's serial port. Unset, the suite runs on sim and native both.
// Simulated boards run without line-rate pacing (--baud 0) to keep the suite
// fast; tools/bench measures throughput at 115200.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

export const root = resolve(import.meta.dirname, "..");
const cli = join(root, "tools/cli/bin.mjs");

/** One JSON line a simulated board prints: {"event":"gpio"|"reset"|"ready", ...}. */
export interface BoardEvent {
  event: string;
  pin?: number;
  level?: number;
  reason?: string;
}

export interface Target {
  name: string;
  port: string;
  /** whether board events (GPIO, resets) can be observed: simulated boards only */
  simulated: boolean;
  events: BoardEvent[];
  waitForEvent(pred: (e: BoardEvent) => boolean, timeoutMs?: number, from?: number): Promise<BoardEvent>;
  stop(): Promise<void>;
}

/** The targets this run covers (see the file header). */
export function targets(): string[] {
  const t = process.env.WASMCU_TARGET;
  return t ? [t] : ["sim", "native"];
}

/** Starts `target` (sim, native) or attaches to a serial port path. */
export async function startTarget(target: string): Promise<Target> {
  if (target !== "sim" && target !== "native") {
    return { name: target, port: target, simulated: false, events: [], waitForEvent: () => Promise.reject(new Error("a real board's pins cannot be observed")), stop: async () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), "wasmcu-hil-"));
  const args = [cli, "sim", "--flash", join(dir, "flash.bin"), "--baud", "0"];
  if (target === "native") args.push("--native");
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const events: BoardEvent[] = [];
  const waiters: (() => void)[] = [];
  const lines = createInterface({ input: child.stdout! });
  // one listener from the start: the first line is the pty's path, the rest are events (a "ready" that
  // arrives in the same chunk as the path must not be missed)
  let onPort: (path: string) => void = () => {};
  let portSeen = false;
  lines.on("line", (line) => {
    if (!portSeen) {
      portSeen = true;
      onPort(line.trim());
      return;
    }
    try {
      events.push(JSON.parse(line));
    } catch {
      return;
    }
    for (const w of waiters.splice(0)) w();
  });
  const giveUp = (e: unknown): never => {
    // a board that did not come up is not left behind
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw e;
  };
  const port = await new Promise<string>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`${target}: no pty path within 120 s\n${stderr}`)), 120_000);
    child.on("exit", (code) => reject(new Error(`${target} exited (${code}) before it was ready:\n${stderr}`)));
    onPort = (path) => {
      clearTimeout(timer);
      resolvePort(path);
    };
  }).catch(giveUp);
  const waitForEvent = (pred: (e: BoardEvent) => boolean, timeoutMs = 10_000, from = 0) =>
    new Promise<BoardEvent>((resolveEvent, reject) => {
      const timer = setTimeout(() => reject(new Error(`${target}: no such event within ${timeoutMs} ms; events: ${JSON.stringify(events.slice(-10))}`)), timeoutMs);
      const check = () => {
        const e = events.slice(from).find(pred);
        if (e) {
          clearTimeout(timer);
          resolveEvent(e);
        } else waiters.push(check);
      };
      check();
    });
  await waitForEvent((e) => e.event === "ready", 30_000).catch(giveUp);
  return {
    name: target,
    port,
    simulated: true,
    events,
    waitForEvent,
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `wasmcu <command> --port <target's port> <args...>` and waits for it. */
export function wasmcu(target: Target, command: string, args: string[] = [], timeoutMs = 60_000): Run {
  const r = spawnSync(process.execPath, [cli, command, "--port", target.port, ...args], { encoding: "utf8", timeout: timeoutMs });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `wasmcu <command> ...` without waiting (logs --follow); returns the child and its output so far. */
export function wasmcuAsync(target: Target, command: string, args: string[] = []): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [cli, command, "--port", target.port, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  return { child, output: () => out };
}

/** Builds the example modules (incremental) and returns the path of build/examples/<lang>/<name>.wasm. */
export function buildExamples(): (lang: string, name: string) => string {
  const r = spawnSync(process.execPath, [join(root, "tools/examples/build.mjs")], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm run examples failed:\n${r.stdout}\n${r.stderr}`);
  return (lang, name) => join(root, "build/examples", lang, `${name}.wasm`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
