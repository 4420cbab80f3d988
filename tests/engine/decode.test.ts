// decode.ts against the spec testsuite (as data), the LEB128 rules, V8's
// WebAssembly.validate on the benchmark modules, and hostile sizes.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode } from "../../core/engine/decode.ts";
import { LoadError } from "../../core/engine/module.ts";
import { Reader } from "../../core/engine/reader.ts";
import { ExternKind, Features, ValType } from "../../core/engine/types.ts";
import { loadSpecScripts, type SpecModule, type SpecScript } from "./spec-modules.ts";
import { GCC_FLAGS, cleanupTemp, describeRun, run, runNode, stcBuild, tempDir } from "../stc/helpers.ts";

let scripts: SpecScript[] = [];
const all = (): SpecModule[] => scripts.flatMap((s) => s.modules);

beforeAll(async () => {
  scripts = await loadSpecScripts();
}, 60_000);

function where(m: SpecModule): string {
  return `${m.file}:${m.line}`;
}

function tryDecode(bytes: Uint8Array): LoadError {
  const err = new LoadError();
  const m = decode(bytes, new Features(), err);
  if ((m === null) !== err.failed) throw new Error("decode's result and err disagree");
  return err;
}

/** Modules the spec expects to load that use more than Wasm 2.0 allows (custom-page-sizes.wast needs multi-memory). */
function beyondWasm2(m: SpecModule, err: LoadError): boolean {
  return m.file.startsWith("proposals/custom-page-sizes/") && err.message.startsWith("multiple memories");
}

describe("decode: spec testsuite modules", () => {
  it("has the data", () => {
    expect(scripts.length).toBeGreaterThan(80);
    expect(all().filter((m) => m.expect === "malformed").length).toBeGreaterThan(100);
    expect(all().filter((m) => m.expect === "load").length).toBeGreaterThan(1000);
  });

  it("decodes every module the spec loads (and every unlinkable / uninstantiable one)", () => {
    const failures: string[] = [];
    let beyond = 0;
    for (const m of all()) {
      if (m.expect === "malformed" || m.expect === "invalid") continue;
      const err = tryDecode(m.bytes);
      if (!err.failed) continue;
      if (beyondWasm2(m, err)) beyond++;
      else failures.push(`${where(m)}: ${err.message} @${err.offset}`);
    }
    expect(failures).toEqual([]);
    expect(beyond).toBeLessThan(8);
  });

  it("rejects every malformed binary module as malformed", () => {
    const failures: string[] = [];
    for (const m of all()) {
      if (m.expect !== "malformed") continue;
      const err = tryDecode(m.bytes);
      if (err.failed && err.malformed) continue;
      // function bodies are compile.ts's: a module whose bodies are the problem decodes here
      if (!err.failed) continue;
      failures.push(`${where(m)}: expected malformed "${m.text}", got invalid "${err.message}"`);
    }
    expect(failures).toEqual([]);
  });

  it("gives the spec's message for malformed modules (except in function bodies)", () => {
    const wrong: string[] = [];
    let caught = 0;
    let total = 0;
    let bodyFirst = 0;
    for (const m of all()) {
      if (m.expect !== "malformed") continue;
      total++;
      const err = tryDecode(m.bytes);
      if (!err.failed) continue;
      caught++;
      if (err.message.startsWith(m.text)) continue;
      // An overlong LEB128 at the end of a function body that runs on past the code section: the spec's decoder
      // reads the body first; here bodies are compile.ts's, after decode has met the junk as a section id.
      if (m.file === "binary-leb128.wast" && m.text === "integer representation too long" && err.message.startsWith("malformed section id")) {
        bodyFirst++;
        continue;
      }
      wrong.push(`${where(m)}: expected "${m.text}", got "${err.message}"`);
    }
    console.log(`malformed: ${caught} of ${total} caught by decode (the rest are in function bodies); ${bodyFirst} with another message because bodies are read later`);
    expect(wrong).toEqual([]);
    expect(bodyFirst).toBeLessThanOrEqual(6);
  });

  it("reports invalid modules as invalid, never as malformed", () => {
    const failures: string[] = [];
    const wrongText: string[] = [];
    let caught = 0;
    let total = 0;
    for (const m of all()) {
      if (m.expect !== "invalid") continue;
      total++;
      const err = tryDecode(m.bytes);
      if (!err.failed) continue;
      caught++;
      if (err.malformed) failures.push(`${where(m)}: expected invalid "${m.text}", got malformed "${err.message}"`);
      else if (!err.message.startsWith(m.text)) wrongText.push(`${where(m)}: expected "${m.text}", got "${err.message}"`);
    }
    console.log(`invalid: ${caught} of ${total} caught by decode (the rest are in function bodies)`);
    expect(failures).toEqual([]);
    expect(wrongText).toEqual([]);
    expect(caught).toBeGreaterThan(100);
  });
});

describe("decode: module contents", () => {
  it("fills the module's fields", () => {
    // (module (type (func (param i32) (result i64))) (import "a" "b" (func (type 0)))
    //   (memory 1 2) (global i32 (i32.const 7)) (func (type 0) i64.const 1)
    //   (export "f" (func 1)) (elem declare func 0) (data "hi"))
    const bytes = wat(`(module (type (func (param i32) (result i64))) (import "a" "b" (func (type 0)))
      (memory 1 2) (global i32 (i32.const 7)) (func (type 0) i64.const 1)
      (export "f" (func 1)) (elem declare func 0) (data (i32.const 0) "hi"))`);
    const err = new LoadError();
    const m = decode(bytes, new Features(), err)!;
    expect(err.message).toBe("");
    expect(m.types.length).toBe(1);
    expect([...m.types[0].params]).toEqual([ValType.I32]);
    expect([...m.types[0].results]).toEqual([ValType.I64]);
    expect(m.numFuncImports).toBe(1);
    expect([...m.funcTypeIndex]).toEqual([0, 0]);
    expect(new TextDecoder().decode(m.imports[0].module)).toBe("a");
    // names are views of the module's bytes, not copies
    expect(m.imports[0].name.buffer).toBe(bytes.buffer);
    expect(m.mems.length).toBe(1);
    expect(m.mems[0].min).toBe(1);
    expect(m.mems[0].max).toBe(2);
    expect(m.mems[0].pageSizeLog2).toBe(16);
    expect(m.globals.length).toBe(1);
    expect(bytes[m.globals[0].initStart]).toBe(0x41);
    expect(bytes[m.globals[0].initEnd - 1]).toBe(0x0b);
    expect(m.exports[0].kind).toBe(ExternKind.Func);
    expect(m.exports[0].index).toBe(1);
    expect(m.bodies.length).toBe(1);
    expect([...m.declaredRefs]).toEqual([1, 1]);
    expect(m.elems[0].count).toBe(1);
    expect(m.datas[0].dataLength).toBe(2);
    expect(String.fromCharCode(bytes[m.datas[0].dataStart], bytes[m.datas[0].dataStart + 1])).toBe("hi");
    expect(m.dataCount).toBe(-1);
    expect(m.start).toBe(-1);
  });

  it("reads custom page sizes", () => {
    // memory section: 1 memory, flags 0x08 (page size follows), min 3, log2 0
    const m = decode(module([5, 4, 1, 0x08, 3, 0]), new Features(), new LoadError())!;
    expect(m.mems[0].pageSizeLog2).toBe(0);
    expect(m.mems[0].min).toBe(3);
    const big = new LoadError();
    expect(decode(module([5, 4, 1, 0x08, 3, 17]), new Features(), big)).toBeNull();
    expect(big.message).toMatch(/^invalid custom page size/);
    expect(big.malformed).toBe(false);
  });

  it("fails fast on huge counts without allocating", () => {
    // a type section claiming 2^32 - 1 types in 5 bytes
    const err = new LoadError();
    const t0 = performance.now();
    expect(decode(module([1, 5, 0xff, 0xff, 0xff, 0xff, 0x0f]), new Features(), err)).toBeNull();
    expect(performance.now() - t0).toBeLessThan(100);
    expect(err.malformed).toBe(true);
    // a function section claiming 2^28 functions
    const err2 = new LoadError();
    expect(decode(module([3, 4, 0x80, 0x80, 0x80, 0x01]), new Features(), err2)).toBeNull();
    expect(err2.message).toMatch(/^unexpected end/);
  });

  it("reports offsets", () => {
    const err = new LoadError();
    // type section, then a section with id 13 at offset 12
    decode(module([1, 1, 0, 13, 0]), new Features(), err);
    expect(err.message).toMatch(/^malformed section id 13/);
    expect(err.offset).toBe(11);
    const dup = new LoadError();
    decode(module([1, 1, 0, 1, 1, 0]), new Features(), dup);
    expect(dup.message).toMatch(/^unexpected content after last section/);
    expect(dup.offset).toBe(11);
  });
});

describe("reader: LEB128", () => {
  function read(bytes: number[], f: (r: Reader) => number | bigint): { v: number | bigint; err: string; pos: number } {
    const err = new LoadError();
    const r = new Reader(new Uint8Array(bytes), 0, bytes.length, err);
    const v = f(r);
    return { v, err: err.message, pos: r.pos };
  }
  it("decodes u32, s32, s33, s64 and their limits", () => {
    expect(read([0xe5, 0x8e, 0x26], (r) => r.u32()).v).toBe(624485);
    expect(read([0xff, 0xff, 0xff, 0xff, 0x0f], (r) => r.u32()).v).toBe(0xffffffff);
    expect(read([0xff, 0xff, 0xff, 0xff, 0x1f], (r) => r.u32()).err).toMatch(/^integer too large/);
    expect(read([0x80, 0x80, 0x80, 0x80, 0x80, 0x00], (r) => r.u32()).err).toMatch(/^integer representation too long/);
    expect(read([0x80, 0x80], (r) => r.u32()).err).toMatch(/^unexpected end/);
    expect(read([0x7f], (r) => r.s32()).v).toBe(-1);
    expect(read([0x80, 0x80, 0x80, 0x80, 0x78], (r) => r.s32()).v).toBe(-2147483648);
    expect(read([0xff, 0xff, 0xff, 0xff, 0x07], (r) => r.s32()).v).toBe(2147483647);
    expect(read([0xff, 0xff, 0xff, 0xff, 0x0f], (r) => r.s32()).err).toMatch(/^integer too large/);
    expect(read([0x80, 0x80, 0x80, 0x80, 0x70], (r) => r.s32()).err).toMatch(/^integer too large/);
    expect(read([0x40], (r) => r.s33()).v).toBe(-64);
    expect(read([0xff, 0xff, 0xff, 0xff, 0x0f], (r) => r.s33()).v).toBe(0xffffffff);
    expect(read([0x80, 0x80, 0x80, 0x80, 0x70], (r) => r.s33()).v).toBe(-4294967296);
    expect(read([0x80, 0x80, 0x80, 0x80, 0x10], (r) => r.s33()).err).toMatch(/^integer too large/);
    expect(read([0x7f], (r) => r.s64()).v).toBe(-1n);
    expect(read([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f], (r) => r.s64()).v).toBe(-9223372036854775808n);
    expect(read([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00], (r) => r.s64()).v).toBe(9223372036854775807n);
    expect(read([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], (r) => r.s64()).err).toMatch(/^integer too large/);
    expect(read([0xc0, 0xbb, 0x78], (r) => r.s64()).v).toBe(-123456n);
    expect(read([0x80, 0x80, 0x80, 0x80, 0x10], (r) => r.s64()).v).toBe(4294967296n);
    expect(read([0x80, 0x80, 0x80, 0x80, 0x70], (r) => r.s64()).v).toBe(-4294967296n);
  });
  it("checks UTF-8 names", () => {
    expect(read([2, 0xc3, 0xa9], (r) => r.name().length).v).toBe(2);
    expect(read([2, 0xc0, 0x80], (r) => r.name().length).err).toMatch(/^malformed UTF-8 encoding/);
    expect(read([3, 0xed, 0xa0, 0x80], (r) => r.name().length).err).toMatch(/^malformed UTF-8 encoding/);
    expect(read([4, 0xf4, 0x90, 0x80, 0x80], (r) => r.name().length).err).toMatch(/^malformed UTF-8 encoding/);
    expect(read([5, 0x61], (r) => r.name().length).err).toMatch(/^length out of bounds/);
  });
});

describe("decode: agrees with V8 on the benchmark modules", () => {
  const dir = "/work/shared/bench/wasm";
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".wasm"))) {
    it(f, () => {
      const bytes = new Uint8Array(readFileSync(join(dir, f)));
      const err = tryDecode(bytes);
      expect(err.message).toBe("");
      expect(!err.failed).toBe(v8Validate(bytes));
      // every proper prefix is malformed: truncation is never accepted
      for (const cut of [9, bytes.length >> 1, bytes.length - 1]) {
        const e = tryDecode(bytes.subarray(0, cut));
        expect(e.failed && e.malformed).toBe(true);
      }
    });
  }
});

describe("decode and instantiate compiled to C", () => {
  afterAll(() => cleanupTemp());

  it("give the same outcomes as under Node on mutated modules, with the debug build's checks on", async () => {
    const entry = join(import.meta.dirname, "decode-mutants.ts");
    const dir = tempDir("decode-mutants");
    const cFile = join(dir, "decode-mutants.c");
    const built = await stcBuild(entry, cFile);
    expect(built.stderr).toBe("");
    const exe = join(dir, "decode-mutants");
    // -O0: the whole engine is in the file (the interpreter too) and -O2 takes several times longer for the same checks
    const gcc = await run("gcc", [...GCC_FLAGS, "-O0", cFile, "-o", exe, "-lm"], { timeoutMs: 120_000 });
    expect(gcc.code, describeRun(gcc)).toBe(0);
    const [c, node] = await Promise.all([run(exe, []), runNode(entry)]);
    expect(c.code, describeRun(c)).toBe(0);
    expect(node.code, describeRun(node)).toBe(0);
    expect(c.stdout).toBe(node.stdout);
    // the mutants reach every outcome
    expect(node.stdout).toMatch(/decoded [1-9]\d* instantiated [1-9]\d* malformed [1-9]\d* invalid [1-9]\d*/);
  }, 120_000);
});

/** Node's own WebAssembly.validate (the type declarations here have no WebAssembly value). */
function v8Validate(bytes: Uint8Array): boolean {
  return (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly.validate(bytes);
}

/** A module: header + the given section bytes. */
function module(sections: number[]): Uint8Array {
  return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...sections]);
}

function wat(text: string): Uint8Array {
  const file = `/tmp/wasmcu-decode-${process.pid}.wat`;
  const out = file.replace(/\.wat$/, ".wasm");
  writeFileSync(file, text);
  execFileSync("wat2wasm", [file, "-o", out]);
  return new Uint8Array(readFileSync(out));
}
