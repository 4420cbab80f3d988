// `wasmcu exec` end to end, on both engines: the benchmark modules print their
// expected lines (reduced sizes from /work/shared/bench/expected.txt), and
// small WAT command modules check argv, environ, exit codes, stderr, clocks,
// random_get, stdin, pointer checks, traps and the tool's own errors.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCEngine, loadJsEngine } from "../../tools/lib/engines.mjs";
import { root } from "../../tools/lib/sts-run.mjs";

const benchDir = process.env.WASMCU_BENCH_DIR ?? join(root, "../shared/bench");
const engines = ["js", "c"] as const;
type Engine = (typeof engines)[number];

let dir = "";

function wasmcuExec(engine: Engine, args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, ["tools/cli/bin.mjs", "exec", "--engine", engine, ...args], {
    cwd: root,
    encoding: "utf8",
    input: opts.input ?? "",
    env: { ...process.env, ...opts.env },
    timeout: 300_000,
  });
  // a rebuild of the C engine when a source changed during the run (others share the tree) is not the module's output
  const stderr = r.stderr.replace(/^wasmcu: building the C engine .*\n/m, "");
  return { status: r.status, stdout: r.stdout, stderr };
}

// ---- WAT command modules ----------------------------------------------------

/** Imports, memory, and helpers: $write(fd, ptr, len) -> errno, $print(ptr, len), $printz(ptr) (NUL-terminated), $hex(ptr, len). */
const prelude = `
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "sock_accept" (func $sock_accept (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 2048) "\\n0123456789abcdef")
  (func $write (param $fd i32) (param $ptr i32) (param $len i32) (result i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
  (func $print (param $ptr i32) (param $len i32)
    (drop (call $write (i32.const 1) (local.get $ptr) (local.get $len))))
  (func $newline (call $print (i32.const 2048) (i32.const 1)))
  (func $printz (param $p i32) (local $n i32)
    (block $end (loop $next
      (br_if $end (i32.eqz (i32.load8_u (i32.add (local.get $p) (local.get $n)))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $next)))
    (call $print (local.get $p) (local.get $n)))
  ;; prints the n NUL-terminated strings whose addresses are at ptrs, one a line
  (func $print_list (param $ptrs i32) (param $n i32) (local $i i32)
    (block $end (loop $next
      (br_if $end (i32.ge_u (local.get $i) (local.get $n)))
      (call $printz (i32.load (i32.add (local.get $ptrs) (i32.shl (local.get $i) (i32.const 2)))))
      (call $newline)
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))
  ;; prints len bytes at ptr in hexadecimal, then a newline (uses 60000..)
  (func $hex (param $ptr i32) (param $len i32) (local $i i32) (local $b i32)
    (block $end (loop $next
      (br_if $end (i32.ge_u (local.get $i) (local.get $len)))
      (local.set $b (i32.load8_u (i32.add (local.get $ptr) (local.get $i))))
      (i32.store8 (i32.add (i32.const 60000) (i32.shl (local.get $i) (i32.const 1)))
        (i32.load8_u (i32.add (i32.const 2049) (i32.shr_u (local.get $b) (i32.const 4)))))
      (i32.store8 (i32.add (i32.const 60001) (i32.shl (local.get $i) (i32.const 1)))
        (i32.load8_u (i32.add (i32.const 2049) (i32.and (local.get $b) (i32.const 15)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (call $print (i32.const 60000) (i32.shl (local.get $len) (i32.const 1)))
    (call $newline))
`;

const command = (body: string) => `(module ${prelude} ${body})`;

const watModules: Record<string, string> = {
  // argv one a line, "--", then the environment one a line
  args: command(`
    (data (i32.const 2100) "--")
    (func (export "_start")
      (drop (call $args_sizes_get (i32.const 16) (i32.const 20)))
      (drop (call $args_get (i32.const 4096) (i32.const 8192)))
      (call $print_list (i32.const 4096) (i32.load (i32.const 16)))
      (call $print (i32.const 2100) (i32.const 2)) (call $newline)
      (drop (call $environ_sizes_get (i32.const 16) (i32.const 20)))
      (drop (call $environ_get (i32.const 4096) (i32.const 8192)))
      (call $print_list (i32.const 4096) (i32.load (i32.const 16))))`),
  // stdout, stderr, then proc_exit(7)
  exit7: command(`
    (data (i32.const 2100) "to stdout\\nto stderr\\n")
    (func (export "_start")
      (call $print (i32.const 2100) (i32.const 10))
      (drop (call $write (i32.const 2) (i32.const 2110) (i32.const 10)))
      (call $proc_exit (i32.const 7))
      (unreachable))`),
  returns: command(`(func (export "_start"))`),
  unreachable: command(`
    (data (i32.const 2100) "before\\n")
    (func (export "_start")
      (call $print (i32.const 2100) (i32.const 7))
      (unreachable))`),
  divzero: command(`
    (func (export "_start") (drop (i32.div_s (i32.const 1) (i32.const 0))))`),
  // monotonic before and after a 20 ms poll_oneoff sleep; realtime after 2020; no CPU-time clock
  clocks: command(`
    (data (i32.const 2100) "slept\\nshort\\nrealtime ok\\nrealtime wrong\\ncputime einval\\n")
    (func (export "_start") (local $t0 i64)
      (drop (call $clock_time_get (i32.const 1) (i64.const 0) (i32.const 16)))
      (local.set $t0 (i64.load (i32.const 16)))
      ;; subscription at 256: userdata 9, clock, monotonic, relative 20 ms
      (i64.store (i32.const 256) (i64.const 9))
      (i32.store8 (i32.const 264) (i32.const 0))
      (i32.store (i32.const 272) (i32.const 1))
      (i64.store (i32.const 280) (i64.const 20000000))
      (i64.store (i32.const 288) (i64.const 0))
      (i32.store16 (i32.const 296) (i32.const 0))
      (drop (call $poll_oneoff (i32.const 256) (i32.const 512) (i32.const 1) (i32.const 24)))
      (drop (call $clock_time_get (i32.const 1) (i64.const 0) (i32.const 16)))
      (if (i64.ge_u (i64.sub (i64.load (i32.const 16)) (local.get $t0)) (i64.const 20000000))
        (then (call $print (i32.const 2100) (i32.const 6)))
        (else (call $print (i32.const 2106) (i32.const 6))))
      (drop (call $clock_time_get (i32.const 0) (i64.const 0) (i32.const 16)))
      (if (i64.gt_u (i64.load (i32.const 16)) (i64.const 1577836800000000000))
        (then (call $print (i32.const 2112) (i32.const 12)))
        (else (call $print (i32.const 2124) (i32.const 15))))
      (if (i32.eq (call $clock_time_get (i32.const 2) (i64.const 0) (i32.const 16)) (i32.const 28))
        (then (call $print (i32.const 2139) (i32.const 15)))))`),
  random: command(`
    (func (export "_start")
      (drop (call $random_get (i32.const 4096) (i32.const 16)))
      (call $hex (i32.const 4096) (i32.const 16)))`),
  // copies stdin to stdout
  cat: command(`
    (func (export "_start")
      (block $eof (loop $next
        (i32.store (i32.const 32) (i32.const 4096))
        (i32.store (i32.const 36) (i32.const 5))
        (br_if $eof (call $fd_read (i32.const 0) (i32.const 32) (i32.const 1) (i32.const 40)))
        (br_if $eof (i32.eqz (i32.load (i32.const 40))))
        (call $print (i32.const 4096) (i32.load (i32.const 40)))
        (br $next))))`),
  // errnos: a buffer outside memory (EFAULT 21), a write to stdin (EBADF 8), a function outside the subset (ENOSYS 52)
  errnos: command(`
    (func $errno (param $e i32) (i32.store8 (i32.const 3000) (local.get $e)) (call $hex (i32.const 3000) (i32.const 1)))
    (func (export "_start")
      (call $errno (call $write (i32.const 1) (i32.const 65530) (i32.const 10)))
      (call $errno (call $write (i32.const 0) (i32.const 2048) (i32.const 1)))
      (call $errno (call $args_get (i32.const 65534) (i32.const 0)))
      (call $errno (call $sock_accept (i32.const 3) (i32.const 0) (i32.const 0))))`),
  unlinkable: `(module (import "env" "log" (func (param i32))) (memory (export "memory") 1) (func (export "_start")))`,
  wrongType: `(module (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32))) (memory (export "memory") 1) (func (export "_start")))`,
  noStart: `(module (memory (export "memory") 1) (func (export "main")))`,
  // a body that leaves nothing where its type says i32: fails validation
  invalid: `(module (func (result i32)))`,
};

const wasm = (name: string) => join(dir, `${name}.wasm`);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "wasmcu-exec-"));
  for (const [name, wat] of Object.entries(watModules)) {
    writeFileSync(join(dir, `${name}.wat`), wat);
    const r = spawnSync("wat2wasm", ["--no-check", join(dir, `${name}.wat`), "-o", wasm(name)], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`wat2wasm ${name}: ${r.stderr}`);
  }
  writeFileSync(wasm("badversion"), new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]));
  // build both engines once, here, rather than in the first test of each
  await loadJsEngine();
  buildCEngine();
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(engines)("wasmcu exec --engine %s", (engine) => {
  it("passes argv (module path first) and only the environment given with --env", () => {
    const r = wasmcuExec(engine, ["--env", "A=1", "--env", "HOST_VALUE", "--env", "UNSET_VALUE", "--env", "EMPTY=", wasm("args"), "x", "y z", "--flag"], {
      env: { HOST_VALUE: "from host", SECRET: "not passed" },
    });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(`${wasm("args")}\nx\ny z\n--flag\n--\nA=1\nHOST_VALUE=from host\nEMPTY=\n`);
    expect(r.status).toBe(0);
    const bare = wasmcuExec(engine, [wasm("args")]);
    expect(bare.stdout).toBe(`${wasm("args")}\n--\n`);
  });

  it("exits with proc_exit's code, stdout and stderr apart; 0 when _start returns", () => {
    const r = wasmcuExec(engine, [wasm("exit7")]);
    expect([r.stdout, r.stderr, r.status]).toEqual(["to stdout\n", "to stderr\n", 7]);
    expect(wasmcuExec(engine, [wasm("returns")])).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("a trap: its message on stderr after the module's output, exit 134", () => {
    const r = wasmcuExec(engine, [wasm("unreachable")]);
    expect([r.stdout, r.stderr, r.status]).toEqual(["before\n", "wasmcu: trap: unreachable\n", 134]);
    const d = wasmcuExec(engine, [wasm("divzero")]);
    expect([d.stdout, d.stderr, d.status]).toEqual(["", "wasmcu: trap: integer divide by zero\n", 134]);
  });

  it("clocks: a poll_oneoff sleep shows on the monotonic clock; realtime is now; no CPU-time clock", () => {
    const r = wasmcuExec(engine, [wasm("clocks")]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("slept\nrealtime ok\ncputime einval\n");
  });

  it("random_get gives different bytes each run", () => {
    const a = wasmcuExec(engine, [wasm("random")]).stdout;
    const b = wasmcuExec(engine, [wasm("random")]).stdout;
    expect(a).toMatch(/^[0-9a-f]{32}\n$/);
    expect(b).toMatch(/^[0-9a-f]{32}\n$/);
    expect(a).not.toBe(b);
  });

  it("reads stdin", () => {
    const input = "one line\nand another, longer than one read\n";
    expect(wasmcuExec(engine, [wasm("cat")], { input }).stdout).toBe(input);
  });

  it("gives errnos: EFAULT for memory outside the module's, EBADF, ENOSYS for the rest of preview1", () => {
    const r = wasmcuExec(engine, [wasm("errnos")]);
    expect(r.stdout).toBe("15\n08\n15\n34\n");
    expect(r.status).toBe(0);
  });

  it("reports modules it cannot run, exit 1", () => {
    const bad = wasmcuExec(engine, [wasm("badversion")]);
    expect(bad.stderr).toMatch(new RegExp(`^wasmcu: ${wasm("badversion")} is not a valid module: at byte 0x[0-9a-f]+: .+\\n$`));
    expect(bad.status).toBe(1);
    const invalid = wasmcuExec(engine, [wasm("invalid")]);
    expect(invalid.stderr).toMatch(new RegExp(`^wasmcu: ${wasm("invalid")} is not a valid module: at byte 0x[0-9a-f]+: .+\\n$`));
    expect(invalid.status).toBe(1);
    const unlinkable = wasmcuExec(engine, [wasm("unlinkable")]);
    expect(unlinkable.stderr).toBe(
      `wasmcu: ${wasm("unlinkable")} imports env.log, a function, which wasmcu cannot provide: a WASI command may import only functions of wasi_snapshot_preview1\n`,
    );
    expect(unlinkable.status).toBe(1);
    const wrongType = wasmcuExec(engine, [wasm("wrongType")]);
    expect(wrongType.stderr).toBe(`wasmcu: ${wasm("wrongType")} imports wasi_snapshot_preview1.fd_write with a type that is not the one WASI preview1 gives it\n`);
    const noStart = wasmcuExec(engine, [wasm("noStart")]);
    expect(noStart.stderr).toBe(`wasmcu: ${wasm("noStart")} exports no _start function: it is not a WASI command module\n`);
    expect(noStart.status).toBe(1);
    const missing = wasmcuExec(engine, [join(dir, "missing.wasm")]);
    expect(missing.stderr).toBe(`wasmcu: cannot read ${join(dir, "missing.wasm")}: No such file or directory\n`);
    expect(missing.status).toBe(1);
  });
});

describe("wasmcu exec usage", () => {
  it("exits 2 with the command's usage when the module is missing or an option is wrong", () => {
    const node = (args: string[]) => spawnSync(process.execPath, ["tools/cli/bin.mjs", "exec", ...args], { cwd: root, encoding: "utf8" });
    const none = node([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("wasmcu: missing required argument 'module'");
    expect(none.stderr).toContain("usage: wasmcu exec");
    const engine = node(["--engine", "wasm3", "m.wasm"]);
    expect(engine.status).toBe(2);
    expect(engine.stderr).toContain("Allowed choices are c, js");
  });
});

// ---- the benchmark modules --------------------------------------------------

/** The reduced-size lines of expected.txt (and nop, which has no size): [name, args, expected line]. */
function benchCases(): [string, string[], string][] {
  const file = join(benchDir, "expected.txt");
  if (!existsSync(file)) return [];
  const cases: [string, string[], string][] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = /^(\w+) (.+?) \| (.*)$/.exec(line);
    if (!m || line.startsWith("#")) continue;
    const [, name, args, expected] = m;
    if (args !== "-" || name === "nop") cases.push([name, args === "-" ? [] : args.split(" "), expected]);
  }
  return cases;
}

const benches = benchCases();

describe.each(engines)("benchmarks on --engine %s", (engine) => {
  it.skipIf(benches.length === 0).each(benches)("%s %j", (name, args, expected) => {
    const r = wasmcuExec(engine, [join(benchDir, "wasm", `${name}.wasm`), ...args]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(`${expected}\n`);
    expect(r.status).toBe(0);
  });
});
