// The module store's bytes on flash (core/device/store.ts does the work).
//
// The store owns the whole HAL flash (core/hal.ts: address 0 .. flashSize(),
// erased in blocks of flashEraseSize() bytes to 0xFF, programmed by clearing
// bits, never across a page). It is a sequence of blocks; each module is an
// *extent*: a run of consecutive blocks whose first 1024 bytes are the header
// and whose module bytes follow at extent offset 1024:
//
//   extent offset  size  field
//   0              4     magic 0x314D5357 (bytes "WSM1"), u32 little-endian
//   4              2     layout version = 1, u16le
//   6              2     header bytes = 1024 (where the module's bytes start), u16le
//   8              4     seq, u32le: the store's install counter (a newer copy of a name has a higher seq)
//   12             4     size: the module's bytes, u32le
//   16             1     flags: bit 0 = autostart when installed; bit 1 = a file of a module's
//                        folder (not a module); other bits 0
//   17             1     name length, 1..32 (a file: its module's name)
//   18             1     caps length, 0..128
//   19             1     args length, 0..128
//   20             32    SHA-256 of the module's bytes
//   52             32    name (UTF-8), zero after its length
//   84             128   caps (UTF-8, e.g. "gpio=25 clock"), zero after its length
//   212            128   args (bytes), zero after their length (a file: its path in the folder, 1..64)
//   340            4     CRC-32/ISO-HDLC (zlib's) of bytes 0..339, u32le
//   344            168   0xFF (never programmed)
//   512            4     commit word: 0xFFFFFFFF while the module is being written, then exactly
//                        0x5AC3A53C (COMMIT_MARK); any other value is a torn commit = not committed
//   516            4     dead word: 0xFFFFFFFF while the module is alive; programmed to 0 when it is removed
//                        or superseded (any value other than 0xFFFFFFFF means dead)
//   520            248   0xFF (never programmed)
//   768            256   autostart toggles: 2048 bits, all 1 at install; each change of the autostart
//                        flag clears one more bit (the next one, low bit first, byte by byte).
//                        autostart = flags bit 0 XOR (the number of 0 bits is odd)
//   1024           size  the module's bytes
//   1024+size      ...   0xFF to the extent's end
//
// A file of a module's folder (WASI's files, core/device/folder.ts) is an extent like a module's: the
// same header with flag bit 1, its module's name, its path in args, no caps; its bytes follow. A
// save writes a new copy and kills the old one, as a replacing install does.
//
// An extent is ceil((1024 + size) / blockSize) blocks. "Valid header" = magic, version and header bytes
// as above, a matching CRC, lengths in range and an extent that fits the flash.
//
// Order of writes (each step is one or a few page programs or block erases):
//   install  erase the first block; program the header body (bytes 0..343); for each chunk, erase the
//            next block when the data reaches it, program the bytes; read all back and check SHA-256;
//            program the commit word. Replacing a name: then program the old copy's dead word, then
//            collect it (below).
//   remove   program the dead word, then collect the extent.
//   autostart  clear the next toggle bit (one aligned 4-byte program that changes one byte); when
//            all 2048 are used, the module is copied to a new extent (a new seq, the new flag) as an
//            install is, and the old one is removed.
//   collect  (an extent that is dead or was never committed) erase its blocks from the last to the
//            second, program its magic to 0, erase its first block.
//
// Invariants that make a power cut at any point harmless:
//   - every block that is not inside the extent of a valid header is free, and no free block holds a
//     valid header (collection keeps a valid header over an extent until all of its other blocks are
//     erased, and breaks the magic before it erases the first block, so a torn erase cannot revive it);
//   - mount walks the blocks from 0: a valid header's extent is skipped as a whole (so the module bytes
//     inside it, whatever they contain, are never read as headers), any other block is free;
//   - a module exists when its header is valid, its commit word is exactly COMMIT_MARK and its dead word
//     is 0xFFFFFFFF; of two such copies of one name (of a file: one name and path) the higher seq wins
//     and mount kills the other;
//   - mount collects every dead or uncommitted extent, so an install cut short is discarded.
import type { i32, u8, u32 } from "../types";
import { crc32 } from "../protocol/crc32";

export const MAGIC: u32 = 0x314d5357;
export const LAYOUT_VERSION: i32 = 1;
/** the header's bytes at the start of each extent; the module's bytes follow */
export const HEADER_BYTES: i32 = 1024;

export const OFF_MAGIC: i32 = 0;
export const OFF_VERSION: i32 = 4;
export const OFF_HEADER_BYTES: i32 = 6;
export const OFF_SEQ: i32 = 8;
export const OFF_SIZE: i32 = 12;
export const OFF_FLAGS: i32 = 16;
export const OFF_NAME_LENGTH: i32 = 17;
export const OFF_CAPS_LENGTH: i32 = 18;
export const OFF_ARGS_LENGTH: i32 = 19;
export const OFF_SHA256: i32 = 20;
export const OFF_NAME: i32 = 52;
export const OFF_CAPS: i32 = 84;
export const OFF_ARGS: i32 = 212;
export const OFF_CRC: i32 = 340;
/** the header body: what the CRC covers, plus the CRC */
export const BODY_BYTES: i32 = 344;
export const OFF_COMMIT: i32 = 512;
export const OFF_DEAD: i32 = 516;
export const OFF_TOGGLES: i32 = 768;
export const TOGGLE_BYTES: i32 = 256;
export const TOGGLE_BITS: i32 = 2048;

export const COMMIT_MARK: u32 = 0x5ac3a53c;
export const ERASED_WORD: u32 = 0xffffffff;

export const MAX_NAME: i32 = 32;
export const MAX_CAPS: i32 = 128;
export const MAX_ARGS: i32 = 128;
export const SHA256_BYTES: i32 = 32;
export const FLAG_AUTOSTART: i32 = 1;
export const FLAG_FILE: i32 = 2;
/** The longest path of a file in a module's folder. */
export const MAX_PATH: i32 = 64;

export function getU32(b: Uint8Array, at: i32): u32 {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

export function getU16(b: Uint8Array, at: i32): i32 {
  return b[at] | (b[at + 1] << 8);
}

export function putU32(b: Uint8Array, at: i32, v: u32): void {
  b[at] = v;
  b[at + 1] = v >>> 8;
  b[at + 2] = v >>> 16;
  b[at + 3] = v >>> 24;
}

export function putU16(b: Uint8Array, at: i32, v: i32): void {
  b[at] = v;
  b[at + 1] = v >>> 8;
}

/** Blocks of `blockSize` bytes an extent holding `size` module bytes takes. */
export function extentBlocks(size: u32, blockSize: u32): i32 {
  return Math.ceil((HEADER_BYTES + size) / blockSize) | 0;
}

/** How many toggle bits are cleared in toggles[0 .. TOGGLE_BYTES). */
export function countToggles(toggles: Uint8Array): i32 {
  let n = 0;
  for (let i = 0; i < TOGGLE_BYTES; i++) {
    let v: u8 = ~toggles[i] & 0xff;
    while (v !== 0) {
      n++;
      v = v & (v - 1);
    }
  }
  return n;
}

/**
 * Writes a header body into `b` (at least BODY_BYTES long; bytes past it untouched).
 * The lengths must be in range (the caller has checked them).
 */
export function encodeHeaderBody(
  b: Uint8Array,
  seq: u32,
  size: u32,
  flags: i32,
  sha256: Uint8Array,
  name: Uint8Array,
  caps: Uint8Array,
  args: Uint8Array,
): void {
  b.fill(0, 0, BODY_BYTES);
  putU32(b, OFF_MAGIC, MAGIC);
  putU16(b, OFF_VERSION, LAYOUT_VERSION);
  putU16(b, OFF_HEADER_BYTES, HEADER_BYTES);
  putU32(b, OFF_SEQ, seq);
  putU32(b, OFF_SIZE, size);
  b[OFF_FLAGS] = flags;
  b[OFF_NAME_LENGTH] = name.length;
  b[OFF_CAPS_LENGTH] = caps.length;
  b[OFF_ARGS_LENGTH] = args.length;
  b.set(sha256.subarray(0, SHA256_BYTES), OFF_SHA256);
  b.set(name, OFF_NAME);
  b.set(caps, OFF_CAPS);
  b.set(args, OFF_ARGS);
  putU32(b, OFF_CRC, crc32(b, 0, OFF_CRC));
}

/**
 * Whether b[0 .. BODY_BYTES) is a valid header body of an extent that starts at
 * block `block` of a flash of `blockCount` blocks of `blockSize` bytes.
 */
export function headerBodyValid(b: Uint8Array, block: i32, blockCount: i32, blockSize: u32): boolean {
  if (getU32(b, OFF_MAGIC) !== MAGIC) return false;
  if (getU16(b, OFF_VERSION) !== LAYOUT_VERSION || getU16(b, OFF_HEADER_BYTES) !== HEADER_BYTES) return false;
  if (getU32(b, OFF_CRC) !== crc32(b, 0, OFF_CRC)) return false;
  const nameLength = b[OFF_NAME_LENGTH];
  if (nameLength < 1 || nameLength > MAX_NAME) return false;
  if (b[OFF_CAPS_LENGTH] > MAX_CAPS || b[OFF_ARGS_LENGTH] > MAX_ARGS) return false;
  const size = getU32(b, OFF_SIZE);
  if (size > blockCount * blockSize) return false;
  return block + extentBlocks(size, blockSize) <= blockCount;
}
