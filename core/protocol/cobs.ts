// COBS, Consistent Overhead Byte Stuffing (Cheshire and Baker, 1999): turns a
// byte string into one with no 0x00 byte, so that 0x00 can delimit frames on
// the wire and a receiver finds the next frame after any garbage
// (docs/protocol.md, "Frames").
//
// The encoding is a list of blocks; a block is a code byte c (1..255)
// followed by c-1 non-zero data bytes. A block with c < 255 stands for its
// data and then a 0x00, except the last block, whose 0x00 is dropped; a
// block with c = 255 stands for its 254 data bytes alone. An encoding of n
// bytes is at most n + floor(n/254) + 1 bytes long.
//
// API (caller-owned buffers, no allocation):
//   cobsMaxEncodedLength(n): i32                       room to reserve for encoding n bytes
//   cobsEncode(src, srcOffset, length, dst, dstOffset): i32   bytes written
//   cobsDecode(src, srcOffset, length, dst, dstOffset, dstCapacity): i32
//     bytes written, or -1 when `src` is no COBS encoding (a 0x00 inside, a
//     code byte pointing past the end, an empty input) or decodes to more than
//     dstCapacity bytes. Decoding in place (the same array, dstOffset <=
//     srcOffset) works: the output never overtakes the input.
import type { i32 } from "../types";

/** The longest encoding of `length` bytes. */
export function cobsMaxEncodedLength(length: i32): i32 {
  return (length + ((length / 254) | 0) + 1) | 0;
}

/**
 * Encodes src[srcOffset .. srcOffset+length) into dst from dstOffset and
 * returns how many bytes it wrote; dst has room for cobsMaxEncodedLength(length).
 */
export function cobsEncode(src: Uint8Array, srcOffset: i32, length: i32, dst: Uint8Array, dstOffset: i32): i32 {
  let codeAt = dstOffset;
  let out = (dstOffset + 1) | 0;
  let code = 1;
  const end = (srcOffset + length) | 0;
  for (let i = srcOffset; i < end; i++) {
    const b = src[i];
    if (b !== 0) {
      dst[out] = b;
      out++;
      code++;
    }
    if (b === 0 || code === 0xff) {
      // close the block; a block closed because it is full (255) stands for no 0x00
      dst[codeAt] = code;
      codeAt = out;
      out++;
      code = 1;
    }
  }
  dst[codeAt] = code;
  return (out - dstOffset) | 0;
}

/**
 * Decodes src[srcOffset .. srcOffset+length) into dst from dstOffset, writing
 * at most dstCapacity bytes. Returns the decoded length, or -1 if the input
 * is malformed or the output would not fit.
 */
export function cobsDecode(
  src: Uint8Array,
  srcOffset: i32,
  length: i32,
  dst: Uint8Array,
  dstOffset: i32,
  dstCapacity: i32,
): i32 {
  if (length <= 0) {
    return -1;
  }
  const end = (srcOffset + length) | 0;
  const limit = (dstOffset + dstCapacity) | 0;
  let i = srcOffset;
  let out = dstOffset;
  while (i < end) {
    const code = src[i];
    if (code === 0) {
      return -1;
    }
    const blockEnd = (i + code) | 0;
    if (blockEnd > end) {
      return -1;
    }
    i++;
    if (((out + code - 1) | 0) > limit) {
      return -1;
    }
    while (i < blockEnd) {
      const b = src[i];
      if (b === 0) {
        return -1;
      }
      dst[out] = b;
      out++;
      i++;
    }
    if (code !== 0xff && i < end) {
      if (out >= limit) {
        return -1;
      }
      dst[out] = 0;
      out++;
    }
  }
  return (out - dstOffset) | 0;
}
