// A module's folder as WASI shows it: one preopened directory, "/", holding
// plain files (no subfolders). The port keeps the files (the device keeps them
// in its module store, core/device/folder.ts); the WASI layer (files.ts) keeps
// what is open, positions and unsaved bytes, and calls these hooks, each with
// `data` (which folder), to look at, read, save, remove and list whole files.
// Paths given to the hooks are normalised: 1..MAX_FILE_PATH bytes, no "/".
import type { i32, u32, f64 } from "../types";

/** The longest path of a file in a folder. */
export const MAX_FILE_PATH: i32 = 64;

/** The file's size in bytes; -1 when there is no such file, -2 when it is unreadable (corrupt). */
export type FolderSize = (data: i32, path: Uint8Array) => f64;
/** Reads file bytes [offset, offset+length) into dest[destOffset ..); returns an errno (0: done). */
export type FolderRead = (data: i32, path: Uint8Array, offset: u32, dest: Uint8Array, destOffset: u32, length: u32) => i32;
/** Replaces the file (or creates it) with bytes[0 .. length), atomically; returns an errno. */
export type FolderSave = (data: i32, path: Uint8Array, bytes: Uint8Array, length: u32) => i32;
/** Removes the file; returns an errno (Noent when there is none). */
export type FolderRemove = (data: i32, path: Uint8Array) => i32;
/** Copies the name of the index-th file (from 0) into dest; returns its length, or -1 past the last file. */
export type FolderName = (data: i32, index: i32, dest: Uint8Array) => i32;

export class Folder {
  constructor(
    readonly size: FolderSize,
    readonly read: FolderRead,
    readonly save: FolderSave,
    readonly remove: FolderRemove,
    readonly nameAt: FolderName,
    /** given to every hook */
    readonly data: i32,
    /** the largest file a module may write (its open file's bytes are held in RAM until saved) */
    readonly maxFileBytes: u32,
  ) {}
}
