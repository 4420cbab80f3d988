// Hostile modules, on each target of harness.ts: each one ends with its own
// error code and message, the board answers `info` after every case, and a
// module running beside them (a ticker) keeps running through all of them.
// The modules are WebAssembly text assembled here with Debian's wat2wasm.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Target, sleep, startTarget, targets, wasmcu } from "./harness";

const temp = mkdtempSync(join(tmpdir(), "wasmcu-hostile-"));

function wasm(name: string, wat: string): string {
  const file = join(temp, `${name}.wasm`);
  writeFileSync(join(temp, `${name}.wat`), wat);
  // --no-check: some of these are meant to be invalid
  execFileSync("wat2wasm", ["--no-check", join(temp, `${name}.wat`), "-o", file]);
  return file;
}

/** A reactor that logs "tick N" (N = 1, 2, ...) every 20 ms: the module that must keep running. */
const TICKER = `(module
  (import "wasmcu" "delay" (func $delay (param i32)))
  (import "wasmcu" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (global $n (mut i32) (i32.const 0))
  (data (i32.const 0) "tick ")
  ;; writes $v in decimal at 5.. and returns the end
  (func $decimal (param $v i32) (result i32)
    (local $digits i32) (local $k i32) (local $at i32)
    (local.set $k (local.get $v))
    (loop $count
      (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
      (local.set $k (i32.div_u (local.get $k) (i32.const 10)))
      (br_if $count (local.get $k)))
    (local.set $at (i32.add (i32.const 5) (local.get $digits)))
    (local.set $k (local.get $at))
    (loop $write
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (i32.store8 (local.get $k) (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
      (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
      (br_if $write (i32.gt_u (local.get $k) (i32.const 5))))
    (local.get $at))
  (func (export "loop")
    (global.set $n (i32.add (global.get $n) (i32.const 1)))
    (call $log (i32.const 0) (call $decimal (global.get $n)))
    (call $delay (i32.const 20))))`;

const WRITE = `(import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))`;

const MODULES = {
  oobLoad: `(module (memory 1) (func (export "_start") (drop (i32.load (i32.const 70000)))))`,
  oobStore: `(module (memory 1) (func (export "_start") (i32.store (i32.const 65534) (i32.const 1))))`,
  indirect: `(module (type $v (func)) (table 1 funcref) (elem (i32.const 0) $f)
    (func $f (param i32) (result i32) (local.get 0))
    (func (export "_start") (call_indirect (type $v) (i32.const 0))))`,
  recursion: `(module (func $f (export "_start") (call $f)))`,
  /** recursion whose frames are large: the value stack runs out before the call depth */
  wideRecursion: `(module (func $f (export "_start") (local f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64
    f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64) (call $f)))`,
  spin: `(module (func (export "_start") (loop (br 0))))`,
  /** grows its memory page by page until memory.grow says no, then reports how far it got in its exit code */
  memoryBomb: `(module ${`(import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))`} (memory 1)
    (func (export "_start") (local $pages i32)
      (loop $l (if (i32.ne (memory.grow (i32.const 1)) (i32.const -1)) (then (br $l))))
      (call $exit (memory.size))))`,
  hugeTable: `(module (table 10000000 funcref) (func (export "_start")))`,
  tableBomb: `(module (table 1 funcref)
    (func (export "_start") (loop $l (br_if $l (i32.ne (table.grow (ref.null func) (i32.const 1000)) (i32.const -1)))) unreachable))`,
  flood: `(module ${WRITE} (memory (export "memory") 1)
    (data (i32.const 16) "flood flood flood flood flood flood flood flood flood flood\\n")
    (func (export "_start")
      (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 60))
      (loop $l (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))) (br $l))))`,
  /** granted pin 25, writes pin 5 */
  wrongPin: `(module (import "wasmcu" "gpio_write" (func $write (param i32 i32) (result i32)))
    (func (export "_start") (drop (call $write (i32.const 25) (i32.const 1))) (drop (call $write (i32.const 5) (i32.const 1)))))`,
  ungranted: `(module (import "wasi_snapshot_preview1" "random_get" (func (param i32 i32) (result i32))) (memory 1) (func (export "_start")))`,
  /** valid bytes, invalid code: i32.add of an i32 and an f32 */
  invalid: `(module (func (export "_start") (drop (i32.add (i32.const 1) (f32.const 2)))))`,
};

interface RunJson {
  exit?: { kind: string; code: number; message: string };
  error?: { exit: number; code: string; message: string };
}

describe.each(targets())("hostile modules on board %s", (targetName) => {
  let board: Target;
  let file: Record<string, string>;
  let ticks = 0;

  /** The ticker's last count, from its log records. */
  const lastTick = (): number => {
    const r = wasmcu(board, "logs", ["--json", "ticker"]);
    expect(r.code, r.stderr).toBe(0);
    const records = (JSON.parse(r.stdout) as { records: { text: string }[] }).records;
    const counts = records.map((x) => Number(/tick (\d+)/.exec(x.text)?.[1] ?? 0));
    return Math.max(0, ...counts);
  };
  /** `wasmcu run --json` of a module; returns what it printed and its exit status. */
  const run = (name: string, args: string[] = [], timeoutMs = 60_000): { status: number; out: RunJson; stderr: string } => {
    const r = wasmcu(board, "run", ["--json", "--name", name, ...args, file[name]], timeoutMs);
    return { status: r.code, out: r.stdout.trim() ? (JSON.parse(r.stdout) as RunJson) : {}, stderr: r.stderr };
  };

  beforeAll(async () => {
    file = Object.fromEntries(Object.entries(MODULES).map(([name, wat]) => [name, wasm(name, wat)]));
    file.ticker = wasm("ticker", TICKER);
    file.malformed = join(temp, "malformed.wasm");
    writeFileSync(file.malformed, "this is not a module");
    board = await startTarget(targetName);
    const r = wasmcu(board, "run", ["--detach", "--name", "ticker", "--allow", "clock", file.ticker]);
    expect(r.code, r.stderr).toBe(0);
    await sleep(300);
    ticks = lastTick();
    expect(ticks).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await board?.stop();
  });

  afterEach(() => {
    // whatever the module did, the board answers
    const r = wasmcu(board, "info", ["--json"], 10_000);
    expect(r.code, r.stderr).toBe(0);
  });

  it.each([
    ["oobLoad", 5, "out of bounds memory access"],
    ["oobStore", 5, "out of bounds memory access"],
    ["indirect", 9, "indirect call type mismatch"],
    ["recursion", 10, "call stack exhausted"],
    ["wideRecursion", 11, "value stack full"],
  ])("%s traps with its own code and message", (name, code, message) => {
    const r = run(name as string);
    expect(r.status, r.stderr).toBe(134);
    expect(r.out.exit).toMatchObject({ kind: "trapped", code });
    expect(r.out.exit!.message).toContain(message);
  });

  it("a pin outside the grant traps, naming the grant", () => {
    const r = run("wrongPin", ["--allow", "gpio=25"]);
    expect(r.status, r.stderr).toBe(134);
    expect(r.out.exit).toMatchObject({ kind: "trapped", code: 13 });
    expect(r.out.exit!.message).toBe("gpio: pin 5 is not granted to this module (granted: 25)");
  });

  it("an endless loop ends when it has used its CPU budget (stopped earlier on request)", () => {
    const started = performance.now();
    const r = run("spin", ["--allow", "cpu=400"]);
    expect(r.status, r.stderr).toBe(134);
    expect(r.out.exit).toMatchObject({ kind: "trapped", code: 12 });
    expect(r.out.exit!.message).toContain("used its CPU budget: computed for 400 ms without waiting");
    // the budget counts the module's own computing: other modules and the link share the CPU
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it("a memory.grow bomb gets -1 once the board's RAM is spoken for", () => {
    const info = JSON.parse(wasmcu(board, "info", ["--json"]).stdout) as { ram: { total: number; free: number } };
    const r = run("memoryBomb");
    expect(r.status, r.stderr).not.toBe(134);
    // its exit code is the pages it reached: less than the board's RAM, more than it started with
    expect(r.status).toBeGreaterThan(1);
    expect(r.status * 65536).toBeLessThanOrEqual(info.ram.total);
  });

  it("a huge table is refused at instantiation, a table.grow bomb gets -1", () => {
    const huge = run("hugeTable");
    expect(huge.status).toBe(1);
    expect(huge.out.error).toMatchObject({ code: "TooLarge" });
    expect(huge.out.error!.message).toContain("table 0 needs 10000000 elements, the limit is 10000");
    const bomb = run("tableBomb");
    expect(bomb.status, bomb.stderr).toBe(134);
    expect(bomb.out.exit).toMatchObject({ kind: "trapped", code: 1 });
  });

  it("a module flooding its output is held back by the link, not the board: it answers, and stops", async () => {
    const r = wasmcu(board, "run", ["--detach", "--name", "flood", "--allow", "cpu=0", file.flood]);
    expect(r.code, r.stderr).toBe(0);
    await sleep(1000);
    const started = performance.now();
    expect(wasmcu(board, "info", ["--json"], 10_000).code).toBe(0);
    expect(performance.now() - started).toBeLessThan(5_000);
    const stop = wasmcu(board, "stop", ["flood"]);
    expect(stop.code, stop.stderr).toBe(0);
    expect(wasmcu(board, "logs", ["flood"]).stdout).toContain("flood flood");
  });

  it("a module importing what it was not granted: refused here, and by the board when sent anyway", () => {
    const here = run("ungranted");
    expect(here.status).toBe(65);
    expect(here.out.error!.message).toContain("needs capability random (grant it with --allow random)");
    const board_ = run("ungranted", ["--no-check"]);
    expect(board_.status).toBe(1);
    expect(board_.out.error).toMatchObject({ code: "CapabilityDenied" });
    expect(board_.out.error!.message).toContain("needs capability random (grant it with --allow random)");
  });

  it.each([
    ["malformed", "magic header not detected"],
    ["invalid", "type mismatch"],
  ])("a %s module: refused here, and by the board when sent anyway", (name, message) => {
    const here = run(name as string);
    expect(here.status).toBe(65);
    expect(here.out.error!.message).toContain(message);
    const sent = run(name as string, ["--no-check"]);
    expect(sent.status).toBe(1);
    expect(sent.out.error).toMatchObject({ code: "InvalidModule" });
    expect(sent.out.error!.message).toContain(message);
  });

  it("left the ticker running through all of the above", async () => {
    await sleep(300);
    const now = lastTick();
    expect(now).toBeGreaterThan(ticks);
    const ls = JSON.parse(wasmcu(board, "ls", ["--json"]).stdout) as { modules: { name: string; state: string }[] };
    expect(ls.modules.find((m) => m.name === "ticker")?.state).toBe("running");
    expect(wasmcu(board, "stop", ["ticker"]).code).toBe(0);
  });
});
