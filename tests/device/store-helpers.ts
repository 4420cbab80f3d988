// Shared by the store tests: a flash-backed store under Node, modules with
// known bytes, and a plain description of what a store holds (to compare the
// state before and after a power cut).
import { createHash } from "node:crypto";
import { SimFlash, installFlash } from "../../ports/sim/flash.mjs";
import { ModuleMeta, ModuleStore, StoreError, StoreErrorCode, type StoredModule } from "../../core/device/store.ts";
import { COMMIT_MARK, FLAG_AUTOSTART, HEADER_BYTES, OFF_COMMIT, encodeHeaderBody, putU32 } from "../../core/device/store-layout.ts";

export const text = (s: string): Uint8Array => new TextEncoder().encode(s);
export const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
export const sha256 = (b: Uint8Array): Uint8Array => new Uint8Array(createHash("sha256").update(b).digest());

/** `size` bytes that depend on `seed` (xorshift). */
export function moduleBytes(seed: number, size: number): Uint8Array {
  const b = new Uint8Array(size);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    b[i] = x & 0xff;
  }
  return b;
}

/**
 * Module bytes that carry, at each place that falls on a block boundary once
 * installed (data offset k with 1024 + k a multiple of blockSize), a committed
 * store header of a 100-byte module "ghost": if the store ever read its data
 * blocks as headers (the extent's own header lost first), a ghost would appear.
 */
export function trojanBytes(seed: number, size: number, blockSize = 4096): Uint8Array {
  const b = moduleBytes(seed, size);
  const ghost = moduleBytes(seed + 1, 100);
  for (let k = blockSize - HEADER_BYTES; k + HEADER_BYTES + ghost.length <= size; k += blockSize) {
    const h = b.subarray(k, k + HEADER_BYTES);
    h.fill(0xff);
    encodeHeaderBody(h, 1000 + k, ghost.length, FLAG_AUTOSTART, sha256(ghost), text("ghost"), text(""), text(""));
    putU32(h, OFF_COMMIT, COMMIT_MARK);
    b.set(ghost, k + HEADER_BYTES);
  }
  return b;
}

export interface Spec {
  name: string;
  bytes: Uint8Array;
  caps?: string;
  args?: string;
  autostart?: boolean;
}

export function metaOf(spec: Spec): ModuleMeta {
  return new ModuleMeta(text(spec.name), sha256(spec.bytes), text(spec.caps ?? ""), text(spec.args ?? ""), spec.autostart ?? false);
}

/** Fails the test with the store's message when a call failed. */
export function check(ok: boolean, err: StoreError, what: string): void {
  if (!ok) throw new Error(`${what}: ${StoreErrorCode[err.code]}: ${err.message}`);
}

/** Installs spec in chunks of `chunk` bytes; returns the error (code None on success). */
export function install(store: ModuleStore, spec: Spec, chunk = 300): StoreError {
  const err = new StoreError();
  const p = store.beginInstall(metaOf(spec), spec.bytes.length, err);
  if (p === null) return err;
  for (let at = p.written; at < spec.bytes.length; at += chunk) {
    const n = Math.min(chunk, spec.bytes.length - at);
    if (store.writeChunk(at, spec.bytes, at, n, err) < 0) return err;
  }
  store.commitInstall(sha256(spec.bytes), err);
  return err;
}

export function installOk(store: ModuleStore, spec: Spec, chunk = 300): void {
  const err = install(store, spec, chunk);
  check(err.code === StoreErrorCode.None, err, `install ${spec.name}`);
}

/** Mounts a new store on `flash`. The natives are global: every store uses the flash mounted last. */
export function mount(flash: SimFlash): ModuleStore {
  installFlash(flash);
  const store = new ModuleStore();
  const err = new StoreError();
  check(store.mount(err), err, "mount");
  return store;
}

export function newFlash(size = 64 * 1024, image: Uint8Array | null = null): SimFlash {
  return new SimFlash(size, { image, log: () => {} });
}

export interface Entry {
  name: string;
  size: number;
  sha256: string;
  caps: string;
  args: string;
  autostart: boolean;
  /** the SHA-256 of the bytes read back (readModule also checks it) */
  content: string;
}

const decode = (b: Uint8Array): string => new TextDecoder().decode(b);

export function entryOf(store: ModuleStore, m: StoredModule): Entry {
  const bytes = new Uint8Array(m.size);
  const err = new StoreError();
  check(store.readModule(m, bytes, err), err, "readModule");
  return {
    // a file of a module's folder: "<module>:<path>"
    name: decode(m.name()) + (m.isFile ? ":" + decode(m.path()) : ""),
    size: m.size,
    sha256: hex(m.sha256),
    caps: decode(m.caps()),
    args: decode(m.args()),
    autostart: m.autostart,
    content: hex(sha256(bytes)),
  };
}

/** What the store holds (modules and files), by name. */
export function stateOf(store: ModuleStore): Entry[] {
  return [...store.list(), ...store.files]
    .map((m) => entryOf(store, m))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The entry a spec should give once installed. */
export function expectedEntry(spec: Spec): Entry {
  const h = hex(sha256(spec.bytes));
  return {
    name: spec.name,
    size: spec.bytes.length,
    sha256: h,
    caps: spec.caps ?? "",
    args: spec.args ?? "",
    autostart: spec.autostart ?? false,
    content: h,
  };
}

/** Free bytes must be what the listed modules leave (no leaked or double-counted blocks). */
export function accountedFree(store: ModuleStore): number {
  let used = 0;
  for (const m of [...store.list(), ...store.files]) used += Math.ceil((1024 + m.size) / store.flash.blockSize) * store.flash.blockSize;
  return store.totalBytes() - used;
}

/** Saves a file of module `owner`'s folder. */
export function saveOk(store: ModuleStore, owner: string, path: string, bytes: Uint8Array): void {
  const err = new StoreError();
  check(store.saveFile(text(owner), text(path), bytes, bytes.length, err) !== null, err, `save ${owner}:${path}`);
}
