// The module store (core/device/store.ts) on the simulated flash
// (ports/sim/flash.mjs): installs, replaces, removals and autostart changes,
// each checked again after a remount; the limits (full store, too many
// modules, a wrong hash); resumed installs; and the flash's own rules.
import { describe, expect, it } from "vitest";
import { ModuleStore, StoreError, StoreErrorCode, MAX_FILES, MAX_MODULES } from "../../core/device/store.ts";
import { TOGGLE_BITS } from "../../core/device/store-layout.ts";
import { PowerCut, SimFlash } from "../../ports/sim/flash.mjs";
import {
  accountedFree,
  check,
  expectedEntry,
  install,
  installOk,
  metaOf,
  moduleBytes,
  mount,
  newFlash,
  saveOk,
  sha256,
  stateOf,
  text,
  trojanBytes,
  type Spec,
} from "./store-helpers.ts";

const blink: Spec = { name: "blink", bytes: moduleBytes(1, 5000), caps: "gpio=25 clock", args: "fast\u0000x", autostart: true };
const hello: Spec = { name: "héllo", bytes: moduleBytes(2, 300) };
const big: Spec = { name: "big", bytes: moduleBytes(3, 20000), caps: "random" };

/** The store's state, then the same after a remount of its flash. */
function stateAndRemount(store: ModuleStore, flash: SimFlash) {
  const state = stateOf(store);
  expect(store.freeBytes()).toBe(accountedFree(store));
  const again = mount(flash);
  expect(stateOf(again)).toEqual(state);
  expect(again.freeBytes()).toBe(store.freeBytes());
  return state;
}

describe("module store", () => {
  it("starts empty on an erased flash", () => {
    const flash = newFlash();
    const store = mount(flash);
    expect(store.list().length).toBe(0);
    expect(store.totalBytes()).toBe(64 * 1024);
    expect(store.freeBytes()).toBe(64 * 1024);
    expect(store.largestInstall()).toBe(64 * 1024 - 1024);
  });

  it("installs, lists, finds and reads modules; they survive a remount", () => {
    const flash = newFlash();
    const store = mount(flash);
    installOk(store, blink, 333);
    installOk(store, hello, 1);
    installOk(store, big, 1024);
    expect(stateAndRemount(store, flash)).toEqual([expectedEntry(big), expectedEntry(blink), expectedEntry(hello)]);
    const m = store.find(text("héllo"));
    expect(m).not.toBeNull();
    expect(store.find(text("hell"))).toBeNull();
    const part = new Uint8Array(10);
    const err = new StoreError();
    check(store.readRange(m!, 100, part, 0, 10, err), err, "readRange");
    expect(part).toEqual(hello.bytes.subarray(100, 110));
    expect(store.readRange(m!, 295, part, 0, 10, err)).toBe(false);
    // 5000 + 1024 header bytes take 2 blocks, 300 take 1, 20000 take 6
    expect(store.freeBytes()).toBe(64 * 1024 - 9 * 4096);
  });

  it("replaces a module of the same name, keeping the old one until the commit", () => {
    const flash = newFlash();
    const store = mount(flash);
    installOk(store, blink);
    installOk(store, hello);
    const blink2: Spec = { name: "blink", bytes: moduleBytes(9, 9000), caps: "gpio=2", autostart: false };
    const err = new StoreError();
    const p = store.beginInstall(metaOf(blink2), blink2.bytes.length, err);
    check(p !== null, err, "begin");
    store.writeChunk(0, blink2.bytes, 0, 4000, err);
    // not committed: the old blink is what the store holds, now and after a remount
    expect(stateOf(store)).toEqual([expectedEntry(blink), expectedEntry(hello)]);
    expect(stateOf(mount(flash))).toEqual([expectedEntry(blink), expectedEntry(hello)]);
  });

  it("replaces a module atomically when the new copy is committed", () => {
    const flash = newFlash();
    const store = mount(flash);
    installOk(store, blink);
    installOk(store, hello);
    const blink2: Spec = { name: "blink", bytes: moduleBytes(9, 9000), caps: "gpio=2", autostart: false };
    installOk(store, blink2);
    expect(stateAndRemount(store, flash)).toEqual([expectedEntry(blink2), expectedEntry(hello)]);
    expect(store.freeBytes()).toBe(64 * 1024 - 4 * 4096);
  });

  it("removes modules", () => {
    const flash = newFlash();
    const store = mount(flash);
    installOk(store, blink);
    installOk(store, hello);
    const err = new StoreError();
    check(store.remove(text("blink"), err), err, "remove");
    expect(stateAndRemount(store, flash)).toEqual([expectedEntry(hello)]);
    expect(store.remove(text("blink"), err)).toBe(false);
    expect(err.code).toBe(StoreErrorCode.NoSuchModule);
    check(store.remove(text("héllo"), err), err, "remove");
    expect(stateAndRemount(store, flash)).toEqual([]);
    expect(store.freeBytes()).toBe(64 * 1024);
  });

  it("changes the autostart flag, and keeps it across remounts", () => {
    const flash = newFlash();
    const store = mount(flash);
    installOk(store, blink);
    installOk(store, hello);
    const err = new StoreError();
    check(store.setAutostart(text("blink"), false, err), err, "autostart");
    check(store.setAutostart(text("héllo"), true, err), err, "autostart");
    expect(stateAndRemount(store, flash)).toEqual([expectedEntry({ ...blink, autostart: false }), expectedEntry({ ...hello, autostart: true })]);
    const before = flash.operations;
    check(store.setAutostart(text("héllo"), true, err), err, "autostart");
    expect(flash.operations).toBe(before);
    expect(store.setAutostart(text("nope"), true, err)).toBe(false);
    expect(err.code).toBe(StoreErrorCode.NoSuchModule);
  });

  it("copies a module to a new extent when its autostart toggles are used up", () => {
    const flash = newFlash();
    const store = mount(flash);
    installOk(store, blink);
    const err = new StoreError();
    const firstBlock = store.find(text("blink"))!.block;
    for (let i = 0; i < TOGGLE_BITS; i++) check(store.setAutostart(text("blink"), i % 2 === 1, err), err, "toggle " + i);
    expect(store.find(text("blink"))!.block).toBe(firstBlock);
    expect(stateAndRemount(store, flash)).toEqual([expectedEntry(blink)]);
    check(store.setAutostart(text("blink"), false, err), err, "toggle after the last bit");
    const moved = store.find(text("blink"))!;
    expect(moved.block).not.toBe(firstBlock);
    expect(moved.toggles).toBe(0);
    expect(stateAndRemount(store, flash)).toEqual([expectedEntry({ ...blink, autostart: false })]);
    check(store.setAutostart(text("blink"), true, err), err, "toggle");
    expect(stateAndRemount(store, flash)).toEqual([expectedEntry(blink)]);
  });

  it("reports a full store with the bytes needed and free, and changes nothing", () => {
    const flash = newFlash();
    const store = mount(flash);
    installOk(store, big); // 6 blocks
    installOk(store, { name: "b", bytes: moduleBytes(4, 20000) }); // 6 blocks, 4 left
    const state = stateOf(store);
    const err = install(store, { name: "c", bytes: moduleBytes(5, 20000) });
    expect(err.code).toBe(StoreErrorCode.StoreFull);
    expect(err.needed).toBe(6 * 4096);
    expect(err.free).toBe(4 * 4096);
    expect(err.message).toContain("store full");
    expect(stateAndRemount(store, flash)).toEqual(state);
    // a replace needs room for both copies
    expect(install(store, { name: "big", bytes: moduleBytes(6, 20000) }).code).toBe(StoreErrorCode.StoreFull);
    // what does fit, fits
    installOk(store, { name: "c", bytes: moduleBytes(5, 4 * 4096 - 1024) });
    expect(store.freeBytes()).toBe(0);
    expect(install(store, { name: "d", bytes: moduleBytes(5, 1) }).code).toBe(StoreErrorCode.StoreFull);
  });

  it("refuses a module larger than the flash, and bad metadata", () => {
    const store = mount(newFlash());
    const err = install(store, { name: "huge", bytes: moduleBytes(1, 64 * 1024) });
    expect(err.code).toBe(StoreErrorCode.TooLarge);
    expect(install(store, { name: "", bytes: moduleBytes(1, 10) }).code).toBe(StoreErrorCode.BadMetadata);
    expect(install(store, { name: "x".repeat(33), bytes: moduleBytes(1, 10) }).code).toBe(StoreErrorCode.BadMetadata);
    expect(install(store, { name: "x".repeat(32), bytes: moduleBytes(1, 10), caps: "c".repeat(128), args: "a".repeat(128) }).code).toBe(StoreErrorCode.None);
    expect(install(store, { name: "y", bytes: moduleBytes(1, 10), caps: "c".repeat(129) }).code).toBe(StoreErrorCode.BadMetadata);
    expect(install(store, { name: "y", bytes: moduleBytes(1, 10), args: "a".repeat(129) }).code).toBe(StoreErrorCode.BadMetadata);
    expect(stateOf(store).map((e) => e.name)).toEqual(["x".repeat(32)]);
  });

  it(`holds at most ${MAX_MODULES} modules`, () => {
    const flash = newFlash(128 * 1024);
    const store = mount(flash);
    for (let i = 0; i < MAX_MODULES; i++) installOk(store, { name: "m" + i, bytes: moduleBytes(i, 100) });
    const err = install(store, { name: "one-more", bytes: moduleBytes(99, 100) });
    expect(err.code).toBe(StoreErrorCode.TooManyModules);
    // replacing one of them is fine
    installOk(store, { name: "m3", bytes: moduleBytes(33, 200) });
    expect(stateAndRemount(store, flash).length).toBe(MAX_MODULES);
  });

  it("refuses a commit whose SHA-256 does not match the bytes, and frees their blocks", () => {
    const flash = newFlash();
    const store = mount(flash);
    installOk(store, hello);
    const err = new StoreError();
    const spec: Spec = { name: "liar", bytes: moduleBytes(7, 6000) };
    const meta = metaOf(spec);
    meta.sha256 = sha256(moduleBytes(8, 6000));
    const p = store.beginInstall(meta, 6000, err);
    check(p !== null, err, "begin");
    expect(store.writeChunk(0, spec.bytes, 0, 6000, err)).toBe(6000);
    expect(store.commitInstall(meta.sha256, err)).toBeNull();
    expect(err.code).toBe(StoreErrorCode.HashMismatch);
    expect(store.pendingInstall()).toBeNull();
    expect(stateAndRemount(store, flash)).toEqual([expectedEntry(hello)]);
    expect(store.freeBytes()).toBe(64 * 1024 - 4096);
    // a commit with another hash than the install began with
    const p2 = store.beginInstall(metaOf(spec), 6000, err);
    check(p2 !== null, err, "begin");
    store.writeChunk(0, spec.bytes, 0, 6000, err);
    expect(store.commitInstall(sha256(hello.bytes), err)).toBeNull();
    expect(err.code).toBe(StoreErrorCode.HashMismatch);
    expect(store.freeBytes()).toBe(64 * 1024 - 4096);
  });

  it("resumes a partial install, skips chunks sent again, refuses gaps and early commits", () => {
    const flash = newFlash();
    const store = mount(flash);
    const err = new StoreError();
    const p = store.beginInstall(metaOf(blink), blink.bytes.length, err)!;
    expect(store.writeChunk(0, blink.bytes, 0, 1000, err)).toBe(1000);
    expect(store.writeChunk(1500, blink.bytes, 1500, 100, err)).toBe(-1);
    expect(err.code).toBe(StoreErrorCode.OutOfOrder);
    expect(store.writeChunk(4990, blink.bytes, 4990, 20, err)).toBe(-1);
    expect(store.commitInstall(sha256(blink.bytes), err)).toBeNull();
    expect(err.code).toBe(StoreErrorCode.Incomplete);
    // the same install again: the same handle, resumed at 1000
    const again = store.beginInstall(metaOf(blink), blink.bytes.length, err);
    expect(again).toBe(p);
    expect(again!.written).toBe(1000);
    // a chunk partly sent before
    expect(store.writeChunk(900, blink.bytes, 900, 600, err)).toBe(1500);
    expect(store.writeChunk(0, blink.bytes, 0, 100, err)).toBe(1500);
    expect(store.writeChunk(1500, blink.bytes, 1500, 3500, err)).toBe(5000);
    check(store.commitInstall(sha256(blink.bytes), err) !== null, err, "commit");
    expect(stateAndRemount(store, flash)).toEqual([expectedEntry(blink)]);
    expect(store.writeChunk(0, blink.bytes, 0, 1, err)).toBe(-1);
    expect(err.code).toBe(StoreErrorCode.NoInstall);
  });

  it("abandons an install for another one, and on abortInstall; a remount discards an unfinished one", () => {
    const flash = newFlash();
    const store = mount(flash);
    const err = new StoreError();
    store.beginInstall(metaOf(big), big.bytes.length, err);
    store.writeChunk(0, big.bytes, 0, 10000, err);
    expect(store.freeBytes()).toBe(64 * 1024 - 6 * 4096);
    // another module: the first install is dropped
    store.beginInstall(metaOf(hello), hello.bytes.length, err);
    expect(store.freeBytes()).toBe(64 * 1024 - 4096);
    check(store.abortInstall(err), err, "abort");
    expect(store.freeBytes()).toBe(64 * 1024);
    expect(store.pendingInstall()).toBeNull();
    // same metadata but other caps: not a resume
    const p = store.beginInstall(metaOf(blink), blink.bytes.length, err)!;
    store.writeChunk(0, blink.bytes, 0, 2000, err);
    const p2 = store.beginInstall(metaOf({ ...blink, caps: "clock" }), blink.bytes.length, err)!;
    expect(p2.written).toBe(0);
    store.writeChunk(0, blink.bytes, 0, 2000, err);
    expect(p).toBe(p2);
    const again = mount(flash);
    expect(stateOf(again)).toEqual([]);
    expect(again.freeBytes()).toBe(64 * 1024);
    expect(again.repaired).toBe(1);
    expect(again.pendingInstall()).toBeNull();
  });

  it("moves modules together when the free blocks are enough but scattered", () => {
    const flash = newFlash();
    const store = mount(flash);
    const specs: Spec[] = [];
    for (let i = 0; i < 8; i++) specs.push({ name: "m" + i, bytes: moduleBytes(i, 5000) }); // 2 blocks each: all 16
    for (const s of specs) installOk(store, s);
    const err = new StoreError();
    for (const i of [1, 3, 5]) check(store.remove(text("m" + i), err), err, "remove");
    expect(store.freeBytes()).toBe(6 * 4096);
    expect(store.largestInstall()).toBe(2 * 4096 - 1024);
    const wide: Spec = { name: "wide", bytes: moduleBytes(50, 5 * 4096) }; // 6 blocks
    installOk(store, wide);
    const kept = [0, 2, 4, 6, 7].map((i) => expectedEntry(specs[i]));
    expect(stateAndRemount(store, flash)).toEqual([...kept.slice(0, 5), expectedEntry(wide)].sort((a, b) => (a.name < b.name ? -1 : 1)));
    expect(store.freeBytes()).toBe(0);
  });

  it("never reads a module's bytes as headers, even bytes that hold a valid store header", () => {
    const flash = newFlash();
    const store = mount(flash);
    const trojan: Spec = { name: "trojan", bytes: trojanBytes(5, 12000) };
    installOk(store, trojan);
    expect(stateAndRemount(store, flash)).toEqual([expectedEntry(trojan)]);
    const err = new StoreError();
    check(store.remove(text("trojan"), err), err, "remove");
    expect(stateAndRemount(store, flash)).toEqual([]);
    // the same bytes at the start of a block of an empty flash are a module "ghost" (so the power-cut tests would see one)
    const image = new Uint8Array(64 * 1024).fill(0xff);
    image.set(trojan.bytes.subarray(4096 - 1024, 4096 - 1024 + 4096), 0);
    expect(stateOf(mount(newFlash(64 * 1024, image))).map((e) => e.name)).toEqual(["ghost"]);
  });

  it("mounts an image written through to a file", async () => {
    const { mkdtempSync, rmSync, readFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "wasmcu-store-"));
    try {
      const file = join(dir, "flash.bin");
      const f1 = SimFlash.open(file, 64 * 1024, { log: () => {} });
      installOk(mount(f1), blink);
      f1.close();
      expect(readFileSync(file).length).toBe(64 * 1024);
      const f2 = SimFlash.open(file, 64 * 1024, { log: () => {} });
      expect(stateOf(mount(f2))).toEqual([expectedEntry(blink)]);
      f2.close();
      expect(() => SimFlash.open(file, 128 * 1024)).toThrow(/65536 bytes, not the board's 131072/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("files of the modules' folders", () => {
  const read = (store: ModuleStore, owner: string, path: string): Uint8Array | null => {
    const f = store.findFile(text(owner), text(path));
    if (f === null) return null;
    const bytes = new Uint8Array(f.size);
    const err = new StoreError();
    check(store.readRange(f, 0, bytes, 0, f.size, err), err, "readRange");
    check(store.verify(f, err), err, "verify");
    return bytes;
  };

  it("saves, replaces, lists and removes files per module, apart from the modules; they survive a remount", () => {
    const flash = newFlash();
    const store = mount(flash);
    installOk(store, blink);
    const a = moduleBytes(40, 100);
    const b = moduleBytes(41, 5000);
    saveOk(store, "blink", "a.txt", a);
    saveOk(store, "blink", "b.bin", b);
    saveOk(store, "other", "a.txt", moduleBytes(42, 7));
    saveOk(store, "blink", "empty", new Uint8Array(0));
    // files are not modules
    expect(store.list().map((m) => new TextDecoder().decode(m.name()))).toEqual(["blink"]);
    expect(store.find(text("other"))).toBeNull();
    expect(read(store, "blink", "a.txt")).toEqual(a);
    expect(read(store, "blink", "b.bin")).toEqual(b);
    expect(read(store, "blink", "empty")).toEqual(new Uint8Array(0));
    expect(read(store, "blink", "missing")).toBeNull();
    expect(store.folderUsage(text("blink"), false)).toBe(3);
    expect(store.folderUsage(text("blink"), true)).toBe(5100);
    const names = (owner: string, s = store) => {
      const out: string[] = [];
      for (let i = 0; s.fileAt(text(owner), i) !== null; i++) out.push(new TextDecoder().decode(s.fileAt(text(owner), i)!.path()));
      return out.sort();
    };
    expect(names("blink")).toEqual(["a.txt", "b.bin", "empty"]);
    expect(names("other")).toEqual(["a.txt"]);

    const a2 = moduleBytes(43, 9000);
    saveOk(store, "blink", "a.txt", a2);
    expect(read(store, "blink", "a.txt")).toEqual(a2);
    expect(store.files.length).toBe(4);
    stateAndRemount(store, flash);

    const again = mount(flash);
    expect(read(again, "blink", "a.txt")).toEqual(a2);
    const err = new StoreError();
    check(again.removeFile(text("blink"), text("b.bin"), err), err, "removeFile");
    expect(again.removeFile(text("blink"), text("b.bin"), err)).toBe(false);
    expect(err.code).toBe(StoreErrorCode.NoSuchModule);
    check(again.removeFolder(text("blink"), err), err, "removeFolder");
    expect(names("blink", again)).toEqual([]);
    expect(names("other", again)).toEqual(["a.txt"]);
    // removing the folder leaves the module, and removing the module leaves other folders
    expect(again.find(text("blink"))).not.toBeNull();
    stateAndRemount(again, flash);
  });

  it(`keeps at most ${MAX_FILES} files, and reports a full store`, () => {
    const flash = newFlash(256 * 1024);
    const store = mount(flash);
    for (let i = 0; i < MAX_FILES; i++) saveOk(store, "m" + (i % 3), "f" + i, moduleBytes(50 + i, 10));
    const err = new StoreError();
    expect(store.saveFile(text("m0"), text("one-more"), new Uint8Array(1), 1, err)).toBeNull();
    expect(err.code).toBe(StoreErrorCode.TooManyModules);
    // replacing one of them is still possible
    saveOk(store, "m0", "f0", moduleBytes(99, 20));
    const full = mount(newFlash());
    expect(full.saveFile(text("m"), text("huge"), new Uint8Array(70 * 1024), 70 * 1024, err)).toBeNull();
    expect(err.code).toBe(StoreErrorCode.StoreFull);
    expect(err.message).toContain("the file needs");
    expect(full.files.length).toBe(0);
    expect(full.freeBytes()).toBe(64 * 1024);
  });

  it("refuses bad names and paths", () => {
    const store = mount(newFlash());
    const err = new StoreError();
    expect(store.saveFile(text(""), text("a"), new Uint8Array(1), 1, err)).toBeNull();
    expect(err.code).toBe(StoreErrorCode.BadMetadata);
    expect(store.saveFile(text("m"), text(""), new Uint8Array(1), 1, err)).toBeNull();
    expect(store.saveFile(text("m"), text("p".repeat(65)), new Uint8Array(1), 1, err)).toBeNull();
    expect(err.code).toBe(StoreErrorCode.BadMetadata);
  });

  it("finds a file whose bytes changed on flash corrupt", () => {
    const flash = newFlash();
    const store = mount(flash);
    saveOk(store, "m", "data", moduleBytes(60, 500));
    const f = store.findFile(text("m"), text("data"))!;
    const at = store.dataAddress(f) + 10;
    // a bit that drops to 0 (what a failing NOR cell does)
    flash.bytes[at] = flash.bytes[at] & (flash.bytes[at] ^ 0xff ? flash.bytes[at] - 1 : 0xfe);
    const err = new StoreError();
    expect(store.verify(f, err)).toBe(false);
    expect(err.code).toBe(StoreErrorCode.Corrupt);
  });
});

describe("simulated flash", () => {
  it("enforces NOR rules: no 0 -> 1 without an erase, no program across a page, aligned erases", () => {
    const logs: string[] = [];
    const flash = new SimFlash(8192, { log: (m: string) => logs.push(m) });
    const b = new Uint8Array([0x0f, 0xf0]);
    expect(flash.program(10, b, 0, 2)).toBe(0);
    expect(flash.program(10, new Uint8Array([0x07]), 0, 1)).toBe(0);
    expect(flash.program(10, new Uint8Array([0x08]), 0, 1)).toBe(-1);
    expect(logs.pop()).toMatch(/set bits back to 1 \(0x7 -> 0x8\)/);
    expect(flash.program(250, new Uint8Array(10), 0, 10)).toBe(-1);
    expect(logs.pop()).toMatch(/crosses a 256-byte page/);
    expect(flash.program(8190, new Uint8Array(4), 0, 4)).toBe(-1);
    expect(flash.erase(100)).toBe(-1);
    expect(flash.erase(8192)).toBe(-1);
    const r = new Uint8Array(3);
    expect(flash.read(9, r, 0, 3)).toBe(0);
    expect([...r]).toEqual([0xff, 0x07, 0xf0]);
    expect(flash.erase(0)).toBe(0);
    expect(flash.read(9, r, 0, 3)).toBe(0);
    expect([...r]).toEqual([0xff, 0xff, 0xff]);
    expect(flash.read(8191, r, 0, 3)).toBe(-1);
    expect(flash.operations).toBe(3);
  });

  it("tears the operation after n others and stays off until powerOn", () => {
    const flash = new SimFlash(8192, { log: () => {} });
    flash.cutAfter(1, { tornBytes: 3 });
    expect(flash.program(0, new Uint8Array(8), 0, 8)).toBe(0);
    expect(() => flash.program(16, new Uint8Array(8), 0, 8)).toThrow(PowerCut);
    expect(() => flash.read(0, new Uint8Array(1), 0, 1)).toThrow(PowerCut);
    flash.powerOn();
    expect([...flash.bytes.subarray(16, 24)]).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    expect(flash.program(4000, new Uint8Array(1), 0, 1)).toBe(0);
    flash.cutAfter(0, { tornBytes: 4000 });
    expect(() => flash.erase(0)).toThrow(/power cut during the erase/);
    flash.powerOn();
    expect(flash.bytes[0]).toBe(0xff);
    expect(flash.bytes[4000]).toBe(0);
  });
});
