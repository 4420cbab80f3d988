// Files in a module's folder (folder.ts): the descriptors past the console.
// fd 3 is the folder, preopened as "/" (wasi-libc finds it with
// fd_prestat_get and resolves every relative and absolute path against it);
// fd 4 .. 4+MAX_OPEN_FILES-1 are what path_open opened.
//
// A file opened for reading only is read from the folder as it is read. A
// file opened for writing is held whole in RAM (at most Folder.maxFileBytes)
// and saved whole, atomically, when it is closed or synced, or when the module
// ends (closeAllFiles): a power cut loses what was written since the last save
// and never leaves a half-written file. The folder is flat: a path with a "/"
// inside names nothing, ".." is refused, subfolders cannot be made.
import type { i32, u32, f64, i64 } from "../types";
import { MemInst, Thread } from "../engine/runtime";
import {
  DIRENT_SIZE,
  DIR_RIGHTS,
  Errno,
  FDFLAGS_APPEND,
  FDSTAT_FLAGS,
  FDSTAT_RIGHTS_BASE,
  FDSTAT_RIGHTS_INHERITING,
  FDSTAT_SIZE,
  FILESTAT_FILETYPE,
  FILESTAT_NLINK,
  FILESTAT_SIZE,
  FILESTAT_SIZE_FIELD,
  FILE_READ_RIGHTS,
  FILE_WRITE_RIGHTS,
  FileType,
  IOVEC_SIZE,
  OFlags,
  PRESTAT_SIZE,
  Rights,
  Whence,
} from "./abi";
import { Folder, MAX_FILE_PATH } from "./folder";
import { contextOf } from "./context";
import { sameBytes } from "../text";
import { argI32, argI64, argU32, done, guestMemory, inBounds, loadU32, noMemory, storeI64, storeU32 } from "./memory";

/** The preopened folder's descriptor. */
export const DIR_FD: i32 = 3;
const FIRST_OPEN_FD: i32 = 4;
/** How many files (or folder handles) a module may have open at once. */
export const MAX_OPEN_FILES: i32 = 4;
/** The first capacity of a written file's buffer; it doubles as the file grows. */
const FIRST_CAPACITY: u32 = 256;

class OpenFile {
  inUse: boolean = false;
  /** a handle on the folder itself (opendir) */
  isDir: boolean = false;
  readonly path: Uint8Array = new Uint8Array(MAX_FILE_PATH);
  pathLength: i32 = 0;
  readable: boolean = false;
  writable: boolean = false;
  append: boolean = false;
  position: u32 = 0;
  size: u32 = 0;
  /** a writable file's bytes [0, size); kept across opens so that reopening allocates nothing */
  buffer: Uint8Array = new Uint8Array(0);
  /** written since it was last saved (or created and not saved yet) */
  dirty: boolean = false;
  /** its path was unlinked while it was open: it is not saved again */
  unlinked: boolean = false;

  pathView(): Uint8Array {
    return this.path.subarray(0, this.pathLength);
  }
}

/** What one WASI context has open in its folder. */
export class FileTable {
  readonly open: OpenFile[] = [];
  /** whether fd 3 is open (a module may close it) */
  dirOpen: boolean = true;
  /** a normalised path from the module */
  readonly path: Uint8Array = new Uint8Array(MAX_FILE_PATH);
  pathLength: i32 = 0;

  constructor(readonly folder: Folder) {
    for (let i = 0; i < MAX_OPEN_FILES; i++) this.open.push(new OpenFile());
  }

  /** The open file (or folder handle) of fd, or null. */
  file(fd: i32): OpenFile | null {
    const i = (fd - FIRST_OPEN_FD) | 0;
    if (i < 0 || i >= MAX_OPEN_FILES || !this.open[i].inUse) return null;
    return this.open[i];
  }

  /** Whether fd names the folder: fd 3, or a handle path_open gave on it. */
  isFolder(fd: i32): boolean {
    if (fd === DIR_FD) return this.dirOpen;
    const f = this.file(fd);
    return f !== null && f.isDir;
  }

  pathView(): Uint8Array {
    return this.path.subarray(0, this.pathLength);
  }
}

function filesOf(data: i32): FileTable | null {
  return contextOf(data).files;
}

/**
 * Copies the module's path mem[ptr, ptr+length) into files.path without "/"
 * and "./" at its start: 0 when it names the folder itself, -errno when it
 * cannot name a file here (a "..", a "/" inside, too long).
 */
function normalisePath(files: FileTable, mem: MemInst, ptr: u32, length: u32): i32 {
  let at = ptr;
  const end = (ptr + length) >>> 0;
  // leading "/", "./" and a lone "."
  while (at < end) {
    const c = mem.bytes[at];
    if (c === 47) {
      at++;
    } else if (c === 46 && (at + 1 === end || mem.bytes[at + 1] === 47)) {
      at++;
    } else {
      break;
    }
  }
  let n = 0;
  for (let i = at; i < end; i++) {
    const c = mem.bytes[i];
    if (c === 0) return -Errno.Inval;
    if (c === 47) {
      // "name/" names the same file as "name" only when nothing follows
      let rest = true;
      for (let k = i; k < end; k++) if (mem.bytes[k] !== 47) rest = false;
      if (rest) break;
      return -Errno.Noent;
    }
    if (n >= MAX_FILE_PATH) return -Errno.Nametoolong;
    files.path[n] = c;
    n++;
  }
  if (n === 2 && files.path[0] === 46 && files.path[1] === 46) return -Errno.Notcapable;
  files.pathLength = n;
  return n;
}

/** The size of the file at files.path as this context sees it (its unsaved bytes count), or -1 / -2 as Folder.size. */
function currentSize(files: FileTable): f64 {
  const p = files.pathView();
  for (const f of files.open) {
    if (f.inUse && !f.isDir && f.writable && !f.unlinked && sameBytes(f.pathView(), p)) return f.size;
  }
  return files.folder.size(files.folder.data, p);
}

/** Makes room in f.buffer for `size` bytes (the buffer doubles; what it held is kept). */
function reserve(f: OpenFile, size: u32): void {
  if (size <= f.buffer.length) return;
  let capacity: u32 = f.buffer.length > 0 ? f.buffer.length : FIRST_CAPACITY;
  while (capacity < size) capacity = capacity < 0x80000000 ? (capacity * 2) >>> 0 : size;
  const grown = new Uint8Array(capacity);
  grown.set(f.buffer.subarray(0, f.size), 0);
  f.buffer = grown;
}

/** Saves f if it has unsaved bytes; returns an errno. */
function saveFile(files: FileTable, f: OpenFile): i32 {
  if (!f.dirty || f.unlinked) return Errno.Success;
  const errno = files.folder.save(files.folder.data, f.pathView(), f.buffer, f.size);
  if (errno === Errno.Success) f.dirty = false;
  return errno;
}

/**
 * Saves what the context's open files hold and closes them: the module has
 * ended (its memory and its context go away next). Returns the first errno of
 * a save that failed.
 */
export function closeAllFiles(files: FileTable): i32 {
  let first: i32 = Errno.Success;
  for (const f of files.open) {
    if (!f.inUse) continue;
    const errno = saveFile(files, f);
    if (first === Errno.Success) first = errno;
    f.inUse = false;
  }
  return first;
}

// ---- the folder's own functions -----------------------------------------------

/** fd_prestat_get(fd, prestat_ptr): fd 3 is the folder "/"; any other fd ends wasi-libc's scan (EBADF). */
export function fdPrestatGet(t: Thread, base: i32, data: i32): i32 {
  const files = filesOf(data);
  if (files === null || argI32(t, base, 0) !== DIR_FD || !files.dirOpen) return done(t, base, Errno.Badf);
  const mem = guestMemory(t);
  if (mem === null) return noMemory(t);
  const ptr = argU32(t, base, 1);
  if (!inBounds(mem, ptr, PRESTAT_SIZE)) return done(t, base, Errno.Fault);
  mem.bytes.fill(0, ptr, ptr + PRESTAT_SIZE);
  storeU32(mem, (ptr + 4) >>> 0, 1);
  return done(t, base, Errno.Success);
}

/** fd_prestat_dir_name(fd, path, path_len): the folder's name, "/". */
export function fdPrestatDirName(t: Thread, base: i32, data: i32): i32 {
  const files = filesOf(data);
  if (files === null || argI32(t, base, 0) !== DIR_FD || !files.dirOpen) return done(t, base, Errno.Badf);
  const mem = guestMemory(t);
  if (mem === null) return noMemory(t);
  const ptr = argU32(t, base, 1);
  if (argU32(t, base, 2) < 1) return done(t, base, Errno.Nametoolong);
  if (!inBounds(mem, ptr, 1)) return done(t, base, Errno.Fault);
  mem.bytes[ptr] = 47;
  return done(t, base, Errno.Success);
}

/**
 * path_open(dirfd, dirflags, path, path_len, oflags, rights_base,
 * rights_inheriting, fdflags, fd_ptr). Reading or writing follows the rights
 * asked for (wasi-libc asks for read rights on O_RDONLY, write rights on
 * O_WRONLY, both on O_RDWR).
 */
export function pathOpen(t: Thread, base: i32, data: i32): i32 {
  const files = filesOf(data);
  const dirfd = argI32(t, base, 0);
  if (files === null || !files.isFolder(dirfd)) return done(t, base, files !== null && files.file(dirfd) !== null ? Errno.Notdir : Errno.Badf);
  const mem = guestMemory(t);
  if (mem === null) return noMemory(t);
  const pathPtr = argU32(t, base, 2);
  const pathLength = argU32(t, base, 3);
  const oflags = argI32(t, base, 4);
  const rights = Number(BigInt.asUintN(32, argI64(t, base, 5))) >>> 0;
  const fdflags = argI32(t, base, 7);
  const fdPtr = argU32(t, base, 8);
  if (!inBounds(mem, pathPtr, pathLength) || !inBounds(mem, fdPtr, 4)) return done(t, base, Errno.Fault);
  const n = normalisePath(files, mem, pathPtr, pathLength);
  if (n < 0) return done(t, base, (-n) | 0);
  let slot = -1;
  for (let i = 0; i < MAX_OPEN_FILES && slot < 0; i++) if (!files.open[i].inUse) slot = i;
  if (n === 0) {
    // the folder itself (opendir)
    if ((oflags & (OFlags.Creat | OFlags.Trunc)) !== 0 || (rights & Rights.FdWrite) !== 0) return done(t, base, Errno.Isdir);
    if (slot < 0) return done(t, base, Errno.Mfile);
    const d = files.open[slot];
    d.inUse = true;
    d.isDir = true;
    d.pathLength = 0;
    d.readable = false;
    d.writable = false;
    d.dirty = false;
    d.unlinked = false;
    storeU32(mem, fdPtr, (FIRST_OPEN_FD + slot) >>> 0);
    return done(t, base, Errno.Success);
  }
  if ((oflags & OFlags.Directory) !== 0) return done(t, base, Errno.Notdir);
  const size = currentSize(files);
  if (size === -2) return done(t, base, Errno.Io);
  const exists = size >= 0;
  if (!exists && (oflags & OFlags.Creat) === 0) return done(t, base, Errno.Noent);
  if (exists && (oflags & OFlags.Creat) !== 0 && (oflags & OFlags.Excl) !== 0) return done(t, base, Errno.Exist);
  if (slot < 0) return done(t, base, Errno.Mfile);
  const writable = (rights & Rights.FdWrite) !== 0;
  const truncate = writable && (oflags & OFlags.Trunc) !== 0;
  if (writable && !truncate && size > files.folder.maxFileBytes) return done(t, base, Errno.Fbig);
  const f = files.open[slot];
  f.isDir = false;
  f.path.set(files.pathView(), 0);
  f.pathLength = n;
  f.readable = (rights & Rights.FdRead) !== 0 || !writable;
  f.writable = writable;
  f.append = (fdflags & FDFLAGS_APPEND) !== 0;
  f.position = 0;
  f.size = exists && !truncate ? size >>> 0 : 0;
  f.unlinked = false;
  // a created or truncated file is saved even if nothing is written to it
  f.dirty = writable && (!exists || truncate);
  if (writable) {
    reserve(f, f.size);
    const held = heldCopy(files, f);
    if (held !== null) {
      f.buffer.set(held.buffer.subarray(0, f.size), 0);
    } else if (f.size > 0) {
      const errno = files.folder.read(files.folder.data, f.pathView(), 0, f.buffer, 0, f.size);
      if (errno !== Errno.Success) return done(t, base, errno);
    }
  }
  f.inUse = true;
  storeU32(mem, fdPtr, (FIRST_OPEN_FD + slot) >>> 0);
  return done(t, base, Errno.Success);
}

/** Another open, writable descriptor of f's path (its bytes are the file as this module sees it), or null. */
function heldCopy(files: FileTable, f: OpenFile): OpenFile | null {
  for (const g of files.open) {
    if (g !== f && g.inUse && !g.isDir && g.writable && !g.unlinked && sameBytes(g.pathView(), f.pathView())) return g;
  }
  return null;
}

/** path_filestat_get(dirfd, lookupflags, path, path_len, filestat_ptr) */
export function pathFilestatGet(t: Thread, base: i32, data: i32): i32 {
  const files = filesOf(data);
  if (files === null || !files.isFolder(argI32(t, base, 0))) return done(t, base, Errno.Badf);
  const mem = guestMemory(t);
  if (mem === null) return noMemory(t);
  const pathPtr = argU32(t, base, 2);
  const pathLength = argU32(t, base, 3);
  const ptr = argU32(t, base, 4);
  if (!inBounds(mem, pathPtr, pathLength) || !inBounds(mem, ptr, FILESTAT_SIZE)) return done(t, base, Errno.Fault);
  const n = normalisePath(files, mem, pathPtr, pathLength);
  if (n < 0) return done(t, base, (-n) | 0);
  if (n === 0) {
    writeFilestat(mem, ptr, FileType.Directory, 0);
    return done(t, base, Errno.Success);
  }
  const size = currentSize(files);
  if (size === -2) return done(t, base, Errno.Io);
  if (size < 0) return done(t, base, Errno.Noent);
  writeFilestat(mem, ptr, FileType.RegularFile, size >>> 0);
  return done(t, base, Errno.Success);
}

/** path_unlink_file(dirfd, path, path_len): descriptors open on the file keep working; they are not saved again. */
export function pathUnlinkFile(t: Thread, base: i32, data: i32): i32 {
  const files = filesOf(data);
  if (files === null || !files.isFolder(argI32(t, base, 0))) return done(t, base, Errno.Badf);
  const mem = guestMemory(t);
  if (mem === null) return noMemory(t);
  const pathPtr = argU32(t, base, 1);
  const pathLength = argU32(t, base, 2);
  if (!inBounds(mem, pathPtr, pathLength)) return done(t, base, Errno.Fault);
  const n = normalisePath(files, mem, pathPtr, pathLength);
  if (n < 0) return done(t, base, (-n) | 0);
  if (n === 0) return done(t, base, Errno.Isdir);
  let held = false;
  for (const f of files.open) {
    if (f.inUse && !f.isDir && !f.unlinked && sameBytes(f.pathView(), files.pathView())) {
      if (f.writable) held = true;
      f.unlinked = true;
    }
  }
  const errno = files.folder.remove(files.folder.data, files.pathView());
  // a file created and not saved yet exists only in its descriptor
  return done(t, base, errno === Errno.Noent && held ? Errno.Success : errno);
}

/**
 * fd_readdir(fd, buf, buf_len, cookie, bufused_ptr): dirents of the folder's
 * files from number `cookie` on, the last one cut at the buffer's end (a full
 * buffer tells libc to ask again).
 */
export function fdReaddir(t: Thread, base: i32, data: i32): i32 {
  const files = filesOf(data);
  if (files === null || !files.isFolder(argI32(t, base, 0))) return done(t, base, files === null ? Errno.Badf : Errno.Notdir);
  const mem = guestMemory(t);
  if (mem === null) return noMemory(t);
  const buf = argU32(t, base, 1);
  const bufLength = argU32(t, base, 2);
  const cookie = argI64(t, base, 3);
  const usedPtr = argU32(t, base, 4);
  if (!inBounds(mem, buf, bufLength) || !inBounds(mem, usedPtr, 4)) return done(t, base, Errno.Fault);
  let used: u32 = 0;
  let index: i32 = cookie < 0n || cookie > 1000000n ? -1 : Number(cookie) | 0;
  while (index >= 0 && used < bufLength) {
    const n = files.folder.nameAt(files.folder.data, index, files.path);
    if (n < 0) break;
    const record = (DIRENT_SIZE + n) >>> 0;
    const room = (bufLength - used) >>> 0;
    if (room >= DIRENT_SIZE) {
      const at = (buf + used) >>> 0;
      storeI64(mem, at, BigInt(index + 1));
      storeI64(mem, (at + 8) >>> 0, BigInt(index + 1));
      storeU32(mem, (at + 16) >>> 0, n >>> 0);
      mem.bytes.fill(0, at + 20, at + DIRENT_SIZE);
      mem.bytes[(at + 20) >>> 0] = FileType.RegularFile;
      const nameRoom = room - DIRENT_SIZE;
      mem.bytes.set(files.path.subarray(0, n < nameRoom ? n : nameRoom), (at + DIRENT_SIZE) >>> 0);
    }
    used = (used + (record < room ? record : room)) >>> 0;
    index++;
  }
  storeU32(mem, usedPtr, used);
  return done(t, base, Errno.Success);
}

function writeFilestat(mem: MemInst, ptr: u32, type: FileType, size: u32): void {
  mem.bytes.fill(0, ptr, ptr + FILESTAT_SIZE);
  mem.bytes[(ptr + FILESTAT_FILETYPE) >>> 0] = type;
  storeI64(mem, (ptr + FILESTAT_NLINK) >>> 0, 1n);
  storeI64(mem, (ptr + FILESTAT_SIZE_FIELD) >>> 0, BigInt(size));
}

// ---- descriptors past the console (fd.ts sends fd >= 3 here) -------------------

/** The open file (not a folder handle) that fd names in context `data`, or null. */
function openFile(data: i32, fd: i32): OpenFile | null {
  const files = filesOf(data);
  const f = files === null ? null : files.file(fd);
  return f === null || f.isDir ? null : f;
}

/** The errno for an fd that names no open file, or a file opened without the access asked for: EISDIR for the folder, else EBADF. */
function notAFile(data: i32, fd: i32): i32 {
  const files = filesOf(data);
  return files !== null && files.isFolder(fd) ? Errno.Isdir : Errno.Badf;
}

/** fd_write on fd >= 3 (the iovecs are checked): writes at the position (at the end when appending). */
export function fileWrite(t: Thread, base: i32, data: i32, mem: MemInst, fd: i32, iovs: u32, count: u32, nwrittenPtr: u32): i32 {
  const f = openFile(data, fd);
  if (f === null || !f.writable) return done(t, base, notAFile(data, fd));
  const max: u32 = filesOf(data)!.folder.maxFileBytes;
  if (f.append) f.position = f.size;
  let total: u32 = 0;
  for (let i: u32 = 0; i < count; i++) {
    const at = (iovs + i * IOVEC_SIZE) >>> 0;
    const from = loadU32(mem, at);
    const asked = loadU32(mem, (at + 4) >>> 0);
    // a write stops at the largest file the folder takes: short, then EFBIG
    const room: u32 = f.position < max ? (max - f.position) >>> 0 : 0;
    const length: u32 = asked < room ? asked : room;
    if (length === 0) {
      if (asked > 0 && total === 0) return done(t, base, Errno.Fbig);
      if (asked > 0) break;
      continue;
    }
    const end = (f.position + length) >>> 0;
    reserve(f, end);
    // a write past the end leaves zeros in the gap, as POSIX files do
    if (f.position > f.size) f.buffer.fill(0, f.size, f.position);
    f.buffer.set(mem.bytes.subarray(from, from + length), f.position);
    f.position = end;
    if (end > f.size) f.size = end;
    f.dirty = true;
    total = (total + length) >>> 0;
  }
  storeU32(mem, nwrittenPtr, total);
  return done(t, base, Errno.Success);
}

/** fd_read on fd >= 3 (the iovecs are checked): reads from the position until the buffers are full or the file ends. */
export function fileRead(t: Thread, base: i32, data: i32, mem: MemInst, fd: i32, iovs: u32, count: u32, nreadPtr: u32): i32 {
  const f = openFile(data, fd);
  if (f === null || !f.readable) return done(t, base, notAFile(data, fd));
  const folder = filesOf(data)!.folder;
  let total: u32 = 0;
  for (let i: u32 = 0; i < count && f.position < f.size; i++) {
    const at = (iovs + i * IOVEC_SIZE) >>> 0;
    const to = loadU32(mem, at);
    const want = loadU32(mem, (at + 4) >>> 0);
    const left = (f.size - f.position) >>> 0;
    const n: u32 = want < left ? want : left;
    if (n === 0) continue;
    if (f.writable) {
      mem.bytes.set(f.buffer.subarray(f.position, f.position + n), to);
    } else {
      const errno = folder.read(folder.data, f.pathView(), f.position, mem.bytes, to, n);
      if (errno !== Errno.Success) return done(t, base, errno);
    }
    f.position = (f.position + n) >>> 0;
    total = (total + n) >>> 0;
  }
  storeU32(mem, nreadPtr, total);
  return done(t, base, Errno.Success);
}

/** fd_seek(fd, offset, whence, newoffset_ptr) on fd >= 3. */
export function fileSeek(t: Thread, base: i32, data: i32): i32 {
  const fd = argI32(t, base, 0);
  const f = openFile(data, fd);
  if (f === null) return done(t, base, notAFile(data, fd));
  const mem = guestMemory(t);
  if (mem === null) return noMemory(t);
  const offset: i64 = argI64(t, base, 1);
  const whence = argI32(t, base, 2);
  const ptr = argU32(t, base, 3);
  if (!inBounds(mem, ptr, 8)) return done(t, base, Errno.Fault);
  let from: f64 = 0;
  if (whence === Whence.Cur) from = f.position;
  else if (whence === Whence.End) from = f.size;
  else if (whence !== Whence.Set) return done(t, base, Errno.Inval);
  const position: f64 = from + Number(offset);
  if (position < 0 || position > 4294967295) return done(t, base, Errno.Inval);
  f.position = position >>> 0;
  storeI64(mem, ptr, BigInt(f.position));
  return done(t, base, Errno.Success);
}

/** fd_tell(fd, offset_ptr) on fd >= 3. */
export function fileTell(t: Thread, base: i32, data: i32): i32 {
  const fd = argI32(t, base, 0);
  const f = openFile(data, fd);
  if (f === null) return done(t, base, notAFile(data, fd));
  const mem = guestMemory(t);
  if (mem === null) return noMemory(t);
  const ptr = argU32(t, base, 1);
  if (!inBounds(mem, ptr, 8)) return done(t, base, Errno.Fault);
  storeI64(mem, ptr, BigInt(f.position));
  return done(t, base, Errno.Success);
}

/** fd_close on fd >= 3: saves a written file; the descriptor is closed even when the save fails (its errno is returned). */
export function fileClose(t: Thread, base: i32, data: i32): i32 {
  const files = filesOf(data);
  const fd = argI32(t, base, 0);
  if (files === null) return done(t, base, Errno.Badf);
  if (fd === DIR_FD) {
    if (!files.dirOpen) return done(t, base, Errno.Badf);
    files.dirOpen = false;
    return done(t, base, Errno.Success);
  }
  const f = files.file(fd);
  if (f === null) return done(t, base, Errno.Badf);
  const errno = saveFile(files, f);
  f.inUse = false;
  return done(t, base, errno);
}

/** fd_sync(fd) / fd_datasync(fd): saves a written file now (on the console, nothing to do). */
export function fdSync(t: Thread, base: i32, data: i32): i32 {
  const fd = argI32(t, base, 0);
  if (fd >= 0 && fd < 3) return done(t, base, contextOf(data).isOpen(fd) ? Errno.Success : Errno.Badf);
  const files = filesOf(data);
  const f = files === null ? null : files.file(fd);
  if (f === null) return done(t, base, files !== null && files.isFolder(fd) ? Errno.Success : Errno.Badf);
  return done(t, base, saveFile(files!, f));
}

/** fd_fdstat_get on fd >= 3: a regular file or the folder, with the rights it was opened with. */
export function fileFdstat(t: Thread, base: i32, data: i32, mem: MemInst, fd: i32, ptr: u32): i32 {
  const files = filesOf(data);
  if (files === null) return done(t, base, Errno.Badf);
  mem.bytes.fill(0, ptr, ptr + FDSTAT_SIZE);
  if (files.isFolder(fd)) {
    mem.bytes[ptr] = FileType.Directory;
    storeU32(mem, (ptr + FDSTAT_RIGHTS_BASE) >>> 0, DIR_RIGHTS);
    storeU32(mem, (ptr + FDSTAT_RIGHTS_INHERITING) >>> 0, FILE_READ_RIGHTS | FILE_WRITE_RIGHTS);
    return done(t, base, Errno.Success);
  }
  const f = files.file(fd);
  if (f === null) return done(t, base, Errno.Badf);
  mem.bytes[ptr] = FileType.RegularFile;
  if (f.append) mem.bytes[(ptr + FDSTAT_FLAGS) >>> 0] = FDFLAGS_APPEND;
  const rights = (f.readable ? FILE_READ_RIGHTS : 0) | (f.writable ? FILE_WRITE_RIGHTS : 0);
  storeU32(mem, (ptr + FDSTAT_RIGHTS_BASE) >>> 0, rights);
  return done(t, base, Errno.Success);
}

/** fd_filestat_get on fd >= 3. */
export function fileFilestat(t: Thread, base: i32, data: i32, mem: MemInst, fd: i32, ptr: u32): i32 {
  const files = filesOf(data);
  if (files === null) return done(t, base, Errno.Badf);
  if (files.isFolder(fd)) {
    writeFilestat(mem, ptr, FileType.Directory, 0);
    return done(t, base, Errno.Success);
  }
  const f = files.file(fd);
  if (f === null) return done(t, base, Errno.Badf);
  writeFilestat(mem, ptr, FileType.RegularFile, f.size);
  return done(t, base, Errno.Success);
}
