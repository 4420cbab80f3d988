// A module's own folder on the board: the files a module granted `fs` sees
// through WASI (core/wasi/files.ts), kept in the module store as file entries
// of its name (store.ts saveFile/removeFile), so that each save is atomic and
// power-cut safe and the files outlive resets. The folder belongs to the
// module's name: a `run` and an `install` of one name share it, and removing
// the installed module (`wasmcu rm`) removes its folder.
//
// Limits, so that one module cannot take the flash from the others: at most
// FOLDER_MAX_FILES files and FOLDER_MAX_BYTES bytes per folder, a file of at
// most MAX_FILE_BYTES (an open file being written is held in RAM).
import type { i32, u32, f64 } from "../types";
import { Errno } from "../wasi/abi";
import { Folder } from "../wasi/folder";
import { ModuleStore, StoreError, StoreErrorCode } from "./store";
import { slots } from "./slots";

export const MAX_FILE_BYTES: u32 = 16384;
export const FOLDER_MAX_FILES: u32 = 8;
export const FOLDER_MAX_BYTES: u32 = 65536;

class Folders {
  /** the mounted store (device.ts sets it at boot); null: no folder holds anything and saves fail */
  store: ModuleStore | null = null;
  readonly err: StoreError = new StoreError();
}
export const folders = new Folders();

/** The folder of the module in slot `slot` (allocate it in the slot's arena). */
export function moduleFolder(slot: i32): Folder {
  return new Folder(fileSize, fileRead, fileSave, fileRemove, fileName, slot, MAX_FILE_BYTES);
}

function owner(slot: i32): Uint8Array {
  return slots[slot].nameView();
}

function fileSize(slot: i32, path: Uint8Array): f64 {
  const store = folders.store;
  if (store === null) return -1;
  const f = store.findFile(owner(slot), path);
  if (f === null) return -1;
  // a file whose bytes no longer match their SHA-256 is not handed out
  if (!store.verify(f, folders.err)) return -2;
  return f.size;
}

function fileRead(slot: i32, path: Uint8Array, offset: u32, dest: Uint8Array, destOffset: u32, length: u32): i32 {
  const store = folders.store;
  if (store === null) return Errno.Noent;
  const f = store.findFile(owner(slot), path);
  if (f === null) return Errno.Noent;
  return store.readRange(f, offset, dest, destOffset, length, folders.err) ? Errno.Success : Errno.Io;
}

function fileSave(slot: i32, path: Uint8Array, bytes: Uint8Array, length: u32): i32 {
  const store = folders.store;
  if (store === null) return Errno.Io;
  const name = owner(slot);
  const old = store.findFile(name, path);
  const files = (store.folderUsage(name, false) + (old === null ? 1 : 0)) >>> 0;
  const used: f64 = store.folderUsage(name, true) - (old === null ? 0 : old.size) + length;
  if (files > FOLDER_MAX_FILES || used > FOLDER_MAX_BYTES || length > MAX_FILE_BYTES) return Errno.Nospc;
  if (store.saveFile(name, path, bytes, length, folders.err) !== null) return Errno.Success;
  const code = folders.err.code;
  return code === StoreErrorCode.StoreFull || code === StoreErrorCode.TooManyModules || code === StoreErrorCode.TooLarge ? Errno.Nospc : Errno.Io;
}

function fileRemove(slot: i32, path: Uint8Array): i32 {
  const store = folders.store;
  if (store === null || store.findFile(owner(slot), path) === null) return Errno.Noent;
  return store.removeFile(owner(slot), path, folders.err) ? Errno.Success : Errno.Io;
}

function fileName(slot: i32, index: i32, dest: Uint8Array): i32 {
  const store = folders.store;
  if (store === null) return -1;
  const f = store.fileAt(owner(slot), index);
  if (f === null) return -1;
  const path = f.path();
  dest.set(path, 0);
  return path.length;
}
