// The spec-test runner (tools/spec): the engine's JS and C builds against the
// recorded counts of tools/spec/expected.json, Node's own WebAssembly (V8) as
// a check of the runner itself, and the runner's parts.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../../tools/lib/sts-run.mjs";
import { convertScripts, repairJson } from "../../tools/spec/convert.mjs";
import { WastReader } from "../../tools/spec/wast-reader.mjs";
import { argBits, matches } from "../../tools/spec/values.mjs";
import { parseReply } from "../../tools/spec/backends.mjs";

const runner = join(root, "tools/spec/run.mjs");
const expectFile = join(root, "tools/spec/expected.json");
const scratch = join(root, "build/test-spec");

function spec(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [runner, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 64 << 20,
  });
  return { status: r.status ?? `killed by ${r.signal}`, out: r.stdout + r.stderr + (r.error ? `\n${r.error.message}` : "") };
}

/** The counts row of `script` in the runner's table. */
function row(out: string, script: string): number[] {
  const line = out.split("\n").find((l) => l.startsWith(script + " "));
  expect(line, `no row for ${script} in:\n${out}`).toBeDefined();
  return line!.slice(script.length).trim().split(/\s+/).slice(0, 3).map(Number);
}

describe("spec testsuite", () => {
  it("the engine (js in-process and c through the stc-built driver) does not regress", () => {
    // strict: a malformed module must fail decoding and an invalid one validation, as the spec says
    const r = spec(["--backend", "js,c", "--strict-errors", "--expect", expectFile]);
    // on failure, show the rows with failures and the runner's own lines, not the whole table
    const notable = r.out
      .split("\n")
      .filter((l) => !/^\S+\s+\d+\s+0\s+\d+$/.test(l.trim()))
      .join("\n");
    // the whole output stays on disk for a failure that the filtered message does not explain
    mkdirSync(scratch, { recursive: true });
    writeFileSync(join(scratch, "engine-run.txt"), `exit status ${r.status}\n${r.out}`);
    expect(r.out.includes("spec: no regression"), `exit status ${r.status} (full output: build/test-spec/engine-run.txt)\n${notable}`).toBe(true);
    expect(r.status, r.out).toBe(0);
    // both backends ran every recorded script
    const recorded = JSON.parse(readFileSync(expectFile, "utf8"));
    for (const b of ["js", "c"]) {
      expect(Object.keys(recorded[b]).length).toBeGreaterThan(100);
      expect(r.out).toContain(`total (${b})`);
    }
  }, 600_000);

  it("V8 meets its record: the runner's conversion, commands and comparisons are right", () => {
    const r = spec(["--backend", "v8", "--expect", expectFile]);
    expect(r.status, r.out).toBe(0);
    // V8 misses only NaN payloads lost at the JS boundary and custom page sizes
    const [passed, failed] = row(r.out, "total (v8)");
    expect(passed).toBeGreaterThan(27000);
    expect(failed).toBeLessThan(100);
    expect(row(r.out, "i32")).toEqual([458, 0, 2]);
    expect(row(r.out, "tail-call/return_call")).toEqual([44, 0, 0]);
  }, 120_000);
});

describe("spec runner", () => {
  it("counts passes, failures and skips of every command kind, and reports failures with their line", () => {
    const suite = join(scratch, "suite");
    rmSync(suite, { recursive: true, force: true });
    mkdirSync(suite, { recursive: true });
    writeFileSync(
      join(suite, "kinds.wast"),
      `(module $A
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "nan") (result f32) (f32.div (f32.const 0) (f32.const 0)))
  (func (export "two") (result i64 f64) (i64.const -1) (f64.const 1.5))
  (func $loop (export "loop") (call $loop))
  (func (export "ext") (param externref) (result externref) (local.get 0))
  (global (export "g") i32 (i32.const 42))
)
(register "a" $A)
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return (invoke $A "add" (i32.const -1) (i32.const 1)) (i32.const 0))
(assert_return (invoke "nan") (f32.const nan:canonical))
(assert_return (invoke "two") (i64.const -1) (f64.const 1.5))
(assert_return (invoke "ext" (ref.extern 7)) (ref.extern 7))
(assert_return (invoke "ext" (ref.null extern)) (ref.null extern))
(assert_return (get "g") (i32.const 42))
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_exhaustion (invoke "loop") "call stack exhausted")
(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
(assert_malformed (module binary "\\00asm\\02\\00\\00\\00") "unknown binary version")
(assert_malformed (module quote "(func") "unexpected token")
(assert_unlinkable (module (import "a" "nope" (func))) "unknown import")
(assert_trap (module (func $f unreachable) (start $f)) "unreachable")
(module (import "a" "add" (func (param i32 i32) (result i32))) (import "spectest" "print_i32" (func (param i32))) (import "spectest" "global_f64" (global f64)))
(assert_return (invoke $A "add" (i32.const 2) (i32.const 2)) (i32.const 5))
(assert_trap (invoke $A "add" (i32.const 1) (i32.const 1)) "unreachable")
`,
    );
    const r = spec(["--backend", "v8", "-v"], { WASMCU_SPEC_TESTSUITE: suite });
    expect(row(r.out, "kinds"), r.out).toEqual([15, 2, 1]);
    expect(r.out).toContain("kinds.wast:26: assert_return invoke $A \"add\"");
    expect(r.out).toContain("expected i32:0x00000005 (5), got i32:0x00000004 (4)");
    expect(r.out).toContain("kinds.wast:27: assert_trap");
    expect(r.status).toBe(1);
  }, 60_000);

  it("its .wast reader gives the commands and module bytes wast2json gives", async () => {
    const names = ["i32", "f32", "names", "binary", "linking", "imports", "inline-module", "float_literals"];
    const converted = await convertScripts(names);
    const reader = await WastReader.create({ customPageSizes: false });
    const comparable = (c: Record<string, unknown>) => {
      const x = { ...c };
      delete x.filename;
      if (x.type === "action" || x.type === "assert_trap" || x.type === "assert_exhaustion") delete x.expected;
      return x;
    };
    for (const s of converted) {
      expect(s.route, s.name).toBe("wast2json");
      const dir = join(scratch, "reader", s.name);
      mkdirSync(dir, { recursive: true });
      const mine = reader.convert(readFileSync(s.wast), s.wast, dir, s.name).commands;
      const theirs = JSON.parse(readFileSync(s.json!, "utf8")).commands;
      expect(mine.map(comparable), s.name).toEqual(theirs.map(comparable));
      mine.forEach((c, i) => {
        if (c.filename?.endsWith(".wasm")) {
          expect(readFileSync(join(dir, c.filename)).equals(readFileSync(join(s.dir!, theirs[i].filename))), `${s.name} ${c.filename}`).toBe(true);
        }
      });
    }
  }, 60_000);

  it("repairs wast2json's expected arrays without commas", () => {
    const broken = '{"type": "assert_trap", "expected": [{"type": "i32"}{"type": "f64"} {"type": "i64"}]}';
    expect(JSON.parse(repairJson(broken)).expected).toEqual([{ type: "i32" }, { type: "f64" }, { type: "i64" }]);
  });

  it("compares results by bits, with the NaN classes and references", () => {
    expect(matches({ type: "f32", value: "nan:canonical" }, 0x7fc00000n)).toBe(true);
    expect(matches({ type: "f32", value: "nan:canonical" }, 0xffc00000n)).toBe(true);
    expect(matches({ type: "f32", value: "nan:canonical" }, 0x7fc00001n)).toBe(false);
    expect(matches({ type: "f32", value: "nan:arithmetic" }, 0x7fc00001n)).toBe(true);
    expect(matches({ type: "f32", value: "nan:arithmetic" }, 0x7fa00000n)).toBe(false);
    expect(matches({ type: "f64", value: "nan:canonical" }, 0xfff8000000000000n)).toBe(true);
    expect(matches({ type: "f64", value: "nan:arithmetic" }, 0x7ff8000000000001n)).toBe(true);
    expect(matches({ type: "f64", value: "nan:arithmetic" }, 0x7ff0000000000001n)).toBe(false);
    expect(matches({ type: "f32", value: String(0x7fa00000) }, 0x7fa00000n)).toBe(true);
    expect(matches({ type: "i32", value: "4294967295" }, 0xdeadbeefffffffffn)).toBe(true); // an i32 is the low word
    expect(matches({ type: "i64", value: "18446744073709551615" }, 0xffffffffffffffffn)).toBe(true);
    expect(matches({ type: "externref", value: "null" }, 0n)).toBe(true);
    expect(matches({ type: "externref", value: "1" }, 2n)).toBe(true); // value + 1
    expect(matches({ type: "externref", value: "1" }, 1n)).toBe(false);
    expect(matches({ type: "funcref", value: "null" }, 5n)).toBe(false);
    expect(argBits({ type: "externref", value: "0" })).toBe(1n);
    expect(argBits({ type: "i32", value: "4294967295" })).toBe(0xffffffffn);
    expect(argBits({ type: "f64", value: "9221120237041090560" })).toBe(0x7ff8000000000000n);
  });

  it("reads the C driver's replies", () => {
    expect(parseReply("ok")).toEqual({ kind: "ok", results: [] });
    expect(parseReply("ok 00000000ffffffff 7ff8000000000000")).toEqual({ kind: "ok", results: [0xffffffffn, 0x7ff8000000000000n] });
    expect(parseReply("trap 2 integer divide by zero")).toEqual({ kind: "trap", code: 2, message: "integer divide by zero" });
    expect(parseReply("invalid type mismatch (at byte 20)")).toEqual({ kind: "invalid", message: "type mismatch (at byte 20)" });
    expect(parseReply("what?").kind).toBe("error");
  });
});
