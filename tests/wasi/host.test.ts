// core/wasi's host functions called directly, on a hand-made instance with one
// page of memory and the sim HAL with a captured console: the preview1 layouts,
// errnos and pointer checks, without depending on the engine's interpreter.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { installHal } from "../../ports/sim/hal.mjs";
import { ExternKind, FuncType, Limits, Trap, ValType } from "../../core/engine/types";
import { Import, Module } from "../../core/engine/module";
import { Instance, MemInst, Store, Thread } from "../../core/engine/runtime";
import type { HostFunc } from "../../core/engine/runtime";
import { WasiContext, registerContext, unregisterContext } from "../../core/wasi/context";
import { fdClose, fdFdstatGet, fdFilestatGet, fdRead, fdSeek, fdTell, fdWrite } from "../../core/wasi/fd";
import { fdPrestatGet } from "../../core/wasi/files";
import { argsGet, argsSizesGet, clockResGet, clockTimeGet, environGet, environSizesGet, procExit, randomGet } from "../../core/wasi/proc";
import { pollOneoff } from "../../core/wasi/poll";
import { LinkFailure, WASI_MODULE, wasiImports } from "../../core/wasi/link";

const EBADF = 8;
const EFAULT = 21;
const EINVAL = 28;
const ESPIPE = 70;
const PAGE = 65536;

const utf8 = new TextEncoder();
const text = new TextDecoder();

let written: { fd: number; text: string }[] = [];
let stdin: Uint8Array = new Uint8Array(0);
let terminal = true;
installHal({
  isTerminal: () => terminal,
  write(fd, bytes, offset, length) {
    written.push({ fd, text: text.decode(bytes.subarray(offset, offset + length)) });
    return 0;
  },
  read(bytes, offset, length) {
    const n = Math.min(length, stdin.length);
    bytes.set(stdin.subarray(0, n), offset);
    stdin = stdin.subarray(n);
    return n;
  },
});

function smallLimits(): Limits {
  const l = new Limits();
  l.valueStackSlots = 64;
  l.maxCallDepth = 4;
  return l;
}

let store: Store;
let t: Thread;
let mem: MemInst;
let view: DataView;
let data: number;

beforeEach(() => {
  written = [];
  stdin = new Uint8Array(0);
  store = new Store(smallLimits());
  t = store.thread;
  const inst = new Instance(new Module(new Uint8Array(0)), store);
  mem = new MemInst(1, -1, 16);
  inst.mems.push(mem);
  t.caller = inst;
  view = mem.view;
  data = registerContext(new WasiContext([utf8.encode("prog.wasm"), utf8.encode("héllo")], [utf8.encode("A=1")]));
});

afterEach(() => unregisterContext(data));

/** Calls fn with i32 (number) and i64 (bigint) arguments; returns its trap code and errno result. */
function call(fn: HostFunc, ...args: (number | bigint)[]): { trap: number; errno: number } {
  args.forEach((a, k) => {
    if (typeof a === "bigint") t.i64[k] = a;
    else {
      t.i32[2 * k] = a;
      t.i32[2 * k + 1] = 0;
    }
  });
  const trap = fn(t, 0, data);
  return { trap, errno: t.i32[0] };
}

function putIovecs(at: number, iovecs: [number, number][]): void {
  iovecs.forEach(([buf, len], i) => {
    view.setUint32(at + 8 * i, buf, true);
    view.setUint32(at + 8 * i + 4, len, true);
  });
}

describe("fd_write / fd_read", () => {
  it("writes the buffers in order and reports the byte count", () => {
    mem.bytes.set(utf8.encode("hello, "), 100);
    mem.bytes.set(utf8.encode("world\n"), 200);
    putIovecs(16, [[100, 7], [0, 0], [200, 6]]);
    expect(call(fdWrite, 1, 16, 3, 8)).toEqual({ trap: Trap.None, errno: 0 });
    expect(view.getUint32(8, true)).toBe(13);
    expect(written.map((w) => w.text).join("")).toBe("hello, world\n");
    expect(written.every((w) => w.fd === 1)).toBe(true);
    putIovecs(16, [[100, 5]]);
    expect(call(fdWrite, 2, 16, 1, 8).errno).toBe(0);
    expect(written.at(-1)).toEqual({ fd: 2, text: "hello" });
  });

  it("gives EFAULT for any pointer outside memory, before writing anything", () => {
    putIovecs(16, [[100, 4], [PAGE - 2, 3]]);
    expect(call(fdWrite, 1, 16, 2, 8).errno).toBe(EFAULT);
    putIovecs(16, [[100, 4]]);
    expect(call(fdWrite, 1, PAGE - 4, 1, 8).errno).toBe(EFAULT);
    expect(call(fdWrite, 1, 16, 1, PAGE - 3).errno).toBe(EFAULT);
    expect(call(fdWrite, 1, -8, 1, 8).errno).toBe(EFAULT);
    expect(written).toEqual([]);
  });

  it("gives EBADF for stdin and descriptors that do not exist", () => {
    putIovecs(16, [[100, 1]]);
    expect(call(fdWrite, 0, 16, 1, 8).errno).toBe(EBADF);
    expect(call(fdWrite, 3, 16, 1, 8).errno).toBe(EBADF);
    expect(call(fdRead, 1, 16, 1, 8).errno).toBe(EBADF);
  });

  it("reads stdin into the first non-empty buffer, 0 bytes at its end", () => {
    stdin = utf8.encode("abc");
    putIovecs(16, [[100, 0], [200, 8], [300, 8]]);
    expect(call(fdRead, 0, 16, 3, 8).errno).toBe(0);
    expect(view.getUint32(8, true)).toBe(3);
    expect(text.decode(mem.bytes.subarray(200, 203))).toBe("abc");
    expect(call(fdRead, 0, 16, 3, 8).errno).toBe(0);
    expect(view.getUint32(8, true)).toBe(0);
  });
});

describe("descriptors", () => {
  it("fd_fdstat_get: the console streams are character devices when they are terminals, of unknown type otherwise", () => {
    terminal = false;
    expect(call(fdFdstatGet, 1, 64).errno).toBe(0);
    expect(mem.bytes[64]).toBe(0);
    terminal = true;
    mem.bytes.fill(0xff, 64, 64 + 24);
    expect(call(fdFdstatGet, 1, 64).errno).toBe(0);
    expect(mem.bytes[64]).toBe(2);
    expect(view.getUint16(66, true)).toBe(0);
    expect(view.getBigUint64(72, true)).toBe((1n << 6n) | (1n << 27n));
    expect(view.getBigUint64(80, true)).toBe(0n);
    expect(call(fdFdstatGet, 0, 64).errno).toBe(0);
    expect(view.getBigUint64(72, true)).toBe((1n << 1n) | (1n << 27n));
    expect(call(fdFdstatGet, 4, 64).errno).toBe(EBADF);
    expect(call(fdFdstatGet, 1, PAGE - 23).errno).toBe(EFAULT);
  });

  it("fd_filestat_get gives the console's type and zeros; fd_tell is ESPIPE (lseek's SEEK_CUR)", () => {
    mem.bytes.fill(0xff, 64, 64 + 64);
    terminal = false;
    expect(call(fdFilestatGet, 2, 64).errno).toBe(0);
    expect(mem.bytes[64 + 16]).toBe(0);
    expect(mem.bytes.subarray(64, 128).every((x) => x === 0)).toBe(true);
    terminal = true;
    expect(call(fdFilestatGet, 2, 64).errno).toBe(0);
    expect(mem.bytes[64 + 16]).toBe(2);
    expect(call(fdFilestatGet, 7, 64).errno).toBe(EBADF);
    expect(call(fdFilestatGet, 1, PAGE - 63).errno).toBe(EFAULT);
    expect(call(fdTell, 1, 8).errno).toBe(ESPIPE);
    expect(call(fdTell, 9, 8).errno).toBe(EBADF);
  });

  it("fd_seek is ESPIPE on the console; fd_close closes a stream for good; no preopens", () => {
    expect(call(fdSeek, 1, 0n, 0, 8).errno).toBe(ESPIPE);
    expect(call(fdSeek, 9, 0n, 0, 8).errno).toBe(EBADF);
    expect(call(fdClose, 1).errno).toBe(0);
    expect(call(fdClose, 1).errno).toBe(EBADF);
    putIovecs(16, [[100, 1]]);
    expect(call(fdWrite, 1, 16, 1, 8).errno).toBe(EBADF);
    expect(call(fdSeek, 1, 0n, 0, 8).errno).toBe(EBADF);
    expect(call(fdPrestatGet, 3, 8).errno).toBe(EBADF);
  });
});

describe("args and environ", () => {
  it("lays out argv as pointers to NUL-terminated UTF-8 strings", () => {
    expect(call(argsSizesGet, 8, 12).errno).toBe(0);
    expect(view.getUint32(8, true)).toBe(2);
    expect(view.getUint32(12, true)).toBe(10 + 7);
    expect(call(argsGet, 16, 1000).errno).toBe(0);
    expect(view.getUint32(16, true)).toBe(1000);
    expect(view.getUint32(20, true)).toBe(1010);
    expect(text.decode(mem.bytes.subarray(1000, 1017))).toBe("prog.wasm\0héllo\0");
  });

  it("environ the same way; EFAULT when the buffer does not fit", () => {
    expect(call(environSizesGet, 8, 12).errno).toBe(0);
    expect([view.getUint32(8, true), view.getUint32(12, true)]).toEqual([1, 4]);
    expect(call(environGet, 16, 500).errno).toBe(0);
    expect(text.decode(mem.bytes.subarray(500, 504))).toBe("A=1\0");
    expect(call(environGet, 16, PAGE - 3).errno).toBe(EFAULT);
    expect(call(argsGet, PAGE - 4, 100).errno).toBe(EFAULT);
    expect(call(argsSizesGet, 8, PAGE).errno).toBe(EFAULT);
  });
});

describe("clocks, random, exit", () => {
  it("clock_time_get: monotonic never goes back; realtime is the wall clock", () => {
    expect(call(clockTimeGet, 1, 0n, 8).errno).toBe(0);
    const a = view.getBigUint64(8, true);
    expect(call(clockTimeGet, 1, 0n, 8).errno).toBe(0);
    expect(view.getBigUint64(8, true)).toBeGreaterThanOrEqual(a);
    expect(call(clockTimeGet, 0, 0n, 8).errno).toBe(0);
    const wallMs = Number(view.getBigUint64(8, true) / 1000000n);
    expect(Math.abs(wallMs - Date.now())).toBeLessThan(5000);
    expect(call(clockTimeGet, 2, 0n, 8).errno).toBe(EINVAL);
    expect(call(clockTimeGet, 1, 0n, PAGE - 7).errno).toBe(EFAULT);
    expect(call(clockResGet, 1, 16).errno).toBe(0);
    expect(view.getBigUint64(16, true)).toBe(1000n);
  });

  it("random_get fills the buffer, checks its bounds", () => {
    expect(call(randomGet, 256, 64).errno).toBe(0);
    expect(mem.bytes.subarray(256, 320).some((b) => b !== 0)).toBe(true);
    expect(mem.bytes[320]).toBe(0);
    expect(call(randomGet, PAGE - 4, 5).errno).toBe(EFAULT);
    expect(call(randomGet, PAGE, 0).errno).toBe(0);
  });

  it("proc_exit ends the call with Trap.Exit and the code", () => {
    expect(call(procExit, 42).trap).toBe(Trap.Exit);
    expect(t.exitCode).toBe(42);
  });

  it("functions that need memory trap when the module has none", () => {
    t.caller!.mems.length = 0;
    expect(call(fdWrite, 1, 16, 1, 8).trap).toBe(Trap.HostError);
    expect(t.trapText).toMatch(/memory/);
  });
});

describe("poll_oneoff", () => {
  function clockSub(at: number, userdata: bigint, id: number, timeoutNs: bigint, flags = 0): void {
    mem.bytes.fill(0, at, at + 48);
    view.setBigUint64(at, userdata, true);
    mem.bytes[at + 8] = 0;
    view.setUint32(at + 16, id, true);
    view.setBigUint64(at + 24, timeoutNs, true);
    view.setUint16(at + 40, flags, true);
  }

  it("sleeps until the earliest clock deadline and reports only the clocks that are due", () => {
    clockSub(1000, 7n, 1, 30_000_000n);
    clockSub(1048, 8n, 1, 10_000_000_000n);
    const t0 = process.hrtime.bigint();
    expect(call(pollOneoff, 1000, 2000, 2, 8).errno).toBe(0);
    expect(process.hrtime.bigint() - t0).toBeGreaterThanOrEqual(30_000_000n);
    expect(view.getUint32(8, true)).toBe(1);
    expect(view.getBigUint64(2000, true)).toBe(7n);
    expect(view.getUint16(2008, true)).toBe(0);
    expect(mem.bytes[2010]).toBe(0);
  });

  it("an absolute deadline in the past, and console subscriptions, are ready at once", () => {
    clockSub(1000, 1n, 0, 0n, 1);
    mem.bytes.fill(0, 1048, 1096);
    view.setBigUint64(1048, 2n, true);
    mem.bytes[1048 + 8] = 2; // fd_write
    view.setUint32(1048 + 16, 1, true);
    clockSub(1096, 3n, 1, 10_000_000_000n);
    const t0 = process.hrtime.bigint();
    expect(call(pollOneoff, 1000, 2000, 3, 8).errno).toBe(0);
    expect(process.hrtime.bigint() - t0).toBeLessThan(1_000_000_000n);
    expect(view.getUint32(8, true)).toBe(2);
    expect([view.getBigUint64(2000, true), view.getBigUint64(2032, true)]).toEqual([1n, 2n]);
    expect(mem.bytes[2032 + 10]).toBe(2);
  });

  it("EINVAL without subscriptions, EFAULT outside memory", () => {
    expect(call(pollOneoff, 1000, 2000, 0, 8).errno).toBe(EINVAL);
    expect(call(pollOneoff, PAGE - 40, 2000, 1, 8).errno).toBe(EFAULT);
  });
});

describe("linking", () => {
  const I32 = ValType.I32;
  function moduleImporting(imports: [string, string, FuncType][]): Module {
    const m = new Module(new Uint8Array(0));
    imports.forEach(([mod, name, type], i) => {
      m.types.push(type);
      m.imports.push(new Import(utf8.encode(mod), utf8.encode(name), ExternKind.Func, i));
    });
    return m;
  }
  const errnoOf = (params: number[]) => new FuncType(new Uint8Array(params), new Uint8Array([I32]));

  it("binds subset functions to host functions and the rest of preview1 to ENOSYS stubs", () => {
    const m = moduleImporting([
      ["wasi_snapshot_preview1", "fd_write", errnoOf([I32, I32, I32, I32])],
      ["wasi_snapshot_preview1", "path_rename", errnoOf([I32, I32, I32, I32, I32, I32])],
    ]);
    const err = new LinkFailure();
    const b = wasiImports(store, m, data, err);
    expect(err.failed).toBe(false);
    expect(b!.length).toBe(2);
    expect(text.decode(b![0].module)).toBe("wasi_snapshot_preview1");
    expect(b![0].module).toEqual(WASI_MODULE);
    const stub = store.funcs[b![1].value.func];
    expect(stub.host!(t, 0, stub.hostData)).toBe(Trap.None);
    expect(t.i32[0]).toBe(52);
    expect(store.funcs[b![0].value.func].host).toBe(fdWrite);
  });

  it("refuses a preview1 function with another type, and other modules' imports", () => {
    const err = new LinkFailure();
    expect(wasiImports(store, moduleImporting([["wasi_snapshot_preview1", "fd_write", errnoOf([I32])]]), data, err)).toBe(null);
    expect(text.decode(err.name)).toBe("fd_write");
    expect(err.reason).toMatch(/type/);
    const err2 = new LinkFailure();
    expect(wasiImports(store, moduleImporting([["env", "print", errnoOf([])]]), data, err2)).toBe(null);
    expect(text.decode(err2.module) + "." + text.decode(err2.name) + err2.reason).toBe(
      "env.print, a function, which wasmcu cannot provide: a WASI command may import only functions of wasi_snapshot_preview1",
    );
  });
});
