// The WASI preview1 ABI: error numbers, the constants and the memory layouts
// (offsets and sizes) of the records this subset reads and writes. Values are
// those of the witx definitions of wasi_snapshot_preview1.
import type { i32 } from "../types";

/** errno: the result of every preview1 function. */
export enum Errno {
  Success = 0,
  Badf = 8,
  Exist = 20,
  Fault = 21,
  Fbig = 22,
  Inval = 28,
  Io = 29,
  Isdir = 31,
  Mfile = 33,
  Nametoolong = 37,
  Noent = 44,
  Nospc = 51,
  Nosys = 52,
  Notdir = 54,
  Spipe = 70,
  Notcapable = 76,
}

export enum ClockId {
  Realtime = 0,
  Monotonic = 1,
  ProcessCputime = 2,
  ThreadCputime = 3,
}

export enum FileType {
  Unknown = 0,
  CharacterDevice = 2,
  Directory = 3,
  RegularFile = 4,
}

/** oflags of path_open */
export enum OFlags {
  Creat = 1,
  Directory = 2,
  Excl = 4,
  Trunc = 8,
}

/** fdflags */
export const FDFLAGS_APPEND: i32 = 1;

/** whence of fd_seek */
export enum Whence {
  Set = 0,
  Cur = 1,
  End = 2,
}

/** Rights bits (a u64 in fdstat; these fit the low word). */
export enum Rights {
  FdDatasync = 1 << 0,
  FdRead = 1 << 1,
  FdSeek = 1 << 2,
  FdSync = 1 << 4,
  FdTell = 1 << 5,
  FdWrite = 1 << 6,
  PathOpen = 1 << 13,
  FdReaddir = 1 << 14,
  PathFilestatGet = 1 << 18,
  FdFilestatGet = 1 << 21,
  PathUnlinkFile = 1 << 26,
  PollFdReadwrite = 1 << 27,
}

/** What a file opened for reading (and writing) may do; what the folder gives the files opened in it. */
export const FILE_READ_RIGHTS: i32 = Rights.FdRead | Rights.FdSeek | Rights.FdTell | Rights.FdFilestatGet | Rights.PollFdReadwrite;
export const FILE_WRITE_RIGHTS: i32 = Rights.FdWrite | Rights.FdSync | Rights.FdDatasync | Rights.FdSeek | Rights.FdTell | Rights.FdFilestatGet | Rights.PollFdReadwrite;
export const DIR_RIGHTS: i32 = Rights.PathOpen | Rights.FdReaddir | Rights.PathFilestatGet | Rights.PathUnlinkFile | Rights.FdFilestatGet;

/** filestat: { dev: u64 @0, ino: u64 @8, filetype: u8 @16, nlink: u64 @24, size: u64 @32, atim @40, mtim @48, ctim @56 } */
export const FILESTAT_SIZE: i32 = 64;
export const FILESTAT_FILETYPE: i32 = 16;
export const FILESTAT_NLINK: i32 = 24;
export const FILESTAT_SIZE_FIELD: i32 = 32;

/** prestat: { tag: u8 @0 (0 = a directory), pr_name_len: u32 @4 } */
export const PRESTAT_SIZE: i32 = 8;

/** dirent: { d_next: u64 @0, d_ino: u64 @8, d_namlen: u32 @16, d_type: u8 @20 }, then the name */
export const DIRENT_SIZE: i32 = 24;

/** The `eventtype` tag of a subscription and an event. */
export enum EventType {
  Clock = 0,
  FdRead = 1,
  FdWrite = 2,
}

/** subclockflags: the timeout is an absolute time of the clock, not a delay. */
export const SUBCLOCK_ABSTIME: i32 = 1;

/** iovec / ciovec: { buf: u32, buf_len: u32 } */
export const IOVEC_SIZE: i32 = 8;

/** fdstat: { fs_filetype: u8 @0, fs_flags: u16 @2, fs_rights_base: u64 @8, fs_rights_inheriting: u64 @16 } */
export const FDSTAT_SIZE: i32 = 24;
export const FDSTAT_FLAGS: i32 = 2;
export const FDSTAT_RIGHTS_BASE: i32 = 8;
export const FDSTAT_RIGHTS_INHERITING: i32 = 16;

/**
 * subscription: { userdata: u64 @0, tag: u8 @8, then the union at 16:
 * clock { id: u32 @16, timeout: u64 @24, precision: u64 @32, flags: u16 @40 }
 * or fd_read / fd_write { file_descriptor: u32 @16 } }
 */
export const SUBSCRIPTION_SIZE: i32 = 48;
export const SUB_TAG: i32 = 8;
export const SUB_CLOCK_ID: i32 = 16;
export const SUB_CLOCK_TIMEOUT: i32 = 24;
export const SUB_CLOCK_FLAGS: i32 = 40;
export const SUB_FD: i32 = 16;

/** event: { userdata: u64 @0, error: u16 @8, type: u8 @10, fd_readwrite { nbytes: u64 @16, flags: u16 @24 } } */
export const EVENT_SIZE: i32 = 32;
export const EVENT_ERROR: i32 = 8;
export const EVENT_TYPE: i32 = 10;
export const EVENT_NBYTES: i32 = 16;
export const EVENT_FLAGS: i32 = 24;
