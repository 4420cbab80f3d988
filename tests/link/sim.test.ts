// `wasmcu` against the real supervisor: the JS simulator (ports/sim) in this
// process, the CLI in child processes on its pty. What the scripted board of
// cli.test.ts only pretends (output streams, exit codes, traps, the store,
// skip-if-same, logs, reset), the device does here.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wasmcu as run, type CliRun } from "./run-cli";

const temp = mkdtempSync(join(tmpdir(), "wasmcu-sim-cli-"));

/** Assembles a WAT text into temp/<name>.wasm. */
function wasm(name: string, wat: string): string {
  const file = join(temp, `${name}.wasm`);
  writeFileSync(join(temp, `${name}.wat`), wat);
  execFileSync("wat2wasm", [join(temp, `${name}.wat`), "-o", file]);
  return file;
}

/** A WASI command: "hello from wat\n" on stdout, "oops\n" on stderr, exit 3. */
const hello = wasm(
  "hello",
  `(module
    (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
    (memory (export "memory") 1)
    (data (i32.const 16) "hello from wat\\n")
    (data (i32.const 48) "oops\\n")
    (func $write (param $fd i32) (param $at i32) (param $n i32)
      (i32.store (i32.const 0) (local.get $at))
      (i32.store (i32.const 4) (local.get $n))
      (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))
    (func (export "_start")
      (call $write (i32.const 1) (i32.const 16) (i32.const 15))
      (call $write (i32.const 2) (i32.const 48) (i32.const 5))
      (call $exit (i32.const 3))))`,
);

const trap = wasm("trap", `(module (func (export "_start") unreachable))`);

/** A command of about 12 KB (a data segment), so that an upload takes many chunks. */
const bulky = wasm(
  "bulky",
  `(module
    (memory 1)
    (data (i32.const 0) "${Array.from({ length: 12000 }, (_, i) => `\\${((i * 7919) & 0xff).toString(16).padStart(2, "0")}`).join("")}")
    (func (export "_start")))`,
);

/** What this file uses of ports/sim/board.mjs (the lead's; it has no type declarations). */
interface Simulator {
  path: string;
  close(): Promise<void>;
}
type StartSimulator = (options: { board?: string; baud?: number; log?: (m: string) => void }) => Promise<Simulator>;
const boardModule: string = "../../ports/sim/board.mjs";

/** A reactor that logs "tick" every 50 ms, forever (needs --allow clock). */
const ticker = wasm(
  "ticker",
  `(module
    (import "wasmcu" "log" (func $log (param i32 i32)))
    (import "wasmcu" "delay" (func $delay (param i32)))
    (memory (export "memory") 1)
    (data (i32.const 0) "tick")
    (func (export "loop") (call $log (i32.const 0) (i32.const 4)) (call $delay (i32.const 50))))`,
);

let sim: Simulator;
const wasmcu = (args: string[], interruptWhen?: (r: CliRun) => boolean) => run(args, sim.path, { timeoutMs: 3000, interruptWhen });
const ticks = (text: string) => text.split("ticker: tick\n").length - 1;

beforeAll(async () => {
  // at the default line rate of 115200 baud: uploads are paced as on a UART
  const { startSimulator } = (await import(boardModule)) as { startSimulator: StartSimulator };
  sim = await startSimulator({ board: "rp2040", log: () => {} });
});
afterAll(async () => {
  await sim?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe("wasmcu on the simulator", () => {
  it("info: the board as the supervisor describes it", async () => {
    const r = await wasmcu(["info", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info).toMatchObject({ board: "rp2040-sim", protocol: 1, safeMode: false });
    expect(info.features).toContain("wasi");
    expect(info.upload.maxChunk).toBeGreaterThan(0);
    expect(info.upload.window).toBeGreaterThan(0);
  });

  it("run: the module's stdout and stderr apart, and its exit code", async () => {
    const r = await wasmcu(["run", hello]);
    expect(r.stdout).toBe("hello from wat\n");
    expect(r.stderr).toContain("oops\n");
    expect(r.status, r.stderr).toBe(3);
  });

  it("run: a trap exits 134 with the engine's message", async () => {
    const r = await wasmcu(["run", trap]);
    expect(r.status, r.stderr).toBe(134);
    expect(r.stderr).toMatch(/^wasmcu: trap: .*unreachable/m);
  });

  it("install: many chunks at 115200 baud, then skipped when the same; ls; rm", async () => {
    const first = await wasmcu(["install", bulky]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/^wasmcu: bulky: sent \d+ bytes in/m);
    const again = await wasmcu(["install", bulky]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain("not sent again");

    const ls = await wasmcu(["ls", "--json"]);
    expect(ls.status, ls.stderr).toBe(0);
    const bulkyEntry = JSON.parse(ls.stdout).modules.find((m: { name: string }) => m.name === "bulky");
    expect(bulkyEntry).toMatchObject({ installed: true, autostart: false });
    expect(bulkyEntry.size).toBeGreaterThan(12000);

    expect((await wasmcu(["rm", "bulky"])).status).toBe(0);
    const gone = await wasmcu(["rm", "bulky"]);
    expect(gone.status).toBe(1);
    expect(gone.stderr).toMatch(/the board refused: .*bulky.* \(NoSuchModule\)/);
  });

  it("logs: the history of a module that ran", async () => {
    expect((await wasmcu(["run", "--name", "again", hello])).status).toBe(3);
    const r = await wasmcu(["logs", "again"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("hello from wat\n");
  });

  it("run: Ctrl-C stops the module on the board and exits 130", async () => {
    const r = await wasmcu(["run", "--allow", "clock", ticker], (out) => ticks(out.stderr) >= 2);
    expect(r.status, r.stderr).toBe(130);
    expect(r.stderr).toContain("wasmcu: stopping ticker on the board");
    const ls = JSON.parse((await wasmcu(["ls", "--json"])).stdout);
    expect(ls.modules.find((m: { name: string }) => m.name === "ticker").state).toBe("stopped");
  });

  it("logs --follow: the history, then new records as they come, until Ctrl-C", async () => {
    expect((await wasmcu(["run", "--detach", "--allow", "clock", ticker])).status).toBe(0);
    const { nextSeq } = JSON.parse((await wasmcu(["logs", "ticker", "--json"])).stdout);
    const seqs = (text: string) => text.trim().split("\n").filter(Boolean).map((line) => JSON.parse(line).seq as number);
    // JSON lines: stop once three records newer than that history came
    const r = await wasmcu(["logs", "ticker", "--follow", "--json"], (out) => seqs(out.stdout).filter((seq) => seq >= nextSeq).length >= 3);
    expect(r.status, r.stderr).toBe(0);
    const got = seqs(r.stdout);
    expect(got.filter((seq) => seq < nextSeq).length).toBeGreaterThan(0); // the history first
    expect(got).toEqual([...got].sort((a, b) => a - b)); // each once, in order
    expect(new Set(got).size).toBe(got.length);
    expect((await wasmcu(["stop", "ticker"])).status).toBe(0);
  });

  it("run: replacing a module of the same name that runs, the new one's end is what counts", async () => {
    expect((await wasmcu(["run", "--detach", "--allow", "clock", ticker])).status).toBe(0);
    const r = await wasmcu(["run", "--name", "ticker", trap]);
    expect(r.status, r.stderr).toBe(134);
    const ls = JSON.parse((await wasmcu(["ls", "--json"])).stdout);
    expect(ls.modules.filter((m: { name: string }) => m.name === "ticker").map((m: { state: string }) => m.state)).toEqual(["trapped"]);
  });

  it("reset: the board restarts (reset reason software)", async () => {
    const r = await wasmcu(["reset"]);
    expect(r.status, r.stderr).toBe(0);
    // the supervisor boots again in a moment; the next command's HELLO waits for it
    const info = await wasmcu(["info", "--json"]);
    expect(info.status, info.stderr).toBe(0);
    expect(JSON.parse(info.stdout).resetReason).toBe("software");
  });
});
