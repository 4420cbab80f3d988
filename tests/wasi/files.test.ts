// The WASI file functions (core/wasi/files.ts) over a folder kept in a Map: the
// descriptor rules, reads and writes with positions, append, truncation, the
// save-on-close contract, listing with a small buffer, unlink of an open file,
// and the limits. The device's folder over the module store is tested by the
// HIL suite (examples c/files and counter) and tests/device/store*.test.ts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { installHal } from "../../ports/sim/hal.mjs";
import { Limits, Trap } from "../../core/engine/types";
import { Module } from "../../core/engine/module";
import { Instance, MemInst, Store, Thread } from "../../core/engine/runtime";
import type { HostFunc } from "../../core/engine/runtime";
import { WasiContext, registerContext, unregisterContext } from "../../core/wasi/context";
import { fdClose, fdFdstatGet, fdRead, fdSeek, fdTell, fdWrite } from "../../core/wasi/fd";
import { FileTable, closeAllFiles, fdPrestatDirName, fdPrestatGet, fdReaddir, fdSync, pathFilestatGet, pathOpen, pathUnlinkFile } from "../../core/wasi/files";
import { Folder } from "../../core/wasi/folder";

installHal({ isTerminal: () => false, write: () => 0, read: () => 0 });

const E = { badf: 8, exist: 20, fbig: 22, inval: 28, io: 29, isdir: 31, mfile: 33, nametoolong: 37, noent: 44, nospc: 51, notdir: 54, notcapable: 76 };
const CREAT = 1,
  DIRECTORY = 2,
  EXCL = 4,
  TRUNC = 8;
const READ = 1n << 1n;
const WRITE = 1n << 6n;
const APPEND = 1;
const MAX_FILE = 1000;

const utf8 = new TextEncoder();
const text = new TextDecoder();

/** The folder: path -> bytes; saves counted; `full` makes saves fail with ENOSPC. */
let files: Map<string, Uint8Array>;
let saves: string[];
let full: boolean;
const key = (p: Uint8Array) => text.decode(p);
const folder = new Folder(
  (_d, p) => (files.has(key(p)) ? files.get(key(p))!.length : -1),
  (_d, p, offset, dest, destOffset, length) => {
    const f = files.get(key(p));
    if (!f) return E.noent;
    dest.set(f.subarray(offset, offset + length), destOffset);
    return 0;
  },
  (_d, p, bytes, length) => {
    if (full) return E.nospc;
    files.set(key(p), bytes.slice(0, length));
    saves.push(key(p));
    return 0;
  },
  (_d, p) => (files.delete(key(p)) ? 0 : E.noent),
  (_d, index, dest) => {
    const names = [...files.keys()];
    if (index >= names.length) return -1;
    const b = utf8.encode(names[index]);
    dest.set(b, 0);
    return b.length;
  },
  7,
  MAX_FILE,
);

let t: Thread;
let mem: MemInst;
let view: DataView;
let data: number;
let ctx: WasiContext;

beforeEach(() => {
  files = new Map();
  saves = [];
  full = false;
  const store = new Store(new Limits());
  t = store.thread;
  const inst = new Instance(new Module(new Uint8Array(0)), store);
  mem = new MemInst(1, -1, 16);
  inst.mems.push(mem);
  t.caller = inst;
  view = mem.view;
  ctx = new WasiContext([utf8.encode("m")], []);
  ctx.files = new FileTable(folder);
  data = registerContext(ctx);
});

afterEach(() => unregisterContext(data));

function call(fn: HostFunc, ...args: (number | bigint)[]): number {
  args.forEach((a, k) => {
    if (typeof a === "bigint") t.i64[k] = a;
    else {
      t.i32[2 * k] = a;
      t.i32[2 * k + 1] = 0;
    }
  });
  expect(fn(t, 0, data)).toBe(Trap.None);
  return t.i32[0];
}

const PATH = 1000;
const FD_OUT = 8;
/** path_open(3, path, oflags, rights, fdflags) -> [errno, fd] */
function open(path: string, oflags: number, rights: bigint, fdflags = 0): [number, number] {
  const b = utf8.encode(path);
  mem.bytes.set(b, PATH);
  const errno = call(pathOpen, 3, 0, PATH, b.length, oflags, rights, 0n, fdflags, FD_OUT);
  return [errno, errno === 0 ? view.getUint32(FD_OUT, true) : -1];
}
function write(fd: number, s: string): [number, number] {
  const b = utf8.encode(s);
  mem.bytes.set(b, 2000);
  view.setUint32(16, 2000, true);
  view.setUint32(20, b.length, true);
  const errno = call(fdWrite, fd, 16, 1, 24);
  return [errno, view.getUint32(24, true)];
}
function read(fd: number, n: number): [number, string] {
  view.setUint32(16, 3000, true);
  view.setUint32(20, n, true);
  const errno = call(fdRead, fd, 16, 1, 24);
  return [errno, text.decode(mem.bytes.subarray(3000, 3000 + view.getUint32(24, true)))];
}
const content = (p: string) => (files.has(p) ? text.decode(files.get(p)) : null);

describe("the folder", () => {
  it("is preopened as fd 3 named /, only when the context has one", () => {
    expect(call(fdPrestatGet, 3, 40)).toBe(0);
    expect(mem.bytes[40]).toBe(0);
    expect(view.getUint32(44, true)).toBe(1);
    expect(call(fdPrestatDirName, 3, 50, 1)).toBe(0);
    expect(mem.bytes[50]).toBe(47);
    expect(call(fdPrestatGet, 4, 40)).toBe(E.badf);
    ctx.files = null;
    expect(call(fdPrestatGet, 3, 40)).toBe(E.badf);
    expect(open("a", CREAT, WRITE)[0]).toBe(E.badf);
  });

  it("creates, writes, saves on close, reads back; rights decide reading and writing", () => {
    const [e, fd] = open("/notes.txt", CREAT | TRUNC, WRITE);
    expect(e).toBe(0);
    expect(fd).toBe(4);
    expect(write(fd, "hello ")).toEqual([0, 6]);
    expect(write(fd, "world")).toEqual([0, 5]);
    expect(read(fd, 5)[0]).toBe(E.badf);
    // nothing is saved before the close
    expect(content("notes.txt")).toBeNull();
    expect(call(fdClose, fd)).toBe(0);
    expect(content("notes.txt")).toBe("hello world");
    expect(saves).toEqual(["notes.txt"]);
    const [, r] = open("./notes.txt", 0, READ);
    expect(read(r, 5)).toEqual([0, "hello"]);
    expect(read(r, 100)).toEqual([0, " world"]);
    expect(read(r, 100)).toEqual([0, ""]);
    expect(write(r, "x")[0]).toBe(E.badf);
    expect(call(fdClose, r)).toBe(0);
    // a read-only open saves nothing
    expect(saves.length).toBe(1);
    expect(call(fdClose, r)).toBe(E.badf);
  });

  it("seeks, overwrites in the middle, appends, fills a gap with zeros, truncates", () => {
    files.set("f", utf8.encode("0123456789"));
    const [, fd] = open("f", 0, READ | WRITE);
    expect(call(fdSeek, fd, 4n, 0, 40)).toBe(0);
    expect(view.getBigUint64(40, true)).toBe(4n);
    write(fd, "ab");
    expect(call(fdTell, fd, 40)).toBe(0);
    expect(view.getBigUint64(40, true)).toBe(6n);
    expect(call(fdSeek, fd, -2n, 2, 40)).toBe(0);
    expect(read(fd, 10)).toEqual([0, "89"]);
    expect(call(fdSeek, fd, -100n, 1, 40)).toBe(E.inval);
    expect(call(fdSeek, fd, 12n, 0, 40)).toBe(0);
    write(fd, "Z");
    expect(call(fdSync, fd)).toBe(0);
    expect([...files.get("f")!]).toEqual([...utf8.encode("0123ab6789"), 0, 0, ...utf8.encode("Z")]);
    call(fdClose, fd);
    // nothing written since the sync: the close saves nothing more
    expect(saves).toEqual(["f"]);

    const [, a] = open("f", 0, WRITE, APPEND);
    call(fdSeek, a, 0n, 0, 40);
    write(a, "!");
    call(fdClose, a);
    expect(content("f")!.endsWith("Z!")).toBe(true);

    const [, tr] = open("f", TRUNC, WRITE);
    call(fdClose, tr);
    expect(content("f")).toBe("");
  });

  it("follows O_CREAT, O_EXCL and O_DIRECTORY", () => {
    expect(open("missing", 0, READ)[0]).toBe(E.noent);
    expect(open("new", CREAT | EXCL, WRITE)[0]).toBe(0);
    // created and not yet saved, it exists for this module already
    expect(open("new", CREAT | EXCL, WRITE)[0]).toBe(E.exist);
    expect(open("new", DIRECTORY, READ)[0]).toBe(E.notdir);
    closeAllFiles(ctx.files!);
    expect(content("new")).toBe("");
  });

  it("refuses paths out of the folder, into subfolders, too long, and writes to the folder", () => {
    expect(open("..", 0, READ)[0]).toBe(E.notcapable);
    expect(open("sub/file", CREAT, WRITE)[0]).toBe(E.noent);
    expect(open("x".repeat(65), CREAT, WRITE)[0]).toBe(E.nametoolong);
    expect(open(".", CREAT, WRITE)[0]).toBe(E.isdir);
    const [e, d] = open(".", DIRECTORY, READ);
    expect(e).toBe(0);
    expect(write(d, "x")[0]).toBe(E.isdir);
    // a path through a file is not a folder
    files.set("f", new Uint8Array(1));
    const [, f] = open("f", 0, READ);
    expect(call(pathOpen, f, 0, PATH, 1, 0, READ, 0n, 0, FD_OUT)).toBe(E.notdir);
  });

  it("describes the folder and files with fdstat and filestat", () => {
    expect(call(fdFdstatGet, 3, 40)).toBe(0);
    expect(mem.bytes[40]).toBe(3);
    // wasi-libc masks the rights it asks for with the folder's inheriting rights: read and write must be there
    expect(view.getBigUint64(56, true) & (READ | WRITE)).toBe(READ | WRITE);
    files.set("f", new Uint8Array(42));
    const b = utf8.encode("f");
    mem.bytes.set(b, PATH);
    expect(call(pathFilestatGet, 3, 0, PATH, 1, 100)).toBe(0);
    expect(mem.bytes[116]).toBe(4);
    expect(view.getBigUint64(132, true)).toBe(42n);
    // an open file being written: its size as the module sees it
    const [, w] = open("f", 0, WRITE, APPEND);
    write(w, "abc");
    expect(call(pathFilestatGet, 3, 0, PATH, 1, 100)).toBe(0);
    expect(view.getBigUint64(132, true)).toBe(45n);
    mem.bytes.set(utf8.encode("nope"), PATH);
    expect(call(pathFilestatGet, 3, 0, PATH, 4, 100)).toBe(E.noent);
  });

  it("lists the files in dirents, across calls when the buffer is small", () => {
    for (const n of ["one", "two", "three"]) files.set(n, new Uint8Array(1));
    const names: string[] = [];
    let cookie = 0n;
    for (let round = 0; round < 10; round++) {
      // room for one entry and a bit
      expect(call(fdReaddir, 3, 500, 30, cookie, 40)).toBe(0);
      const used = view.getUint32(40, true);
      if (used < 24) break;
      const namlen = view.getUint32(516, true);
      expect(mem.bytes[520]).toBe(4);
      if (24 + namlen <= used) names.push(text.decode(mem.bytes.subarray(524, 524 + namlen)));
      cookie = view.getBigUint64(500, true);
      if (used < 30) {
        // the buffer was not full: the end
        break;
      }
    }
    expect(names).toEqual(["one", "two", "three"]);
    // a buffer with room for all: three entries, not full
    expect(call(fdReaddir, 3, 500, 1000, 0n, 40)).toBe(0);
    expect(view.getUint32(40, true)).toBe(3 * 24 + 3 + 3 + 5);
  });

  it("unlinks: an open file stays usable and is not saved again", () => {
    files.set("f", utf8.encode("data"));
    const [, w] = open("f", 0, READ | WRITE);
    mem.bytes.set(utf8.encode("f"), PATH);
    expect(call(pathUnlinkFile, 3, PATH, 1)).toBe(0);
    expect(files.has("f")).toBe(false);
    expect(read(w, 10)).toEqual([0, "data"]);
    write(w, "more");
    expect(call(fdClose, w)).toBe(0);
    expect(files.has("f")).toBe(false);
    expect(call(pathUnlinkFile, 3, PATH, 1)).toBe(E.noent);
    mem.bytes.set(utf8.encode("."), PATH);
    expect(call(pathUnlinkFile, 3, PATH, 1)).toBe(E.isdir);
  });

  it("limits the file size and the open files, and reports a failed save at close", () => {
    const [, fd] = open("big", CREAT, WRITE);
    expect(write(fd, "x".repeat(MAX_FILE + 10))).toEqual([0, MAX_FILE]);
    expect(write(fd, "y")[0]).toBe(E.fbig);
    call(fdClose, fd);
    expect(files.get("big")!.length).toBe(MAX_FILE);
    const fds = [1, 2, 3, 4].map((i) => open("f" + i, CREAT, WRITE));
    expect(fds.map(([e]) => e)).toEqual([0, 0, 0, 0]);
    expect(open("f5", CREAT, WRITE)[0]).toBe(E.mfile);
    full = true;
    write(fds[0][1], "data");
    expect(call(fdClose, fds[0][1])).toBe(E.nospc);
    // the descriptor is closed all the same
    expect(open("f5", CREAT, WRITE)[0]).toBe(0);
  });

  it("saves what is open when the module ends", () => {
    const [, fd] = open("log", CREAT, WRITE);
    write(fd, "last words");
    expect(closeAllFiles(ctx.files!)).toBe(0);
    expect(content("log")).toBe("last words");
    expect(call(fdClose, fd)).toBe(E.badf);
  });

  it("lets the module close the folder", () => {
    expect(call(fdClose, 3)).toBe(0);
    expect(call(fdPrestatGet, 3, 40)).toBe(E.badf);
    expect(open("a", CREAT, WRITE)[0]).toBe(E.badf);
  });
});
