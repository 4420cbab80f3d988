// File descriptors: the console streams 0 (stdin), 1 (stdout) and 2
// (stderr), over the HAL's console (or the context's sink); a descriptor past
// them is the module's folder or a file in it, handled by files.ts. Each
// function is a HostFunc: arguments in the thread's slots from `base`, an
// errno result.
import type { i32, u32, f64 } from "../types";
import { ConsoleFd, consoleRead, consoleWrite } from "../hal";
import { MemInst, Thread } from "../engine/runtime";
import { Errno, FDSTAT_RIGHTS_BASE, FDSTAT_SIZE, FILESTAT_FILETYPE, FILESTAT_SIZE, FileType, IOVEC_SIZE, Rights } from "./abi";
import { fileClose, fileFdstat, fileFilestat, fileRead, fileSeek, fileTell, fileWrite } from "./files";
import { WasiContext, contextOf, mayYield } from "./context";
import { Trap } from "../engine/types";
import { argI32, argU32, done, guestMemory, inBounds, loadU32, noMemory, storeU32 } from "./memory";

/** The most one fd_read asks the HAL for (its lengths are i32 results). */
const MAX_READ: u32 = 1 << 30;

/** Whether every iovec of the array at `iovs` (`count` entries) and the buffers they name lie in memory. */
function iovecsInBounds(mem: MemInst, iovs: u32, count: u32): boolean {
  if (!inBounds(mem, iovs, count * IOVEC_SIZE)) return false;
  for (let i: u32 = 0; i < count; i++) {
    const at = (iovs + i * IOVEC_SIZE) >>> 0;
    if (!inBounds(mem, loadU32(mem, at), loadU32(mem, (at + 4) >>> 0))) return false;
  }
  return true;
}

/** fd_write(fd, iovs, iovs_len, nwritten_ptr): writes the buffers in order to stdout or stderr. */
export function fdWrite(t: Thread, base: i32, data: i32): i32 {
  const mem = guestMemory(t);
  if (mem === null) return noMemory(t);
  const fd = argI32(t, base, 0);
  const iovs = argU32(t, base, 1);
  const count = argU32(t, base, 2);
  const nwrittenPtr = argU32(t, base, 3);
  if (fd > 2) {
    if (!iovecsInBounds(mem, iovs, count) || !inBounds(mem, nwrittenPtr, 4)) return done(t, base, Errno.Fault);
    return fileWrite(t, base, data, mem, fd, iovs, count, nwrittenPtr);
  }
  if (fd === ConsoleFd.Stdin || !contextOf(data).isOpen(fd)) return done(t, base, Errno.Badf);
  if (!iovecsInBounds(mem, iovs, count) || !inBounds(mem, nwrittenPtr, 4)) return done(t, base, Errno.Fault);
  const ctx = contextOf(data);
  if (ctx.sink !== null) return sinkWrite(t, base, ctx, mem, fd, iovs, count, nwrittenPtr);
  let total: f64 = 0;
  for (let i: u32 = 0; i < count; i++) {
    const at = (iovs + i * IOVEC_SIZE) >>> 0;
    const length = loadU32(mem, (at + 4) >>> 0);
    if (length === 0) continue;
    if (consoleWrite(fd, mem.bytes, loadU32(mem, at), length) < 0) return done(t, base, Errno.Io);
    total += length;
  }
  storeU32(mem, nwrittenPtr, total >>> 0);
  return done(t, base, Errno.Success);
}

/**
 * fd_write into the context's sink, which may take fewer bytes than offered
 * (its queue drains at the link's pace): a short write, as a pipe gives, which
 * libc continues. When the sink takes nothing, the call waits: it yields and
 * runs again (Thread.retryCall) once the scheduler resumes it; where it cannot
 * yield, the bytes are dropped and reported written.
 */
function sinkWrite(t: Thread, base: i32, ctx: WasiContext, mem: MemInst, fd: i32, iovs: u32, count: u32, nwrittenPtr: u32): i32 {
  let total: f64 = 0;
  let offered: f64 = 0;
  for (let i: u32 = 0; i < count; i++) {
    const at = (iovs + i * IOVEC_SIZE) >>> 0;
    const length = loadU32(mem, (at + 4) >>> 0);
    if (length === 0) continue;
    offered += length;
    const took = ctx.sink!(ctx.sinkData, fd, mem.bytes, loadU32(mem, at), length);
    if (took < 0) return done(t, base, Errno.Io);
    total += took;
    if (took < length) break;
  }
  if (total === 0 && offered > 0) {
    if (mayYield(t)) {
      t.retryCall = true;
      t.wakeAtNs = 0n;
      return Trap.Yield;
    }
    total = offered;
  }
  storeU32(mem, nwrittenPtr, total >>> 0);
  return done(t, base, Errno.Success);
}

/**
 * fd_read(fd, iovs, iovs_len, nread_ptr): one read of stdin into the first
 * non-empty buffer (like readv, it returns what is there rather than waiting
 * to fill them all). 0 bytes read means the end of the input.
 */
export function fdRead(t: Thread, base: i32, data: i32): i32 {
  const mem = guestMemory(t);
  if (mem === null) return noMemory(t);
  const fd = argI32(t, base, 0);
  const iovs = argU32(t, base, 1);
  const count = argU32(t, base, 2);
  const nreadPtr = argU32(t, base, 3);
  if (fd > 2) {
    if (!iovecsInBounds(mem, iovs, count) || !inBounds(mem, nreadPtr, 4)) return done(t, base, Errno.Fault);
    return fileRead(t, base, data, mem, fd, iovs, count, nreadPtr);
  }
  if (fd !== ConsoleFd.Stdin || !contextOf(data).isOpen(fd)) return done(t, base, Errno.Badf);
  if (!iovecsInBounds(mem, iovs, count) || !inBounds(mem, nreadPtr, 4)) return done(t, base, Errno.Fault);
  let got: i32 = 0;
  for (let i: u32 = 0; i < count; i++) {
    const at = (iovs + i * IOVEC_SIZE) >>> 0;
    const length = loadU32(mem, (at + 4) >>> 0);
    if (length === 0) continue;
    got = consoleRead(mem.bytes, loadU32(mem, at), length < MAX_READ ? length : MAX_READ);
    if (got < 0) return done(t, base, Errno.Io);
    break;
  }
  storeU32(mem, nreadPtr, got >>> 0);
  return done(t, base, Errno.Success);
}

/**
 * fd_fdstat_get(fd, fdstat_ptr): a console stream is a character device when
 * it is a terminal and of unknown type otherwise (a pipe or a file, as
 * wasmtime reports them), so that libc's isatty() and its buffering choice are
 * right; readable (0) or writable (1, 2).
 */
export function fdFdstatGet(t: Thread, base: i32, data: i32): i32 {
  const mem = guestMemory(t);
  if (mem === null) return noMemory(t);
  const fd = argI32(t, base, 0);
  const ptr = argU32(t, base, 1);
  if (fd > 2) {
    if (!inBounds(mem, ptr, FDSTAT_SIZE)) return done(t, base, Errno.Fault);
    return fileFdstat(t, base, data, mem, fd, ptr);
  }
  if (!contextOf(data).isOpen(fd)) return done(t, base, Errno.Badf);
  if (!inBounds(mem, ptr, FDSTAT_SIZE)) return done(t, base, Errno.Fault);
  mem.bytes.fill(0, ptr, ptr + FDSTAT_SIZE);
  mem.bytes[ptr] = contextOf(data).isTerminal(fd) ? FileType.CharacterDevice : FileType.Unknown;
  const rights: u32 = fd === ConsoleFd.Stdin ? Rights.FdRead | Rights.PollFdReadwrite : Rights.FdWrite | Rights.PollFdReadwrite;
  storeU32(mem, (ptr + FDSTAT_RIGHTS_BASE) >>> 0, rights);
  // fs_flags and fs_rights_inheriting stay 0
  return done(t, base, Errno.Success);
}

/** fd_filestat_get(fd, filestat_ptr): a console stream has only a type (as fd_fdstat_get says); the rest is 0. */
export function fdFilestatGet(t: Thread, base: i32, data: i32): i32 {
  const mem = guestMemory(t);
  if (mem === null) return noMemory(t);
  const fd = argI32(t, base, 0);
  const ptr = argU32(t, base, 1);
  if (fd > 2) {
    if (!inBounds(mem, ptr, FILESTAT_SIZE)) return done(t, base, Errno.Fault);
    return fileFilestat(t, base, data, mem, fd, ptr);
  }
  if (!contextOf(data).isOpen(fd)) return done(t, base, Errno.Badf);
  if (!inBounds(mem, ptr, FILESTAT_SIZE)) return done(t, base, Errno.Fault);
  mem.bytes.fill(0, ptr, ptr + FILESTAT_SIZE);
  mem.bytes[(ptr + FILESTAT_FILETYPE) >>> 0] = contextOf(data).isTerminal(fd) ? FileType.CharacterDevice : FileType.Unknown;
  return done(t, base, Errno.Success);
}

/** fd_tell(fd, offset_ptr): the console has no position (ESPIPE, as fd_seek). */
export function fdTell(t: Thread, base: i32, data: i32): i32 {
  if (argI32(t, base, 0) > 2) return fileTell(t, base, data);
  return done(t, base, contextOf(data).isOpen(argI32(t, base, 0)) ? Errno.Spipe : Errno.Badf);
}

/** fd_seek(fd, offset, whence, newoffset_ptr): the console cannot seek (ESPIPE, as for a pipe or a terminal). */
export function fdSeek(t: Thread, base: i32, data: i32): i32 {
  if (argI32(t, base, 0) > 2) return fileSeek(t, base, data);
  return done(t, base, contextOf(data).isOpen(argI32(t, base, 0)) ? Errno.Spipe : Errno.Badf);
}

/** fd_close(fd): closes a console stream for this instance; later use of it gives EBADF. */
export function fdClose(t: Thread, base: i32, data: i32): i32 {
  const ctx = contextOf(data);
  const fd = argI32(t, base, 0);
  if (fd > 2) return fileClose(t, base, data);
  if (!ctx.isOpen(fd)) return done(t, base, Errno.Badf);
  ctx.open[fd] = 0;
  return done(t, base, Errno.Success);
}
