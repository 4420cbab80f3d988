// CRC-32 (IEEE, reflected 0xEDB88320) with a Uint32Array table; u32 arithmetic with >>> 0.
import type { i32, u32 } from "../../../core/types";
import { hex32 } from "./lib/hex";

const TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c: u32 = n >>> 0;
  for (let k = 0; k < 8; k++) {
    c = c & 1 ? (0xedb88320 ^ (c >>> 1)) >>> 0 : c >>> 1;
  }
  TABLE[n] = c;
}

function crc32(data: Uint8Array): u32 {
  let crc: u32 = 0xffffffff;
  for (let i = 0; i < data.length; i++) {
    crc = (TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8)) >>> 0;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function ascii(codes: i32[]): Uint8Array {
  const out = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    out[i] = codes[i];
  }
  return out;
}

console.log("table", hex32(TABLE[0]), hex32(TABLE[1]), hex32(TABLE[128]), hex32(TABLE[255]));
const check = ascii([0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39]);
console.log("crc32('123456789') =", hex32(crc32(check)), crc32(check));
console.log("crc32('') =", hex32(crc32(new Uint8Array(0))));
const zeros = new Uint8Array(1024);
console.log("crc32(1024 zeros) =", hex32(crc32(zeros)));
const ramp = new Uint8Array(1000);
for (let i = 0; i < ramp.length; i++) {
  ramp[i] = i;
}
console.log("crc32(ramp) =", hex32(crc32(ramp)));
for (let len = 1; len <= 8; len++) {
  console.log("prefix", len, hex32(crc32(check.subarray(0, len))));
}
