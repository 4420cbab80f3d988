// The example modules of examples/{c,rust,as}, built by `npm run examples`'s
// script: each must import only what the module ABI of wasmcu gives (the
// contract's names and types), need exactly the capabilities examples/README.md
// lists for it, export its lifecycle, load in the wasmcu engine, and behave:
// the hello commands under `wasmcu exec` (both engines), blink and the reactors
// under V8 with a recording stand-in for the board's imports.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { LoadError, load } from "../../core/engine/api";
import { ExternKind, ValType } from "../../core/engine/types";
import { root } from "../../tools/lib/sts-run.mjs";
import { V8 } from "../engine/engine-helpers";
import { EXAMPLES } from "../../tools/examples/build.mjs";

const LANGS = [
  { dir: "c", name: "C" },
  { dir: "rust", name: "Rust" },
  { dir: "as", name: "AssemblyScript" },
];
const wasmPath = (lang: string, name: string) => join(root, "build", "examples", lang, `${name}.wasm`);

const I32 = ValType.I32;
const I64 = ValType.I64;
/** The "wasmcu" functions of the contract: [params, results, capability]. */
const WASMCU: Record<string, [number[], number[], string]> = {
  gpio_mode: [[I32, I32], [I32], "gpio"],
  gpio_write: [[I32, I32], [I32], "gpio"],
  gpio_read: [[I32], [I32], "gpio"],
  millis: [[], [I32], "clock"],
  micros: [[], [I64], "clock"],
  delay: [[I32], [], "clock"],
  log: [[I32, I32], [], ""],
};
/** The WASI preview1 functions a board gives without a capability, and those that need one. */
const WASI_FREE = [
  "fd_write", "fd_fdstat_get", "fd_seek", "fd_close", "args_get", "args_sizes_get",
  "environ_get", "environ_sizes_get", "proc_exit", "sched_yield",
];
const WASI_CAPABILITY: Record<string, string> = {
  clock_time_get: "clock",
  clock_res_get: "clock",
  poll_oneoff: "clock",
  random_get: "random",
};
/** What each example needs (examples/README.md's table) and which lifecycle it has. */
const EXPECTED: Record<string, { caps: string[]; exports: string[] }> = {
  hello: { caps: [], exports: ["_start"] },
  blink: { caps: ["clock", "gpio"], exports: ["_start"] },
  reactor: { caps: ["clock"], exports: ["setup", "loop"] },
};

const utf8 = new TextDecoder();

let buildOutput = "";
beforeAll(() => {
  const r = spawnSync(process.execPath, ["tools/examples/build.mjs"], { cwd: root, encoding: "utf8" });
  buildOutput = r.stdout + r.stderr;
  expect(r.status, buildOutput).toBe(0);
}, 300_000);

describe("npm run examples (tools/examples/build.mjs)", () => {
  it("prints a table with every module, its size and its imports", () => {
    for (const lang of LANGS) {
      for (const name of Object.keys(EXPECTED)) {
        const size = readFileSync(wasmPath(lang.dir, name)).length;
        expect(buildOutput).toMatch(new RegExp(`^${lang.dir}/${name} +${size} `, "m"));
      }
    }
    expect(buildOutput).toContain("wasmcu: gpio_mode gpio_write delay");
  });

  it("does nothing the second time (outputs newer than sources)", () => {
    const r = spawnSync(process.execPath, ["tools/examples/build.mjs"], { cwd: root, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/ built /);
    expect(r.stdout.match(/ up to date /g)?.length).toBe(EXAMPLES.length);
  });

  it("rejects an unknown argument with usage", () => {
    const r = spawnSync(process.execPath, ["tools/examples/build.mjs", "--lang", "cobol"], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("usage:");
  });
});

for (const lang of LANGS) {
  describe(`${lang.name} examples`, () => {
    for (const [name, expected] of Object.entries(EXPECTED)) {
      it(`${name}: imports only the ABI, needs ${expected.caps.join(" ") || "no capability"}, exports ${expected.exports.join("/")}`, () => {
        const bytes = readFileSync(wasmPath(lang.dir, name));
        const err = new LoadError();
        const m = load(new Uint8Array(bytes), err);
        expect(err.message).toBe("");
        if (m === null) return;
        const caps = new Set<string>();
        for (const imp of m.imports) {
          const where = `${utf8.decode(imp.module)}.${utf8.decode(imp.name)}`;
          expect(imp.kind, where).toBe(ExternKind.Func);
          const module = utf8.decode(imp.module);
          const field = utf8.decode(imp.name);
          if (module === "wasmcu") {
            expect(Object.keys(WASMCU), where).toContain(field);
            const [params, results, cap] = WASMCU[field];
            const type = m.types[imp.index];
            expect([...type.params], where).toEqual(params);
            expect([...type.results], where).toEqual(results);
            if (cap) caps.add(cap);
          } else {
            expect(module, where).toBe("wasi_snapshot_preview1");
            if (field in WASI_CAPABILITY) caps.add(WASI_CAPABILITY[field]);
            else expect(WASI_FREE, where).toContain(field);
          }
        }
        expect([...caps].sort()).toEqual(expected.caps);
        const exports = m.exports.filter((e) => e.kind === ExternKind.Func).map((e) => utf8.decode(e.name));
        for (const e of expected.exports) expect(exports).toContain(e);
        // a reactor has no _start (the board would run it as a command)
        if (name === "reactor") expect(exports).not.toContain("_start");
      });
    }

    for (const engine of ["js", "c"]) {
      it(`hello runs under \`wasmcu exec --engine ${engine}\``, () => {
        const r = spawnSync(process.execPath, ["tools/cli/bin.mjs", "exec", "--engine", engine, wasmPath(lang.dir, "hello")], {
          cwd: root,
          encoding: "utf8",
        });
        // the C engine says when it is (re)built first: nothing else on stderr
        expect(r.stderr.replace(/^wasmcu: building the C engine .*\n/m, "")).toBe("");
        expect(r.stdout).toBe(`hello from ${lang.name} on wasmcu\n2 + 3 = 5\n`);
        expect(r.status).toBe(0);
      });
    }

    it("blink drives GPIO 25: output, then high/low ten times, 250 ms apart; prints one line", () => {
      const board = new FakeBoard();
      const status = board.runCommand(readFileSync(wasmPath(lang.dir, "blink")));
      expect(status).toBe(0);
      const expected = ["mode 25 1"];
      for (let i = 0; i < 10; i++) expected.push(`write 25 ${i % 2 === 0 ? 1 : 0}`, "delay 250");
      expect(board.calls).toEqual(expected);
      expect(board.stdout).toBe("blinked 5 times\n");
    });

    it("reactor: setup prints a line, loop prints the first three calls with the time since setup", () => {
      const board = new FakeBoard();
      const exports = board.instantiate(readFileSync(wasmPath(lang.dir, "reactor")));
      const initialize = exports._initialize as (() => void) | undefined;
      initialize?.();
      (exports.setup as () => void)();
      expect(board.stdout).toBe(`setup: ${lang.name} reactor ready\n`);
      for (let i = 0; i < 5; i++) (exports.loop as () => void)();
      // each loop waits 100 ms (the fake clock advances by the delays)
      expect(board.stdout).toBe(
        `setup: ${lang.name} reactor ready\nloop 1 at +0 ms\nloop 2 at +100 ms\nloop 3 at +200 ms\n`,
      );
      expect(board.calls.filter((c) => c === "delay 100").length).toBe(5);
    });
  });
}

/** proc_exit's way out of the module. */
class Exit {
  constructor(readonly code: number) {}
}

/**
 * Stands in for the board under V8: the wasmcu functions record what they are
 * asked (delay moves a fake millis() clock on), fd_write collects stdout, and
 * fd_fdstat_get says "not a terminal" so the C library buffers as it would
 * writing to the link.
 */
class FakeBoard {
  calls: string[] = [];
  stdout = "";
  stderr = "";
  nowMs = 1000;
  memory: { buffer: ArrayBuffer } | null = null;

  instantiate(bytes: Buffer): Record<string, unknown> {
    const view = () => new DataView(this.memory!.buffer);
    const wasmcu = {
      gpio_mode: (pin: number, mode: number) => (this.calls.push(`mode ${pin} ${mode}`), 0),
      gpio_write: (pin: number, level: number) => (this.calls.push(`write ${pin} ${level}`), 0),
      gpio_read: (pin: number) => (this.calls.push(`read ${pin}`), 0),
      millis: () => this.nowMs | 0,
      micros: () => BigInt(this.nowMs) * 1000n,
      delay: (ms: number) => {
        this.calls.push(`delay ${ms}`);
        this.nowMs += ms;
      },
      log: () => {},
    };
    const wasi = {
      fd_write: (fd: number, iovs: number, count: number, written: number) => {
        let text = "";
        let total = 0;
        for (let i = 0; i < count; i++) {
          const ptr = view().getUint32(iovs + 8 * i, true);
          const len = view().getUint32(iovs + 8 * i + 4, true);
          text += utf8.decode(new Uint8Array(this.memory!.buffer, ptr, len));
          total += len;
        }
        if (fd === 1) this.stdout += text;
        else if (fd === 2) this.stderr += text;
        else return 8; // EBADF
        view().setUint32(written, total, true);
        return 0;
      },
      fd_fdstat_get: () => 58, // ENOTSUP: not a terminal
      fd_seek: () => 70, // ESPIPE
      fd_close: () => 0,
      environ_get: () => 0,
      environ_sizes_get: (count: number, size: number) => {
        view().setUint32(count, 0, true);
        view().setUint32(size, 0, true);
        return 0;
      },
      proc_exit: (code: number) => {
        throw new Exit(code);
      },
    };
    const instance = new V8.Instance(new V8.Module(bytes), { wasmcu, wasi_snapshot_preview1: wasi });
    this.memory = instance.exports.memory as { buffer: ArrayBuffer };
    return instance.exports;
  }

  /** Runs a command's _start; its exit status. */
  runCommand(bytes: Buffer): number {
    const exports = this.instantiate(bytes);
    try {
      (exports._start as () => void)();
    } catch (e) {
      if (e instanceof Exit) return e.code;
      throw e;
    }
    return 0;
  }
}
