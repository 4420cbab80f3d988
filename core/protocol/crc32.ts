// CRC-32/ISO-HDLC (the one of zlib, PNG and Ethernet: reflected polynomial
// 0xEDB88320, initial value and final xor 0xFFFFFFFF), table-driven, one byte
// per step. Every protocol frame ends with this CRC over its header and body
// (docs/protocol.md, "Frames").
//
// API:
//   crc32(bytes, offset, length): u32            the CRC of a byte range
//   crc32Update(crc, bytes, offset, length): u32 continue a CRC, zlib-style:
//     crc32Update(crc32(a), b) === crc32(a ++ b), and crc32Update(0, x) === crc32(x)
import type { i32, u32 } from "../types";

function makeTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c: u32 = n >>> 0;
    for (let k = 0; k < 8; k++) {
      c = (c & 1) !== 0 ? (0xedb88320 ^ (c >>> 1)) >>> 0 : c >>> 1;
    }
    table[n] = c;
  }
  return table;
}

const TABLE: Uint32Array = makeTable();

/**
 * Continues the CRC `crc` (the result of an earlier call, or 0 to start) over
 * bytes[offset .. offset+length). The caller has checked the range.
 */
export function crc32Update(crc: u32, bytes: Uint8Array, offset: i32, length: i32): u32 {
  let c: u32 = (crc ^ 0xffffffff) >>> 0;
  const end = (offset + length) | 0;
  for (let i = offset; i < end; i++) {
    c = (TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8)) >>> 0;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** The CRC-32 of bytes[offset .. offset+length). */
export function crc32(bytes: Uint8Array, offset: i32, length: i32): u32 {
  return crc32Update(0, bytes, offset, length);
}
