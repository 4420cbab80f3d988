// The WASI preview1 ABI: error numbers, the constants and the memory layouts
// (offsets and sizes) of the records this subset reads and writes. Values are
// those of the witx definitions of wasi_snapshot_preview1.
import type { i32 } from "../types";

/** errno: the result of every preview1 function. */
export enum Errno {
  Success = 0,
  Badf = 8,
  Fault = 21,
  Inval = 28,
  Io = 29,
  Nosys = 52,
  Spipe = 70,
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
}

/** Rights bits (a u64 in fdstat; these fit the low word). */
export enum Rights {
  FdRead = 1 << 1,
  FdWrite = 1 << 6,
  PollFdReadwrite = 1 << 27,
}

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
